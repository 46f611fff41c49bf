/**
 * Every tab of the board workbook (DESIGN §2), each defined once: its columns in sheet order,
 * their headers, which are required, how each cell is read, and what a parsed row holds. The
 * layout (`layout.ts`) and the record types (`records.ts`) are both derived from these.
 * Adding a column is one line here (plus the SDL, if the API serves it).
 */
import * as z from 'zod';
import { boardTab, optional, required } from './columns';
import {
  ACTION_STATUSES,
  ATTENDANCE_VALUES,
  AUDIENCES,
  CO_PRODUCTION_ACTIVITIES,
  COMMISSIONING_STAGES,
  CONSTITUENCIES,
  FEEDBACK_STATUSES,
  INVOLVEMENT_ACTIVITIES,
  MEETING_FORMATS,
  MEETING_STATUSES,
  MEMBER_CATEGORIES,
  MEMBER_ROLES,
  MEMBER_STATUSES,
  PAYMENT_STATUSES,
  PREFERRED_FORMATS,
  PROJECT_PHASES,
  PROJECT_STATUSES,
  TASK_STATUSES,
} from './values';

export const MEMBERS_TAB = boardTab(
  'Members',
  {
    id: required.id('Member ID'),
    name: required.text('Name'),
    role: required.oneOf('Role', MEMBER_ROLES),
    category: required.oneOf('Category', MEMBER_CATEGORIES),
    constituency: required.oneOf('Constituency', CONSTITUENCIES),
    organisation: optional.text('Organisation'),
    group: optional.text('Group'),
    serviceAreas: optional.list('Service areas'),
    email: optional.text('Email'),
    phone: optional.text('Phone'),
    preferredFormat: optional.oneOfOr('Preferred format', PREFERRED_FORMATS, 'Standard'),
    // The Accessible Information Standard's record of how the member needs information (R18).
    communicationNeeds: optional.text('Communication needs'),
    termStart: required.date('Term start'),
    termEnd: optional.date('Term end'),
    extendedTo: optional.date('Extended to'),
    status: required.oneOf('Status', MEMBER_STATUSES),
    nameInCirculation: optional.yesNo('Name in circulation', {
      neededFor: 'who agreed to be named in circulation packs, so packs name nobody',
    }),
    // Blank is Yes: weekly reminders are for every owner who has not said No (DESIGN §2).
    reminders: optional.yesNo('Reminders', { blankIs: true }),
    notes: optional.text('Notes'),
  },
  { idKey: 'id' },
);

export const MEETINGS_TAB = boardTab(
  'Meetings',
  {
    id: required.id('Meeting ID'),
    date: required.date('Date'),
    startTime: optional.time('Start time'),
    lengthHours: optional.number('Length (hours)', z.number().positive()),
    venue: optional.text('Venue'),
    format: optional.oneOf('Format', MEETING_FORMATS),
    topics: optional.list('Topics'),
    minuteTakerId: optional.ref('Minute-taker', 'Members', {
      neededFor: 'whether each meeting has a minute-taker (R11)',
    }),
    deputyCoChairId: optional.ref('Deputy co-chair', 'Members'),
    circulateToDmt: optional.yesNo('Circulate to DMT'),
    status: required.oneOf('Status', MEETING_STATUSES),
    minutesLink: optional.text('Minutes link'),
  },
  { idKey: 'id' },
);

export const ATTENDANCE_TAB = boardTab('Attendance', {
  meetingId: required.ref('Meeting ID', 'Meetings'),
  memberId: required.ref('Member ID', 'Members'),
  attendance: required.oneOf('Attendance', ATTENDANCE_VALUES),
  deputisingForId: optional.ref('Deputising for', 'Members'),
  notes: optional.text('Notes'),
});

export const ACTIONS_TAB = boardTab(
  'Actions',
  {
    id: required.id('Action ID'),
    meetingId: required.ref('Meeting ID', 'Meetings'),
    projectId: optional.ref('Project ID', 'Projects'),
    description: required.text('Action'),
    ownerIds: required.refsOrBlank('Owner', 'Members'),
    dueDate: optional.date('Due date', {
      neededFor: 'which actions are overdue or due before the next meeting (R12)',
    }),
    status: required.oneOf('Status', ACTION_STATUSES),
    lastFollowedUp: optional.date('Last followed up'),
    followUpNote: optional.text('Follow-up note'),
    completedOn: optional.date('Completed on'),
  },
  { idKey: 'id' },
);

export const PROJECTS_TAB = boardTab(
  'Projects',
  {
    id: required.id('Project ID'),
    name: required.text('Name'),
    serviceArea: optional.text('Service area'),
    stage: required.oneOf('Stage', COMMISSIONING_STAGES),
    phase: required.oneOf('Phase', PROJECT_PHASES),
    activities: optional.someOf('Activities', CO_PRODUCTION_ACTIVITIES),
    objectives: optional.text('Objectives'),
    leadId: optional.ref('Lead', 'Members'),
    memberIds: optional.refs('Members', 'Members'),
    start: optional.date('Start'),
    end: optional.date('End'),
    budget: optional.number('Budget', z.number().nonnegative()),
    status: required.oneOf('Status', PROJECT_STATUSES),
  },
  { idKey: 'id' },
);

export const TASKS_TAB = boardTab(
  'Tasks',
  {
    id: required.id('Task ID'),
    projectId: required.ref('Project ID', 'Projects'),
    task: required.text('Task'),
    phase: required.oneOf('Phase', PROJECT_PHASES),
    responsible: required.text('Responsible'),
    assignedToIds: optional.refs('Assigned to', 'Members'),
    dueDate: optional.date('Due date'),
    status: required.oneOf('Status', TASK_STATUSES),
    doneOn: optional.date('Done on'),
  },
  { idKey: 'id' },
);

export const CIRCULATION_TAB = boardTab(
  'Circulation',
  {
    id: required.id('Pack ID'),
    meetingId: required.ref('Meeting ID', 'Meetings'),
    audience: required.oneOf('Audience', AUDIENCES),
    generatedAt: required.dateTime('Generated at'),
    sha256: optional.matching('SHA-256', /^[0-9a-f]{64}$/i, 'expected 64 hexadecimal characters'),
    sentOn: optional.date('Sent on'),
    notes: optional.text('Notes'),
  },
  { idKey: 'id' },
);

/**
 * Reciprocity (R16): the time members give, and what the board gives back (payments, expenses,
 * training, recognition). One row per member per meeting or piece of work.
 */
export const INVOLVEMENT_TAB = boardTab(
  'Involvement',
  {
    id: required.id('Entry ID'),
    memberId: required.ref('Member ID', 'Members'),
    date: required.date('Date'),
    meetingId: optional.ref('Meeting ID', 'Meetings', {
      neededFor: "which meetings each member's involvement is recorded for (R16)",
    }),
    projectId: optional.ref('Project ID', 'Projects'),
    activity: required.oneOf('Activity', INVOLVEMENT_ACTIVITIES),
    hours: optional.number('Hours', z.number().nonnegative(), 'hours'),
    payment: optional.number('Payment', z.number().nonnegative(), 'pounds'),
    expenses: optional.number('Expenses', z.number().nonnegative(), 'pounds'),
    paymentStatus: optional.oneOf('Payment status', PAYMENT_STATUSES),
    trainingOrRecognition: optional.text('Training or recognition'),
    notes: optional.text('Notes'),
  },
  { idKey: 'id' },
);

/**
 * "You said, we did" (R17): what people raised, what the board did about it, and when they
 * were told.
 */
export const FEEDBACK_TAB = boardTab(
  'Feedback',
  {
    id: required.id('Feedback ID'),
    dateRaised: required.date('Date raised'),
    meetingId: optional.ref('Meeting ID', 'Meetings'),
    projectId: optional.ref('Project ID', 'Projects'),
    youSaid: required.text('You said'),
    // A constituency ("Resident") or Member IDs: who raised it, as the board recorded it.
    raisedBy: optional.list('Raised by'),
    weDid: optional.text('We did'),
    status: required.oneOf('Status', FEEDBACK_STATUSES),
    reason: optional.text('Reason'),
    reportedBackOn: optional.date('Reported back on', {
      neededFor: 'whether feedback was reported back in time (R17)',
    }),
  },
  { idKey: 'id' },
);

/**
 * The log of weekly action reminders (DESIGN §2, §7): one row per email sent, which is what
 * makes reminders go once per member per week however often the trigger runs. Only the menu's
 * trigger writes and reads it, so the snapshot leaves it out (`MENU_LOG_TAB_NAMES`).
 */
export const REMINDERS_SENT_TAB = boardTab('Reminders sent', {
  sentAt: required.dateTime('Sent at'),
  memberId: required.ref('Member ID', 'Members'),
  actionIds: required.refs('Action IDs', 'Actions'),
  week: optional.matching('Week', /^\d{4}-W\d{2}$/, 'expected an ISO week such as 2026-W47'),
});

/** Key/Value rows, read into `BoardSettings` by `settings.ts` (the value is any text). */
export const SETTINGS_TAB = boardTab(
  'Settings',
  { key: required.id('Key'), value: required.text('Value') },
  { idKey: 'key' },
);

/** Every tab in the order "Set up board sheets" creates them. */
export const BOARD_TABS = [
  MEMBERS_TAB,
  MEETINGS_TAB,
  ATTENDANCE_TAB,
  ACTIONS_TAB,
  PROJECTS_TAB,
  TASKS_TAB,
  CIRCULATION_TAB,
  INVOLVEMENT_TAB,
  FEEDBACK_TAB,
  REMINDERS_SENT_TAB,
  SETTINGS_TAB,
] as const;

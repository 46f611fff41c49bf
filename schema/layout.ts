/**
 * The board workbook's layout (DESIGN §2) as data: the one source of truth that both the
 * Apps Script "Set up board sheets" and the server's parser read. Tab names, headers and
 * enumerated values are fixed by the design contract; change them there first.
 */

export const MEMBER_ROLES = ['Resident co-chair', 'Officer co-chair', 'Member'] as const;
export const CO_CHAIR_ROLES = ['Resident co-chair', 'Officer co-chair'] as const;

export const MEMBER_CATEGORIES = [
  'Resident co-chair',
  'Commissioning team',
  'Joint Partnership Board',
  'Disability Action Haringey',
  'Reference group',
  'Self-advocacy group',
  'Commissioner',
  'Social worker',
  'ICB',
  'Clinical staff',
  'Elected member',
  'Council department',
  'Self-representative',
  'Carer or advocate',
  'Provider',
] as const;

export const CONSTITUENCIES = ['Resident', 'Provider', 'Staff', 'Council', 'Other'] as const;
export const PREFERRED_FORMATS = [
  'Standard',
  'Large print',
  'Easy read',
  'Audio',
  'BSL',
  'Braille',
] as const;
export const MEMBER_STATUSES = ['Active', 'Former'] as const;

export const MEETING_FORMATS = ['In person', 'Online', 'Hybrid'] as const;
export const MEETING_STATUSES = ['Planned', 'Held', 'Cancelled'] as const;
export const ATTENDANCE_VALUES = ['Present', 'Apologies', 'Absent'] as const;
export const ACTION_STATUSES = ['Open', 'In progress', 'Done', 'Dropped'] as const;
/** Actions in these statuses no longer need following up (R12). */
export const CLOSED_ACTION_STATUSES = ['Done', 'Dropped'] as const;

export const COMMISSIONING_STAGES = [
  'Planning',
  'Purchasing',
  'Implementing',
  'Reviewing',
  'Decommissioning',
] as const;
export const PROJECT_PHASES = [
  'Pre-initiation',
  'Initiation',
  'During',
  'After completion',
  'Conclusion',
] as const;
export const CO_PRODUCTION_ACTIVITIES = [
  'Co-planning',
  'Co-design',
  'Co-delivery',
  'Co-evaluation',
] as const;
export const PROJECT_STATUSES = ['Active', 'Monitoring', 'Closed'] as const;
export const TASK_STATUSES = ['To do', 'Done', 'Not needed'] as const;
export const AUDIENCES = ['Borough Partnership', 'Senior Head', 'DMT'] as const;

/** How a cell's raw value is read. */
export type CellKind =
  | { readonly type: 'id' }
  | { readonly type: 'text' }
  | { readonly type: 'date' }
  | { readonly type: 'dateTime' }
  | { readonly type: 'time' }
  | { readonly type: 'number' }
  | { readonly type: 'yesNo' }
  | { readonly type: 'list' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'enumList'; readonly values: readonly string[] }
  /** A reference to the ID of a row in another tab; `list` when several are allowed. */
  | { readonly type: 'ref'; readonly tab: TabName; readonly list: boolean };

export interface ColumnSpec {
  /** The header as written in the sheet (matched trimmed and case-insensitively). */
  readonly header: string;
  /** The property name in parsed records. */
  readonly key: string;
  /** Bold in DESIGN §2: the header must be present and the cell filled in. */
  readonly required: boolean;
  /** A required column where a blank cell has a meaning (an action with no owner, R12). */
  readonly blankAllowed?: boolean;
  readonly kind: CellKind;
}

export interface TabSpec {
  readonly name: TabName;
  /** The key of the column whose values must be unique in the tab, if any. */
  readonly idKey?: string;
  readonly columns: readonly ColumnSpec[];
}

export const TAB_NAMES = [
  'Members',
  'Meetings',
  'Attendance',
  'Actions',
  'Projects',
  'Tasks',
  'Circulation',
  'Settings',
] as const;
export type TabName = (typeof TAB_NAMES)[number];

const id = { type: 'id' } as const;
const text = { type: 'text' } as const;
const date = { type: 'date' } as const;
const list = { type: 'list' } as const;
const yesNo = { type: 'yesNo' } as const;
const number = { type: 'number' } as const;
const oneOf = (values: readonly string[]): CellKind => ({ type: 'enum', values });
const refTo = (tab: TabName, isList = false): CellKind => ({ type: 'ref', tab, list: isList });

function column(
  header: string,
  key: string,
  kind: CellKind,
  options: { required?: boolean; blankAllowed?: boolean } = {},
): ColumnSpec {
  return { header, key, kind, required: options.required ?? false, ...options };
}
const required = { required: true } as const;

export const MEMBERS_TAB: TabSpec = {
  name: 'Members',
  idKey: 'id',
  columns: [
    column('Member ID', 'id', id, required),
    column('Name', 'name', text, required),
    column('Role', 'role', oneOf(MEMBER_ROLES), required),
    column('Category', 'category', oneOf(MEMBER_CATEGORIES), required),
    column('Constituency', 'constituency', oneOf(CONSTITUENCIES), required),
    column('Organisation', 'organisation', text),
    column('Group', 'group', text),
    column('Service areas', 'serviceAreas', list),
    column('Email', 'email', text),
    column('Phone', 'phone', text),
    column('Preferred format', 'preferredFormat', oneOf(PREFERRED_FORMATS)),
    column('Term start', 'termStart', date, required),
    column('Term end', 'termEnd', date),
    column('Extended to', 'extendedTo', date),
    column('Status', 'status', oneOf(MEMBER_STATUSES), required),
    column('Name in circulation', 'nameInCirculation', yesNo),
    column('Notes', 'notes', text),
  ],
};

export const MEETINGS_TAB: TabSpec = {
  name: 'Meetings',
  idKey: 'id',
  columns: [
    column('Meeting ID', 'id', id, required),
    column('Date', 'date', date, required),
    column('Start time', 'startTime', { type: 'time' }),
    column('Length (hours)', 'lengthHours', number),
    column('Venue', 'venue', text),
    column('Format', 'format', oneOf(MEETING_FORMATS)),
    column('Topics', 'topics', list),
    column('Minute-taker', 'minuteTakerId', refTo('Members')),
    column('Deputy co-chair', 'deputyCoChairId', refTo('Members')),
    column('Circulate to DMT', 'circulateToDmt', yesNo),
    column('Status', 'status', oneOf(MEETING_STATUSES), required),
    column('Minutes link', 'minutesLink', text),
  ],
};

export const ATTENDANCE_TAB: TabSpec = {
  name: 'Attendance',
  columns: [
    column('Meeting ID', 'meetingId', refTo('Meetings'), required),
    column('Member ID', 'memberId', refTo('Members'), required),
    column('Attendance', 'attendance', oneOf(ATTENDANCE_VALUES), required),
    column('Deputising for', 'deputisingForId', refTo('Members')),
    column('Notes', 'notes', text),
  ],
};

export const ACTIONS_TAB: TabSpec = {
  name: 'Actions',
  idKey: 'id',
  columns: [
    column('Action ID', 'id', id, required),
    column('Meeting ID', 'meetingId', refTo('Meetings'), required),
    column('Project ID', 'projectId', refTo('Projects')),
    column('Action', 'description', text, required),
    column('Owner', 'ownerIds', refTo('Members', true), { required: true, blankAllowed: true }),
    column('Due date', 'dueDate', date),
    column('Status', 'status', oneOf(ACTION_STATUSES), required),
    column('Last followed up', 'lastFollowedUp', date),
    column('Follow-up note', 'followUpNote', text),
    column('Completed on', 'completedOn', date),
  ],
};

export const PROJECTS_TAB: TabSpec = {
  name: 'Projects',
  idKey: 'id',
  columns: [
    column('Project ID', 'id', id, required),
    column('Name', 'name', text, required),
    column('Service area', 'serviceArea', text),
    column('Stage', 'stage', oneOf(COMMISSIONING_STAGES), required),
    column('Phase', 'phase', oneOf(PROJECT_PHASES), required),
    column('Activities', 'activities', { type: 'enumList', values: CO_PRODUCTION_ACTIVITIES }),
    column('Objectives', 'objectives', text),
    column('Lead', 'leadId', refTo('Members')),
    column('Members', 'memberIds', refTo('Members', true)),
    column('Start', 'start', date),
    column('End', 'end', date),
    column('Budget', 'budget', number),
    column('Status', 'status', oneOf(PROJECT_STATUSES), required),
  ],
};

export const TASKS_TAB: TabSpec = {
  name: 'Tasks',
  idKey: 'id',
  columns: [
    column('Task ID', 'id', id, required),
    column('Project ID', 'projectId', refTo('Projects'), required),
    column('Task', 'task', text, required),
    column('Phase', 'phase', oneOf(PROJECT_PHASES), required),
    column('Responsible', 'responsible', text, required),
    column('Assigned to', 'assignedToIds', refTo('Members', true)),
    column('Due date', 'dueDate', date),
    column('Status', 'status', oneOf(TASK_STATUSES), required),
    column('Done on', 'doneOn', date),
  ],
};

export const CIRCULATION_TAB: TabSpec = {
  name: 'Circulation',
  idKey: 'id',
  columns: [
    column('Pack ID', 'id', id, required),
    column('Meeting ID', 'meetingId', refTo('Meetings'), required),
    column('Audience', 'audience', oneOf(AUDIENCES), required),
    column('Generated at', 'generatedAt', { type: 'dateTime' }, required),
    column('SHA-256', 'sha256', text),
    column('Sent on', 'sentOn', date),
    column('Notes', 'notes', text),
  ],
};

export const SETTINGS_TAB: TabSpec = {
  name: 'Settings',
  idKey: 'key',
  columns: [column('Key', 'key', id, required), column('Value', 'value', text, required)],
};

/** Every tab in the order "Set up board sheets" creates them. */
export const BOARD_LAYOUT: readonly TabSpec[] = [
  MEMBERS_TAB,
  MEETINGS_TAB,
  ATTENDANCE_TAB,
  ACTIONS_TAB,
  PROJECTS_TAB,
  TASKS_TAB,
  CIRCULATION_TAB,
  SETTINGS_TAB,
];

export function tabSpec(name: TabName): TabSpec {
  const spec = BOARD_LAYOUT.find((tab) => tab.name === name);
  if (!spec) throw new Error(`No layout for tab ${name}`);
  return spec;
}

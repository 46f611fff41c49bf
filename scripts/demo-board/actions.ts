/** The action log: what each held meeting agreed, and how far each action has got. */
import { addDays, daysBetween, type IsoDate } from '../../schema/dates';
import type { Chance } from './chance';
import type { DemoAttendance, DemoMeeting } from './meetings';
import { type DemoMember, SERVICE_AREAS } from './member';
import { MEMBERS, UNKNOWN_MEMBER_ID } from './members';
import { PROJECTS } from './projects';
import { type RecordValues, typed, type Value } from './values';

// ---------------------------------------------------------------------------------------------
// Actions

const GENERAL_ACTIONS: readonly string[] = [
  'Circulate the draft service specification for {area} to members a week before the next meeting',
  'Arrange an easy read version of the {area} survey',
  'Invite the {area} contract manager to present quarterly performance figures',
  'Find out how many people using {area} services receive direct payments',
  'Share the findings of the {area} listening events with the board',
  'Check that the {area} provider forum has a resident speaker slot',
  'Write to providers asking how people who use {area} services can give feedback',
  'Bring the {area} needs analysis to a future meeting',
  'Ask the quality assurance team for the latest {area} visit reports',
  'Book an accessible venue for the {area} workshop',
  'Draft questions for the {area} provider site visit with residents',
  'Update the board on complaints received about {area} services',
  'Agree how people who use {area} services will be paid for their time on the project',
  'Produce a large print summary of the {area} briefing',
  'Contact the self-advocacy groups about joining the {area} discussion',
];

const BOARD_ACTIONS: readonly string[] = [
  'Send out the minutes and action log within ten working days',
  'Review the accessibility of the meeting venue and report back',
  'Update the members list and check everyone has their preferred format',
  'Draft the co-production update for the Borough Partnership',
  'Organise co-production training for new members',
  'Confirm interpreter and easy read support for the next meeting',
  'Collect travel expense claims from resident members',
  'Share the forward plan of commissioning decisions with the board',
];

const PROJECT_ACTIONS: readonly string[] = [
  'Agree the questions for the {project} engagement sessions',
  'Recruit two residents to the {project} evaluation panel',
  'Share the {project} budget and timescales with project members',
  'Feed back comments on the {project} service specification',
  'Report progress on {project} to the next meeting',
  'Check the {project} communications plan with the self-advocacy groups',
  'Collect case studies for the {project} review',
];

const FOLLOW_UP_NOTES: readonly string[] = [
  'Waiting to hear back from the provider.',
  'Partly done; the rest is planned before the next meeting.',
  'Owner asked for more time.',
  'Draft shared; comments due next week.',
  'Chased by email after the meeting.',
];

interface ActionPlan {
  readonly status: 'Open' | 'In progress' | 'Done' | 'Dropped';
}

function statusByAge(ageDays: number, chance: Chance): ActionPlan['status'] {
  const roll = chance.next();
  if (ageDays > 180) {
    return roll < 0.84 ? 'Done' : roll < 0.95 ? 'Dropped' : roll < 0.98 ? 'In progress' : 'Open';
  }
  if (ageDays > 60) {
    return roll < 0.5 ? 'Done' : roll < 0.6 ? 'Dropped' : roll < 0.82 ? 'In progress' : 'Open';
  }
  return roll < 0.2 ? 'Done' : roll < 0.55 ? 'In progress' : 'Open';
}

/** Where the deliberate data issues go: (meeting, 0-based action number at that meeting). */
const IMPOSSIBLE_DUE_DATE = { meetingId: 'MT-2025-01', index: 0, text: '31/02/2025' } as const;
const UNKNOWN_OWNER = { meetingId: 'MT-2026-09', index: 0, realOwner: 'M05' } as const;
/** Open actions that nobody has taken on yet (R12's "no owner"). */
const NO_OWNER = new Set(['MT-2026-08#3', 'MT-2026-10#2']);

export function actionRecords(
  asOf: IsoDate,
  meetings: readonly DemoMeeting[],
  attendance: readonly DemoAttendance[],
  chance: Chance,
): RecordValues[] {
  const records: RecordValues[] = [];
  const held = meetings.filter((meeting) => meeting.status === 'Held');
  let number = 0;
  held.forEach((meeting, meetingIndex) => {
    const present = attendance
      .filter((row) => row.meetingId === meeting.id && row.attendance === 'Present')
      .map((row) => MEMBERS.find((member) => member.id === row.memberId) as DemoMember);
    const later = held.filter((other) => other.date > meeting.date && other.date < asOf);
    const projects = PROJECTS.filter(
      (project) => project.start <= meeting.date && (!project.end || project.end >= meeting.date),
    );
    const howMany = 4 + (meetingIndex % 3 === 1 ? 1 : 0);
    for (let index = 0; index < howMany; index++) {
      number += 1;
      const key = `${meeting.id}#${index}`;
      const ageDays = daysBetween(meeting.date, asOf);
      let status = statusByAge(ageDays, chance);

      const project = projects.length > 0 && chance.chance(0.25) ? chance.pick(projects) : null;
      const area = chance.pick(meeting.topics.length > 0 ? meeting.topics : SERVICE_AREAS);
      const template = project
        ? chance.pick(PROJECT_ACTIONS)
        : chance.chance(0.25)
          ? chance.pick(BOARD_ACTIONS)
          : chance.pick(GENERAL_ACTIONS);
      const description = template
        .replace('{area}', area.toLowerCase())
        .replace('{project}', project?.name ?? '');

      const isImpossibleDate =
        meeting.id === IMPOSSIBLE_DUE_DATE.meetingId && index === IMPOSSIBLE_DUE_DATE.index;
      const isUnknownOwner =
        meeting.id === UNKNOWN_OWNER.meetingId && index === UNKNOWN_OWNER.index;
      if (isUnknownOwner || NO_OWNER.has(key)) status = 'Open';
      if (isImpossibleDate) status = 'Done';
      const open = status === 'Open' || status === 'In progress';
      // Some actions are agreed without a date (R12 follows them up as "no due date").
      let dueDate: Value = chance.chance(open ? 0.25 : 0.06)
        ? null
        : addDays(meeting.date, 7 * chance.int(2, 8));

      // Open actions belong to current members (R9); older ones to whoever was there.
      let ownerIds: string[];
      const owners = present.filter((member) => !open || member.status === 'Active');
      const pool = owners.length > 0 ? owners : present;
      ownerIds = chance.sample(pool, chance.chance(0.15) ? 2 : 1).map((member) => member.id);
      if (isUnknownOwner) ownerIds = [UNKNOWN_MEMBER_ID, UNKNOWN_OWNER.realOwner];
      if (NO_OWNER.has(key)) ownerIds = [];

      let completedOn: IsoDate | null = null;
      if (status === 'Done') {
        const target = typeof dueDate === 'string' ? dueDate : addDays(meeting.date, 28);
        const done = addDays(target, chance.int(-10, 10));
        const earliest = addDays(meeting.date, 2);
        completedOn = done < earliest ? earliest : done >= asOf ? addDays(asOf, -1) : done;
        if (completedOn < earliest) completedOn = earliest;
      }
      if (isImpossibleDate) {
        dueDate = typed(IMPOSSIBLE_DUE_DATE.text);
        completedOn = '2025-02-24';
      }

      const lastMeeting = later.at(-1);
      const lastFollowedUp = open && lastMeeting ? lastMeeting.date : null;
      const followUpNote =
        lastFollowedUp && chance.chance(0.4) ? chance.pick(FOLLOW_UP_NOTES) : null;

      records.push({
        id: `A${String(number).padStart(3, '0')}`,
        meetingId: meeting.id,
        projectId: project?.id ?? null,
        description: description.charAt(0).toUpperCase() + description.slice(1),
        ownerIds,
        dueDate,
        status,
        lastFollowedUp,
        followUpNote,
        completedOn,
      });
    }
  });
  return records;
}

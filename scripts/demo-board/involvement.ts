/**
 * The Involvement tab (R16, reciprocity): what the board gives back for members' time. One row
 * for each member whose involvement is recorded (not Staff or Council) present at each held
 * meeting, then training and recognition, then the co-design work on projects. It has its own
 * seeded chance, so that adding it left every other tab of the demo exactly as it was.
 */
import { addDays, daysBetween, type IsoDate } from '../../schema/dates';
import { recordsInvolvement } from '../../schema/involvement';
import { Chance, SEED } from './chance';
import type { DemoAttendance, DemoMeeting } from './meetings';
import type { DemoMember } from './member';
import { MEMBERS, onRosterOn } from './members';
import { PROJECTS } from './projects';
import type { RecordValues } from './values';

/** A present resident whose entry for one meeting was never added (deliberate R16 warning). */
export const MISSING_ENTRY = { meetingId: 'MT-2026-07', memberId: 'M20' } as const;
/** A payment claimed and still not paid after more than 30 days (deliberate R16 warning). */
export const STILL_CLAIMED = { meetingId: 'MT-2026-09', memberId: 'M19' } as const;

/** Claims younger than this are still being processed; older ones have been paid. */
const PAYMENT_DAYS = 30;
/** Members who turn payment down (it would affect their benefits). */
const DECLINES_PAYMENT = new Set(['M08']);
const BUS_AND_TAXI_FARES = [3.5, 4.8, 6.2, 9.5, 12.4] as const;

/** Training and recognition the board gave, each to the members on the roster that day. */
const TRAINING: readonly {
  readonly date: IsoDate;
  readonly what: string;
  readonly hours: number | null;
  readonly forMembers?: readonly string[];
}[] = [
  { date: '2024-01-17', what: 'Co-production training (certificate)', hours: 3 },
  { date: '2025-02-12', what: 'Chairing skills course', hours: 6, forMembers: ['M16'] },
  { date: '2025-10-08', what: 'Safeguarding adults awareness (certificate)', hours: 2 },
  { date: '2025-12-03', what: 'Thank-you letter from the Cabinet Member', hours: null },
  { date: '2026-06-10', what: 'Easy read writing workshop', hours: 3, forMembers: ['M09', 'M19'] },
];

interface Entry {
  readonly member: DemoMember;
  readonly date: IsoDate;
  readonly meetingId: string | null;
  readonly projectId: string | null;
  readonly activity: string;
  readonly hours: number | null;
  readonly expenses: number | null;
  readonly trainingOrRecognition: string | null;
  readonly notes: string | null;
}

export function involvementRecords(
  asOf: IsoDate,
  meetings: readonly DemoMeeting[],
  attendance: readonly DemoAttendance[],
): RecordValues[] {
  const chance = new Chance(SEED + 16);
  const entries = [
    ...meetingEntries(meetings, attendance, chance),
    ...trainingEntries(asOf),
    ...projectEntries(asOf, chance),
  ];
  return entries.map((entry, index) => ({
    id: `IN${String(index + 1).padStart(4, '0')}`,
    memberId: entry.member.id,
    date: entry.date,
    meetingId: entry.meetingId,
    projectId: entry.projectId,
    activity: entry.activity,
    hours: entry.hours,
    ...payment(entry, asOf, chance),
    expenses: entry.expenses,
    trainingOrRecognition: entry.trainingOrRecognition,
    notes: entry.notes,
  }));
}

function memberOf(id: string): DemoMember {
  return MEMBERS.find((member) => member.id === id) as DemoMember;
}

/** A Board meeting entry for each present member whose involvement is recorded. */
function meetingEntries(
  meetings: readonly DemoMeeting[],
  attendance: readonly DemoAttendance[],
  chance: Chance,
): Entry[] {
  const entries: Entry[] = [];
  for (const meeting of meetings.filter((candidate) => candidate.status === 'Held')) {
    for (const row of attendance.filter((candidate) => candidate.meetingId === meeting.id)) {
      const member = memberOf(row.memberId);
      if (row.attendance !== 'Present' || !recordsInvolvement(member)) continue;
      if (meeting.id === MISSING_ENTRY.meetingId && member.id === MISSING_ENTRY.memberId) continue;
      // The meeting itself is two hours; reading the papers or travelling adds up to one more.
      const hours = 2 + chance.pick([0, 0.5, 1]);
      const travelled = meeting.format !== 'Online' && row.notes !== 'Joined online.';
      const expenses =
        travelled && member.constituency === 'Resident' && chance.chance(0.5)
          ? chance.pick(BUS_AND_TAXI_FARES)
          : null;
      entries.push({
        member,
        date: meeting.date,
        meetingId: meeting.id,
        projectId: null,
        activity: 'Board meeting',
        hours,
        expenses,
        trainingOrRecognition: null,
        notes: null,
      });
    }
  }
  return entries;
}

function trainingEntries(asOf: IsoDate): Entry[] {
  return TRAINING.filter((training) => training.date < asOf).flatMap((training) =>
    MEMBERS.filter(
      (member) =>
        recordsInvolvement(member) &&
        onRosterOn(member, training.date) &&
        (training.forMembers?.includes(member.id) ?? true),
    ).map(
      (member): Entry => ({
        member,
        date: training.date,
        meetingId: null,
        projectId: null,
        activity: training.hours === null ? 'Other' : 'Training',
        hours: training.hours,
        expenses: null,
        trainingOrRecognition: training.what,
        notes: null,
      }),
    ),
  );
}

/** A workshop two weeks into each phase of each project, for its members who are not staff. */
function projectEntries(asOf: IsoDate, chance: Chance): Entry[] {
  const entries: Entry[] = [];
  for (const project of PROJECTS) {
    const people = [project.leadId, ...project.memberIds].map(memberOf).filter(recordsInvolvement);
    project.phaseStarts.forEach((phaseStart, phase) => {
      const date = addDays(phaseStart, 14);
      if (date >= asOf) return;
      const activity = project.activities[Math.min(phase, project.activities.length - 1)];
      for (const member of people.filter((person) => onRosterOn(person, date))) {
        entries.push({
          member,
          date,
          meetingId: null,
          projectId: project.id,
          activity: activity ?? 'Co-design',
          hours: chance.pick([2, 3]),
          expenses: member.constituency === 'Resident' ? chance.pick(BUS_AND_TAXI_FARES) : null,
          trainingOrRecognition: null,
          notes: `${project.name}: ${activity?.toLowerCase() ?? 'co-design'} workshop.`,
        });
      }
    });
  }
  return entries;
}

/**
 * What the board paid: residents £20 an hour (£40-£50 a meeting), members for voluntary
 * organisations £25 a session, providers nothing (their employer pays for their time). Claims
 * older than a month are paid; newer ones are claimed or not yet claimed.
 */
function payment(entry: Entry, asOf: IsoDate, chance: Chance): RecordValues {
  const { member } = entry;
  if (member.constituency === 'Provider' || entry.hours === null) {
    return { payment: null, paymentStatus: null };
  }
  const amount = member.constituency === 'Resident' ? Math.min(50, entry.hours * 20) : 25;
  if (entry.meetingId === STILL_CLAIMED.meetingId && member.id === STILL_CLAIMED.memberId) {
    return { payment: amount, paymentStatus: 'Claimed' };
  }
  if (DECLINES_PAYMENT.has(member.id) || chance.chance(0.04)) {
    return { payment: null, paymentStatus: 'Declined' };
  }
  const recent = daysBetween(entry.date, asOf) <= PAYMENT_DAYS;
  return {
    payment: amount,
    paymentStatus: recent ? chance.pick(['Claimed', 'Not claimed']) : 'Paid',
  };
}

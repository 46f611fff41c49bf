/** The whole roster, the co-chairs, and who is on the roster and invited on a given day. */
import type { IsoDate } from '../../schema/dates';
import type { DemoMember } from './member';
import { FOUNDING_MEMBERS } from './roster-founding';
import { LATER_MEMBERS } from './roster-joiners';
import type { RecordValues } from './values';

/**
 * The roster, in the order people joined. M01-M03 have left; M16 and M18 are the current
 * co-chairs (their predecessors are M01 and M02). M21 is deliberately not on it.
 */
export const MEMBERS: readonly DemoMember[] = [...FOUNDING_MEMBERS, ...LATER_MEMBERS];

export const RESIDENT_CO_CHAIR = 'M16';
export const OFFICER_CO_CHAIR = 'M18';
/** Not on the roster: written into one action's Owner (deliberate data issue). */
export const UNKNOWN_MEMBER_ID = 'M21';

function emailOf(member: DemoMember): string {
  const local = member.name
    .replace(/^Cllr\s+/, 'cllr.')
    .toLowerCase()
    .replace(/[^a-z.\s-]/g, '')
    .trim()
    .replace(/\s+/g, '.');
  return `${local}@example.org`;
}

function lastDayOfTerm(member: DemoMember): IsoDate | null {
  const ends = [member.termEnd, member.extendedTo].filter((end): end is IsoDate => !!end).sort();
  return ends.at(-1) ?? null;
}

/** Same meaning as the rules' `onRoster`: the term had started and had not ended. */
export function onRosterOn(member: DemoMember, date: IsoDate): boolean {
  const end = lastDayOfTerm(member);
  return member.termStart <= date && (end === null || end >= date);
}

/** The resident co-chair then the officer co-chair on a day. */
export function coChairsOn(date: IsoDate): DemoMember[] {
  return (['Resident co-chair', 'Officer co-chair'] as const).flatMap((role) =>
    MEMBERS.filter((member) => member.role === role && onRosterOn(member, date)),
  );
}

export function isCoChair(member: DemoMember): boolean {
  return member.role !== 'Member';
}

function coversAll(member: DemoMember): boolean {
  return member.serviceAreas.length === 0 || member.serviceAreas.includes('All');
}

/** The co-chairs plus the members on the roster that day whose areas meet the topics (R7). */
export function inviteesOf(date: IsoDate, topics: readonly string[]): DemoMember[] {
  const others = MEMBERS.filter(
    (member) =>
      !isCoChair(member) &&
      onRosterOn(member, date) &&
      (coversAll(member) || member.serviceAreas.some((area) => topics.includes(area))),
  );
  return [...coChairsOn(date), ...others];
}

export function memberRecords(): RecordValues[] {
  return MEMBERS.map((member) => ({
    ...member,
    organisation: member.organisation ?? null,
    group: member.group ?? null,
    communicationNeeds: member.communicationNeeds ?? null,
    email: emailOf(member),
    termEnd: member.termEnd ?? null,
    extendedTo: member.extendedTo ?? null,
    reminders: member.reminders ?? null,
    notes: member.notes ?? null,
  }));
}

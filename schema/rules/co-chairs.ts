/**
 * Who the co-chairs are and when their terms end. Several rules (R2, R3, R7, R8, R9) and the
 * server's `Board.coChairs` need the same answers, so they are worked out once here.
 */
import { addDays, addMonths, type IsoDate } from '../dates';
import type { Member } from '../records';
import type { BoardSettings } from '../settings';
import type { BoardSnapshot } from '../snapshot';
import { compareByName } from './wording';

export type CoChairRole = 'Resident co-chair' | 'Officer co-chair';

export function isCoChair(member: Pick<Member, 'role'>): boolean {
  return member.role === 'Resident co-chair' || member.role === 'Officer co-chair';
}

export interface CoChairTerm {
  readonly start: IsoDate;
  /** The last day of the term as it stands (inclusive). */
  readonly end: IsoDate;
  /** The latest the term may ever run to (inclusive): 24 months for either kind of co-chair. */
  readonly maxEnd: IsoDate;
  /** The last day of the term without any extension (inclusive). */
  readonly baseEnd: IsoDate;
}

/** The last day of a term of `months` months from `start` (a term from 1 Jan ends 31 Dec). */
function lastDayAfter(start: IsoDate, months: number): IsoDate {
  return addDays(addMonths(start, months), -1);
}

/**
 * A co-chair's term, or null for a member who is not a co-chair. A resident co-chair serves
 * 12 months and may be extended once (`Extended to`); an officer co-chair serves 24 months and
 * cannot be extended, so an `Extended to` on an officer is ignored here (R3 reports it).
 */
export function coChairTerm(member: Member, settings: BoardSettings): CoChairTerm | null {
  const start = member.termStart;
  if (member.role === 'Resident co-chair') {
    const baseEnd = lastDayAfter(start, settings.residentCoChairTermMonths);
    const maxEnd = lastDayAfter(
      start,
      settings.residentCoChairTermMonths + settings.coChairExtensionMonths,
    );
    const recorded = member.extendedTo ?? member.termEnd ?? baseEnd;
    // A date past the limit is reported by R3 and never lengthens the term itself.
    return { start, baseEnd, maxEnd, end: earlier(recorded, maxEnd) };
  }
  if (member.role === 'Officer co-chair') {
    const baseEnd = lastDayAfter(start, settings.officerCoChairTermMonths);
    return { start, baseEnd, maxEnd: baseEnd, end: earlier(member.termEnd ?? baseEnd, baseEnd) };
  }
  return null;
}

function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function activeMembers(snapshot: BoardSnapshot): Member[] {
  return snapshot.members.filter((member) => member.status === 'Active');
}

/**
 * The co-chairs of the board on a given day, for meetings past and future: a co-chair whose
 * term had started and either is still active (R3 reports an overrun term, but they are still
 * chairing) or whose term ran at least to that day (a former co-chair, for past meetings).
 * Resident co-chair first, then officer, then by name.
 */
export function coChairsOn(snapshot: BoardSnapshot, date: IsoDate): Member[] {
  return snapshot.members
    .filter((member) => {
      const term = coChairTerm(member, snapshot.settings);
      if (!term || term.start > date) return false;
      return member.status === 'Active' || term.end >= date;
    })
    .sort(
      (a, b) =>
        (a.role === 'Resident co-chair' ? 0 : 1) - (b.role === 'Resident co-chair' ? 0 : 1) ||
        compareByName(a, b),
    );
}

/**
 * Whether a member was on the board's roster on a day: their term had started and had not
 * ended. `Extended to` counts as the end when it is later (an extended co-chair is still on).
 */
export function onRoster(member: Member, date: IsoDate): boolean {
  if (member.termStart > date) return false;
  const ends = [member.termEnd, member.extendedTo].filter((end): end is IsoDate => end !== null);
  return ends.length === 0 || ends.some((end) => end >= date);
}

/**
 * Planning the board's next meeting (R10) and who takes its minutes (R11), for the sheet's
 * "Plan next meeting" menu item. Pure: the menu reads the sheet, calls these, writes the rows.
 */
import { addDays, type IsoDate } from '../dates';
import { nextMeeting } from '../next-meeting';
import type { Meeting, Member } from '../records';
import { invitees, isCoChair } from '../rules';
import { nextScheduledMeeting } from '../rules/r10-schedule';
import { compareIds } from '../rules/wording';
import type { BoardSnapshot } from '../snapshot';

export interface NextMeeting {
  /** The meeting's day: the schedule's, or the existing row's if it was moved. */
  readonly date: IsoDate;
  /** The row already in the Meetings tab for it, or null when it still has to be added. */
  readonly existing: Meeting | null;
}

/** How many months ahead to look past cancelled or already-held months before giving up. */
const MONTHS_AHEAD = 24;

/**
 * The board's next meeting from today on the R10 schedule. A month whose meeting is already in
 * the Meetings tab (on any day of that month, as meetings move) is that meeting; a month whose
 * meeting was cancelled or has already taken place is skipped for the one after.
 */
export function nextMeetingToPlan(snapshot: BoardSnapshot, today: IsoDate): NextMeeting {
  let after = addDays(today, -1);
  for (let month = 0; month < MONTHS_AHEAD; month++) {
    const date = nextScheduledMeeting(snapshot.settings, after);
    const inMonth = snapshot.meetings.filter(
      (meeting) => meeting.date.slice(0, 7) === date.slice(0, 7),
    );
    // A month whose meeting is today is taken, even once it is marked Held.
    const upcoming = nextMeeting(inMonth, { from: today, onTheDay: true, held: true });
    if (upcoming) return { date: upcoming.date, existing: upcoming };
    if (inMonth.length === 0) return { date, existing: null };
    after = date;
  }
  throw new RangeError(`No month in the next ${MONTHS_AHEAD} is free for a meeting.`);
}

export interface MinuteTakerProposal {
  readonly member: Member;
  /** The last meeting day they took (or are down to take) minutes, or null if never. */
  readonly lastTook: IsoDate | null;
}

/**
 * R11: who to nominate as a meeting's minute-taker: of the members invited to it (R7) who are
 * not co-chairs, the one who took minutes least recently (never counts as longest ago), by
 * Member ID when that is a tie. Null when nobody but the co-chairs is invited.
 */
export function proposeMinuteTaker(
  snapshot: BoardSnapshot,
  meeting: Meeting,
): MinuteTakerProposal | null {
  const lastTook = new Map<string, IsoDate>();
  for (const other of snapshot.meetings) {
    if (other.status === 'Cancelled' || !other.minuteTakerId || other.id === meeting.id) continue;
    const previous = lastTook.get(other.minuteTakerId);
    if (previous === undefined || other.date > previous)
      lastTook.set(other.minuteTakerId, other.date);
  }
  const candidates = invitees(snapshot, meeting)
    .filter((member) => !isCoChair(member))
    .map((member) => ({ member, lastTook: lastTook.get(member.id) ?? null }))
    .sort(
      (a, b) =>
        (a.lastTook ?? '').localeCompare(b.lastTook ?? '') || compareIds(a.member.id, b.member.id),
    );
  return candidates[0] ?? null;
}

/** A meeting that is not in the sheet yet, as the rules see one, to ask who is invited. */
export function plannedMeeting(id: string, date: IsoDate, lengthHours: number): Meeting {
  return {
    row: 1,
    id,
    date,
    startTime: null,
    lengthHours,
    venue: null,
    format: null,
    topics: [],
    minuteTakerId: null,
    deputyCoChairId: null,
    circulateToDmt: false,
    status: 'Planned',
    minutesLink: null,
  };
}

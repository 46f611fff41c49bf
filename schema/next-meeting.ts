/**
 * "The next meeting", worked out in one place for the follow-up list (R12), the API's
 * `Board.nextMeeting`, "Record attendance", "Plan next meeting" and the packs. They do not all
 * mean quite the same meeting, so the two ways they differ are parameters, not copies:
 *
 * - `onTheDay`: whether a meeting on the day itself counts. "From today on" (R12, the API,
 *   the menus) includes today's meeting, which is still to come or under way; "after this
 *   meeting" (a pack's next meeting, R12's "due before the next meeting") does not.
 * - `held`: whether a meeting already marked Held counts. The follow-up list and the API want
 *   one still Planned; the menus want whatever is in the sheet, so that attendance can still be
 *   recorded on the day and a month that has its meeting is not planned twice.
 *
 * A Cancelled meeting is never the next meeting.
 */
import type { IsoDate } from './dates';
import type { Meeting } from './records';

export interface NextMeetingQuery {
  /** The day to look from. */
  readonly from: IsoDate;
  /** True: a meeting on `from` counts ("from today on"). False: only later ones ("after"). */
  readonly onTheDay: boolean;
  /** True: a Held meeting counts too. False: only Planned meetings. */
  readonly held: boolean;
}

/**
 * The first meeting of `meetings` (in date order, as the snapshot keeps them) that the query
 * counts, or null when there is none.
 */
export function nextMeeting<T extends Pick<Meeting, 'date' | 'status'>>(
  meetings: readonly T[],
  query: NextMeetingQuery,
): T | null {
  const { from, onTheDay, held } = query;
  return (
    meetings.find(
      (meeting) =>
        (meeting.status === 'Planned' || (held && meeting.status !== 'Cancelled')) &&
        (onTheDay ? meeting.date >= from : meeting.date > from),
    ) ?? null
  );
}

/**
 * What the board means by a closed action, an overdue one, and one raised before a day: the
 * follow-up list (R12), the annual report (R15), the packs, the API and the sheet's shading of
 * overdue actions all read these, so a change to what "closed" means reaches every one of them.
 */
import type { IsoDate } from './dates';
import { CLOSED_ACTION_STATUSES } from './layout';
import type { Action } from './records';
import type { BoardSnapshot } from './snapshot';

const CLOSED: readonly string[] = CLOSED_ACTION_STATUSES;

type Meetings = Pick<BoardSnapshot, 'meetingById'>;

/** Done or Dropped: it no longer needs following up (R12). */
export function isClosed(action: Pick<Action, 'status'>): boolean {
  return CLOSED.includes(action.status);
}

/** Still needs doing and its due date has passed (Action.overdue on the server). */
export function isOverdue(action: Pick<Action, 'status' | 'dueDate'>, today: IsoDate): boolean {
  return !isClosed(action) && action.dueDate !== null && action.dueDate < today;
}

/**
 * `isOverdue` as a Sheets condition on one row, for the Actions tab's conditional format: the
 * same three tests, on the cells (`dueCell` and `statusCell` in A1 form, e.g. `$F2`). Sheets
 * compares text in any case, and the status is trimmed as the parser trims it.
 */
export function overdueSheetCondition(dueCell: string, statusCell: string): string {
  const status = `TRIM(${statusCell})`;
  return [
    `ISNUMBER(${dueCell})`,
    `${dueCell}<TODAY()`,
    ...CLOSED.map((closed) => `${status}<>"${closed}"`),
  ].join(',');
}

/**
 * Closed by the end of `date`, as far as the sheet says: it keeps only the current status, so
 * a Done action counts from its `Completed on` (always, when that is blank), and a Dropped one
 * from the start, as the sheet keeps no date for dropping it.
 */
export function closedBy(action: Pick<Action, 'status' | 'completedOn'>, date: IsoDate): boolean {
  return (
    isClosed(action) &&
    (action.status !== 'Done' || action.completedOn === null || action.completedOn <= date)
  );
}

/** The date of the meeting that agreed the action, or null when it is not in the Meetings tab. */
export function raisedOn(snapshot: Meetings, action: Pick<Action, 'meetingId'>): IsoDate | null {
  return snapshot.meetingById.get(action.meetingId)?.date ?? null;
}

/**
 * Agreed at a meeting before `date`. An action whose meeting is not in the Meetings tab (a
 * mistyped Meeting ID, already a data issue) counts as earlier, so it is still followed up.
 */
export function raisedBefore(
  snapshot: Meetings,
  action: Pick<Action, 'meetingId'>,
  date: IsoDate,
): boolean {
  const raised = raisedOn(snapshot, action);
  return raised === null || raised < date;
}

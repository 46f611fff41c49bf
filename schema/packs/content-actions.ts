/**
 * The actions in a pack: those agreed at the meeting, and the follow-up of earlier ones. The
 * open and overdue lists are R12's follow-up as at the meeting's date (the same rule the
 * co-chairs' "Follow up actions" menu uses). The sheet keeps only each action's current
 * status, so "done since the last meeting" means Done now and completed after the previous
 * held meeting (by `Completed on`, or failing that `Last followed up`).
 */
import { isClosed, raisedBefore, raisedOn } from '../actions';
import type { IsoDate } from '../dates';
import { ACTION_STATUSES } from '../layout';
import type { Action, Meeting } from '../records';
import { compareIds, type FollowUpReason, followUp } from '../rules';
import type { BoardSnapshot } from '../snapshot';
import { tidyText } from './escape';
import { circulatedNameOf } from './names';
import { compareText } from './wording';

type ActionStatus = Action['status'];

export interface PackAction {
  readonly id: string;
  readonly description: string;
  /** Owners as partners may see them; empty when the action has no owner. */
  readonly owners: readonly string[];
  readonly dueDate: IsoDate | null;
  readonly status: ActionStatus;
  readonly project: string | null;
  /** The date of the meeting that agreed it, when that meeting is in the Meetings tab. */
  readonly raisedOn: IsoDate | null;
  /** Whole days past due on the meeting's date (overdue actions only). */
  readonly daysOverdue: number | null;
  readonly reasons: readonly FollowUpReason[];
  /** When a Done or Dropped action was closed, as far as the sheet says. */
  readonly closedOn: IsoDate | null;
}

export interface PackFollowUp {
  /** The held meeting before this one; null for the board's first. */
  readonly previousMeetingDate: IsoDate | null;
  /** Still open and past due on the meeting's date, most overdue first. */
  readonly overdue: readonly PackAction[];
  /** Still open and not yet overdue. */
  readonly open: readonly PackAction[];
  readonly done: readonly PackAction[];
  readonly dropped: readonly PackAction[];
  /** How many of the followed-up actions are in each status, in the sheet's status order. */
  readonly statusCounts: readonly { readonly status: ActionStatus; readonly count: number }[];
}

export function packAction(
  snapshot: BoardSnapshot,
  action: Action,
  followed: { reasons: readonly FollowUpReason[]; daysOverdue: number | null } = {
    reasons: [],
    daysOverdue: null,
  },
): PackAction {
  const project = action.projectId ? snapshot.projectById.get(action.projectId) : undefined;
  return {
    id: action.id,
    description: tidyText(action.description),
    owners: action.ownerIds.map((id) => circulatedNameOf(snapshot, id)),
    dueDate: action.dueDate,
    status: action.status,
    project: project ? tidyText(project.name) : null,
    raisedOn: raisedOn(snapshot, action),
    daysOverdue: followed.daysOverdue,
    reasons: followed.reasons,
    closedOn: closedOn(action),
  };
}

export function packFollowUp(snapshot: BoardSnapshot, meeting: Meeting): PackFollowUp {
  // Judged on the meeting's date, so the pack does not change as the days go by.
  const items = followUp(snapshot, meeting.date, meeting.id).items.map((item) =>
    packAction(snapshot, item.action, item),
  );
  const earlierHeld = snapshot.meetings.filter(
    (other) => other.status === 'Held' && other.date < meeting.date,
  );
  const previous = earlierHeld[earlierHeld.length - 1];
  const closedSincePrevious = (status: ActionStatus) =>
    snapshot.actions
      .filter((action) => action.status === status && raisedBefore(snapshot, action, meeting.date))
      .filter((action) => {
        const closed = closedOn(action);
        return previous === undefined || (closed !== null && closed > previous.date);
      })
      .map((action) => packAction(snapshot, action))
      .sort((a, b) => compareText(a.closedOn ?? '', b.closedOn ?? '') || compareIds(a.id, b.id));

  const overdue = items.filter((item) => item.daysOverdue !== null);
  const open = items.filter((item) => item.daysOverdue === null);
  const done = closedSincePrevious('Done');
  const dropped = closedSincePrevious('Dropped');
  const all = [...items, ...done, ...dropped];
  return {
    previousMeetingDate: previous?.date ?? null,
    overdue,
    open,
    done,
    dropped,
    statusCounts: ACTION_STATUSES.map((status) => ({
      status,
      count: all.filter((action) => action.status === status).length,
    })),
  };
}

function closedOn(action: Action): IsoDate | null {
  if (!isClosed(action)) return null;
  return action.completedOn ?? action.lastFollowedUp;
}

/**
 * R12: the co-chairs follow up all actions at each meeting: every action not Done or Dropped,
 * overdue first, each with the reasons it needs attention.
 */
import { daysBetween, type IsoDate } from '../dates';
import { CLOSED_ACTION_STATUSES } from '../layout';
import type { Action, Meeting } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { nextScheduledMeeting } from './r10-schedule';
import { compareIds } from './wording';

export type FollowUpReason = 'overdue' | 'due before next meeting' | 'no owner' | 'no due date';

export interface FollowUpItem {
  readonly action: Action;
  readonly reasons: readonly FollowUpReason[];
  /** Whole days past the due date on the reference day, when overdue; otherwise null. */
  readonly daysOverdue: number | null;
}

export interface FollowUp {
  /** The meeting at which the actions are followed up; null when no meeting is planned. */
  readonly meeting: Meeting | null;
  /** The day "overdue" is judged on: the meeting's date if it has come, otherwise today. */
  readonly referenceDate: IsoDate;
  /** The meeting after this one, for "due before next meeting". */
  readonly nextMeetingDate: IsoDate;
  readonly items: readonly FollowUpItem[];
}

const CLOSED: readonly string[] = CLOSED_ACTION_STATUSES;

/** Still needs doing and its due date has passed (Action.overdue on the server). */
export function isOverdue(action: Pick<Action, 'status' | 'dueDate'>, today: IsoDate): boolean {
  return !CLOSED.includes(action.status) && action.dueDate !== null && action.dueDate < today;
}

/**
 * The follow-up list for a meeting (by default the next planned meeting from today).
 * Throws when `meetingId` names no meeting, so a caller never gets a list for the wrong one.
 */
export function followUp(snapshot: BoardSnapshot, today: IsoDate, meetingId?: string): FollowUp {
  const meeting =
    meetingId === undefined ? nextPlanned(snapshot, today) : findMeeting(snapshot, meetingId);
  const referenceDate = meeting && meeting.date <= today ? meeting.date : today;
  const nextMeetingDate = meeting
    ? (snapshot.meetings.find((other) => other.status !== 'Cancelled' && other.date > meeting.date)
        ?.date ?? nextScheduledMeeting(snapshot.settings, meeting.date))
    : nextScheduledMeeting(snapshot.settings, today);

  const items = snapshot.actions
    .filter((action) => !CLOSED.includes(action.status))
    // Actions agreed at this meeting or later are not yet due for follow-up here.
    .filter((action) => {
      const raisedAt = snapshot.meetingById.get(action.meetingId);
      return !meeting || !raisedAt || raisedAt.date < meeting.date;
    })
    .map((action) => itemFor(action, referenceDate, nextMeetingDate))
    .sort(compareItems);
  return { meeting, referenceDate, nextMeetingDate, items };
}

function nextPlanned(snapshot: BoardSnapshot, today: IsoDate): Meeting | null {
  return (
    snapshot.meetings.find((meeting) => meeting.status === 'Planned' && meeting.date >= today) ??
    null
  );
}

function findMeeting(snapshot: BoardSnapshot, meetingId: string): Meeting {
  const meeting = snapshot.meetingById.get(meetingId);
  if (!meeting) throw new RangeError(`There is no meeting "${meetingId}" in the Meetings tab.`);
  return meeting;
}

function itemFor(action: Action, referenceDate: IsoDate, nextMeetingDate: IsoDate): FollowUpItem {
  const reasons: FollowUpReason[] = [];
  const due = action.dueDate;
  const overdue = due !== null && due < referenceDate;
  if (overdue) reasons.push('overdue');
  else if (due !== null && due < nextMeetingDate) reasons.push('due before next meeting');
  if (action.ownerIds.length === 0) reasons.push('no owner');
  if (due === null) reasons.push('no due date');
  return { action, reasons, daysOverdue: overdue ? daysBetween(due, referenceDate) : null };
}

function compareItems(a: FollowUpItem, b: FollowUpItem): number {
  return (
    (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) ||
    compareDueDates(a.action.dueDate, b.action.dueDate) ||
    compareIds(a.action.id, b.action.id)
  );
}

/** Earlier due dates first; actions with no due date last. */
function compareDueDates(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * R12: the co-chairs follow up all actions at each meeting: every action not Done or Dropped,
 * overdue first, each with the reasons it needs attention.
 */
import { isClosed, raisedBefore } from '../actions';
import { daysBetween, type IsoDate } from '../dates';
import { nextMeeting } from '../next-meeting';
import type { Action, Meeting } from '../records';
import { type BoardSnapshot, lacksColumn } from '../snapshot';
import { ACTIONS_TAB } from '../tabs';
import { nextScheduledMeeting } from './r10-schedule';

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
  /**
   * False when the Actions tab has no Due date column (or only under a near-miss header): then
   * no action can be called overdue or due soon, and none is flagged as having no due date.
   */
  readonly dueDatesKnown: boolean;
  readonly items: readonly FollowUpItem[];
}

// Where the rules' callers have always found it; the definition is with "closed" in actions.ts.
export { isOverdue } from '../actions';

/**
 * The follow-up list for a meeting (by default the next planned meeting from today).
 * Throws when `meetingId` names no meeting, so a caller never gets a list for the wrong one.
 */
export function followUp(snapshot: BoardSnapshot, today: IsoDate, meetingId?: string): FollowUp {
  // Today's meeting is the one to follow up at, until it is marked Held.
  const meeting =
    meetingId === undefined
      ? nextMeeting(snapshot.meetings, { from: today, onTheDay: true, held: false })
      : findMeeting(snapshot, meetingId);
  const referenceDate = meeting && meeting.date <= today ? meeting.date : today;
  const nextMeetingDate = meeting
    ? (nextMeeting(snapshot.meetings, { from: meeting.date, onTheDay: false, held: true })?.date ??
      nextScheduledMeeting(snapshot.settings, meeting.date))
    : nextScheduledMeeting(snapshot.settings, today);

  const dueDatesKnown = !lacksColumn(snapshot, ACTIONS_TAB, 'dueDate');
  // From the actions in ID order, so that the (stable) sort leaves actions that are otherwise
  // level in ID order without comparing IDs: the comparisons that cost most.
  const items = snapshot.actionsInIdOrder
    .filter((action) => !isClosed(action))
    // Actions agreed at this meeting or later are not yet due for follow-up here.
    .filter((action) => !meeting || raisedBefore(snapshot, action, meeting.date))
    .map((action) => itemFor(action, referenceDate, nextMeetingDate, dueDatesKnown))
    .sort(compareItems);
  return { meeting, referenceDate, nextMeetingDate, dueDatesKnown, items };
}

function findMeeting(snapshot: BoardSnapshot, meetingId: string): Meeting {
  const meeting = snapshot.meetingById.get(meetingId);
  if (!meeting) throw new RangeError(`There is no meeting "${meetingId}" in the Meetings tab.`);
  return meeting;
}

function itemFor(
  action: Action,
  referenceDate: IsoDate,
  nextMeetingDate: IsoDate,
  dueDatesKnown: boolean,
): FollowUpItem {
  const reasons: FollowUpReason[] = [];
  const due = action.dueDate;
  const overdue = due !== null && due < referenceDate;
  if (overdue) reasons.push('overdue');
  else if (due !== null && due < nextMeetingDate) reasons.push('due before next meeting');
  if (action.ownerIds.length === 0) reasons.push('no owner');
  if (due === null && dueDatesKnown) reasons.push('no due date');
  return { action, reasons, daysOverdue: overdue ? daysBetween(due, referenceDate) : null };
}

/** Most overdue first, then by due date; ties stay in ID order (the order they come in). */
function compareItems(a: FollowUpItem, b: FollowUpItem): number {
  return (
    (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) ||
    compareDueDates(a.action.dueDate, b.action.dueDate)
  );
}

/** Earlier due dates first; actions with no due date last. */
function compareDueDates(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

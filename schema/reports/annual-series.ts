/**
 * R15 over time, for the annual report's charts: meetings held in each month of the period, and
 * the actions raised, done and overdue from the start of the period to the end of each month.
 *
 * The action figures at a date are exactly `annualReport(from, date)`'s (the tests compare
 * them month by month), so the last point is the report's own total and no chart can disagree
 * with the figures beside it. Running totals rather than counts per month, because the sheet
 * keeps only each action's current status: "done in March" cannot be told for a Done action with
 * no completion date, while "done by the end of March" can, by the report's own rule.
 *
 * None of these figures counts people, so partners get them as officers do.
 */
import { closedBy, raisedOn } from '../actions';
import { addDays, addMonths, daysInMonth, type IsoDate, yearMonthOf } from '../dates';
import { doneBy, heldMeetingsIn } from '../rules/r15-annual-report';
import type { BoardSnapshot } from '../snapshot';

export interface MonthMeetings {
  /** `yyyy-mm`. */
  readonly month: string;
  readonly held: number;
}

export interface ActionsToDate {
  /** The end of a month, or the end of the period in its last month. */
  readonly date: IsoDate;
  readonly raised: number;
  readonly done: number;
  readonly overdue: number;
}

export interface AnnualSeries {
  readonly meetingsByMonth: readonly MonthMeetings[];
  readonly actionsToDate: readonly ActionsToDate[];
}

/** Every month the period touches, as `yyyy-mm`, with the last day of it within the period. */
export function monthsOf(from: IsoDate, to: IsoDate): { month: string; end: IsoDate }[] {
  const months: { month: string; end: IsoDate }[] = [];
  for (let start = `${from.slice(0, 7)}-01`; start <= to; start = addMonths(start, 1)) {
    const { year, month } = yearMonthOf(start);
    const last = addDays(start, daysInMonth(year, month) - 1);
    months.push({ month: start.slice(0, 7), end: last < to ? last : to });
  }
  return months;
}

export function annualSeries(
  snapshot: BoardSnapshot,
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
): AnnualSeries {
  if (from > to) throw new RangeError(`The report period starts (${from}) after it ends (${to}).`);
  const months = monthsOf(from, to);
  const held = new Map<string, number>();
  for (const meeting of heldMeetingsIn(snapshot, from, to)) {
    const month = meeting.date.slice(0, 7);
    held.set(month, (held.get(month) ?? 0) + 1);
  }

  // Each running total at the end of month i is a count of actions for which a condition holds
  // at that date, and every condition is monotone in the date (once raised, raised; once done,
  // done; due before the day, then closed by it, each switching once). So each action counts in
  // one run of consecutive months, found by binary search with the report's own predicates, and
  // the totals come from difference arrays: a few predicate calls per action, not one per
  // action per month (36 months of 10,000 actions would be 360,000).
  const ends = months.map((month) => month.end);
  const overdueOn = ends.map((end) => (today < end ? today : end));
  const count = ends.length;
  const raised = new Array<number>(count + 1).fill(0);
  const done = new Array<number>(count + 1).fill(0);
  const overdue = new Array<number>(count + 1).fill(0);
  /**
   * The first index in [low, count) at which `holds` (false before, true after), or count. The
   * last index is asked first: most actions never switch (never done, never closed), and then
   * one call says so.
   */
  const firstWhere = (low: number, holds: (index: number) => boolean) => {
    if (low >= count || !holds(count - 1)) return count;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (holds(middle)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  // Actions share their meetings' dates: the month each date falls in is found once.
  const monthOfDate = new Map<IsoDate, number>();
  for (const action of snapshot.actions) {
    // The report's actions: raised at a meeting in the period (one whose meeting is not in the
    // tab has no date to count from).
    const on = raisedOn(snapshot, action);
    if (on === null || on < from || on > to) continue;
    let since = monthOfDate.get(on);
    if (since === undefined) {
      since = firstWhere(0, (index) => (ends[index] as IsoDate) >= on);
      monthOfDate.set(on, since);
    }
    raised[since] = (raised[since] ?? 0) + 1;
    const doneFrom = firstWhere(since, (index) => doneBy(action, ends[index] as IsoDate));
    done[doneFrom] = (done[doneFrom] ?? 0) + 1;
    const due = action.dueDate;
    if (due === null) continue;
    const lateFrom = firstWhere(since, (index) => due < (overdueOn[index] as IsoDate));
    const closedFrom = firstWhere(lateFrom, (index) =>
      closedBy(action, overdueOn[index] as IsoDate),
    );
    if (lateFrom < closedFrom) {
      overdue[lateFrom] = (overdue[lateFrom] ?? 0) + 1;
      overdue[closedFrom] = (overdue[closedFrom] ?? 0) - 1;
    }
  }
  let raisedSoFar = 0;
  let doneSoFar = 0;
  let overdueNow = 0;
  const actionsToDate = ends.map((date, index) => {
    raisedSoFar += raised[index] ?? 0;
    doneSoFar += done[index] ?? 0;
    overdueNow += overdue[index] ?? 0;
    return { date, raised: raisedSoFar, done: doneSoFar, overdue: overdueNow };
  });

  return {
    meetingsByMonth: months.map(({ month }) => ({ month, held: held.get(month) ?? 0 })),
    actionsToDate,
  };
}

/**
 * R16's involvement totals as partners may see them (DESIGN §4): by constituency only, never by
 * member, each figure through the small-number rule (`small-numbers.ts`), the way attendance
 * is in `partner-figures.ts`. Officers get the plain figures (`r16-reciprocity-totals.ts`).
 *
 * Why the rule here is stricter than for attendance: hours and payments are personal. A row
 * covering one person is that person's pay, whether or not they agreed to be named in
 * circulation (consent to be named is not consent to publish one's pay). So, for each calendar
 * month, a constituency's row (hours, payments, expenses, entries, training, people, shown or
 * withheld together, since they are all about the same people) is shown only when
 * - it counts at least `Smallest reported group` different people, whoever they are, and
 * - it does not count 1 to `Smallest reported group - 1` people who have not consented (the
 *   DESIGN §4 rule every partner figure follows). The first does not imply the second: a row of
 *   three people, one of whom has not consented, passes the first only;
 * and then more rows, or the month's board total, are withheld (`protectTable`'s complementary
 * suppression, under both rules at once) so that the month's total minus the rows shown cannot
 * give a withheld row back.
 *
 * The unit is the calendar month: involvement is dated by the day, and a day often has one
 * person's entry only. A partner's period is widened to the whole months it touches (the
 * answer's `from` and `to` say which).
 *
 * A figure over several months is the sum of that row's SHOWN monthly figures only; the months
 * left out are listed with it (`monthsLeftOut`), and the figure is null only when every month
 * in which the row has entries was left out. So every figure over a period is a function of
 * the monthly figures a partner can ask for one month at a time, which are safe: subtracting
 * one period from another (January to March minus January to February) gives back shown
 * monthly figures and nothing else. Withholding the whole period whenever one month is
 * withheld would be safe too, but a year would then almost never be shown.
 *
 * People are the exception: different people over a period do not add up month by month, and
 * two periods' counts could be subtracted down to one person. Partners get instead the number
 * of different people in the busiest month counted (the largest shown monthly count), which is
 * again a function of the shown monthly figures.
 */
import { daysInMonth, type IsoDate, yearMonthOf } from './dates';
import { agreedToBeNamed } from './packs/names';
import type { Involvement, Member } from './records';
import { type InvolvementTotals, involvementTotals } from './rules/r16-reciprocity-totals';
import { protectTable, type Tally } from './small-numbers';
import type { BoardSnapshot } from './snapshot';
import { CONSTITUENCIES } from './values';

type Constituency = Member['constituency'];

/** The figures of one row (or of the whole board), null where withheld. */
export interface PartnerInvolvementFigures {
  readonly hours: number | null;
  readonly payments: number | null;
  readonly expenses: number | null;
  readonly entries: number | null;
  readonly trainingEntries: number | null;
  /** Different people in the busiest month counted (see above), not over the whole period. */
  readonly people: number | null;
  /** The first day of each month whose figures for this row are left out, in order. */
  readonly monthsLeftOut: readonly IsoDate[];
}

export interface PartnerConstituencyInvolvement extends PartnerInvolvementFigures {
  readonly constituency: Constituency;
}

export interface PartnerInvolvement extends PartnerInvolvementFigures {
  /** The first day of the first month counted; null when there is nothing to count. */
  readonly from: IsoDate | null;
  /** The last day of the last month counted. */
  readonly to: IsoDate | null;
  readonly byConstituency: readonly PartnerConstituencyInvolvement[];
}

/** `2026-07-14` → `2026-07-01`. */
export function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

/** `2026-02-14` → `2026-02-28`. */
export function lastOfMonth(date: IsoDate): IsoDate {
  const { year, month } = yearMonthOf(date);
  return `${date.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/** One month as partners may see it: each row's figures and the board's, null where withheld. */
export interface PartnerMonth {
  /** `yyyy-mm`. */
  readonly month: string;
  readonly rows: readonly (InvolvementTotals | null)[];
  readonly total: InvolvementTotals | null;
}

/** One-column tallies, one row per constituency, with the people each rule is about. */
function tallies(people: readonly (readonly Member[])[], about: (member: Member) => boolean) {
  return people.map((members): Tally[] => [
    { value: members.length, withheld: members.filter(about).map((member) => member.id) },
  ]);
}

/**
 * Which rows (and whether the total) to withhold in one month, under both rules: every person
 * counts for the first (`withheld` is everyone), those who have not consented for the second.
 * Each rule's table is protected with the other's withheld cells withheld from the start,
 * until the two agree; withheld cells only ever grow, so this ends.
 */
function withheldRows(people: readonly (readonly Member[])[], smallest: number) {
  const anyone = tallies(people, () => true);
  const notConsented = tallies(people, (member) => !agreedToBeNamed(member));
  let hidden = people.map(() => false);
  let totalHidden = false;
  for (;;) {
    const options = (rows: readonly boolean[], total: boolean) => ({
      smallest,
      // Nobody outside knows who took part in a month, or how many of each constituency.
      rowTotalsKnown: false,
      alsoWithheld: rows.map((row) => [row]),
      totalsAlsoWithheld: [total],
    });
    const first = protectTable(anyone, options(hidden, totalHidden));
    const firstHidden = first.cells.map((row) => row[0] === null);
    const firstTotal = first.columnTotals[0] === null;
    const second = protectTable(notConsented, options(firstHidden, firstTotal));
    const secondHidden = second.cells.map((row) => row[0] === null);
    const secondTotal = second.columnTotals[0] === null;
    hidden = secondHidden;
    totalHidden = secondTotal;
    if (
      secondHidden.every((value, row) => value === firstHidden[row]) &&
      secondTotal === firstTotal
    )
      return { hidden, totalHidden };
  }
}

/** A month's entries as partners may see them. Exported for tests. */
export function protectMonth(
  snapshot: BoardSnapshot,
  month: string,
  entries: readonly Involvement[],
): PartnerMonth {
  const entriesOf = CONSTITUENCIES.map((constituency) =>
    entries.filter(
      (entry) => snapshot.memberById.get(entry.memberId)?.constituency === constituency,
    ),
  );
  const people = entriesOf.map((rowEntries) =>
    [...new Set(rowEntries.map((entry) => entry.memberId))].map(
      (id) => snapshot.memberById.get(id) as Member,
    ),
  );
  const { hidden, totalHidden } = withheldRows(people, snapshot.settings.smallestReportedGroup);
  return {
    month,
    rows: entriesOf.map((rowEntries, row) => (hidden[row] ? null : involvementTotals(rowEntries))),
    total: totalHidden ? null : involvementTotals(entriesOf.flat()),
  };
}

const monthCache = new WeakMap<BoardSnapshot, Map<string, PartnerMonth>>();

/** Each month's entries (`yyyy-mm`), protected once per snapshot. */
export function partnerMonth(snapshot: BoardSnapshot, month: string): PartnerMonth {
  let months = monthCache.get(snapshot);
  if (!months) {
    months = new Map();
    monthCache.set(snapshot, months);
  }
  let protectedOne = months.get(month);
  if (!protectedOne) {
    const entries = snapshot.involvement.filter((entry) => entry.date.startsWith(month));
    protectedOne = protectMonth(snapshot, month, entries);
    months.set(month, protectedOne);
  }
  return protectedOne;
}

/**
 * A row over several months: the sums of its shown months (money and hours added in pence and
 * hundredths, as officers' are), the busiest shown month's people, and the months left out.
 * Null figures only when no month shown has entries and some month was left out.
 */
function sumShown(
  months: readonly { readonly month: string; readonly figures: InvolvementTotals | null }[],
): PartnerInvolvementFigures {
  const shown = months.flatMap(({ figures }) => (figures ? [figures] : []));
  const monthsLeftOut = months.flatMap(({ month, figures }) => (figures ? [] : [`${month}-01`]));
  // Nothing shown but 0 for a row whose months with entries were all left out: "not shown"
  // says so better than a 0 would (whether a shown month had entries is shown too).
  if (monthsLeftOut.length > 0 && shown.every((figures) => figures.entries === 0)) {
    return {
      hours: null,
      payments: null,
      expenses: null,
      entries: null,
      trainingEntries: null,
      people: null,
      monthsLeftOut,
    };
  }
  const sum = (key: keyof InvolvementTotals) =>
    shown.reduce((total, figures) => total + Math.round(figures[key] * 100), 0) / 100;
  return {
    hours: sum('hours'),
    payments: sum('payments'),
    expenses: sum('expenses'),
    entries: sum('entries'),
    trainingEntries: sum('trainingEntries'),
    people: Math.max(0, ...shown.map((figures) => figures.people)),
    monthsLeftOut,
  };
}

/**
 * The board's involvement over the months that [from, to] touches, as partners may see it.
 * Without from (or to), from the first entry's month (or to the last's).
 */
export function partnerInvolvement(
  snapshot: BoardSnapshot,
  from: IsoDate | null,
  to: IsoDate | null,
): PartnerInvolvement {
  const dates = snapshot.involvement.map((entry) => entry.date).sort();
  const start = from ?? dates[0] ?? null;
  const end = to ?? dates.at(-1) ?? null;
  const covered = {
    from: start === null ? null : firstOfMonth(start),
    to: end === null ? null : lastOfMonth(end),
  };
  const months =
    covered.from === null || covered.to === null || start === null || end === null || start > end
      ? []
      : [...new Set(dates.map((date) => date.slice(0, 7)))]
          .filter(
            (month) =>
              month >= (covered.from as IsoDate).slice(0, 7) &&
              month <= (covered.to as IsoDate).slice(0, 7),
          )
          .map((month) => partnerMonth(snapshot, month));
  return {
    ...covered,
    ...sumShown(months.map(({ month, total }) => ({ month, figures: total }))),
    byConstituency: CONSTITUENCIES.map((constituency, row) => ({
      constituency,
      ...sumShown(months.map(({ month, rows }) => ({ month, figures: rows[row] ?? null }))),
    })),
  };
}

/**
 * The report's period: read from `?from=&to=` (ISO dates), the last 12 months by default, and
 * the form that asks for another one. A period is at most ten years: longer is no annual
 * report, and the page's work grows with its months.
 */
import {
  addDays,
  addMonths,
  type IsoDate,
  isIsoDate,
  MONTHS,
  yearMonthOf,
} from '../../schema/dates';
import { escapeHtml as e } from '../../schema/packs/escape';
import { dayMonthYear } from '../../schema/packs/wording';

export const MAX_PERIOD_YEARS = 10;

export interface Period {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** The twelve months up to and including today. */
export function lastTwelveMonths(today: IsoDate): Period {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

/** The period a request asks for, or the reason it cannot be had. */
export function periodFrom(
  params: URLSearchParams,
  today: IsoDate,
): { period: Period } | { error: string } {
  const from = params.get('from')?.trim() || null;
  const to = params.get('to')?.trim() || null;
  if (from === null && to === null) return { period: lastTwelveMonths(today) };
  for (const [name, value] of [
    ['start', from],
    ['end', to],
  ] as const) {
    if (value === null) return { error: `Give the period’s ${name} date as well.` };
    if (!isIsoDate(value)) {
      return { error: `The ${name} date “${value}” is not a date: write it as yyyy-mm-dd.` };
    }
  }
  const period = { from: from as IsoDate, to: to as IsoDate };
  if (period.from > period.to) {
    return {
      error: `The period starts (${dayMonthYear(period.from)}) after it ends (${dayMonthYear(period.to)}).`,
    };
  }
  if (period.from < addMonths(period.to, -12 * MAX_PERIOD_YEARS)) {
    return { error: `Choose a period of at most ${MAX_PERIOD_YEARS} years.` };
  }
  return { period };
}

/** True for `easyRead=1` (or true, yes). */
export function wantsEasyRead(params: URLSearchParams): boolean {
  return ['1', 'true', 'yes'].includes((params.get('easyRead') ?? '').toLowerCase());
}

export function reportAddress(
  from: IsoDate,
  to: IsoDate,
  easyRead: boolean,
  format: 'html' | 'csv' = 'html',
): string {
  return `/reports/annual.${format}?from=${from}&to=${to}${easyRead ? '&easyRead=1' : ''}`;
}

/** The form for another period: two dates and easy read, sent as GET to the report. */
export function periodForm(options: {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly easyRead: boolean;
  readonly error?: string | null;
}): string {
  const error = options.error ?? null;
  const invalid = error ? ' aria-invalid="true" aria-describedby="period-error"' : '';
  return [
    '<form class="period" method="get" action="/reports/annual.html">',
    ...(error ? [`<p class="error-message" id="period-error">${e(error)}</p>`] : []),
    '<div>',
    '<label for="period-from">From</label>',
    `<input type="date" id="period-from" name="from" value="${e(options.from)}" required${invalid}>`,
    '</div>',
    '<div>',
    '<label for="period-to">To</label>',
    `<input type="date" id="period-to" name="to" value="${e(options.to)}" required${invalid}>`,
    '</div>',
    '<div class="check">',
    `<input type="checkbox" id="period-easy-read" name="easyRead" value="1"${options.easyRead ? ' checked' : ''}>`,
    '<label for="period-easy-read">Easy read</label>',
    '</div>',
    '<div><button class="primary" type="submit">Show the report</button></div>',
    '</form>',
  ].join('\n');
}

/** "23 November 2025 to 22 November 2026". */
export function periodInWords(from: IsoDate, to: IsoDate): string {
  return `${dayMonthYear(from)} to ${dayMonthYear(to)}`;
}

/** "Nov 2025", or "November 2025" when `long`: a month in a table or chart. */
export function monthName(month: string, long = false): string {
  const { year, month: number } = yearMonthOf(`${month}-01`);
  const name = MONTHS[number - 1] ?? '';
  return `${long ? name : name.slice(0, 3)} ${year}`;
}

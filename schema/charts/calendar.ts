/**
 * A count per month as a calendar: one row per year, one square per month, the count written
 * in it and the square filled when it is more than none. Three years of monthly meetings fit a
 * phone's width this way, where 36 columns would shrink to slivers with unreadable labels.
 * Months outside the period get no square.
 */
import { MONTHS } from '../dates';
import { type ChartText, PALETTE, rect, svgFrame, text } from './svg';

export interface MonthCount {
  /** `yyyy-mm`. */
  readonly month: string;
  readonly count: number;
}

export interface CalendarChartOptions extends ChartText {
  /** Consecutive months, oldest first. */
  readonly months: readonly MonthCount[];
}

const YEAR_COLUMN = 46;
const CELL = 25;
const GAP = 2;
const HEADER = 22;

export function calendarChartSvg(options: CalendarChartOptions): string {
  const byMonth = new Map(options.months.map((entry) => [entry.month, entry.count]));
  const years = [...new Set(options.months.map((entry) => Number(entry.month.slice(0, 4))))];
  const width = YEAR_COLUMN + 12 * (CELL + GAP);
  const height = HEADER + years.length * (CELL + GAP) + 2;
  const parts: string[] = MONTHS.map((name, index) =>
    text(YEAR_COLUMN + index * (CELL + GAP) + CELL / 2, 15, name.slice(0, 3), {
      'font-size': 11,
      'text-anchor': 'middle',
    }),
  );
  years.forEach((year, row) => {
    const top = HEADER + row * (CELL + GAP);
    parts.push(
      text(0, top + CELL / 2 + 5, String(year), { 'font-size': 14, 'font-weight': 'bold' }),
    );
    for (let month = 1; month <= 12; month++) {
      const count = byMonth.get(`${year}-${String(month).padStart(2, '0')}`);
      if (count === undefined) continue;
      const left = YEAR_COLUMN + (month - 1) * (CELL + GAP);
      const filled = count > 0;
      parts.push(
        rect(left + 0.5, top + 0.5, CELL - 1, CELL - 1, {
          fill: filled ? PALETTE.blue : '#ffffff',
          stroke: filled ? PALETTE.blue : PALETTE.rule,
        }),
        text(left + CELL / 2, top + CELL / 2 + 5, String(count), {
          'font-size': 14,
          'text-anchor': 'middle',
          fill: filled ? '#ffffff' : PALETTE.muted,
          ...(filled ? { 'font-weight': 'bold' } : {}),
        }),
      );
    }
  });
  return svgFrame(options, width, height, parts.join(''));
}

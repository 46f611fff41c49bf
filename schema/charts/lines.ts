/**
 * Lines over time: running totals at dates (the ends of months). Each line has its own dash
 * pattern as well as its colour and ends in its name and last figure, so the lines can be told
 * apart in greyscale print and without colour vision (WCAG 1.4.1). The x axis is in days, so
 * a short last month sits closer to the one before it.
 */
import { daysBetween, type IsoDate, MONTHS, yearMonthOf } from '../dates';
import { type ChartText, niceAxis, PALETTE, round, svgFrame, text, textWidth } from './svg';

export interface LineSeries {
  readonly name: string;
  readonly colour: string;
  /** An SVG stroke-dasharray ("6 4"); none for a solid line. */
  readonly dash?: string;
  /** One per point. */
  readonly values: readonly number[];
}

export interface LineChartOptions extends ChartText {
  /** The dates of the points, oldest first. */
  readonly dates: readonly IsoDate[];
  readonly series: readonly LineSeries[];
  readonly width?: number;
  readonly height?: number;
}

const FONT_SIZE = 13;

export function lineChartSvg(options: LineChartOptions): string {
  const width = options.width ?? 360;
  const height = options.height ?? 220;
  const { dates, series } = options;
  const endLabel = (line: LineSeries) => `${line.name} ${line.values.at(-1) ?? 0}`;
  const right =
    10 + Math.max(0, ...series.map((line) => textWidth(endLabel(line), FONT_SIZE, true)));
  const left = 34;
  const top = 10;
  const bottom = 38;
  const plotWidth = Math.max(60, width - left - right);
  const plotHeight = height - top - bottom;
  const first = dates[0] ?? '1970-01-01';
  const span = Math.max(1, daysBetween(first, dates.at(-1) ?? first));
  const x = (date: IsoDate) =>
    dates.length === 1 ? left + plotWidth : left + (daysBetween(first, date) / span) * plotWidth;
  const axis = niceAxis(Math.max(0, ...series.flatMap((line) => line.values)));
  const y = (value: number) => top + plotHeight - (value / axis.top) * plotHeight;

  const parts: string[] = [];
  for (let tick = 0; tick <= axis.top; tick += axis.step) {
    parts.push(
      `<line x1="${left}" x2="${round(left + plotWidth)}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="${tick === 0 ? PALETTE.grey : PALETTE.wash}" stroke-width="1"/>`,
      text(left - 6, y(tick) + 4, String(tick), { 'font-size': 12, 'text-anchor': 'end' }),
    );
  }
  for (const [date, label, anchor] of xLabels(dates, x)) {
    parts.push(
      `<line x1="${round(x(date))}" x2="${round(x(date))}" y1="${round(top + plotHeight)}" y2="${round(top + plotHeight + 5)}" stroke="${PALETTE.grey}"/>`,
      text(x(date), top + plotHeight + 20, label, { 'font-size': 12, 'text-anchor': anchor }),
    );
  }
  for (const line of series) {
    const points = line.values.map((value, index) => {
      const date = dates[index] ?? first;
      return `${round(x(date))},${round(y(value))}`;
    });
    const dash = line.dash ? ` stroke-dasharray="${line.dash}"` : '';
    parts.push(
      points.length === 1
        ? `<circle cx="${points[0]?.split(',')[0]}" cy="${points[0]?.split(',')[1]}" r="4" fill="${line.colour}"/>`
        : `<polyline points="${points.join(' ')}" fill="none" stroke="${line.colour}" stroke-width="3"${dash} stroke-linejoin="round"/>`,
    );
  }
  // End labels, nudged apart so that lines ending close together keep readable names.
  const labels = series
    .map((line) => ({ line, at: y(line.values.at(-1) ?? 0) + 4 }))
    .sort((a, b) => a.at - b.at);
  for (let index = 1; index < labels.length; index++) {
    const previous = labels[index - 1] as (typeof labels)[number];
    const current = labels[index] as (typeof labels)[number];
    current.at = Math.max(current.at, previous.at + FONT_SIZE + 2);
  }
  for (const { line, at } of labels) {
    parts.push(
      text(left + plotWidth + 6, at, endLabel(line), {
        'font-size': FONT_SIZE,
        'font-weight': 'bold',
        fill: line.colour,
      }),
    );
  }
  return svgFrame(options, width, height, parts.join(''));
}

/** The first and last dates as "Nov 2025", and each January between as its year. */
function xLabels(
  dates: readonly IsoDate[],
  x: (date: IsoDate) => number,
): [IsoDate, string, 'start' | 'middle' | 'end'][] {
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return [];
  const monthYear = (date: IsoDate) => {
    const { year, month } = yearMonthOf(date);
    return `${MONTHS[month - 1]?.slice(0, 3)} ${year}`;
  };
  const labels: [IsoDate, string, 'start' | 'middle' | 'end'][] = [
    [first, monthYear(first), dates.length === 1 ? 'end' : 'start'],
  ];
  if (dates.length === 1) return labels;
  for (const date of dates.slice(1, -1)) {
    const { month, year } = yearMonthOf(date);
    // A year's label far enough from the ends not to run into theirs.
    if (month === 1 && x(date) - x(first) > 60 && x(last) - x(date) > 60) {
      labels.push([date, String(year), 'middle']);
    }
  }
  labels.push([last, monthYear(last), 'end']);
  return labels;
}

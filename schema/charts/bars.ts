/**
 * Horizontal bars, one group per category (a constituency, a stage), one bar per series in each
 * group (present, apologies, absent). Each group's label sits on its own line above its bars and
 * each bar ends in its figure, with the series' name when there are several, so nothing depends
 * on colour alone (WCAG 1.4.1) and a narrow screen needs no room for a label column. A figure
 * that is withheld (null) is drawn as no bar and the words for it ("not shown"), never as 0.
 */
import { type ChartText, PALETTE, rect, svgFrame, text, textWidth } from './svg';

export interface BarSeries {
  readonly name: string;
  readonly colour: string;
}

export interface BarGroup {
  readonly label: string;
  /** One per series, in the series' order; null for a withheld figure. */
  readonly values: readonly (number | null)[];
}

export interface BarChartOptions extends ChartText {
  readonly series: readonly BarSeries[];
  readonly groups: readonly BarGroup[];
  /** How a withheld figure reads ("not shown"). */
  readonly notShown: string;
  /** In user units; the chart scales to its box. */
  readonly width?: number;
  readonly fontSize?: number;
}

export function barChartSvg(options: BarChartOptions): string {
  const width = options.width ?? 360;
  const fontSize = options.fontSize ?? 15;
  const named = options.series.length > 1;
  const barHeight = Math.round(fontSize * 1.2);
  const rowHeight = barHeight + 6;
  const labelHeight = fontSize + 8;
  const barLabel = (series: BarSeries, value: number | null) =>
    value === null
      ? `${named ? `${series.name}: ` : ''}${options.notShown}`
      : `${named ? `${series.name} ` : ''}${value}`;
  // Room after the longest bar for the longest figure's label.
  const labelRoom =
    8 +
    Math.max(
      0,
      ...options.groups.flatMap((group) =>
        options.series.map((series, index) =>
          textWidth(barLabel(series, group.values[index] ?? null), fontSize),
        ),
      ),
    );
  const barSpace = Math.max(40, width - labelRoom);
  const most = Math.max(
    1,
    ...options.groups.flatMap((group) => group.values.filter((v): v is number => v !== null)),
  );

  const parts: string[] = [];
  let y = 0;
  for (const group of options.groups) {
    y += labelHeight;
    parts.push(text(0, y - 7, group.label, { 'font-size': fontSize, 'font-weight': 'bold' }));
    if (named && group.values.every((value) => value === null)) {
      // Nothing shown in the whole group: one line says so, not a row of empty boxes.
      const middle = y + 2 + barHeight / 2 + fontSize * 0.35;
      parts.push(
        text(0, middle, `${allNames(options.series)}: ${options.notShown}`, {
          'font-size': fontSize,
          'font-style': 'italic',
          fill: PALETTE.muted,
        }),
      );
      y += rowHeight + 6;
      continue;
    }
    options.series.forEach((series, index) => {
      const value = group.values[index] ?? null;
      const top = y + 2;
      const middle = top + barHeight / 2 + fontSize * 0.35;
      if (value === null) {
        parts.push(
          rect(0.5, top + 0.5, 30, barHeight - 1, {
            fill: 'none',
            stroke: PALETTE.rule,
            'stroke-dasharray': '3 3',
          }),
          text(38, middle, barLabel(series, value), {
            'font-size': fontSize,
            'font-style': 'italic',
            fill: PALETTE.muted,
          }),
        );
      } else {
        const length = (value / most) * barSpace;
        if (length > 0) parts.push(rect(0, top, length, barHeight, { fill: series.colour }));
        parts.push(text(length + 6, middle, barLabel(series, value), { 'font-size': fontSize }));
      }
      y += rowHeight;
    });
    y += 6;
  }
  return svgFrame(options, width, Math.max(y, 1), parts.join(''));
}

/** "Present, apologies and absent". */
function allNames(series: readonly BarSeries[]): string {
  const names = series.map((one, index) => (index === 0 ? one.name : one.name.toLowerCase()));
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Issue 13: the annual report's charts (schema/charts): each one image with a name and a
 * description, every figure written in it as text, a withheld figure drawn as words and never as
 * a bar, sheet text escaped, and the same bytes for the same figures.
 */
import { describe, expect, it } from 'vitest';
import { barChartSvg, calendarChartSvg, lineChartSvg, PALETTE } from '../schema/charts';
import { niceAxis } from '../schema/charts/svg';

const series = [
  { name: 'Present', colour: PALETTE.green },
  { name: 'Apologies', colour: PALETTE.blue },
];

/** The text of every `<text>` element, unescaped enough to read. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map(([, content = '']) => content);
}

function expectImage(svg: string, id: string, title: string) {
  expect(svg).toMatch(
    new RegExp(`^<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc"`),
  );
  expect(svg).toContain(`<title id="${id}-title">${title}</title>`);
  expect(svg).toContain(`<desc id="${id}-desc">`);
  expect(svg).not.toMatch(/<script|on\w+=/i);
}

describe('bar charts', () => {
  const chart = barChartSvg({
    id: 'attendance',
    title: 'Attendance',
    description: 'Resident: present 12, apologies not shown.',
    series,
    groups: [
      { label: 'Resident', values: [12, null] },
      { label: 'Provider', values: [null, null] },
      { label: 'Staff', values: [0, 3] },
    ],
    notShown: 'not shown',
  });

  it('is one image named by its title and described by its figures', () => {
    expectImage(chart, 'attendance', 'Attendance');
    expect(chart).toContain('Resident: present 12, apologies not shown.');
  });

  it('writes every figure as text, with its series, and a withheld one as words', () => {
    expect(texts(chart)).toEqual([
      'Resident',
      'Present 12',
      'Apologies: not shown',
      'Provider',
      'Present and apologies: not shown',
      'Staff',
      'Present 0',
      'Apologies 3',
    ]);
    // Bars only for the figures there are, as long as their figures say (12 is the longest).
    const bars = [...chart.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"\/>/g)];
    expect(bars.map(([, colour]) => colour)).toEqual([PALETTE.green, PALETTE.blue]);
    const widths = [...chart.matchAll(/<rect [^>]*width="([\d.]+)"[^>]*fill="#/g)].map(([, w]) =>
      Number(w),
    );
    expect(widths[0]).toBeGreaterThan(4 * (widths[1] ?? 0) - 1);
  });

  it('escapes the labels, which come from the sheet', () => {
    const hostile = barChartSvg({
      id: 'x"><script>',
      title: 'Stages <b>',
      description: '"quoted" & <tagged>',
      series: [{ name: 'Projects', colour: PALETTE.blue }],
      groups: [{ label: '<img src=x onerror=alert(1)>', values: [1] }],
      notShown: 'not shown',
    });
    expect(hostile).not.toContain('<img');
    expect(hostile).not.toContain('<script');
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile).toContain('aria-labelledby="x-script--title x-script--desc"');
  });

  it('gives the same bytes for the same figures', () => {
    const again = barChartSvg({
      id: 'attendance',
      title: 'Attendance',
      description: 'Resident: present 12, apologies not shown.',
      series,
      groups: [
        { label: 'Resident', values: [12, null] },
        { label: 'Provider', values: [null, null] },
        { label: 'Staff', values: [0, 3] },
      ],
      notShown: 'not shown',
    });
    expect(again).toBe(chart);
  });
});

describe('the calendar of months', () => {
  const chart = calendarChartSvg({
    id: 'meetings',
    title: 'Meetings held each month',
    description: 'November 2025: 1. December 2025: 0. January 2026: 2.',
    months: [
      { month: '2025-11', count: 1 },
      { month: '2025-12', count: 0 },
      { month: '2026-01', count: 2 },
    ],
  });

  it('has one row a year and one square a month of the period, with its count', () => {
    expectImage(chart, 'meetings', 'Meetings held each month');
    expect(texts(chart)).toEqual([
      ...['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
      '2025',
      '1',
      '0',
      '2026',
      '2',
    ]);
    expect(chart.match(/<rect /g)).toHaveLength(3);
  });
});

describe('line charts', () => {
  const dates = ['2025-11-30', '2025-12-31', '2026-01-31', '2026-02-28'];
  const chart = lineChartSvg({
    id: 'actions',
    title: 'Actions',
    description: 'By 28 February 2026: 9 raised, 4 done, 1 overdue.',
    dates,
    series: [
      { name: 'Raised', colour: PALETTE.blue, values: [2, 5, 7, 9] },
      { name: 'Done', colour: PALETTE.green, dash: '8 4', values: [0, 1, 3, 4] },
      { name: 'Overdue', colour: PALETTE.rust, dash: '2 3', values: [0, 0, 1, 1] },
    ],
  });

  it('draws one line a series, each ending in its name and last figure', () => {
    expectImage(chart, 'actions', 'Actions');
    expect(chart.match(/<polyline /g)).toHaveLength(3);
    expect(chart).toContain('stroke-dasharray="8 4"');
    expect(texts(chart)).toEqual(expect.arrayContaining(['Raised 9', 'Done 4', 'Overdue 1']));
    expect(texts(chart)).toEqual(expect.arrayContaining(['Nov 2025', '2026', 'Feb 2026']));
  });

  it('keeps end labels apart when the lines end together', () => {
    const close = lineChartSvg({
      id: 'close',
      title: 'Close',
      description: 'Both 5.',
      dates,
      series: [
        { name: 'A', colour: PALETTE.blue, values: [1, 2, 3, 5] },
        { name: 'B', colour: PALETTE.green, values: [1, 2, 3, 5] },
      ],
    });
    const ys = [
      ...close.matchAll(/<text x="[\d.]+" y="([\d.]+)" font-size="13" font-weight="bold"/g),
    ].map(([, y]) => Number(y));
    expect(ys).toHaveLength(2);
    expect(Math.abs((ys[0] ?? 0) - (ys[1] ?? 0))).toBeGreaterThanOrEqual(15);
  });

  it('shows a single point as a dot', () => {
    const one = lineChartSvg({
      id: 'one',
      title: 'One',
      description: 'Just one.',
      dates: ['2026-01-31'],
      series: [{ name: 'Raised', colour: PALETTE.blue, values: [3] }],
    });
    expect(one).toContain('<circle ');
    expect(one).not.toContain('<polyline');
  });

  it('picks a value axis of round steps just above the highest figure', () => {
    expect(niceAxis(0)).toEqual({ top: 1, step: 1 });
    expect(niceAxis(3)).toEqual({ top: 3, step: 1 });
    expect(niceAxis(12)).toEqual({ top: 15, step: 5 });
    expect(niceAxis(52)).toEqual({ top: 60, step: 20 });
    expect(niceAxis(100)).toEqual({ top: 100, step: 20 });
    expect(niceAxis(10_000)).toEqual({ top: 10_000, step: 2_000 });
  });
});

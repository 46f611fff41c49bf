/**
 * Issue 13: the annual report's figures over time (schema/reports/annual-series.ts) are the
 * report's own: at the end of every month the running totals are `annualReport(from, that day)`,
 * so the last point is the report's total, and the meetings of the months add up to its
 * meetings held. Checked on the demo board and on a board with many actions in every state.
 */
import { describe, expect, it } from 'vitest';
import type { RawCell } from '../schema/grid';
import { annualSeries, monthsOf } from '../schema/reports/annual-series';
import { annualReport } from '../schema/rules';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';

const demoGrids = await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids();
const demo = buildSnapshot(demoGrids);

/** The demo board with actions due, done and dropped on every kind of day around month ends. */
function busyBoard(): BoardSnapshot {
  const actions = demoGrids.Actions as RawCell[][];
  const header = actions[0] as RawCell[];
  const column = (name: string) => header.indexOf(name);
  const meetings = demo.meetings.filter((meeting) => meeting.status === 'Held');
  const statuses = ['Open', 'In progress', 'Done', 'Dropped'];
  const rows: RawCell[][] = [];
  for (let index = 0; index < 600; index++) {
    const meeting = meetings[index % meetings.length];
    if (!meeting) continue;
    const row: RawCell[] = header.map(() => null);
    const day = (offset: number) => {
      const date = new Date(`${meeting.date}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + offset);
      return date.toISOString().slice(0, 10);
    };
    row[column('Action ID')] = `X${index}`;
    row[column('Meeting ID')] = meeting.id;
    row[column('Action')] = `Synthetic action ${index}`;
    row[column('Owner')] = null;
    row[column('Due date')] = index % 9 === 0 ? null : day((index * 7) % 75);
    row[column('Status')] = statuses[index % 4] ?? 'Open';
    row[column('Completed on')] = index % 8 === 2 ? day((index * 11) % 90) : null;
    rows.push(row);
  }
  return buildSnapshot({ ...demoGrids, Actions: [...actions, ...rows] });
}

function expectSeriesIsTheReport(snapshot: BoardSnapshot, from: string, to: string, today: string) {
  const series = annualSeries(snapshot, from, to, today);
  const report = annualReport(snapshot, from, to, today);
  expect(series.meetingsByMonth.map((month) => month.month)).toEqual(
    monthsOf(from, to).map((month) => month.month),
  );
  expect(series.meetingsByMonth.reduce((sum, month) => sum + month.held, 0)).toBe(
    report.meetingsHeld,
  );
  for (const point of series.actionsToDate) {
    const then = annualReport(snapshot, from, point.date, today);
    expect(point, `${from} to ${point.date}`).toEqual({
      date: point.date,
      raised: then.actionsRaised,
      done: then.actionsDone,
      overdue: then.actionsOverdue,
    });
  }
  expect(series.actionsToDate.at(-1)).toEqual({
    date: to,
    raised: report.actionsRaised,
    done: report.actionsDone,
    overdue: report.actionsOverdue,
  });
}

describe('the annual report over time', () => {
  const periods: [string, string][] = [
    ['2025-11-23', '2026-11-22'],
    ['2023-11-01', '2026-11-22'],
    ['2024-02-29', '2024-03-01'],
    ['2026-10-28', '2026-10-28'],
    ['2026-06-15', '2027-03-31'],
  ];

  it('is annualReport at the end of every month, on the demo board', () => {
    for (const [from, to] of periods) expectSeriesIsTheReport(demo, from, to, '2026-11-22');
  });

  it('is annualReport at the end of every month, with actions in every state', () => {
    const busy = busyBoard();
    for (const [from, to] of periods) expectSeriesIsTheReport(busy, from, to, '2026-11-22');
    expectSeriesIsTheReport(busy, '2024-01-01', '2026-12-31', '2025-06-30');
  });

  it('has a point for every month the period touches, ending on its last day', () => {
    expect(monthsOf('2025-11-23', '2026-02-10')).toEqual([
      { month: '2025-11', end: '2025-11-30' },
      { month: '2025-12', end: '2025-12-31' },
      { month: '2026-01', end: '2026-01-31' },
      { month: '2026-02', end: '2026-02-10' },
    ]);
    expect(monthsOf('2024-02-29', '2024-02-29')).toEqual([{ month: '2024-02', end: '2024-02-29' }]);
    expect(() => annualSeries(demo, '2026-01-02', '2026-01-01', '2026-11-22')).toThrow(RangeError);
  });
});

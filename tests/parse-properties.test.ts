/**
 * Properties of the cell readers and the parser over generated grids (fast-check): whatever
 * an officer's sheet holds, the parse never throws, keeps every good row, and every data issue
 * names a cell of the tab it is about.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  a1,
  isBlankOrUnticked,
  readDate,
  readList,
  readNumber,
  readText,
  readYesNo,
} from '../schema/cells';
import type { RawCell, RawGrid, WorkbookGrids } from '../schema/grid';
import { BOARD_LAYOUT, MEETINGS_TAB, TAB_NAMES } from '../schema/layout';
import { membershipCheck } from '../schema/rules';
import { buildSnapshot } from '../schema/snapshot';

const RUNS = { numRuns: 150 };

/** Anything a Sheets or xlsx cell can hold, weighted towards what trips readers up. */
const anyCell: fc.Arbitrary<RawCell> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    '  ',
    '#REF!',
    '#N/A',
    '=SUM(A1)',
    '31/02/2025',
    '2026-11-22',
    '12/03/2026',
    'Yes',
    'no',
    'TRUE',
    'M01, M02',
    'Open',
    'Done',
    'Planned',
    'Held',
    'Present',
  ),
);

/** A header row: real headers of the tab (some left out, some repeated) and junk. */
function headerRow(tab: (typeof BOARD_LAYOUT)[number]): fc.Arbitrary<RawCell[]> {
  const headers = tab.columns.map((column) => column.header);
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...headers) }, anyCell), {
      minLength: 0,
      maxLength: headers.length + 3,
    })
    .map((row) => row);
}

const anyGrid = (tab: (typeof BOARD_LAYOUT)[number]): fc.Arbitrary<RawGrid> =>
  fc
    .tuple(headerRow(tab), fc.array(fc.array(anyCell, { maxLength: 16 }), { maxLength: 12 }))
    .map(([header, rows]) => [header, ...rows]);

const anyWorkbook: fc.Arbitrary<WorkbookGrids> = fc
  .record(
    Object.fromEntries(BOARD_LAYOUT.map((tab) => [tab.name, anyGrid(tab)])) as Record<
      string,
      fc.Arbitrary<RawGrid>
    >,
    { requiredKeys: [] },
  )
  .map((grids) => grids as WorkbookGrids);

/** "F7" → [row 7, column index 5]. */
function cellPosition(cell: string): [number, number] {
  const match = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!match) throw new Error(`not an A1 cell: ${cell}`);
  const column = [...(match[1] as string)].reduce(
    (n, letter) => n * 26 + letter.charCodeAt(0) - 64,
    0,
  );
  return [Number(match[2]), column - 1];
}

describe('cell readers', () => {
  it('never throw, and either read a value or say what is wrong', () => {
    fc.assert(
      fc.property(anyCell, (cell) => {
        if (cell === null) return;
        for (const reading of [
          readText(cell),
          readList(cell),
          readNumber(cell),
          readYesNo(cell),
          readDate(cell, 'DMY'),
        ]) {
          if (reading.ok) expect(reading).toHaveProperty('value');
          else expect(reading.message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('read an ISO date as itself and a list without empty or repeated items', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          expect(readDate(iso, 'DMY')).toMatchObject({ ok: true, value: iso });
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 6 }), (items) => {
        const reading = readList(items.join(', '));
        if (!reading.ok) return;
        expect(reading.value.every((item) => item.trim() === item && item !== '')).toBe(true);
        expect(new Set(reading.value).size).toBe(reading.value.length);
      }),
      RUNS,
    );
  });

  it('treat an unticked checkbox as blank but never a ticked one or a value', () => {
    expect(isBlankOrUnticked(false)).toBe(true);
    expect(isBlankOrUnticked(null)).toBe(true);
    expect(isBlankOrUnticked(true)).toBe(false);
    expect(isBlankOrUnticked(0)).toBe(false);
    expect(isBlankOrUnticked('FALSE')).toBe(false);
  });
});

describe('the parser on any grid', () => {
  it('never throws, and every data issue names a cell of its tab', () => {
    fc.assert(
      fc.property(anyWorkbook, (grids) => {
        const snapshot = buildSnapshot(grids);
        membershipCheck(snapshot, '2026-11-22');
        for (const issue of snapshot.issues) {
          expect(TAB_NAMES as readonly string[]).toContain(issue.sheet);
          const [row, column] = cellPosition(issue.cell);
          expect(row).toBe(issue.row);
          const grid = grids[issue.sheet];
          if (!grid) {
            expect(issue.cell).toBe('A1'); // a missing tab: where its headers go
            continue;
          }
          expect(row).toBeGreaterThanOrEqual(1);
          expect(row).toBeLessThanOrEqual(Math.max(1, grid.length));
          // A cell of the row, or the first free cell of the header row (where to add one).
          const width = Math.max(...grid.map((cells) => cells.length), 0);
          expect(column).toBeLessThanOrEqual(width);
        }
      }),
      RUNS,
    );
  });

  it('keeps every good row, whatever junk rows surround it', () => {
    const goodAction = fc.record({
      id: fc.stringMatching(/^A-[0-9]{1,4}$/),
      description: fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text.trim() !== ''),
      status: fc.constantFrom('Open', 'In progress', 'Done', 'Dropped'),
      due: fc.option(
        fc.date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
        { nil: null },
      ),
    });
    const junk = fc.array(anyCell, { maxLength: 10 });
    fc.assert(
      fc.property(
        fc.uniqueArray(goodAction, { selector: (action) => action.id, maxLength: 8 }),
        fc.array(junk, { maxLength: 8 }),
        fc.integer({ min: 0, max: 1_000 }),
        (actions, junkRows, seed) => {
          const header = ['Action ID', 'Meeting ID', 'Action', 'Owner', 'Due date', 'Status'];
          const good: RawCell[][] = actions.map((action) => [
            action.id,
            'MT-1',
            action.description,
            '',
            action.due ? action.due.toISOString().slice(0, 10) : null,
            action.status,
          ]);
          // Junk rows get IDs no good row has, so they can never take a good row's ID first.
          const bad: RawCell[][] = junkRows.map((row, index) => [`JUNK-${index}`, ...row.slice(1)]);
          // Junk between good rows, the way a real sheet mixes them.
          const rows: RawCell[][] = good.flatMap((row, index) => {
            const between = bad[(index + seed) % Math.max(1, bad.length)];
            return between ? [row, between] : [row];
          });
          rows.push(...bad);
          const snapshot = buildSnapshot({
            Meetings: [
              MEETINGS_TAB.columns.filter((c) => c.required).map((c) => c.header),
              ['MT-1', '2026-01-28', 'Held'],
            ],
            Actions: [header, ...rows],
          });
          const kept = new Set(snapshot.actions.map((action) => action.id));
          for (const action of actions) expect(kept, action.id).toContain(action.id);
        },
      ),
      RUNS,
    );
  });

  it('names cells the way a spreadsheet does', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(800), (row, column) => {
        expect(cellPosition(a1(row, column))).toEqual([row + 1, column]);
      }),
      RUNS,
    );
  });
});

/**
 * Boards for the fake spreadsheet: the shipped demo workbook, and the demo with its Actions tab
 * replaced by any number of generated actions. Date and time cells become Date objects in
 * Europe/London, as Sheets' getValues gives them, so the bundle's conversion back to serial
 * numbers is exercised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoDateToSerial } from '../../../schema/dates';
import type { RawCell, RawGrid, WorkbookGrids } from '../../../schema/grid';
import { BOARD_LAYOUT } from '../../../schema/layout';
import { mapHeaders } from '../../../schema/parse';
import { readXlsxGrids } from '../../../server/sources/xlsx-grids';
import type { FakeSpreadsheet } from './fake-spreadsheet';
import { dateOfSerial } from './zoned-time';

const DEMO_PATH = join(import.meta.dirname, '../../../server/demo/demo-board.xlsx');
/** The demo board is generated as of this day (scripts/demo-board-data.ts DEMO_AS_OF). */
export const DEMO_TODAY = '2026-11-22';
/** Midday on the demo day, London time: the fixed clock of the tests. */
export const DEMO_NOW = new Date('2026-11-22T12:00:00Z');

let demo: WorkbookGrids | null = null;
export function demoGrids(): WorkbookGrids {
  demo ??= readXlsxGrids(new Uint8Array(readFileSync(DEMO_PATH)));
  return demo;
}

const DATE_KINDS = new Set(['date', 'dateTime', 'time']);

/** A tab's cells as getValues returns them: '' for blanks, Dates in date and time columns. */
export function sheetValues(name: string, grid: RawGrid, timeZone = 'Europe/London'): unknown[][] {
  const spec = BOARD_LAYOUT.find((candidate) => candidate.name === name);
  const dateColumns = new Set<number>();
  let headerRow = 0;
  if (spec) {
    const headers = mapHeaders(name, grid, spec);
    headerRow = headers.headerRow;
    for (const [column, index] of headers.columns) {
      if (DATE_KINDS.has(column.kind.type)) dateColumns.add(index);
    }
  }
  return grid.map((row, rowIndex) =>
    row.map((cell, columnIndex) => {
      if (cell === null) return '';
      const isDateCell =
        rowIndex > headerRow &&
        typeof cell === 'number' &&
        (dateColumns.has(columnIndex) || (name === 'Settings' && row[0] === 'First meeting'));
      return isDateCell ? dateOfSerial(cell, timeZone) : cell;
    }),
  );
}

/** Fills the fake spreadsheet with the given tabs, in order. */
export function loadBoard(spreadsheet: FakeSpreadsheet, grids: WorkbookGrids): void {
  for (const [name, grid] of Object.entries(grids)) {
    spreadsheet.addSheet(name, sheetValues(name, grid, spreadsheet.timeZone));
  }
}

const STATUSES = ['Open', 'In progress', 'Done', 'Dropped', 'Done'] as const;

/**
 * The demo board with `count` generated actions instead of its own: owners, meetings, projects,
 * due dates and statuses cycle, some actions have no owner or no due date, and row 4 has an
 * impossible date, so every size has the same kinds of rows and data issues.
 */
export function boardWithActions(count: number): WorkbookGrids {
  const grids = demoGrids();
  const actions = grids.Actions as RawGrid;
  const header = actions[0] as RawCell[];
  const meetings = (grids.Meetings as RawGrid)
    .slice(1)
    .filter((row) => row[10] === 'Held')
    .map((row) => row[0] as string);
  const owners = (grids.Members as RawGrid)
    .slice(1)
    .filter((row) => row[14] === 'Active')
    .map((row) => row[0] as string);
  const firstDue = isoDateToSerial('2024-01-10');
  const rows: RawCell[][] = [header];
  for (let index = 1; index <= count; index++) {
    const due =
      index === 3 ? '31/02/2025' : index % 40 === 0 ? null : firstDue + ((index * 7) % 1100);
    rows.push([
      `A${String(index).padStart(5, '0')}`,
      meetings[index % meetings.length] as string,
      index % 3 === 0 ? `P0${(index % 4) + 1}` : null,
      `Generated action ${index}: follow up with the provider and report back`,
      index % 50 === 0 ? null : (owners[index % owners.length] as string),
      due,
      STATUSES[index % STATUSES.length] as string,
      null,
      null,
      null,
    ]);
  }
  return { ...grids, Actions: rows };
}

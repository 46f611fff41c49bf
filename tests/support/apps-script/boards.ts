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
  const members = grids.Members as RawGrid;
  // By header, so that a column added to Members does not move it.
  const status = (members[0] as RawCell[]).indexOf('Status');
  const owners = members
    .slice(1)
    .filter((row) => row[status] === 'Active')
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

/**
 * A tab as an officer lays it out: the layout's headers in order (less `omit`, as on a board
 * made before a column was added), and one row per record, keyed by header.
 */
export function tabGrid(
  name: string,
  records: readonly Readonly<Record<string, RawCell>>[],
  omit: readonly string[] = [],
): RawGrid {
  const spec = BOARD_LAYOUT.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`No tab "${name}" in the layout.`);
  const headers = spec.columns.map((column) => column.header).filter((h) => !omit.includes(h));
  const unknown = records
    .flatMap((record) => Object.keys(record))
    .find((h) => !headers.includes(h));
  if (unknown) throw new Error(`No column "${unknown}" in the ${name} tab.`);
  return [headers, ...records.map((record) => headers.map((header) => record[header] ?? null))];
}

const MEMBER = { 'Term start': isoDateToSerial('2026-01-01'), Status: 'Active' } as const;

/**
 * A small board of seven members, one of each kind the Involvement tab cares about (R16), and
 * two meetings: October's held, 2.5 hours long, with its attendance filled in (Cara sent
 * apologies); November's planned, with no length (Settings' 2 hours) and no attendance yet.
 * Made before the Involvement and Feedback tabs and Members' Communication needs column.
 */
export function smallBoard(): WorkbookGrids {
  const member = (
    id: string,
    name: string,
    role: string,
    category: string,
    constituency: string,
  ): Record<string, RawCell> => ({
    'Member ID': id,
    Name: name,
    Role: role,
    Category: category,
    Constituency: constituency,
    ...MEMBER,
  });
  const present = (memberId: string, attendance = 'Present'): Record<string, RawCell> => ({
    'Meeting ID': 'MT-2026-10',
    'Member ID': memberId,
    Attendance: attendance,
  });
  return {
    Members: tabGrid(
      'Members',
      [
        member('M01', 'Ada Achebe', 'Resident co-chair', 'Resident co-chair', 'Resident'),
        member('M02', 'Ben Brook', 'Officer co-chair', 'Commissioning team', 'Staff'),
        member('M03', 'Cara Cole', 'Member', 'Carer or advocate', 'Resident'),
        member('M04', 'Dev Desai', 'Member', 'Provider', 'Provider'),
        member('M05', 'Eve Evans', 'Member', 'Elected member', 'Council'),
        member('M06', 'Fay Fox', 'Member', 'Self-representative', 'Other'),
        member('M07', 'Gus Gray', 'Member', 'Social worker', 'Staff'),
      ],
      ['Communication needs'],
    ),
    Meetings: tabGrid('Meetings', [
      {
        'Meeting ID': 'MT-2026-10',
        Date: isoDateToSerial('2026-10-28'),
        'Length (hours)': 2.5,
        'Minute-taker': 'M04',
        Status: 'Held',
      },
      {
        'Meeting ID': 'MT-2026-11',
        Date: isoDateToSerial('2026-11-25'),
        'Minute-taker': 'M06',
        Status: 'Planned',
      },
    ]),
    Attendance: tabGrid('Attendance', [
      present('M01'),
      present('M02'),
      present('M03', 'Apologies'),
      present('M04'),
      present('M05'),
      present('M06'),
      present('M07'),
    ]),
    Settings: [
      ['Key', 'Value'],
      ['Board name', 'Small test board'],
      ['Meeting length (hours)', 2],
    ],
  };
}

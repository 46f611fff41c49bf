/**
 * Reading and writing the board's tabs in whole blocks. Every read of a tab is one
 * `getDataRange().getValues()` and every write one `setValues` over one block, so a handler
 * makes the same number of Spreadsheet calls for 10 rows as for 10,000 (each call is a round
 * trip to the spreadsheet; a call per row would take minutes on a real board).
 */
import type { RawCell, RawGrid } from '../schema/grid';
import type { DataIssue } from '../schema/issues';
import type { TabName } from '../schema/layout';
import { normaliseHeader } from '../schema/parse';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import { unusableTabMessage } from '../schema/unusable-tab';
import { BoardSheetError } from './board-error';
import { isDate, SheetDates } from './sheet-dates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
/** A cell value as `getValues` returns it and `setValues` takes it. */
export type SheetValue = string | number | boolean | Date;

export interface TabData {
  readonly sheet: Sheet;
  /** The data range the values came from (the notes of the same cells are read through it). */
  readonly range: GoogleAppsScript.Spreadsheet.Range;
  /** The values as read, for writing back cells that do not change. */
  readonly values: readonly (readonly SheetValue[])[];
  /** The same values as the parser reads them. */
  readonly grid: RawGrid;
  /** The last row with any content (0 for an empty tab). */
  readonly lastRow: number;
}

export interface BoardRead {
  readonly snapshot: BoardSnapshot;
  readonly tabs: ReadonlyMap<TabName, TabData>;
  /** Data issues of the tabs that were read (the others were not looked at). */
  readonly issues: readonly DataIssue[];
}

export class BoardWorkbook {
  readonly dates: SheetDates;
  private readonly sheets: readonly Sheet[];
  private readonly names: readonly string[];

  constructor(readonly spreadsheet: Spreadsheet) {
    this.dates = new SheetDates(spreadsheet.getSpreadsheetTimeZone());
    this.sheets = spreadsheet.getSheets();
    this.names = this.sheets.map((sheet) => sheet.getName());
  }

  /** A tab by name, found as the parser finds it: exactly, else trimmed and in any case. */
  findSheet(name: string): Sheet | null {
    const exact = this.names.indexOf(name);
    const index =
      exact !== -1
        ? exact
        : this.names.findIndex((candidate) => normaliseHeader(candidate) === normaliseHeader(name));
    return index === -1 ? null : (this.sheets[index] as Sheet);
  }

  /** Reads one tab with one getValues, or null when the tab is missing. */
  readTab(name: string): TabData | null {
    const sheet = this.findSheet(name);
    if (!sheet) return null;
    const range = sheet.getDataRange();
    const values = range.getValues() as SheetValue[][];
    const grid = values.map((row) => row.map((cell) => this.rawCell(cell)));
    let lastRow = grid.length;
    while (lastRow > 0 && (grid[lastRow - 1] as RawCell[]).every((cell) => cell === null)) {
      lastRow--;
    }
    return { sheet, range, values, grid, lastRow };
  }

  /** Reads the given tabs once each and builds the snapshot the rules read. */
  readBoard(names: readonly TabName[]): BoardRead {
    const tabs = new Map<TabName, TabData>();
    for (const name of names) {
      const tab = this.readTab(name);
      if (tab) tabs.set(name, tab);
    }
    const grids: Record<string, RawGrid> = {};
    for (const [name, tab] of tabs) grids[name] = tab.grid;
    const snapshot = buildSnapshot(grids);
    const read = new Set<string>(names);
    return { snapshot, tabs, issues: snapshot.issues.filter((issue) => read.has(issue.sheet)) };
  }

  private rawCell(value: unknown): RawCell {
    if (value === '' || value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return value;
    }
    if (isDate(value)) return this.dates.toSerial(value);
    return String(value);
  }
}

/**
 * Stops a handler that needs a tab the parser cannot read, pointing at the cell to fix (the
 * parser's own issue says which header is missing, or that the tab is).
 */
export function requireUsable(board: BoardRead, name: TabName): TabData {
  const tab = board.tabs.get(name);
  if (tab && !board.snapshot.unusableTabs.has(name)) return tab;
  const issue = board.issues.find((candidate) => candidate.sheet === name);
  throw new BoardSheetError(
    issue?.message ??
      unusableTabMessage(
        name,
        board.snapshot.unusableTabs.get(name) ?? [],
        'this menu item cannot run',
        ' (the menu item "Set up board sheets" does this)',
      ),
    issue ? { sheet: issue.sheet, cell: issue.cell } : { sheet: name, cell: 'A1' },
  );
}

/** Makes sure a sheet has at least `rows` rows, adding empty ones at the end if not. */
export function ensureRows(sheet: Sheet, rows: number): void {
  const max = sheet.getMaxRows();
  if (rows > max) sheet.insertRowsAfter(max, rows - max);
}

/** Makes sure a sheet has at least `columns` columns, adding empty ones at the end if not. */
export function ensureColumns(sheet: Sheet, columns: number): void {
  const max = sheet.getMaxColumns();
  if (columns > max) sheet.insertColumnsAfter(max, columns - max);
}

/** Appends rows after the tab's last row with one setValues; returns the first new row. */
export function appendRows(tab: TabData, rows: readonly (readonly SheetValue[])[]): number {
  const first = tab.lastRow + 1;
  if (rows.length === 0) return first;
  const width = Math.max(...rows.map((row) => row.length));
  const block = rows.map((row) => [...row, ...new Array<SheetValue>(width - row.length).fill('')]);
  ensureRows(tab.sheet, tab.lastRow + rows.length);
  tab.sheet.getRange(first, 1, rows.length, width).setValues(block);
  return first;
}

/**
 * A row in the tab's own column order from values by column key: columns are wherever the
 * officers put them, so each value goes to the index the parser found for its header.
 */
export function rowByKey(
  columnIndex: ReadonlyMap<string, number> | undefined,
  values: Readonly<Record<string, SheetValue | null | undefined>>,
): SheetValue[] {
  const indexes = columnIndex ?? new Map<string, number>();
  const width = Math.max(0, ...[...indexes.values()].map((index) => index + 1));
  const row = new Array<SheetValue>(width).fill('');
  for (const [key, value] of Object.entries(values)) {
    const index = indexes.get(key);
    if (index !== undefined && value !== null && value !== undefined) row[index] = value;
  }
  return row;
}

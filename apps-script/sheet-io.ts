/**
 * Reading and writing the board's tabs in whole blocks. Every read of a tab is one
 * `getDataRange().getValues()` and every write one `setValues` over one block, so a handler
 * makes the same number of Spreadsheet calls for 10 rows as for 10,000 (each call is a round
 * trip to the spreadsheet; a call per row would take minutes on a real board).
 *
 * Real sheets hold more than values: a Yes/No column of checkboxes holds FALSE in every row
 * down to the sheet's end (so the data range runs there too), officers' cells hold formulas,
 * and text is re-read as it is written (`text-cells.ts`). Reads find the last row by content
 * other than unticked boxes; writes keep formulas they pass over, and keep text as text.
 */
import { isBlankOrUnticked } from '../schema/cells';
import type { RawCell, RawGrid } from '../schema/grid';
import type { DataIssue } from '../schema/issues';
import type { TabName } from '../schema/layout';
import { normaliseHeader } from '../schema/parse';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import { unusableTabMessage } from '../schema/unusable-tab';
import { BoardSheetError } from './board-error';
import { isDate, SheetDates } from './sheet-dates';
import { plainTextRanges } from './text-cells';

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
  /**
   * The last row with content other than unticked checkboxes (0 for an empty tab): new rows go
   * after it, not after the FALSE cells a checkbox column runs down to the sheet's end with.
   */
  readonly lastRow: number;
  /** The cells' formulas ('' where a cell holds a value), when the read asked for them. */
  readonly formulas: readonly (readonly string[])[] | null;
}

export interface ReadOptions {
  /** Also read the formulas (one more call), to write back the cells a block passes over. */
  readonly formulas?: boolean;
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
  readTab(name: string, options: ReadOptions = {}): TabData | null {
    const sheet = this.findSheet(name);
    if (!sheet) return null;
    const range = sheet.getDataRange();
    const values = range.getValues() as SheetValue[][];
    const formulas = options.formulas ? range.getFormulas() : null;
    const grid = values.map((row) => row.map((cell) => this.rawCell(cell)));
    let lastRow = grid.length;
    while (lastRow > 0 && (grid[lastRow - 1] as RawCell[]).every(isBlankOrUnticked)) {
      lastRow--;
    }
    return { sheet, range, values, grid, lastRow, formulas };
  }

  /** Reads the given tabs once each and builds the snapshot the rules read. */
  readBoard(names: readonly TabName[], options: Partial<Record<TabName, ReadOptions>> = {}) {
    const tabs = new Map<TabName, TabData>();
    for (const name of names) {
      const tab = this.readTab(name, options[name]);
      if (tab) tabs.set(name, tab);
    }
    return this.boardOf(names, tabs);
  }

  /**
   * The snapshot of tabs already read, with some cells changed in memory: what the board is
   * once a handler's writes land, without reading the tabs again.
   */
  boardOf(
    names: readonly TabName[],
    tabs: ReadonlyMap<TabName, TabData>,
    changedGrids: Partial<Record<TabName, RawGrid>> = {},
  ): BoardRead {
    const grids: Record<string, RawGrid> = {};
    for (const [name, tab] of tabs) grids[name] = changedGrids[name] ?? tab.grid;
    const snapshot = buildSnapshot(grids);
    const read = new Set<string>(names);
    return { snapshot, tabs, issues: snapshot.issues.filter((issue) => read.has(issue.sheet)) };
  }

  /** A cell value as the parser reads it (a date as its serial number). */
  rawCell(value: unknown): RawCell {
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

/** A cell to write as a formula (`setValues` makes a formula of text starting with `=`). */
export interface FormulaCell {
  readonly formula: string;
}
export type CellWrite = SheetValue | FormulaCell;

function isFormulaCell(cell: CellWrite | undefined): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && !isDate(cell) && 'formula' in cell;
}

/**
 * Writes one block with one setValues at `row`, `column` (1-based). Strings stay as written:
 * the cells that need it get the plain-text format first (one more call, only when some do).
 * Formula cells are written as formulas: a block that passes over an officer's formula hands
 * it back with `{ formula }` (from a read with formulas) rather than its value.
 */
export function writeBlock(
  sheet: Sheet,
  row: number,
  column: number,
  block: readonly (readonly CellWrite[])[],
): void {
  const width = block[0]?.length ?? 0;
  if (block.length === 0 || width === 0) return;
  if (block.some((cells) => cells.length !== width)) {
    // Sheets refuses a ragged block; say which of ours it was rather than Sheets' words.
    throw new Error(`A block written to ${sheet.getName()} has rows of different lengths.`);
  }
  const values = block.map((cells) =>
    cells.map((cell) => (isFormulaCell(cell) ? cell.formula : cell)),
  );
  const text = plainTextRanges(values, row, column, (r, c) =>
    isFormulaCell(block[r]?.[c] as CellWrite),
  );
  if (text.length > 0) sheet.getRangeList(text).setNumberFormat('@');
  sheet.getRange(row, column, block.length, width).setValues(values);
}

/** A cell as read, for writing back unchanged: its formula when it has one, else its value. */
export function asRead(tab: TabData, rowIndex: number, columnIndex: number): CellWrite {
  const formula = tab.formulas?.[rowIndex]?.[columnIndex];
  if (formula) return { formula };
  return tab.values[rowIndex]?.[columnIndex] ?? '';
}

/**
 * Appends rows after the tab's last row with one setValues; returns the first new row. Cells
 * a row leaves blank keep what the sheet has there (an unticked checkbox stays a checkbox).
 */
export function appendRows(tab: TabData, rows: readonly (readonly SheetValue[])[]): number {
  const first = tab.lastRow + 1;
  if (rows.length === 0) return first;
  const width = Math.max(...rows.map((row) => row.length));
  const block = rows.map((row, index) =>
    Array.from({ length: width }, (_, column): SheetValue => {
      const value = row[column];
      if (value !== undefined && value !== '') return value;
      const existing = tab.values[first - 1 + index]?.[column];
      return existing === false ? false : '';
    }),
  );
  ensureRows(tab.sheet, tab.lastRow + rows.length);
  writeBlock(tab.sheet, first, 1, block);
  return first;
}

/**
 * True when a Yes/No column has been turned into checkboxes: its cells hold TRUE/FALSE. The
 * menu then writes booleans into it (a "No" would not be a box) and "Set up board sheets"
 * leaves the checkboxes alone.
 */
export function isCheckboxColumn(tab: TabData, columnIndex: number, headerRow = 0): boolean {
  for (let row = headerRow + 1; row < tab.values.length; row++) {
    if (typeof tab.values[row]?.[columnIndex] === 'boolean') return true;
  }
  return false;
}

/** The value for a Yes/No cell in the column's own style: a checkbox or the words Yes/No. */
export function yesNoCell(tab: TabData, columnIndex: number | undefined, yes: boolean): SheetValue {
  if (columnIndex !== undefined && isCheckboxColumn(tab, columnIndex)) return yes;
  return yes ? 'Yes' : 'No';
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

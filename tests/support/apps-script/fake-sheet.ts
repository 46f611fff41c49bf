/// <reference types="google-apps-script" />
/**
 * An in-memory Sheet: cell values and formulas, notes, formats, validations, protections,
 * frozen rows, column widths, hidden columns, a filter and conditional format rules as recorded
 * state, with Sheets' limits (a range outside the grid is an error, so a handler must add rows
 * before appending past the last one). The last row is the last with any value, and an
 * unticked checkbox's FALSE is a value: a Yes/No column of checkboxes down to row 1,000 makes
 * the data range run to row 1,000, as in Sheets.
 */
import type { CallLog } from './call-log';
import { counted } from './call-log';
import {
  type CellValue,
  type FakeFilter,
  type FakeProtection,
  FakeRange,
  FakeRangeList,
  key,
} from './fake-range';
import { shiftFormula, storedInput } from './sheets-input';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** What sheets and ranges need from the spreadsheet they belong to. */
export interface SheetWorld {
  readonly log: CallLog;
  /** Records a write made without the document lock (tests assert there are none). */
  assertWritable(method: string): void;
  rangeOf(range: Range): FakeRange;
  activeRangeOf(sheet: FakeSheet): Range | null;
  /** The spreadsheet's time zone, in which typed dates are read. */
  readonly timeZone: string;
}

type SheetMethods =
  | 'getName'
  | 'getSheetId'
  | 'getDataRange'
  | 'getRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'insertRowsAfter'
  | 'insertColumnsAfter'
  | 'getFrozenRows'
  | 'setFrozenRows'
  | 'getProtections'
  | 'getConditionalFormatRules'
  | 'setConditionalFormatRules'
  | 'getActiveRange'
  | 'getRangeList'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'hideColumns'
  | 'getFilter';

/** The value Sheets shows for a formula the fake cannot compute. */
export const FORMULA_ERROR_VALUE = '#ERROR!';

export class FakeSheet implements Pick<Sheet, SheetMethods> {
  readonly proxy: Sheet;
  /** Rows of values from row 1; missing cells are blank. */
  readonly cells: CellValue[][] = [];
  readonly notes = new Map<string, string>();
  readonly numberFormats = new Map<string, string>();
  readonly fontWeights = new Map<string, string>();
  readonly validations = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
  /** `row,column` → formula; the cell's value in `cells` is what the formula last showed. */
  readonly formulas = new Map<string, string>();
  readonly wraps = new Map<string, boolean>();
  readonly verticalAlignments = new Map<string, string>();
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly protections: FakeProtection[] = [];
  conditionalFormatRules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  filter: FakeFilter | null = null;
  frozenRows = 0;

  constructor(
    readonly world: SheetWorld,
    public name: string,
    readonly id: number,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {
    this.proxy = counted(this, world.log, 'Spreadsheet', 'Sheet') as unknown as Sheet;
  }

  value(row: number, column: number): CellValue {
    return this.cells[row - 1]?.[column - 1] ?? '';
  }

  /** Sets a cell's value directly (test set-up, or the fake itself); clears any formula. */
  setValue(row: number, column: number, value: CellValue): void {
    this.formulas.delete(key(row, column));
    this.store(row, column, value);
  }

  /** A formula as a person would type it, showing `shows` (the fake does not compute). */
  setFormula(row: number, column: number, formula: string, shows: CellValue): void {
    this.store(row, column, shows);
    this.formulas.set(key(row, column), formula);
  }

  /** What setValues does with one value: stores it as Sheets would if it were typed there. */
  typeInto(row: number, column: number, value: unknown): void {
    const stored = storedInput(
      value,
      this.numberFormats.get(key(row, column)),
      this.world.timeZone,
    );
    if (stored.kind === 'value') {
      this.setValue(row, column, stored.value);
      return;
    }
    const same = this.formulas.get(key(row, column)) === stored.formula;
    this.setFormula(
      row,
      column,
      stored.formula,
      same ? this.value(row, column) : FORMULA_ERROR_VALUE,
    );
  }

  private store(row: number, column: number, value: CellValue): void {
    while (this.cells.length < row) this.cells.push([]);
    const cells = this.cells[row - 1] as CellValue[];
    while (cells.length < column) cells.push('');
    cells[column - 1] = value;
  }

  /**
   * Puts the cells of rows `from[i]` into rows `to[i]` across `numColumns` columns from
   * `column`: everything a cell carries moves with it, and formulas are adjusted to the row.
   */
  moveRows(from: readonly number[], to: readonly number[], column: number, numColumns: number) {
    type Carried = {
      value: CellValue;
      formula: string | undefined;
      maps: (string | boolean | GoogleAppsScript.Spreadsheet.DataValidation | undefined)[];
    };
    const maps = [
      this.notes,
      this.numberFormats,
      this.fontWeights,
      this.validations,
      this.wraps,
      this.verticalAlignments,
    ] as Map<string, unknown>[];
    const taken = from.map((row) => {
      const cells: Carried[] = [];
      for (let c = column; c < column + numColumns; c++) {
        cells.push({
          value: this.value(row, c),
          formula: this.formulas.get(key(row, c)),
          maps: maps.map((map) => map.get(key(row, c)) as never),
        });
      }
      return { row, cells };
    });
    taken.forEach(({ row: source, cells }, index) => {
      const target = to[index] as number;
      cells.forEach((cell, offset) => {
        const c = column + offset;
        const at = key(target, c);
        if (cell.formula === undefined) this.setValue(target, c, cell.value);
        else this.setFormula(target, c, shiftFormula(cell.formula, target - source), cell.value);
        maps.forEach((map, m) => {
          const carried = cell.maps[m];
          if (carried === undefined) map.delete(at);
          else map.set(at, carried);
        });
      });
    });
  }

  /** Values as a plain grid up to the last row and column with content (for assertions). */
  contents(): CellValue[][] {
    const rows = this.getLastRow();
    const columns = this.getLastColumn();
    const grid: CellValue[][] = [];
    for (let row = 1; row <= rows; row++) {
      const cells: CellValue[] = [];
      for (let column = 1; column <= columns; column++) cells.push(this.value(row, column));
      grid.push(cells);
    }
    return grid;
  }

  note(row: number, column: number): string {
    return this.notes.get(key(row, column)) ?? '';
  }

  getName(): string {
    return this.name;
  }

  getSheetId(): number {
    return this.id;
  }

  getLastRow(): number {
    for (let row = this.cells.length; row > 0; row--) {
      if ((this.cells[row - 1] ?? []).some((cell) => cell !== '')) return row;
    }
    return 0;
  }

  getLastColumn(): number {
    let last = 0;
    for (const row of this.cells) {
      for (let column = row.length; column > last; column--) {
        if (row[column - 1] !== '') {
          last = column;
          break;
        }
      }
    }
    return last;
  }

  getDataRange(): Range {
    return this.range(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  getRange(row: number | string, column?: number, numRows = 1, numColumns = 1): Range {
    if (typeof row === 'string') return this.rangeA1(row).proxy;
    if (column === undefined) throw new Error('The fake needs a column for getRange(row, ...).');
    return this.range(row, column, numRows, numColumns);
  }

  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    if (a1Notations.length === 0) throw new Error('A range list needs at least one range.');
    return new FakeRangeList(
      a1Notations.map((notation) => this.rangeA1(notation)),
      this.world.log,
    ).proxy;
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.world.assertWritable('Sheet.setColumnWidth');
    this.columnWidths.set(columnPosition, width);
    return this.proxy;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    this.world.assertWritable('Sheet.setColumnWidths');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.set(c, width);
    return this.proxy;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this.world.assertWritable('Sheet.hideColumns');
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }

  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return this.filter?.proxy ?? null;
  }

  /** "B5" or "B5:C7" (no tab name), as the fake's getRange and getRangeList take them. */
  private rangeA1(notation: string): FakeRange {
    const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(notation);
    if (!match) throw new Error(`The fake cannot read the range "${notation}".`);
    const column = columnNumber(match[1] as string);
    const row = Number(match[2]);
    const lastColumn = match[3] ? columnNumber(match[3]) : column;
    const lastRow = match[4] ? Number(match[4]) : row;
    return this.world.rangeOf(this.range(row, column, lastRow - row + 1, lastColumn - column + 1));
  }

  getMaxRows(): number {
    return this.maxRows;
  }

  getMaxColumns(): number {
    return this.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.world.assertWritable('Sheet.insertRowsAfter');
    if (afterPosition !== this.maxRows) throw new Error('The fake inserts rows at the end only.');
    this.maxRows += howMany;
    return this.proxy;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.world.assertWritable('Sheet.insertColumnsAfter');
    if (afterPosition !== this.maxColumns)
      throw new Error('The fake inserts columns at the end only.');
    this.maxColumns += howMany;
    return this.proxy;
  }

  getFrozenRows(): number {
    return this.frozenRows;
  }

  setFrozenRows(rows: number): void {
    this.world.assertWritable('Sheet.setFrozenRows');
    this.frozenRows = rows;
  }

  getProtections(
    type: GoogleAppsScript.Spreadsheet.ProtectionType,
  ): GoogleAppsScript.Spreadsheet.Protection[] {
    return String(type) === 'RANGE' ? this.protections.map((protection) => protection.proxy) : [];
  }

  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return [...this.conditionalFormatRules];
  }

  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this.world.assertWritable('Sheet.setConditionalFormatRules');
    this.conditionalFormatRules = [...rules];
  }

  getActiveRange(): Range | null {
    return this.world.activeRangeOf(this);
  }

  range(row: number, column: number, numRows: number, numColumns: number): Range {
    const inside =
      [row, column, numRows, numColumns].every((n) => Number.isInteger(n) && n >= 1) &&
      row + numRows - 1 <= this.maxRows &&
      column + numColumns - 1 <= this.maxColumns;
    if (!inside) {
      throw new Error(
        `The coordinates of the range are outside the dimensions of the sheet (${this.name}: ${row}, ${column}, ${numRows} x ${numColumns} in ${this.maxRows} x ${this.maxColumns}).`,
      );
    }
    return new FakeRange(this, row, column, numRows, numColumns, this.world.log).proxy;
  }
}

function columnNumber(letters: string): number {
  let column = 0;
  for (const letter of letters) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column;
}

/// <reference types="google-apps-script" />
/**
 * An in-memory Sheet: cell values, notes, formats, validations, protections, frozen rows and
 * conditional format rules as recorded state, with Sheets' limits (a range outside the grid is
 * an error, so a handler must add rows before appending past the last one).
 */
import type { CallLog } from './call-log';
import { counted } from './call-log';
import { type CellValue, type FakeProtection, FakeRange, key } from './fake-range';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** What sheets and ranges need from the spreadsheet they belong to. */
export interface SheetWorld {
  readonly log: CallLog;
  /** Records a write made without the document lock (tests assert there are none). */
  assertWritable(method: string): void;
  rangeOf(range: Range): FakeRange;
  activeRangeOf(sheet: FakeSheet): Range | null;
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
  | 'getActiveRange';

export class FakeSheet implements Pick<Sheet, SheetMethods> {
  readonly proxy: Sheet;
  /** Rows of values from row 1; missing cells are blank. */
  readonly cells: CellValue[][] = [];
  readonly notes = new Map<string, string>();
  readonly numberFormats = new Map<string, string>();
  readonly fontWeights = new Map<string, string>();
  readonly validations = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
  readonly protections: FakeProtection[] = [];
  conditionalFormatRules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
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

  setValue(row: number, column: number, value: CellValue): void {
    while (this.cells.length < row) this.cells.push([]);
    const cells = this.cells[row - 1] as CellValue[];
    while (cells.length < column) cells.push('');
    cells[column - 1] = value;
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
    if (typeof row === 'string' || column === undefined) {
      throw new Error('The fake supports getRange(row, column, numRows, numColumns) only.');
    }
    return this.range(row, column, numRows, numColumns);
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

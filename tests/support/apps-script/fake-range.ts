/// <reference types="google-apps-script" />
/**
 * In-memory Range and Protection. Only the methods the bundle uses exist; their signatures are
 * the real ones (`implements Pick<...>` of @types/google-apps-script), so a fake cannot accept
 * a call the real service would refuse to compile. Values behave as Sheets' do: blanks read as
 * '', dates are Date objects, and a block must match the range's size exactly.
 */
import type { CallLog } from './call-log';
import { counted } from './call-log';
import type { FakeSheet } from './fake-sheet';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
export type CellValue = string | number | boolean | Date;

type RangeMethods =
  | 'getValues'
  | 'setValues'
  | 'getNotes'
  | 'setNotes'
  | 'getRow'
  | 'setFontWeight'
  | 'setNumberFormat'
  | 'setDataValidation'
  | 'protect'
  | 'getA1Notation';

export class FakeRange implements Pick<Range, RangeMethods> {
  readonly proxy: Range;

  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
    log: CallLog,
  ) {
    this.proxy = counted(this, log, 'Spreadsheet', 'Range') as unknown as Range;
  }

  /** The fake behind a proxy (a getter, so reading it through the proxy is not a call). */
  get target(): FakeRange {
    return this;
  }

  getRow(): number {
    return this.row;
  }

  getA1Notation(): string {
    return `${a1(this.row, this.column)}:${a1(this.row + this.numRows - 1, this.column + this.numColumns - 1)}`;
  }

  getValues(): CellValue[][] {
    return this.mapCells((row, column) => copyValue(this.sheet.value(row, column)));
  }

  setValues(values: unknown[][]): Range {
    this.sheet.world.assertWritable('Range.setValues');
    this.checkShape(values, 'data');
    this.eachCell((row, column, r, c) =>
      this.sheet.setValue(row, column, cellValue(values[r]?.[c])),
    );
    return this.proxy;
  }

  getNotes(): string[][] {
    return this.mapCells((row, column) => this.sheet.notes.get(key(row, column)) ?? '');
  }

  setNotes(notes: (string | null)[][]): Range {
    this.sheet.world.assertWritable('Range.setNotes');
    this.checkShape(notes, 'notes');
    this.eachCell((row, column, r, c) => {
      const note = notes[r]?.[c] ?? '';
      if (note === '') this.sheet.notes.delete(key(row, column));
      else this.sheet.notes.set(key(row, column), note);
    });
    return this.proxy;
  }

  setFontWeight(fontWeight: string | null): Range {
    this.sheet.world.assertWritable('Range.setFontWeight');
    this.eachCell((row, column) => {
      this.sheet.fontWeights.set(key(row, column), fontWeight ?? 'normal');
    });
    return this.proxy;
  }

  setNumberFormat(numberFormat: string): Range {
    this.sheet.world.assertWritable('Range.setNumberFormat');
    this.eachCell((row, column) => {
      this.sheet.numberFormats.set(key(row, column), numberFormat);
    });
    return this.proxy;
  }

  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): Range {
    this.sheet.world.assertWritable('Range.setDataValidation');
    this.eachCell((row, column) => {
      if (rule) this.sheet.validations.set(key(row, column), rule);
      else this.sheet.validations.delete(key(row, column));
    });
    return this.proxy;
  }

  protect(): Protection {
    this.sheet.world.assertWritable('Range.protect');
    const protection = new FakeProtection(this, this.sheet.world.log);
    this.sheet.protections.push(protection);
    return protection.proxy;
  }

  private checkShape(block: unknown[][], what: string): void {
    if (block.length !== this.numRows || block.some((row) => row.length !== this.numColumns)) {
      throw new Error(
        `The number of rows or columns in the ${what} does not match the range: the range is ${this.numRows} by ${this.numColumns}.`,
      );
    }
  }

  private eachCell(visit: (row: number, column: number, r: number, c: number) => void): void {
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++) visit(this.row + r, this.column + c, r, c);
    }
  }

  private mapCells<T>(read: (row: number, column: number) => T): T[][] {
    const rows: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const cells: T[] = [];
      for (let c = 0; c < this.numColumns; c++) cells.push(read(this.row + r, this.column + c));
      rows.push(cells);
    }
    return rows;
  }
}

export class FakeProtection
  implements Pick<Protection, 'getDescription' | 'setDescription' | 'setRange' | 'setWarningOnly'>
{
  readonly proxy: Protection;
  description = '';
  warningOnly = false;

  constructor(
    public range: FakeRange,
    log: CallLog,
  ) {
    this.proxy = counted(this, log, 'Spreadsheet', 'Protection') as unknown as Protection;
  }

  getDescription(): string {
    return this.description;
  }

  setDescription(description: string): Protection {
    this.description = description;
    return this.proxy;
  }

  setRange(range: Range): Protection {
    this.range = this.range.sheet.world.rangeOf(range);
    return this.proxy;
  }

  setWarningOnly(warningOnly: boolean): Protection {
    this.warningOnly = warningOnly;
    return this.proxy;
  }
}

export function key(row: number, column: number): string {
  return `${row},${column}`;
}

function a1(row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return `${letters}${row}`;
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function copyValue(value: CellValue): CellValue {
  return isDate(value) ? new Date(value.getTime()) : value;
}

/** What Sheets stores for a value from setValues (a Date from the script's realm included). */
function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (isDate(value)) return new Date(value.getTime());
  throw new Error(`Sheets cannot store ${Object.prototype.toString.call(value)} in a cell.`);
}

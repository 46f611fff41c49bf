/// <reference types="google-apps-script" />
/**
 * In-memory Range, RangeList, Filter and Protection. Only the methods the bundle uses exist;
 * their signatures are the real ones (`implements Pick<...>` of @types/google-apps-script), so
 * a fake cannot accept a call the real service would refuse to compile. Values behave as
 * Sheets' do: blanks read as '', dates are Date objects, a block must match the range's size
 * exactly (a ragged array throws), text written is stored as if typed (`sheets-input.ts`: `=`
 * makes a formula, "007" a number, unless the cell is plain text), checkboxes hold FALSE, and a
 * sort moves whole rows with their formulas, notes, formats and checkboxes.
 */
import type { CallLog } from './call-log';
import { counted } from './call-log';
import type { FakeSheet } from './fake-sheet';
import { shiftFormula } from './sheets-input';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
export type CellValue = string | number | boolean | Date;

type RangeMethods =
  | 'getValues'
  | 'setValues'
  | 'getFormulas'
  | 'getNotes'
  | 'setNotes'
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getLastRow'
  | 'setFontWeight'
  | 'setNumberFormat'
  | 'setDataValidation'
  | 'setWrap'
  | 'setVerticalAlignment'
  | 'insertCheckboxes'
  | 'sort'
  | 'createFilter'
  | 'protect'
  | 'getA1Notation';

/** The checkbox rule Range.insertCheckboxes puts on a cell (the fake's stand-in). */
export const CHECKBOX_RULE = {
  checkbox: true,
} as unknown as GoogleAppsScript.Spreadsheet.DataValidation;

export function isCheckboxRule(rule: unknown): boolean {
  return (rule as { checkbox?: unknown } | undefined)?.checkbox === true;
}

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

  getColumn(): number {
    return this.column;
  }

  getNumRows(): number {
    return this.numRows;
  }

  getNumColumns(): number {
    return this.numColumns;
  }

  getLastRow(): number {
    return this.row + this.numRows - 1;
  }

  getA1Notation(): string {
    return `${a1(this.row, this.column)}:${a1(this.row + this.numRows - 1, this.column + this.numColumns - 1)}`;
  }

  getValues(): CellValue[][] {
    this.moved();
    return this.mapCells((row, column) => copyValue(this.sheet.value(row, column)));
  }

  setValues(values: unknown[][]): Range {
    this.sheet.world.assertWritable('Range.setValues');
    this.checkShape(values, 'data');
    this.moved();
    this.eachCell((row, column, r, c) => this.sheet.typeInto(row, column, values[r]?.[c]));
    return this.proxy;
  }

  getFormulas(): string[][] {
    this.moved();
    return this.mapCells((row, column) => this.sheet.formulas.get(key(row, column)) ?? '');
  }

  getNotes(): string[][] {
    this.moved();
    return this.mapCells((row, column) => this.sheet.notes.get(key(row, column)) ?? '');
  }

  setNotes(notes: (string | null)[][]): Range {
    this.sheet.world.assertWritable('Range.setNotes');
    this.checkShape(notes, 'notes');
    this.moved();
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

  setWrap(isWrapEnabled: boolean): Range {
    this.sheet.world.assertWritable('Range.setWrap');
    this.eachCell((row, column) => {
      this.sheet.wraps.set(key(row, column), isWrapEnabled);
    });
    return this.proxy;
  }

  setVerticalAlignment(alignment: string | null): Range {
    this.sheet.world.assertWritable('Range.setVerticalAlignment');
    this.eachCell((row, column) => {
      this.sheet.verticalAlignments.set(key(row, column), alignment ?? 'bottom');
    });
    return this.proxy;
  }

  /** As Sheets does: a checkbox rule on each cell, and every cell set to FALSE (unticked). */
  insertCheckboxes(): Range {
    this.sheet.world.assertWritable('Range.insertCheckboxes');
    this.eachCell((row, column) => {
      this.sheet.validations.set(key(row, column), CHECKBOX_RULE);
      this.sheet.setValue(row, column, false);
    });
    return this.proxy;
  }

  /**
   * Sorts the range's rows, moving each row whole (values, formulas adjusted to their new row,
   * notes, formats, checkboxes). Blank sort cells go last whichever the direction, as in Sheets.
   */
  sort(sortSpecObj: unknown): Range {
    this.sheet.world.assertWritable('Range.sort');
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((spec) =>
      typeof spec === 'number'
        ? { column: spec, ascending: true }
        : { ascending: true, ...(spec as { column: number; ascending?: boolean }) },
    );
    for (const spec of specs) {
      if (spec.column < this.column || spec.column >= this.column + this.numColumns) {
        throw new Error(`The sort column ${spec.column} is outside the range.`);
      }
    }
    const rows = Array.from({ length: this.numRows }, (_, index) => this.row + index);
    const order = [...rows].sort((a, b) => {
      for (const spec of specs) {
        const x = this.sheet.value(a, spec.column);
        const y = this.sheet.value(b, spec.column);
        const byBlank = Number(x === '') - Number(y === '');
        if (byBlank !== 0) return byBlank;
        const compared = compareCells(x, y);
        if (compared !== 0) return spec.ascending ? compared : -compared;
      }
      return a - b;
    });
    this.sheet.moveRows(order, rows, this.column, this.numColumns);
    return this.proxy;
  }

  createFilter(): GoogleAppsScript.Spreadsheet.Filter {
    this.sheet.world.assertWritable('Range.createFilter');
    if (this.sheet.filter) throw new Error('You can only have one filter in a sheet.');
    this.sheet.filter = new FakeFilter(this, this.sheet.world.log);
    return this.sheet.filter.proxy;
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

  /** Counts the cells a block call moves (see CallLog.cells). */
  private moved(): void {
    this.sheet.world.log.cells += this.numRows * this.numColumns;
  }

  private checkShape(block: unknown[][], what: string): void {
    if (!Array.isArray(block) || block.some((row) => !Array.isArray(row))) {
      throw new Error(`The ${what} must be a two-dimensional array.`);
    }
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

export class FakeRangeList
  implements
    Pick<GoogleAppsScript.Spreadsheet.RangeList, 'setNumberFormat' | 'setWrap' | 'getRanges'>
{
  readonly proxy: GoogleAppsScript.Spreadsheet.RangeList;

  constructor(
    readonly ranges: readonly FakeRange[],
    log: CallLog,
  ) {
    this.proxy = counted(this, log, 'Spreadsheet', 'RangeList') as never;
  }

  setNumberFormat(format: string): GoogleAppsScript.Spreadsheet.RangeList {
    for (const range of this.ranges) range.setNumberFormat(format);
    return this.proxy;
  }

  setWrap(isWrapEnabled: boolean): GoogleAppsScript.Spreadsheet.RangeList {
    for (const range of this.ranges) range.setWrap(isWrapEnabled);
    return this.proxy;
  }

  getRanges(): Range[] {
    return this.ranges.map((range) => range.proxy);
  }
}

export class FakeFilter
  implements Pick<GoogleAppsScript.Spreadsheet.Filter, 'getRange' | 'remove'>
{
  readonly proxy: GoogleAppsScript.Spreadsheet.Filter;

  constructor(
    readonly range: FakeRange,
    log: CallLog,
  ) {
    this.proxy = counted(this, log, 'Spreadsheet', 'Filter') as never;
  }

  getRange(): Range {
    return this.range.proxy;
  }

  remove(): void {
    this.range.sheet.world.assertWritable('Filter.remove');
    this.range.sheet.filter = null;
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

export function a1Of(row: number, column: number): string {
  return a1(row, column);
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function copyValue(value: CellValue): CellValue {
  return isDate(value) ? new Date(value.getTime()) : value;
}

/** Sheets' sort order: numbers (and dates) before text, text in any case, FALSE before TRUE. */
function compareCells(x: CellValue, y: CellValue): number {
  const rank = (value: CellValue) =>
    typeof value === 'number' || isDate(value) ? 0 : typeof value === 'string' ? 1 : 2;
  const byType = rank(x) - rank(y);
  if (byType !== 0) return byType;
  if (typeof x === 'string' && typeof y === 'string') {
    return x.localeCompare(y, 'en', { sensitivity: 'base' });
  }
  return Number(x) - Number(y);
}

export { shiftFormula };

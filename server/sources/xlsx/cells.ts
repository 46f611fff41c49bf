/** Building grids and reading cell references and cell values, as plainly as they run often. */

import type { RawCell, RawGrid } from '../../../schema/grid';
import type { ReadBudget } from './limits';

// ---------------------------------------------------------------------------------------------
// Worksheets

/** Excel's grid limits; references beyond them only come from damaged or hostile files. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

/**
 * Accumulates cells into rows: gaps become null, trailing nulls and empty rows never appear.
 * Every cell offered, and every gap filled to place it, counts against the read's cell limit
 * (counted in batches, as this runs for every cell).
 */
export class GridBuilder {
  private readonly rows: RawCell[][] = [];
  /** Cells counted here but not yet reported to the budget. */
  private uncounted = 0;

  constructor(
    private readonly budget: ReadBudget,
    /** Names the sheet in messages. */
    private readonly what: string,
  ) {}

  set(rowIndex: number, columnIndex: number, value: RawCell): void {
    if (++this.uncounted >= CELL_COUNT_BATCH) this.flushCount();
    if (value === null) return;
    const row = this.row(rowIndex);
    if (row.length < columnIndex) {
      this.uncounted += columnIndex - row.length;
      if (this.uncounted >= CELL_COUNT_BATCH) this.flushCount();
      while (row.length < columnIndex) row.push(null);
    }
    row[columnIndex] = value;
  }

  grid(): RawGrid {
    this.flushCount();
    return this.rows;
  }

  private row(rowIndex: number): RawCell[] {
    if (this.rows.length <= rowIndex) {
      // Blank rows above a filled one are held as empty rows, so they count like cells. The
      // count comes first: a damaged file can ask for a row a million rows down.
      this.uncounted += rowIndex - this.rows.length;
      if (this.uncounted >= CELL_COUNT_BATCH) this.flushCount();
      while (this.rows.length <= rowIndex) this.rows.push([]);
    }
    return this.rows[rowIndex] as RawCell[];
  }

  private flushCount(): void {
    this.budget.addCells(this.uncounted, this.what);
    this.uncounted = 0;
  }
}

/** Small enough that the limit is overshot by at most this many cells before it is noticed. */
const CELL_COUNT_BATCH = 1024;

/** A cell reference split into zero-based indexes; -1 where a part is absent. */
export interface CellPosition {
  column: number;
  row: number;
}

/** Parses `AB12` (or `AB`, or `12`) with plain character arithmetic, as it runs for every cell. */
export function parseCellReference(reference: string, into: CellPosition): void {
  let index = 0;
  let column = 0;
  for (; index < reference.length && column <= MAX_COLUMNS; index++) {
    const code = reference.charCodeAt(index);
    const letter = code >= 97 && code <= 122 ? code - 96 : code >= 65 && code <= 90 ? code - 64 : 0;
    if (letter === 0) break;
    column = column * 26 + letter;
  }
  let row = index < reference.length ? 0 : -1;
  for (; index < reference.length && row <= MAX_ROWS; index++) {
    const digit = reference.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) {
      row = -1;
      break;
    }
    row = row * 10 + digit;
  }
  into.column = column - 1;
  // Row 0 does not exist, so it falls back like a missing row number.
  into.row = row > 0 ? row - 1 : -1;
}

/** Parses plain decimal digits; anything else (signs, spaces, decimals, huge values) is undefined. */
export function parseNonNegativeInteger(text: string | undefined): number | undefined {
  if (!text || text.length > 15) return undefined;
  let value = 0;
  for (let index = 0; index < text.length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

export function nonEmpty(text: string): string | null {
  return text === '' ? null : text;
}

export function parseBoolean(text: string): boolean | null {
  const value = text.trim();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return null;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/;
const MS_PER_DAY = 86_400_000;
const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);

/** `t="d"` cells hold an ISO date; Sheets reports dates as serial days since 30 Dec 1899. */
export function isoDateToSerial(text: string): number | string | null {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return nonEmpty(text);
  const [, year, month, day, hours, minutes, seconds] = match;
  const dayMs = Date.UTC(Number(year), Number(month) - 1, Number(day)) - SHEETS_EPOCH_MS;
  const timeMs =
    (Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000;
  return (dayMs + timeMs) / MS_PER_DAY;
}

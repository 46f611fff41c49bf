/**
 * Text the menu writes stays text (DESIGN §7). `Range.setValues` stores a string as if it were
 * typed into the cell: `=...` (and `+...`, `-...`, `@...`) becomes a formula, `007` the number
 * 7, `2026-11` a date, `TRUE` a boolean. Two ways keep it as written:
 *
 * - a leading apostrophe (the quote prefix) works only in a cell that is not already formatted
 *   as plain text: in a plain-text cell Sheets keeps the apostrophe as part of the text, and
 *   officers often format ID columns as plain text precisely to keep leading zeros. Knowing
 *   which cells are would cost a `getNumberFormats` read of every tab written;
 * - the plain-text number format (`@`, Format > Number > Plain text) makes Sheets store
 *   whatever is put in the cell as text, whatever the cell held before, and it stays with the
 *   cell, so the value also stays text when someone retypes it later.
 *
 * So the menu sets `@` on exactly the cells it writes a string into that Sheets would not keep
 * as written (one `RangeList.setNumberFormat` call however many cells), and never adds an
 * apostrophe. Other strings and all numbers, dates and booleans keep the cell's own format.
 */
import { columnLetters } from '../schema/cells';
import type { SheetValue } from './sheet-io';

const MONTH_OR_DAY_WORDS =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|st|nd|rd|th|e|t|z)$/i;

/**
 * True when Sheets would not store `text` exactly as written: it starts like a formula or a
 * quote prefix, or reads as a boolean, a number, a date or a time. Errs towards true: plain
 * text format on a cell that did not need it changes nothing anyone can see.
 */
export function needsPlainText(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '') return false;
  if (/^[=+\-@']/.test(trimmed)) return true;
  if (/^(?:true|false)$/i.test(trimmed)) return true;
  if (!/\d/.test(trimmed)) return false;
  // A digit with no word other than month and day names, am/pm, ordinals and exponents: a
  // number ("1,200", "1e5", "50%"), a date ("2026-11", "29 Nov 2023") or a time ("2pm").
  const words = trimmed.match(/[A-Za-z]+/g) ?? [];
  return words.every((word) => MONTH_OR_DAY_WORDS.test(word));
}

/**
 * The A1 ranges (column runs) of the cells in `block`, written at `row`/`column`, that need the
 * plain-text format; `isFormula(r, c)` marks cells written as formulas on purpose.
 */
export function plainTextRanges(
  block: readonly (readonly SheetValue[])[],
  row: number,
  column: number,
  isFormula: (r: number, c: number) => boolean = () => false,
): string[] {
  const width = block[0]?.length ?? 0;
  const ranges: string[] = [];
  for (let c = 0; c < width; c++) {
    let start = -1;
    const letters = columnLetters(column - 1 + c);
    const close = (end: number) => {
      ranges.push(
        start === end
          ? `${letters}${row + start}`
          : `${letters}${row + start}:${letters}${row + end}`,
      );
      start = -1;
    };
    for (let r = 0; r < block.length; r++) {
      const value = block[r]?.[c];
      const needs = typeof value === 'string' && !isFormula(r, c) && needsPlainText(value);
      if (needs && start === -1) start = r;
      if (!needs && start !== -1) close(r - 1);
    }
    if (start !== -1) close(block.length - 1);
  }
  return ranges;
}

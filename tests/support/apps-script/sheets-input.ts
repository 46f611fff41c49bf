/**
 * How real Google Sheets stores what `Range.setValues` is given: like text typed into a cell,
 * not as written. A string starting with `=` (or `+`, `-`, `@`) becomes a formula, one that
 * looks like a number, a date, a time or TRUE/FALSE becomes that, and a leading apostrophe is
 * a quote prefix that is not part of the value. In a cell whose number format is plain text
 * (`@`) nothing is converted, and an apostrophe stays a character of the text. The fake
 * follows these rules so that a handler writing text that does not stay text fails a test.
 */
import { instantOf } from './zoned-time';

export type StoredValue = string | number | boolean | Date;

/** What a cell holds after a write: a value, or a formula (whose value Sheets computes). */
export type Stored =
  | { readonly kind: 'value'; readonly value: StoredValue }
  | { readonly kind: 'formula'; readonly formula: string };

export const PLAIN_TEXT_FORMAT = '@';

const NUMBER = /^[-+]?[£$€]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?%?$/;
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_MONTH = /^(\d{4})-(\d{1,2})$/;
const UK_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const NAMED_DAY =
  /^(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** The value a string typed into a cell of this number format is stored as. */
export function storedInput(value: unknown, numberFormat: string | undefined, timeZone: string) {
  if (value === null || value === undefined) return { kind: 'value', value: '' } as Stored;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { kind: 'value', value } as Stored;
  }
  if (isDate(value)) return { kind: 'value', value: new Date(value.getTime()) } as Stored;
  if (typeof value !== 'string') {
    throw new Error(`Sheets cannot store ${Object.prototype.toString.call(value)} in a cell.`);
  }
  if (numberFormat === PLAIN_TEXT_FORMAT) return { kind: 'value', value } as Stored;
  if (value.startsWith("'")) return { kind: 'value', value: value.slice(1) } as Stored;
  const text = value.trim();
  if (text === '') return { kind: 'value', value } as Stored;
  if (/^=./.test(text)) return { kind: 'formula', formula: text } as Stored;
  const number = parseNumber(text);
  if (number !== null) return { kind: 'value', value: number } as Stored;
  // Sheets reads `+x`, `-x` and `@x` as the start of a formula too (for other spreadsheets'
  // habits); text like "- chased by phone" ends up as a formula error, not as what was typed.
  if (/^[+\-@]/.test(text)) return { kind: 'formula', formula: `=${text}` } as Stored;
  if (/^(true|false)$/i.test(text)) {
    return { kind: 'value', value: text.toLowerCase() === 'true' } as Stored;
  }
  const date = parseDate(text, timeZone);
  if (date) return { kind: 'value', value: date } as Stored;
  return { kind: 'value', value } as Stored;
}

function parseNumber(text: string): number | null {
  if (!NUMBER.test(text) || !/\d/.test(text)) return null;
  const percent = text.endsWith('%');
  const number = Number(text.replace(/[£$€,%]/g, ''));
  if (!Number.isFinite(number)) return null;
  return percent ? number / 100 : number;
}

function parseDate(text: string, timeZone: string): Date | null {
  const at = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) =>
    instantOf({ year, month, day, hour, minute, second }, timeZone);
  let match = ISO_DAY.exec(text);
  if (match) return at(Number(match[1]), Number(match[2]), Number(match[3]));
  match = ISO_MONTH.exec(text);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
    return at(Number(match[1]), Number(match[2]), 1);
  }
  match = UK_DAY.exec(text);
  if (match) {
    const year = (match[3] as string).length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    return at(year, Number(match[2]), Number(match[1]));
  }
  match = TIME.exec(text);
  if (match && Number(match[1]) < 24) {
    return at(1899, 12, 30, Number(match[1]), Number(match[2]), Number(match[3] ?? 0));
  }
  match = NAMED_DAY.exec(text);
  if (match) {
    const month = MONTHS.indexOf((match[2] as string).slice(0, 3).toLowerCase()) + 1;
    return at(Number(match[3]), month, Number(match[1]));
  }
  return null;
}

/**
 * A formula moved `rows` rows down (negative: up), as Sheets adjusts one when a sort moves its
 * row: relative row references change, `$`-anchored ones and text in quotes do not.
 */
export function shiftFormula(formula: string, rows: number): string {
  if (rows === 0) return formula;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_$.!])(\$?[A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g,
            (whole, column: string, anchor: string, row: string) =>
              anchor ? whole : `${column}${Number(row) + rows}`,
          ),
    )
    .join('');
}

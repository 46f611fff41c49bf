/**
 * Reading single cells. Officers type into these cells by hand, so each reader accepts the
 * forms a person would reasonably write and otherwise explains, in plain words, what it
 * expected. Messages here never name the cell: the parser adds `Tab!A1` in front.
 */

import { type IsoDate, isoDateFromParts, MONTHS, serialToIsoDate, WEEKDAYS } from './dates';
import { FORMULA_WITHOUT_VALUE, type RawCell } from './grid';

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

/** A cell known not to be blank: readers are only called on these. */
export type FilledCell = Exclude<RawCell, null>;

export type CellReading<T> =
  | { readonly ok: true; readonly value: T; readonly warning?: string }
  | { readonly ok: false; readonly message: string };

/** Google Sheets' own limit on a cell; longer text cannot have come from a sheet intact. */
export const MAX_CELL_CHARACTERS = 50_000;

const FORMULA_ERROR = /^#(?:REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!)$/;
const LIST_SEPARATOR = /[,;\n\r]+/;

/** True for cells that hold nothing: null, or text that is only spaces. */
export function isBlank(cell: RawCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * Blank, or an unticked checkbox (FALSE). A row made only of these is a blank row: a Yes/No
 * column turned into checkboxes fills every row down to the sheet's end with FALSE.
 */
export function isBlankOrUnticked(cell: RawCell | undefined): boolean {
  return cell === false || isBlank(cell);
}

/** The formula error a cell shows (`#REF!`), or null. */
export function formulaError(cell: RawCell): string | null {
  return typeof cell === 'string' && FORMULA_ERROR.test(cell.trim()) ? cell.trim() : null;
}

/** True for a formula cell whose result the file never stored (see FORMULA_WITHOUT_VALUE). */
export function isFormulaWithoutValue(cell: RawCell | undefined): boolean {
  return cell === FORMULA_WITHOUT_VALUE;
}

/**
 * What stops a formula cell from being read, as a message for the cell (the parser puts
 * `Tab!A1` and the header in front), or null for any other cell: a formula showing an error,
 * or one whose value was never stored. Neither is blank, so a required cell is not "blank".
 */
export function formulaProblem(cell: RawCell | undefined): string | null {
  if (cell === undefined) return null;
  if (isFormulaWithoutValue(cell)) {
    return 'has a formula whose value was never stored: open and save the file in a spreadsheet program so its values are stored.';
  }
  const error = formulaError(cell);
  return error
    ? `the formula shows the error ${error}, so there is no value to read. Fix the formula or type the value.`
    : null;
}

const ok = <T>(value: T, warning?: string): CellReading<T> =>
  warning ? { ok: true, value, warning } : { ok: true, value };
const problem = <T>(message: string): CellReading<T> => ({ ok: false, message });

/** Text, with numbers and booleans as they would display (an ID typed as 17 reads "17"). */
export function readText(cell: FilledCell): CellReading<string> {
  const text = typeof cell === 'string' ? cell.trim() : String(cell);
  if (text.length > MAX_CELL_CHARACTERS) {
    return ok(
      text.slice(0, MAX_CELL_CHARACTERS),
      `holds ${text.length.toLocaleString('en-GB')} characters, more than a Google Sheets cell can (50,000); only the first 50,000 are used.`,
    );
  }
  return ok(text);
}

/** Several values separated by commas, semicolons or new lines; repeats are dropped. */
export function readList(cell: FilledCell): CellReading<readonly string[]> {
  const text = readText(cell);
  if (!text.ok) return text;
  const items = [
    ...new Set(
      text.value
        .split(LIST_SEPARATOR)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
  return ok(items, text.warning);
}

/** The key used to compare enum values: case, spaces and punctuation do not matter. */
export function enumKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const enumLookups = new WeakMap<readonly string[], ReadonlyMap<string, string>>();
function enumLookup(values: readonly string[]): ReadonlyMap<string, string> {
  let lookup = enumLookups.get(values);
  if (!lookup) {
    lookup = new Map(values.map((value) => [enumKey(value), value]));
    enumLookups.set(values, lookup);
  }
  return lookup;
}

/** One of a fixed set of values, written in any case with stray spaces ("in  PROGRESS "). */
export function readEnum(cell: FilledCell, values: readonly string[]): CellReading<string> {
  const text = readText(cell);
  if (!text.ok) return text;
  const value = enumLookup(values).get(enumKey(text.value));
  if (value === undefined) {
    return problem(`"${text.value}" is not one of: ${values.join(', ')}.`);
  }
  return ok(value);
}

export function readEnumList(
  cell: FilledCell,
  values: readonly string[],
): CellReading<readonly string[]> {
  const items = readList(cell);
  if (!items.ok) return items;
  const lookup = enumLookup(values);
  const unknown = items.value.filter((item) => !lookup.has(enumKey(item)));
  if (unknown.length > 0) {
    return problem(
      `${unknown.map((item) => `"${item}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of: ${values.join(', ')}.`,
    );
  }
  return ok(items.value.map((item) => lookup.get(enumKey(item)) as string));
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', '✓', '✔']);
const NO = new Set(['no', 'n', 'false', '0']);

/** Yes/No, TRUE/FALSE or a ticked checkbox (which arrives as a boolean). */
export function readYesNo(cell: FilledCell): CellReading<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  if (cell === 1 || cell === 0) return ok(cell === 1);
  const word = String(cell).trim().toLowerCase();
  if (YES.has(word)) return ok(true);
  if (NO.has(word)) return ok(false);
  return problem(`"${String(cell).trim()}" should be Yes or No.`);
}

/** A number, also when typed as text ("20", "1,200", "£1,200.50", "2 hours" is refused). */
export function readNumber(cell: FilledCell): CellReading<number> {
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? ok(cell) : problem('is not a number.');
  if (typeof cell === 'boolean') return problem(`${cell ? 'TRUE' : 'FALSE'} is not a number.`);
  const text = String(cell).trim();
  const cleaned = text.replace(/^£/, '').replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(cleaned)) return problem(`"${text}" is not a number.`);
  return ok(Number(cleaned));
}

const MONTH_BY_NAME = new Map<string, number>(
  MONTHS.flatMap((name, index) => [
    [name.toLowerCase(), index + 1],
    [name.slice(0, 3).toLowerCase(), index + 1],
    ...(name === 'September' ? [['sept', index + 1] as [string, number]] : []),
  ]),
);
const WEEKDAY_PREFIX = new RegExp(
  `^(?:${WEEKDAYS.map((day) => `${day}|${day.slice(0, 3)}`).join('|')}),?\\s+`,
  'i',
);
/** Largest serial we accept: 31 December 9999. */
const MAX_SERIAL = 2_958_465;

const DATE_HINT = {
  DMY: 'write it as day/month/year, e.g. 29/11/2023',
  MDY: 'write it as month/day/year, e.g. 11/29/2023',
  YMD: 'write it as year-month-day, e.g. 2023-11-29',
} as const;

/**
 * A calendar date: a serial number (a real date cell), ISO `2023-11-29`, text in the
 * board's `Date order` (`29/11/2023`, `29-11-23`, `29.11.2023`), or with the month as a word
 * (`29 November 2023`, `Wed 29 Nov 2023`, `November 29, 2023`).
 */
export function readDate(cell: FilledCell, order: DateOrder): CellReading<IsoDate> {
  if (typeof cell === 'number') {
    if (cell < 1 || cell > MAX_SERIAL) return problem(`${cell} is not a date.`);
    return ok(serialToIsoDate(cell));
  }
  if (typeof cell === 'boolean') return problem(`${cell ? 'TRUE' : 'FALSE'} is not a date.`);
  const text = cell.trim();
  const parts = datePartsFromText(text.replace(WEEKDAY_PREFIX, ''), order);
  if (parts === null) return problem(`"${text}" is not a date I can read: ${DATE_HINT[order]}.`);
  const iso = isoDateFromParts(parts.year, parts.month, parts.day);
  if (iso === null) return problem(`"${text}" is not a real date (no such day).`);
  return ok(iso);
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function datePartsFromText(text: string, order: DateOrder): DateParts | null {
  // ISO, optionally with a time ("2023-11-29T14:00:00"): unambiguous whatever the order.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };

  const numeric = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(text);
  if (numeric) {
    const [a, b, c] = [numeric[1], numeric[2], numeric[3]] as [string, string, string];
    if (order === 'YMD' || a.length === 4) {
      return a.length === 4 ? { year: Number(a), month: Number(b), day: Number(c) } : null;
    }
    if (c.length !== 4 && c.length !== 2) return null;
    const year = c.length === 2 ? 2000 + Number(c) : Number(c);
    return order === 'DMY'
      ? { year, month: Number(b), day: Number(a) }
      : { year, month: Number(a), day: Number(b) };
  }

  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(text);
  if (dayFirst) return namedMonth(dayFirst[3], dayFirst[2], dayFirst[1]);
  const monthFirst = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (monthFirst) return namedMonth(monthFirst[3], monthFirst[1], monthFirst[2]);
  return null;
}

function namedMonth(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): DateParts | null {
  const monthNumber = MONTH_BY_NAME.get((month ?? '').toLowerCase());
  return monthNumber ? { year: Number(year), month: monthNumber, day: Number(day) } : null;
}

/** A date and time, kept as local `yyyy-mm-ddTHH:MM:SS` (Europe/London wall-clock time). */
export function readDateTime(cell: FilledCell, order: DateOrder): CellReading<string> {
  if (typeof cell === 'number') {
    const date = readDate(cell, order);
    if (!date.ok) return date;
    return ok(`${date.value}T${clockFromFraction(cell - Math.floor(cell), true)}`);
  }
  const text = String(cell).trim();
  const withTime = /^(.+?)[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text,
  );
  const date = readDate(withTime ? (withTime[1] as string) : text, order);
  if (!date.ok) return problem(`"${text}" is not a date and time, e.g. 2024-05-29 14:30.`);
  if (!withTime) return ok(`${date.value}T00:00:00`);
  const [hours, minutes, seconds] = [withTime[2], withTime[3], withTime[4] ?? '0'].map(Number);
  return ok(`${date.value}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}`);
}

/** A time of day as `HH:MM`: a time cell (a fraction of a day), `14:00`, `2pm` or `2.30 pm`. */
export function readTime(cell: FilledCell): CellReading<string> {
  if (typeof cell === 'number') {
    if (cell < 0 || cell >= 1) return problem(`${cell} is not a time of day.`);
    return ok(clockFromFraction(cell, false));
  }
  const text = String(cell).trim().toLowerCase();
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) {
    return problem(`"${String(cell).trim()}" is not a time: write it like 14:00 or 2pm.`);
  }
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (match[3] === 'pm' && hours < 12) hours += 12;
  if (match[3] === 'am' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59) return problem(`"${String(cell).trim()}" is not a time of day.`);
  return ok(`${pad(hours)}:${pad(minutes)}`);
}

function clockFromFraction(fraction: number, withSeconds: boolean): string {
  const totalSeconds = Math.round(fraction * 86_400) % 86_400;
  const clock = `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}`;
  return withSeconds ? `${clock}:${pad(totalSeconds % 60)}` : clock;
}

function pad(value: number | undefined): string {
  return String(value ?? 0).padStart(2, '0');
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** A1 reference for a 0-based row and column index: (6, 5) → F7. */
export function a1(rowIndex: number, columnIndex: number): string {
  return `${columnLetters(columnIndex)}${rowIndex + 1}`;
}

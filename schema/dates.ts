/**
 * Calendar dates as ISO `yyyy-mm-dd` strings. The board's dates are calendar days in
 * Europe/London, never instants, so all arithmetic here is on whole days in UTC, where no
 * daylight-saving shift can move a date. ISO strings also sort correctly as text.
 */

export type IsoDate = string;

const DAY_MS = 86_400_000;
/** Spreadsheet serial 0 is 1899-12-30 (Sheets and Excel's 1900 system). */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The ISO date for a year, month (1-12) and day, or null when no such day exists (31/02). */
export function isoDateFromParts(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const time = Date.UTC(year, month - 1, day);
  if (new Date(time).getUTCDate() !== day) return null;
  return toIso(time);
}

function toIso(timeMs: number): IsoDate {
  return new Date(timeMs).toISOString().slice(0, 10);
}

function toTime(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not an ISO date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return (
    match !== null &&
    isoDateFromParts(Number(match[1]), Number(match[2]), Number(match[3])) !== null
  );
}

/** The calendar date of a spreadsheet serial number; the time of day is dropped. */
export function serialToIsoDate(serial: number): IsoDate {
  return toIso(SERIAL_EPOCH_MS + Math.floor(serial) * DAY_MS);
}

export function isoDateToSerial(date: IsoDate): number {
  return Math.round((toTime(date) - SERIAL_EPOCH_MS) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIso(toTime(date) + days * DAY_MS);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const start = new Date(toTime(date));
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = daysInMonth(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1);
  firstOfTarget.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return toIso(firstOfTarget.getTime());
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(toTime(date)).getUTCDay();
}

export function yearMonthOf(date: IsoDate): { year: number; month: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** "Wednesday 29 November 2023": how dates read in messages for officers. */
export function formatLongDate(date: IsoDate): string {
  const { year, month } = yearMonthOf(date);
  const day = Number(date.slice(8, 10));
  return `${WEEKDAYS[weekdayOf(date)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** "29 Nov 2023": short form for lists. */
export function formatShortDate(date: IsoDate): string {
  const { year, month } = yearMonthOf(date);
  return `${Number(date.slice(8, 10))} ${MONTHS[month - 1]?.slice(0, 3)} ${year}`;
}

/**
 * Today's calendar date in Europe/London for a given instant. Rules never call this: they
 * take `today` as a parameter so that they are pure and testable; entry points call it once.
 */
export function londonToday(now: Date): IsoDate {
  // en-CA formats as yyyy-mm-dd.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Europe/London wall-clock time of an instant, `yyyy-mm-ddThh:mm:ss` (as the sheet shows it). */
export function londonDateTime(now: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

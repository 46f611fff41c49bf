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

/**
 * ISO strings by UTC day number. `toISOString` takes over a microsecond, and a board's hundreds
 * of thousands of date cells fall on a few thousand days, so each day is formatted once. Bounded:
 * emptied when full (the days of a real board fit many times over).
 */
const isoByDay = new Map<number, IsoDate>();
const MAX_REMEMBERED_DAYS = 50_000;

function toIso(timeMs: number): IsoDate {
  const day = timeMs / DAY_MS;
  // Every caller passes a whole day; anything else (NaN included) is formatted as before.
  if (!Number.isInteger(day)) return new Date(timeMs).toISOString().slice(0, 10);
  let iso = isoByDay.get(day);
  if (iso === undefined) {
    iso = new Date(timeMs).toISOString().slice(0, 10);
    if (isoByDay.size >= MAX_REMEMBERED_DAYS) isoByDay.clear();
    isoByDay.set(day, iso);
  }
  return iso;
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

/**
 * The ISO 8601 week of a day, `2026-W47`: weeks start on Monday, and week 1 is the one with the
 * year's first Thursday (so 31 December can be in week 1 of the next year). Weekly reminders
 * are keyed by it.
 */
export function isoWeek(date: IsoDate): string {
  const time = toTime(date);
  const weekday = (new Date(time).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const thursday = new Date(time + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
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
 * Made once, on first use: building an `Intl.DateTimeFormat` costs far more than formatting with
 * one (about 100 us against 2 us), and the server asks for today's date on every request. Not
 * at load time, because the Apps Script bundle includes this module and never formats with it.
 */
let londonDate: Intl.DateTimeFormat | undefined;
let londonDateTimeFormat: Intl.DateTimeFormat | undefined;
const HOUR_MS = 3_600_000;
/** Before this, London kept local mean time (GMT-0:01:15), so days did not start on the hour. */
const WHOLE_HOURS_SINCE_MS = Date.UTC(1848, 0, 1);
/** The last answer of `londonToday`, by UTC hour. */
let lastToday: { hour: number; date: IsoDate } | null = null;

/**
 * Today's calendar date in Europe/London for a given instant. Rules never call this: they
 * take `today` as a parameter so that they are pure and testable; entry points call it once.
 *
 * Since railway time (December 1847) London has always been a whole number of hours from UTC
 * (GMT, BST, and double summer time in the 1940s), so its date only changes on a UTC hour: the
 * answer is remembered for the UTC hour it was worked out in.
 */
export function londonToday(now: Date): IsoDate {
  const time = now.getTime();
  const hour = Math.floor(time / HOUR_MS);
  if (lastToday !== null && lastToday.hour === hour) return lastToday.date;
  // en-CA formats as yyyy-mm-dd.
  londonDate ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const date = londonDate.format(now);
  // (An invalid Date fails the test, and format has thrown for it anyway.)
  if (time >= WHOLE_HOURS_SINCE_MS) lastToday = { hour, date };
  return date;
}

/** Europe/London wall-clock time of an instant, `yyyy-mm-ddThh:mm:ss` (as the sheet shows it). */
export function londonDateTime(now: Date): string {
  londonDateTimeFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(
    londonDateTimeFormat.formatToParts(now).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * Dates between the sheet and the parser. `getValues()` gives a date cell as a Date at that
 * wall-clock time in the spreadsheet's time zone (a time cell is a Date on 1899-12-30); the
 * parser reads serial day numbers, as the Sheets API returns them to the server. Utilities does
 * the time-zone work, as Apps Script documents; results are cached because date cells repeat.
 */
import type { IsoDate } from '../schema/dates';

const DAY_MS = 86_400_000;
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** True for Date objects, also ones made in another realm (the test's fake spreadsheet). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export class SheetDates {
  private readonly serials = new Map<number, number>();
  private readonly parsed = new Map<string, Date>();

  constructor(readonly timeZone: string) {}

  /** The spreadsheet serial number (days since 1899-12-30, time as a fraction) of a cell. */
  toSerial(date: Date): number {
    const time = date.getTime();
    const cached = this.serials.get(time);
    if (cached !== undefined) return cached;
    const text = Utilities.formatDate(date, this.timeZone, 'yyyy-MM-dd HH:mm:ss');
    const match = WALL_CLOCK.exec(text);
    if (!match) throw new Error(`Unexpected date text from Utilities.formatDate: ${text}`);
    const [year, month, day, hours, minutes, seconds] = match.slice(1).map(Number) as number[];
    const wall = Date.UTC(
      year as number,
      (month as number) - 1,
      day as number,
      hours,
      minutes,
      seconds,
    );
    const serial = (wall - SERIAL_EPOCH_MS) / DAY_MS;
    this.serials.set(time, serial);
    return serial;
  }

  /** A date cell value for a calendar day: midnight that day in the spreadsheet's zone. */
  dateCell(date: IsoDate): Date {
    return this.parse(date, 'yyyy-MM-dd');
  }

  /** A time cell value for `HH:MM`, on Sheets' day zero as Sheets itself stores times. */
  timeCell(time: string): Date {
    return this.parse(`1899-12-30 ${time}`, 'yyyy-MM-dd HH:mm');
  }

  private parse(text: string, pattern: string): Date {
    const key = `${pattern}|${text}`;
    let date = this.parsed.get(key);
    if (!date) {
      date = Utilities.parseDate(text, this.timeZone, pattern);
      this.parsed.set(key, date);
    }
    return date;
  }
}

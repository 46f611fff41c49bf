/**
 * Wall-clock time in a named time zone, for the fake Utilities.formatDate/parseDate and for
 * turning the demo workbook's serial numbers into the Date objects Sheets' getValues returns.
 */

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function wallClock(instant: Date, timeZone: string): WallClock {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

function asUtc(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/** The instant at which the zone's clocks show `clock` (the earlier one if shown twice). */
export function instantOf(clock: WallClock, timeZone: string): Date {
  const wanted = asUtc(clock);
  let guess = wanted;
  for (let pass = 0; pass < 3; pass++) {
    const offset = asUtc(wallClock(new Date(guess), timeZone)) - guess;
    guess = wanted - offset;
  }
  return new Date(guess);
}

const DAY_MS = 86_400_000;
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The Date Sheets gives for a date or time cell holding this serial number. */
export function dateOfSerial(serial: number, timeZone: string): Date {
  const wall = new Date(SERIAL_EPOCH_MS + Math.round(serial * DAY_MS));
  return instantOf(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
    },
    timeZone,
  );
}

/** The serial number of a Date read from a cell (the inverse of dateOfSerial). */
export function serialOfDate(date: Date, timeZone: string): number {
  return (asUtc(wallClock(date, timeZone)) - SERIAL_EPOCH_MS) / DAY_MS;
}

/**
 * Calendar dates (schema/dates.ts). Days are formatted once each and remembered, so these check
 * the remembered answers against a fresh `toISOString`, for any day, before and after the memory
 * of days fills up and is emptied.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoDateFromParts, isoDateToSerial, serialToIsoDate } from '../schema/dates';

const DAY_MS = 86_400_000;
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const fresh = (serial: number) =>
  new Date(SERIAL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);

describe('calendar dates', () => {
  it('gives every serial the day toISOString gives, asked once or many times', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 2_958_465, noNaN: true }), (serial) => {
        expect(serialToIsoDate(serial)).toBe(fresh(serial));
        expect(serialToIsoDate(serial)).toBe(fresh(serial));
      }),
      { numRuns: 2_000 },
    );
  });

  it('stays right after more distinct days than it remembers', () => {
    // 60,000 distinct days: beyond the 50,000 remembered, so the memory is emptied on the way.
    for (let serial = 1; serial <= 60_000; serial++) {
      expect(serialToIsoDate(serial)).toBe(fresh(serial));
    }
    for (const serial of [1, 30_000, 59_999, 45_981]) {
      expect(serialToIsoDate(serial)).toBe(fresh(serial));
    }
    expect(serialToIsoDate(45_981)).toBe('2025-11-20');
  });

  it('agrees with itself through parts, serials and day arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 9998 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: -400, max: 400 }),
        (year, month, day, shift) => {
          const date = isoDateFromParts(year, month, day) as string;
          expect(date).toBe(
            `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          );
          expect(serialToIsoDate(isoDateToSerial(date))).toBe(date);
          expect(addDays(addDays(date, shift), -shift)).toBe(date);
          expect(isoDateToSerial(addDays(date, shift))).toBe(isoDateToSerial(date) + shift);
        },
      ),
      { numRuns: 1_000 },
    );
    expect(isoDateFromParts(2026, 2, 29)).toBeNull();
    expect(isoDateFromParts(2028, 2, 29)).toBe('2028-02-29');
  });
});

/**
 * Words that every pack format shares, so the HTML, text and easy-read packs never disagree
 * about who a pack is for or how a time reads.
 */
import { type IsoDate, MONTHS, yearMonthOf } from '../dates';
import type { PackAudience } from './types';

/** The audience's full name, as the terms of reference give it. */
export const AUDIENCE_NAMES: Readonly<Record<PackAudience, string>> = {
  'Borough Partnership': 'the Haringey Borough Partnership',
  'Senior Head': 'the Senior Head of Commissioning, Brokerage and Quality Assurance',
  DMT: 'the Adult Social Care DMT',
};

/** "For the Haringey Borough Partnership". */
export function audienceLine(audience: PackAudience): string {
  return `For ${AUDIENCE_NAMES[audience]}`;
}

/** Why this audience receives the pack (R13), one sentence. */
export function audienceReason(audience: PackAudience): string {
  switch (audience) {
    case 'Borough Partnership':
      return 'The board reports to the Haringey Borough Partnership on its co-production work.';
    case 'Senior Head':
      return 'The terms of reference ask for the action points to go to the Senior Head of Commissioning, Brokerage and Quality Assurance.';
    case 'DMT':
      return 'The Senior Head of Commissioning, Brokerage and Quality Assurance asked for these action points to go to the Adult Social Care DMT.';
  }
}

/** "2pm", "10:30am", "12pm" from a 24-hour "hh:mm" plus a number of hours (may be fractional). */
export function clockTime(time: string, plusHours = 0): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const total = (Math.round(hours * 60 + minutes + plusHours * 60) + 24 * 60) % (24 * 60);
  const hour = Math.floor(total / 60);
  const minute = total % 60;
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${hour12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** "2pm to 4pm", or "2pm" when the length is not known. */
export function timeSpan(startTime: string | null, lengthHours: number | null): string | null {
  if (startTime === null) return null;
  return lengthHours === null
    ? clockTime(startTime)
    : `${clockTime(startTime)} to ${clockTime(startTime, lengthHours)}`;
}

/**
 * Code-point order for people's labels, not the locale's: Apps Script and the server must put
 * names in the same order byte for byte, whatever ICU data each runtime carries.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "16 December 2026": dates in tables and lists, where the weekday is noise. */
export function dayMonthYear(date: IsoDate): string {
  const { year, month } = yearMonthOf(date);
  return `${Number(date.slice(8, 10))} ${MONTHS[month - 1]} ${year}`;
}

/** Ends a sentence taken from a cell with a full stop, unless it has its own punctuation. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

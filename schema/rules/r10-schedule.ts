/**
 * R10: the board meets monthly from `First meeting`, on `Meeting pattern` (e.g. the last
 * Wednesday of the month), for `Meeting length (hours)`.
 */
import {
  addDays,
  daysInMonth,
  formatLongDate,
  type IsoDate,
  isoDateFromParts,
  MONTHS,
  WEEKDAYS,
  weekdayOf,
  yearMonthOf,
} from '../dates';
import type { BoardSettings } from '../settings';
import type { BoardSnapshot } from '../snapshot';
import { atMeeting, type Finding } from './finding';
import { capitalise, count, meetingInWords } from './wording';

interface YearMonth {
  readonly year: number;
  readonly month: number;
}

function dayOf(year: number, month: number, day: number): IsoDate {
  // The parts are always a real day here; a null would be a bug in this file.
  return isoDateFromParts(year, month, day) as IsoDate;
}

function nextMonth({ year, month }: YearMonth): YearMonth {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

function monthKey({ year, month }: YearMonth): number {
  return year * 12 + month;
}

/** The pattern's day in a month: the first..fourth or last given weekday (month is 1-12). */
export function meetingDateInMonth(settings: BoardSettings, year: number, month: number): IsoDate {
  const { ordinal, weekday } = settings.meetingPattern;
  if (ordinal === 'last') {
    const lastDay = dayOf(year, month, daysInMonth(year, month));
    return addDays(lastDay, -((weekdayOf(lastDay) - weekday + 7) % 7));
  }
  const firstDay = dayOf(year, month, 1);
  const firstMatch = addDays(firstDay, (weekday - weekdayOf(firstDay) + 7) % 7);
  const nth = ['first', 'second', 'third', 'fourth'].indexOf(ordinal);
  return addDays(firstMatch, 7 * nth);
}

/**
 * The board's meeting day in a month. The first meeting's month is the day of the first
 * meeting itself (it is a fact, even if it was not on the pattern); months before it have none.
 */
function scheduledInMonth(settings: BoardSettings, ym: YearMonth): IsoDate | null {
  const first = yearMonthOf(settings.firstMeeting);
  if (monthKey(ym) < monthKey(first)) return null;
  if (monthKey(ym) === monthKey(first)) return settings.firstMeeting;
  return meetingDateInMonth(settings, ym.year, ym.month);
}

/** The board's scheduled meeting days within [from, to], monthly from the first meeting. */
export function scheduledMeetings(settings: BoardSettings, from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  const first = yearMonthOf(settings.firstMeeting);
  const start = yearMonthOf(from);
  let ym = monthKey(start) > monthKey(first) ? start : first;
  for (; monthKey(ym) <= monthKey(yearMonthOf(to)); ym = nextMonth(ym)) {
    const date = scheduledInMonth(settings, ym);
    if (date !== null && date >= from && date <= to) dates.push(date);
  }
  return dates;
}

/** The first scheduled meeting day after `after` (the first meeting, if that is later). */
export function nextScheduledMeeting(settings: BoardSettings, after: IsoDate): IsoDate {
  const first = yearMonthOf(settings.firstMeeting);
  const start = yearMonthOf(after);
  let ym = monthKey(start) > monthKey(first) ? start : first;
  // The month of `after` or the next one always has a later meeting day.
  for (;;) {
    const date = scheduledInMonth(settings, ym);
    if (date !== null && date > after) return date;
    ym = nextMonth(ym);
  }
}

/** "the last Wednesday of the month". */
export function patternInWords(settings: BoardSettings): string {
  const { ordinal, weekday } = settings.meetingPattern;
  return `the ${ordinal} ${WEEKDAYS[weekday]} of the month`;
}

export function checkSchedule(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  const { settings, meetings } = snapshot;
  const findings: { readonly date: IsoDate; readonly finding: Finding }[] = [];

  // Every month from the first meeting up to this one should have a meeting row, even if
  // it was cancelled, so a month that was simply missed shows up.
  const months = new Set(meetings.map((meeting) => monthKey(yearMonthOf(meeting.date))));
  const end = monthKey(yearMonthOf(today));
  for (let ym = yearMonthOf(settings.firstMeeting); monthKey(ym) <= end; ym = nextMonth(ym)) {
    if (months.has(monthKey(ym))) continue;
    const expected = scheduledInMonth(settings, ym) as IsoDate;
    findings.push({
      date: expected,
      finding: {
        rule: 'R10',
        severity: 'warning',
        message: `There is no meeting in the Meetings tab for ${MONTHS[ym.month - 1]} ${ym.year}. The board meets monthly, on ${patternInWords(settings)}, so the meeting ${expected < today ? `was due on ${formatLongDate(expected)}: add it, with Status Cancelled if it did not take place.` : `is due on ${formatLongDate(expected)}: add it as Planned.`}`,
        memberIds: [],
        cells: [],
      },
    });
  }

  for (const meeting of meetings) {
    if (meeting.status === 'Cancelled') continue;
    const expected = scheduledInMonth(settings, yearMonthOf(meeting.date));
    const say = (message: string) =>
      findings.push({
        date: meeting.date,
        finding: {
          rule: 'R10',
          severity: 'warning',
          message,
          memberIds: [],
          meetingId: meeting.id,
          cells: atMeeting(meeting, 'date'),
        },
      });
    if (expected !== null && expected !== meeting.date) {
      say(
        `${capitalise(meetingInWords(meeting))} is not on the board's meeting day: ${patternInWords(settings)} is ${formatLongDate(expected)}. Check the date, and let members know if the meeting has moved.`,
      );
    } else if (expected === null) {
      say(
        `${capitalise(meetingInWords(meeting))} is before the board's first meeting (${formatLongDate(settings.firstMeeting)}). Check the date, or the First meeting setting.`,
      );
    }
    if (meeting.lengthHours !== null && meeting.lengthHours !== settings.meetingLengthHours) {
      say(
        `${capitalise(meetingInWords(meeting))} is set to last ${count(meeting.lengthHours, 'hour')}; board meetings are ${count(settings.meetingLengthHours, 'hour')} long. Check the Length (hours).`,
      );
    }
  }
  return findings
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.index - b.index)
    .map((entry) => entry.finding);
}

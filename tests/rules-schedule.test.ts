import { describe, expect, it } from 'vitest';
import { weekdayOf } from '../schema/dates';
import {
  checkSchedule,
  meetingDateInMonth,
  nextScheduledMeeting,
  scheduledMeetings,
} from '../schema/rules';
import { DEFAULT_SETTINGS } from '../schema/settings';
import { board, patch, remove, TODAY } from './rules-fixtures';

const settings = DEFAULT_SETTINGS;

describe('R10 meeting dates', () => {
  it('R10: the first meeting, 2023-11-29, is the last Wednesday of November 2023', () => {
    expect(meetingDateInMonth(settings, 2023, 11)).toBe('2023-11-29');
    expect(meetingDateInMonth(settings, 2023, 11)).toBe(settings.firstMeeting);
  });

  it('R10: last Wednesday of months with four and with five Wednesdays', () => {
    expect(meetingDateInMonth(settings, 2024, 2)).toBe('2024-02-28'); // 4 Wednesdays
    expect(meetingDateInMonth(settings, 2024, 4)).toBe('2024-04-24'); // 4; the 30th is a Tuesday
    expect(meetingDateInMonth(settings, 2024, 1)).toBe('2024-01-31'); // 5; the 31st is a Wednesday
    expect(meetingDateInMonth(settings, 2024, 10)).toBe('2024-10-30'); // 5; the 31st is a Thursday
    for (let month = 1; month <= 12; month++) {
      expect(weekdayOf(meetingDateInMonth(settings, 2025, month))).toBe(3);
    }
  });

  it('R10: first to fourth weekday patterns', () => {
    const on = (ordinal: 'first' | 'second' | 'fourth', weekday: number) => ({
      ...settings,
      meetingPattern: { ordinal, weekday },
    });
    expect(meetingDateInMonth(on('first', 1), 2024, 1)).toBe('2024-01-01'); // the 1st is a Monday
    expect(meetingDateInMonth(on('second', 2), 2024, 2)).toBe('2024-02-13');
    expect(meetingDateInMonth(on('fourth', 5), 2024, 3)).toBe('2024-03-22');
  });

  it('R10: scheduled meetings run monthly from the first meeting, within the range', () => {
    expect(scheduledMeetings(settings, '2023-01-01', '2024-03-31')).toEqual([
      '2023-11-29',
      '2023-12-27',
      '2024-01-31',
      '2024-02-28',
      '2024-03-27',
    ]);
    expect(scheduledMeetings(settings, '2023-12-28', '2024-02-27')).toEqual(['2024-01-31']);
    expect(scheduledMeetings(settings, '2024-02-28', '2024-02-28')).toEqual(['2024-02-28']);
    expect(scheduledMeetings(settings, '2024-03-01', '2024-02-01')).toEqual([]);
  });

  it('R10: a first meeting off the pattern is the meeting of its month', () => {
    const late = { ...settings, firstMeeting: '2023-11-30' };
    expect(scheduledMeetings(late, '2023-11-01', '2023-12-31')).toEqual([
      '2023-11-30',
      '2023-12-27',
    ]);
  });

  it('R10: the next scheduled meeting is strictly after the given day', () => {
    expect(nextScheduledMeeting(settings, '2024-01-30')).toBe('2024-01-31');
    expect(nextScheduledMeeting(settings, '2024-01-31')).toBe('2024-02-28');
    expect(nextScheduledMeeting(settings, '2024-12-31')).toBe('2025-01-29');
    expect(nextScheduledMeeting(settings, '2020-06-01')).toBe('2023-11-29');
  });
});

describe('R10 schedule check', () => {
  it('R10: a meeting every month on the pattern, 2 hours long, passes', () => {
    expect(checkSchedule(board(), TODAY)).toEqual([]);
  });

  it('R10: a past month with no meeting is a warning naming the month and expected date', () => {
    const findings = checkSchedule(
      board((rows) => {
        remove(rows.Meetings, 'MTG-02');
        rows.Attendance = rows.Attendance.filter((row) => row['Meeting ID'] !== 'MTG-02');
        rows.Actions = rows.Actions.filter((row) => row['Meeting ID'] !== 'MTG-02');
      }),
      TODAY,
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'R10', severity: 'warning' })]);
    expect(findings[0]?.message).toContain('December 2023');
    expect(findings[0]?.message).toContain('was due on Wednesday 27 December 2023');
    expect(findings[0]?.message).toContain('Cancelled');
  });

  it('R10: the current month with no meeting yet is a warning; a cancelled one counts', () => {
    const missing = checkSchedule(
      board((rows) => remove(rows.Meetings, 'MTG-04')),
      TODAY,
    );
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ rule: 'R10', severity: 'warning' });
    expect(missing[0]?.message).toContain('February 2024');
    expect(missing[0]?.message).toContain(
      'is due on Wednesday 28 February 2024: add it as Planned',
    );
    const cancelled = board((rows) => patch(rows.Meetings, 'MTG-04', { Status: 'Cancelled' }));
    expect(checkSchedule(cancelled, TODAY)).toEqual([]);
  });

  it('R10: a meeting off the pattern day is a warning', () => {
    const findings = checkSchedule(
      board((rows) => patch(rows.Meetings, 'MTG-03', { Date: '2024-01-30' })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R10', severity: 'warning', meetingId: 'MTG-03' }),
    ]);
    expect(findings[0]?.message).toContain(
      'last Wednesday of the month is Wednesday 31 January 2024',
    );
  });

  it('R10: a meeting not 2 hours long is a warning', () => {
    const findings = checkSchedule(
      board((rows) => patch(rows.Meetings, 'MTG-04', { 'Length (hours)': 3 })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R10', severity: 'warning', meetingId: 'MTG-04' }),
    ]);
    expect(findings[0]?.message).toContain('3 hours');
    expect(findings[0]?.message).toContain('2 hours');
  });

  it('R10: the Meeting pattern setting is followed', () => {
    const snapshot = board((rows) => {
      rows.Settings['Meeting pattern'] = 'first Monday';
    });
    const findings = checkSchedule(snapshot, TODAY);
    // November is the first meeting's own month; the later meetings are off the new pattern.
    expect(findings.map((finding) => finding.meetingId)).toEqual(['MTG-02', 'MTG-03', 'MTG-04']);
    expect(findings[0]?.message).toContain('Monday 4 December 2023');
  });
});

/**
 * "The next meeting" (schema/next-meeting.ts), once for every caller: R12 and the API
 * (Planned only, from today on), the menus (anything not cancelled, from today on) and the
 * packs (anything not cancelled, after a meeting's day).
 */
import { describe, expect, it } from 'vitest';
import { type NextMeetingQuery, nextMeeting } from '../schema/next-meeting';
import type { Meeting } from '../schema/records';

type Row = Pick<Meeting, 'id' | 'date' | 'status'>;
const TODAY = '2024-02-28';
const FOLLOW_UP: NextMeetingQuery = { from: TODAY, onTheDay: true, held: false };
const MENUS: NextMeetingQuery = { from: TODAY, onTheDay: true, held: true };
const AFTER: NextMeetingQuery = { from: TODAY, onTheDay: false, held: true };

const row = (id: string, date: string, status: Row['status']): Row => ({ id, date, status });
const next = (meetings: Row[], query: NextMeetingQuery) => nextMeeting(meetings, query)?.id ?? null;

describe('nextMeeting', () => {
  const january = row('JAN', '2024-01-31', 'Held');
  const march = row('MAR', '2024-03-27', 'Planned');

  it('is a meeting planned today, from today on; after today, the one after it', () => {
    const today = row('FEB', TODAY, 'Planned');
    const board = [january, today, march];
    expect(next(board, FOLLOW_UP)).toBe('FEB');
    expect(next(board, MENUS)).toBe('FEB');
    expect(next(board, AFTER)).toBe('MAR');
  });

  it('is a meeting planned later, skipping the ones before today', () => {
    const board = [january, march];
    expect(next(board, FOLLOW_UP)).toBe('MAR');
    expect(next(board, MENUS)).toBe('MAR');
    expect(next(board, AFTER)).toBe('MAR');
  });

  it('is null when none is planned', () => {
    expect(next([january], FOLLOW_UP)).toBeNull();
    expect(next([january], MENUS)).toBeNull();
    expect(next([january], AFTER)).toBeNull();
    expect(next([], FOLLOW_UP)).toBeNull();
  });

  it('is never a cancelled meeting', () => {
    const board = [
      january,
      row('FEB', TODAY, 'Cancelled'),
      row('MAR-X', '2024-03-20', 'Cancelled'),
    ];
    expect(next(board, FOLLOW_UP)).toBeNull();
    expect(next(board, MENUS)).toBeNull();
    expect(next([...board, march], FOLLOW_UP)).toBe('MAR');
    expect(next([...board, march], AFTER)).toBe('MAR');
  });

  it('counts a meeting already marked Held only when asked to', () => {
    const heldToday = row('FEB', TODAY, 'Held');
    const board = [january, heldToday, march];
    // R12 and the API move on to the next planned meeting once today's is marked Held...
    expect(next(board, FOLLOW_UP)).toBe('MAR');
    // ...while Record attendance still records today's, and Plan next meeting sees it taken.
    expect(next(board, MENUS)).toBe('FEB');
    expect(next(board, { ...AFTER, from: '2024-02-01' })).toBe('FEB');
  });

  it('returns the caller’s own row, so callers keep every field', () => {
    const meetings = [{ ...march, venue: 'Civic Centre' }];
    expect(nextMeeting(meetings, FOLLOW_UP)).toBe(meetings[0]);
  });
});

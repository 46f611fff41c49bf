/**
 * A closed action, an overdue one and one raised before a day (schema/actions.ts), and the
 * Actions tab's conditional format, which is generated from the same definition.
 */
import { describe, expect, it } from 'vitest';
import {
  closedBy,
  isClosed,
  isOverdue,
  overdueSheetCondition,
  raisedBefore,
  raisedOn,
} from '../schema/actions';
import { ACTION_STATUSES } from '../schema/layout';
import type { Action, Meeting } from '../schema/records';

type Row = Pick<Action, 'status' | 'dueDate' | 'completedOn'>;
const open: Row = { status: 'Open', dueDate: '2024-02-09', completedOn: null };

describe('a closed action', () => {
  it('is Done or Dropped, and no other status', () => {
    expect(ACTION_STATUSES.filter((status) => isClosed({ status }))).toEqual(['Done', 'Dropped']);
  });

  it('is closed by a day when dropped, or done with no completion date or one by then', () => {
    expect(closedBy({ status: 'Dropped', completedOn: null }, '2024-01-01')).toBe(true);
    expect(closedBy({ status: 'Done', completedOn: null }, '2024-01-01')).toBe(true);
    expect(closedBy({ status: 'Done', completedOn: '2024-02-10' }, '2024-02-10')).toBe(true);
    expect(closedBy({ status: 'Done', completedOn: '2024-02-11' }, '2024-02-10')).toBe(false);
    expect(closedBy({ status: 'In progress', completedOn: '2024-01-01' }, '2024-02-10')).toBe(
      false,
    );
  });
});

describe('an overdue action', () => {
  it('is open with a due date before the day', () => {
    expect(isOverdue(open, '2024-02-10')).toBe(true);
    expect(isOverdue(open, '2024-02-09')).toBe(false);
    expect(isOverdue({ ...open, dueDate: null }, '2024-02-10')).toBe(false);
    expect(isOverdue({ ...open, status: 'In progress' }, '2024-02-10')).toBe(true);
    expect(isOverdue({ ...open, status: 'Done' }, '2024-02-10')).toBe(false);
    expect(isOverdue({ ...open, status: 'Dropped' }, '2024-02-10')).toBe(false);
  });

  it('is the same three tests in the sheet: a date, before today, a status not closed', () => {
    expect(overdueSheetCondition('$F2', '$G2')).toBe(
      'ISNUMBER($F2),$F2<TODAY(),TRIM($G2)<>"Done",TRIM($G2)<>"Dropped"',
    );
  });
});

describe('an action raised before a day', () => {
  const meetings = new Map<string, Pick<Meeting, 'date'>>([
    ['JAN', { date: '2024-01-31' }],
    ['FEB', { date: '2024-02-28' }],
  ]);
  const snapshot = { meetingById: meetings } as unknown as Parameters<typeof raisedOn>[0];

  it('was agreed at a meeting before that day', () => {
    expect(raisedOn(snapshot, { meetingId: 'JAN' })).toBe('2024-01-31');
    expect(raisedBefore(snapshot, { meetingId: 'JAN' }, '2024-02-28')).toBe(true);
    expect(raisedBefore(snapshot, { meetingId: 'FEB' }, '2024-02-28')).toBe(false);
  });

  it('counts as earlier when its meeting is not in the Meetings tab, so it is followed up', () => {
    expect(raisedOn(snapshot, { meetingId: 'MTG-TYPO' })).toBeNull();
    expect(raisedBefore(snapshot, { meetingId: 'MTG-TYPO' }, '2024-02-28')).toBe(true);
  });
});

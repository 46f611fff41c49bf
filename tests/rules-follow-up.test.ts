import { describe, expect, it } from 'vitest';
import type { Action } from '../schema/records';
import { followUp, isOverdue } from '../schema/rules';
import { action, board, meeting, TODAY } from './rules-fixtures';

/** Open actions with every kind of reason, for the meeting on 28 February 2024. */
const followUpBoard = () =>
  board((rows) => {
    rows.Meetings.push(meeting('MTG-05', '2024-03-27', { Status: 'Planned' }));
    rows.Actions = [
      action('A-10', { 'Due date': '2024-02-01' }), // 27 days overdue on 28 Feb
      action('A-2', { 'Due date': '2024-01-15' }), // 44 days overdue
      action('A-3', { 'Due date': '2024-03-26' }), // before the next meeting (27 Mar)
      action('A-4', { 'Due date': '2024-03-27' }), // due on the next meeting day: no reason
      action('A-5', { Owner: null }), // no owner, no due date
      action('A-6', { 'Due date': '2024-02-28', Status: 'In progress' }), // due on the day
      action('A-7', { 'Due date': '2024-01-01', Status: 'Done' }),
      action('A-8', { 'Due date': '2024-01-01', Status: 'Dropped' }),
      action('A-9', { 'Meeting ID': 'MTG-04', 'Due date': '2024-01-01' }), // raised at it
      action('A-11', { 'Meeting ID': 'MTG-99' }), // unknown meeting: still followed up
      action('A-1', { 'Due date': '2024-02-01', Owner: null }), // overdue, no owner
    ];
  });

describe('R12 follow-up', () => {
  it('R12: by default follows up at the next planned meeting', () => {
    const result = followUp(followUpBoard(), TODAY);
    expect(result.meeting?.id).toBe('MTG-04');
    expect(result.referenceDate).toBe(TODAY);
    expect(result.nextMeetingDate).toBe('2024-03-27');
  });

  it('R12: orders overdue first (most days first), then by due date, then by ID', () => {
    const result = followUp(followUpBoard(), '2024-02-28');
    expect(result.referenceDate).toBe('2024-02-28');
    expect(result.items.map((item) => item.action.id)).toEqual([
      'A-2',
      'A-1',
      'A-10',
      'A-6',
      'A-3',
      'A-4',
      'A-5',
      'A-11',
    ]);
  });

  it('R12: gives every reason and the days overdue', () => {
    const result = followUp(followUpBoard(), '2024-02-28');
    const byId = new Map(result.items.map((item) => [item.action.id, item]));
    expect(byId.get('A-2')).toMatchObject({ reasons: ['overdue'], daysOverdue: 44 });
    expect(byId.get('A-1')).toMatchObject({ reasons: ['overdue', 'no owner'], daysOverdue: 27 });
    expect(byId.get('A-6')).toMatchObject({
      reasons: ['due before next meeting'],
      daysOverdue: null,
    });
    expect(byId.get('A-3')?.reasons).toEqual(['due before next meeting']);
    expect(byId.get('A-4')?.reasons).toEqual([]);
    expect(byId.get('A-5')?.reasons).toEqual(['no owner', 'no due date']);
    expect(byId.has('A-7') || byId.has('A-8') || byId.has('A-9')).toBe(false);
  });

  it('R12: overdue is judged on the meeting day once it has come, before that on today', () => {
    const board = followUpBoard();
    const before = followUp(board, '2024-02-10', 'MTG-04');
    expect(before.referenceDate).toBe('2024-02-10');
    expect(before.items.find((item) => item.action.id === 'A-10')?.daysOverdue).toBe(9);
    const after = followUp(board, '2024-03-05', 'MTG-04');
    expect(after.referenceDate).toBe('2024-02-28');
    expect(after.items.find((item) => item.action.id === 'A-10')?.daysOverdue).toBe(27);
  });

  it('R12: a past meeting leaves out actions raised at it or later, and ignores cancelled next meetings', () => {
    const snapshot = board((rows) => {
      rows.Meetings.push(meeting('MTG-05', '2024-02-14', { Status: 'Cancelled' }));
      rows.Actions = [
        action('A-1', { 'Meeting ID': 'MTG-02', 'Due date': '2024-02-20' }),
        action('A-2', { 'Meeting ID': 'MTG-03', 'Due date': '2024-02-20' }),
        action('A-3', { 'Meeting ID': 'MTG-04' }),
      ];
    });
    const result = followUp(snapshot, TODAY, 'MTG-03');
    expect(result.meeting?.id).toBe('MTG-03');
    expect(result.nextMeetingDate).toBe('2024-02-28');
    expect(result.items.map((item) => item.action.id)).toEqual(['A-1']);
    expect(result.items[0]?.reasons).toEqual(['due before next meeting']);
  });

  it('R12: with no planned meeting, follows up on today against the next scheduled date', () => {
    const snapshot = board((rows) => {
      rows.Meetings = rows.Meetings.filter((row) => row.Status !== 'Planned');
      rows.Actions = [action('A-1', { 'Due date': '2024-02-27' })];
    });
    const result = followUp(snapshot, TODAY);
    expect(result.meeting).toBeNull();
    expect(result.referenceDate).toBe(TODAY);
    expect(result.nextMeetingDate).toBe('2024-02-28');
    expect(result.items[0]?.reasons).toEqual(['due before next meeting']);
  });

  it('R12: the last meeting in the sheet looks ahead to the next scheduled date', () => {
    const result = followUp(board(), TODAY, 'MTG-04');
    expect(result.nextMeetingDate).toBe('2024-03-27');
  });

  it('R12: an unknown meeting ID is refused', () => {
    expect(() => followUp(board(), TODAY, 'MTG-99')).toThrow(/MTG-99/);
  });

  it('R12: isOverdue is true only for open actions due before today', () => {
    const [open, done] = board((rows) => {
      rows.Actions = [
        action('A-1', { 'Due date': '2024-02-09' }),
        action('A-2', { 'Due date': '2024-02-09', Status: 'Done' }),
      ];
    }).actions as [Action, Action];
    expect(isOverdue(open, '2024-02-10')).toBe(true);
    expect(isOverdue(open, '2024-02-09')).toBe(false);
    expect(isOverdue(done, '2024-02-10')).toBe(false);
    expect(isOverdue({ ...open, dueDate: null }, '2024-02-10')).toBe(false);
  });
});

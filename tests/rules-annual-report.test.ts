import { describe, expect, it } from 'vitest';
import { annualReport } from '../schema/rules';
import { action, board, meeting } from './rules-fixtures';

// The fixture board: meetings on 29 Nov 2023, 27 Dec 2023, 31 Jan 2024 (held) and 28 Feb 2024
// (planned); project P1 has no dates, so it counts in every period.
describe('R15: annual report', () => {
  it('R15: counts meetings held and cancelled in the period only', () => {
    const snapshot = board((rows) => {
      rows.Meetings.push(meeting('MTG-X', '2023-10-25', { Status: 'Cancelled' }));
    });
    const report = annualReport(snapshot, '2023-12-01', '2024-12-31', '2024-02-10');
    expect(report.meetingsHeld).toBe(2);
    expect(report.meetingsCancelled).toBe(0);
    expect(annualReport(snapshot, '2023-01-01', '2023-12-31', '2024-02-10')).toMatchObject({
      meetingsHeld: 2,
      meetingsCancelled: 1,
    });
  });

  it('R15: counts attendance at held meetings in the period by constituency', () => {
    const report = annualReport(board(), '2024-01-01', '2024-01-31', '2024-02-10');
    // MTG-03: M01 (Resident), M02 (Council), M05 (Provider), M06 (Staff) present.
    expect(report.attendanceByConstituency).toEqual([
      { constituency: 'Resident', present: 1, apologies: 0, absent: 0 },
      { constituency: 'Provider', present: 1, apologies: 0, absent: 0 },
      { constituency: 'Staff', present: 1, apologies: 0, absent: 0 },
      { constituency: 'Council', present: 1, apologies: 0, absent: 0 },
      { constituency: 'Other', present: 0, apologies: 0, absent: 0 },
    ]);
  });

  it('R15: counts actions raised, done by the end, and overdue at the end of the period', () => {
    const snapshot = board((rows) => {
      rows.Actions = [
        action('A-1', { 'Meeting ID': 'MTG-02', 'Due date': '2024-01-10', Status: 'Open' }),
        action('A-2', {
          'Meeting ID': 'MTG-02',
          'Due date': '2024-01-10',
          Status: 'Done',
          'Completed on': '2024-01-05',
        }),
        // Done, but only after the period ended: it was still overdue at the end.
        action('A-3', {
          'Meeting ID': 'MTG-02',
          'Due date': '2024-01-10',
          Status: 'Done',
          'Completed on': '2024-02-05',
        }),
        action('A-4', { 'Meeting ID': 'MTG-02', 'Due date': '2024-01-10', Status: 'Dropped' }),
        action('A-5', { 'Meeting ID': 'MTG-02', 'Due date': '2024-03-01', Status: 'Open' }),
        // Raised outside the period.
        action('A-6', { 'Meeting ID': 'MTG-03', 'Due date': '2024-01-10', Status: 'Open' }),
      ];
    });
    const report = annualReport(snapshot, '2023-12-01', '2024-01-20', '2024-02-10');
    expect(report.actionsRaised).toBe(5);
    expect(report.actionsDone).toBe(1);
    expect(report.actionsOverdue).toBe(2);
  });

  it('R15: lists every stage, phase and activity, zeros included', () => {
    const snapshot = board((rows) => {
      rows.Projects.push({
        'Project ID': 'P2',
        Name: 'Respite',
        Stage: 'Purchasing',
        Phase: 'During',
        Activities: 'Co-design, Co-delivery',
        Start: '2025-01-01',
        Status: 'Active',
      });
    });
    const report = annualReport(snapshot, '2024-01-01', '2024-12-31', '2024-02-10');
    expect(report.projectsByStage).toHaveLength(5);
    expect(report.projectsByStage.find((row) => row.stage === 'Planning')?.count).toBe(1);
    // P2 starts after the period.
    expect(report.projectsByStage.find((row) => row.stage === 'Purchasing')?.count).toBe(0);
    const later = annualReport(snapshot, '2025-01-01', '2025-12-31', '2025-06-01');
    expect(later.activities).toEqual([
      { activity: 'Co-planning', count: 0 },
      { activity: 'Co-design', count: 1 },
      { activity: 'Co-delivery', count: 1 },
      { activity: 'Co-evaluation', count: 0 },
    ]);
    expect(later.projectsByPhase.find((row) => row.phase === 'During')?.count).toBe(1);
  });

  it('R15: refuses a period that ends before it starts', () => {
    expect(() => annualReport(board(), '2024-02-01', '2024-01-01', '2024-02-10')).toThrow(
      RangeError,
    );
  });
});

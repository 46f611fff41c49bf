import { describe, expect, it } from 'vitest';
import { locateFinding } from '../schema/locate';
import { checkReciprocity, membershipCheck } from '../schema/rules';
import { type Finding, RULE_IDS } from '../schema/rules/finding';
import type { BoardSnapshot } from '../schema/snapshot';
import {
  board,
  boardWithoutColumns,
  boardWithoutTab,
  involved,
  patch,
  present,
  problems,
  remove,
  TODAY,
} from './rules-fixtures';

describe('R16 reciprocity', () => {
  it('R16: the passing board has an entry for every present member who is not staff', () => {
    expect(checkReciprocity(board(), TODAY)).toEqual([]);
  });

  it('R16: a present resident with no entry for a held meeting is a warning at the Attendance row', () => {
    const snapshot = board((rows) => remove(rows.Involvement, 'I-5'));
    const findings = checkReciprocity(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'R16',
      severity: 'warning',
      memberIds: ['M07'],
      meetingId: 'MTG-02',
    });
    expect(findings[0]?.message).toContain('Cat Lee (M07) was present at the meeting on');
    // Attendance rows: 5 for MTG-01, then M01, M02, M06, M07 for MTG-02 (header is row 1).
    expect(findings[0] && locateFinding(snapshot, findings[0])).toEqual({
      sheet: 'Attendance',
      cell: 'B10',
      row: 10,
    });
  });

  it('R16: providers and others need an entry too; staff and council do not', () => {
    const snapshot = board((rows) => {
      remove(rows.Involvement, 'I-2'); // M03, Other
      remove(rows.Involvement, 'I-7'); // M05, Provider
      rows.Attendance.push(...present('MTG-02', 'M03'));
      patch(rows.Members, 'M06', { Constituency: 'Staff' });
    });
    const findings = checkReciprocity(snapshot, TODAY);
    expect(findings.map((finding) => [finding.memberIds, finding.meetingId])).toEqual([
      [['M03'], 'MTG-01'],
      [['M03'], 'MTG-02'],
      [['M05'], 'MTG-03'],
    ]);
  });

  it('R16: only held meetings and members marked Present count', () => {
    const snapshot = board((rows) => {
      patch(rows.Meetings, 'MTG-02', { Status: 'Cancelled' });
      rows.Attendance.push({ 'Meeting ID': 'MTG-03', 'Member ID': 'M04', Attendance: 'Apologies' });
      remove(rows.Involvement, 'I-4');
      remove(rows.Involvement, 'I-5');
    });
    expect(checkReciprocity(snapshot, TODAY)).toEqual([]);
  });

  it('R16: an entry for another meeting does not count for this one', () => {
    const snapshot = board((rows) => patch(rows.Involvement, 'I-5', { 'Meeting ID': 'MTG-01' }));
    expect(problems(checkReciprocity(snapshot, TODAY)).map((f) => f.memberIds)).toEqual([['M07']]);
  });

  it('R16: a payment Claimed more than 30 days ago is a warning at its Payment status', () => {
    // TODAY is 10 February 2024: 31 days after 10 January, exactly 30 after 11 January.
    const snapshot = board((rows) => {
      rows.Involvement.push(
        {
          ...involved('I-8', '', 'M04', '2024-01-10'),
          Activity: 'Co-design',
          'Project ID': 'P1',
          'Payment status': 'Claimed',
        },
        {
          ...involved('I-9', '', 'M04', '2024-01-11'),
          Activity: 'Training',
          'Payment status': 'Claimed',
        },
      );
    });
    const findings = checkReciprocity(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R16', severity: 'warning', memberIds: ['M04'] });
    expect(findings[0]?.message).toBe(
      'The payment of £40 to Sam Reid (M04) for Co-design on Wednesday 10 January 2024 is still Claimed 31 days after the work (entry I-8): payments are made within 30 days, so chase it and mark it Paid.',
    );
    expect(findings[0] && locateFinding(snapshot, findings[0])?.sheet).toBe('Involvement');
    const [finding] = findings;
    expect(finding?.cells).toEqual([{ tab: 'Involvement', row: 9, key: 'paymentStatus' }]);
  });

  it('R16: a claim for a meeting names the meeting; Paid, Declined and Not claimed are never chased', () => {
    const snapshot = board((rows) => {
      patch(rows.Involvement, 'I-1', { 'Payment status': 'Claimed', Payment: 37.5 });
      patch(rows.Involvement, 'I-2', { 'Payment status': 'Declined' });
      patch(rows.Involvement, 'I-3', { 'Payment status': 'Not claimed' });
    });
    const findings = checkReciprocity(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.meetingId).toBe('MTG-01');
    expect(findings[0]?.message).toContain(
      '£37.50 to Ada Byron (M01) for the meeting on Wednesday 29 November 2023 (MTG-01)',
    );
  });

  it('R16: a board without an Involvement tab gets one finding, not one per member', () => {
    const snapshot = boardWithoutTab('Involvement');
    const findings = checkReciprocity(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R16', severity: 'warning', cells: [] });
    expect(findings[0]?.message).toContain('The workbook has no "Involvement" tab');
    expect(findings[0]?.message).toContain('R16 cannot be checked');
  });

  it('R16: an Involvement tab without Meeting ID or Payment status says so once each', () => {
    const snapshot = boardWithoutColumns('Involvement', ['Meeting ID', 'Payment status']);
    const findings = checkReciprocity(snapshot, TODAY);
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('no "Meeting ID" column'),
      expect.stringContaining('no "Payment status" column'),
    ]);
  });
});

describe('every finding points at a real row', () => {
  // A board that breaks every new check at least once (and most of the old ones).
  const broken = board((rows) => {
    rows.Settings['Member cap'] = 3;
    remove(rows.Involvement, 'I-2');
    patch(rows.Involvement, 'I-1', { 'Payment status': 'Claimed' });
    patch(rows.Feedback, 'F-2', { Reason: null, 'Reported back on': '2024-03-30' });
    patch(rows.Feedback, 'F-3', { 'Date raised': '2023-11-29' });
    patch(rows.Members, 'M04', { 'Preferred format': 'BSL' });
    patch(rows.Members, 'M07', {
      'Preferred format': 'Braille',
      'Communication needs': 'Braille papers by post',
    });
    patch(rows.Projects, 'P1', { Members: 'M05' });
    rows.Feedback.push({
      'Feedback ID': 'F-4',
      'Date raised': '2023-12-27',
      'You said': 'x',
      Status: 'Acted on',
      'Reported back on': '2024-01-31',
    });
  });

  it('each cell of each finding is on a row of its tab that holds a record', () => {
    const findings = membershipCheck(broken, TODAY);
    const rules = new Set(findings.map((finding) => finding.rule));
    for (const rule of ['R6', 'R16', 'R17', 'R18'] as const) expect(rules).toContain(rule);
    for (const finding of findings) {
      expect(RULE_IDS).toContain(finding.rule);
      for (const cell of finding.cells) {
        expect(recordRows(broken, cell.tab), `${finding.rule}: ${finding.message}`).toContain(
          cell.row,
        );
        expect(broken.columnIndex.get(cell.tab)?.has(cell.key), `${cell.tab} ${cell.key}`).toBe(
          true,
        );
      }
    }
  });

  it('every new finding has at least one cell, unless it is about a missing tab or column', () => {
    const findings = membershipCheck(broken, TODAY).filter((finding: Finding) =>
      ['R16', 'R17', 'R18'].includes(finding.rule),
    );
    expect(findings.length).toBeGreaterThan(4);
    for (const finding of findings) expect(finding.cells.length).toBe(1);
  });
});

/** The sheet rows that hold a record of the tab. */
function recordRows(snapshot: BoardSnapshot, tab: string): number[] {
  const lists: Record<string, readonly { row: number }[]> = {
    Members: snapshot.members,
    Meetings: snapshot.meetings,
    Attendance: snapshot.attendance,
    Actions: snapshot.actions,
    Projects: snapshot.projects,
    Tasks: snapshot.tasks,
    Involvement: snapshot.involvement,
    Feedback: snapshot.feedback,
  };
  return (lists[tab] ?? []).map((record) => record.row);
}

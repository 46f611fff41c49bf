import { describe, expect, it } from 'vitest';
import { locateFinding } from '../schema/locate';
import { checkFeedback } from '../schema/rules';
import {
  board,
  boardWithoutColumns,
  boardWithoutTab,
  feedback,
  patch,
  TODAY,
} from './rules-fixtures';

// TODAY is 10 February 2024; Report back within (days) is 60 unless a test sets it.
describe('R17 feedback loop', () => {
  it('R17: the passing board reported back in time, and its open item is not due yet', () => {
    expect(checkFeedback(board(), TODAY)).toEqual([]);
  });

  it('R17: an item not reported back past its day is an error at Reported back on', () => {
    const snapshot = board((rows) => {
      // Raised 11 December 2023: due 9 February 2024, the day before TODAY.
      rows.Feedback.push(
        feedback('F-4', {
          'Date raised': '2023-12-11',
          'You said': 'Too many acronyms in the papers',
        }),
      );
      // Raised 12 December: due on TODAY itself, so not late yet.
      rows.Feedback.push(feedback('F-5', { 'Date raised': '2023-12-12' }));
    });
    const findings = checkFeedback(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R17', severity: 'error' });
    expect(findings[0]?.message).toBe(
      'Feedback F-4 ("Too many acronyms in the papers"), raised on Monday 11 December 2023, was due to be reported back by Friday 9 February 2024 (1 day ago; Report back within (days) is 60): tell the people who raised it what the board did, then fill in We did and Reported back on.',
    );
    expect(findings[0] && locateFinding(snapshot, findings[0])?.cell).toMatch(/^J5$/);
  });

  it('R17: Report back within (days) comes from Settings', () => {
    const snapshot = board((rows) => {
      rows.Settings['Report back within (days)'] = 7;
    });
    // In sheet order. F-1 was reported back 28 days after it was raised, F-2 35 days after;
    // F-3 was raised on 31 January: due 7 February.
    const findings = checkFeedback(snapshot, TODAY);
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^Feedback F-1 .* 21 days after it was due/),
      expect.stringMatching(/^Feedback F-2 .* 28 days after it was due/),
      expect.stringMatching(/^Feedback F-3 .*3 days ago; Report back within \(days\) is 7/),
    ]);
  });

  it('R17: an item reported back late is a warning at Reported back on', () => {
    const snapshot = board((rows) =>
      patch(rows.Feedback, 'F-1', { 'Reported back on': '2024-01-31' }),
    );
    const findings = checkFeedback(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R17', severity: 'warning' });
    expect(findings[0]?.message).toContain(
      'reported back on Wednesday 31 January 2024, 3 days after it was due',
    );
    expect(findings[0]?.cells).toEqual([{ tab: 'Feedback', row: 2, key: 'reportedBackOn' }]);
  });

  it('R17: reported back without a We did is an error at We did, whenever it was', () => {
    const snapshot = board((rows) => patch(rows.Feedback, 'F-1', { 'We did': null }));
    const findings = checkFeedback(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R17', severity: 'error' });
    expect(findings[0]?.message).toContain('has no We did');
    expect(findings[0]?.cells).toEqual([{ tab: 'Feedback', row: 2, key: 'weDid' }]);
  });

  it('R17: Not acted on without a Reason is an error at Reason', () => {
    const snapshot = board((rows) => patch(rows.Feedback, 'F-2', { Reason: '  ' }));
    const findings = checkFeedback(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R17', severity: 'error' });
    expect(findings[0]?.message).toContain('is Not acted on but has no Reason');
    expect(findings[0]?.cells).toEqual([{ tab: 'Feedback', row: 3, key: 'reason' }]);
  });

  it('R17: a long You said is cut short in the message', () => {
    const snapshot = board((rows) =>
      patch(rows.Feedback, 'F-2', { Reason: null, 'You said': 'word '.repeat(40) }),
    );
    const [finding] = checkFeedback(snapshot, TODAY);
    expect(finding?.message).toMatch(/^Feedback F-2 \("(word ){10}word…"\) is Not acted on/);
  });

  it('R17: a board without a Feedback tab gets one finding', () => {
    const findings = checkFeedback(boardWithoutTab('Feedback'), TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R17', severity: 'warning', cells: [] });
    expect(findings[0]?.message).toContain('The workbook has no "Feedback" tab');
  });

  it('R17: a Feedback tab without Reported back on says so once, and still checks reasons', () => {
    const snapshot = boardWithoutColumns('Feedback', ['Reported back on']);
    expect(checkFeedback(snapshot, TODAY).map((finding) => finding.message)).toEqual([
      expect.stringContaining('no "Reported back on" column'),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkProjectDiversity, membershipCheck } from '../schema/rules';
import { board, boardWithoutColumns, patch, TODAY } from './rules-fixtures';

function project(id: string, fields: Record<string, string>) {
  return {
    'Project ID': id,
    Name: `Project ${id}`,
    Stage: 'Planning',
    Phase: 'Initiation',
    ...fields,
  };
}

describe('R6 extended to projects: diversity of projects', () => {
  it('R6: a project with a resident member passes', () => {
    expect(checkProjectDiversity(board(), TODAY)).toEqual([]);
  });

  it('R6: an Active or Monitoring project with no resident is a warning at its Members cell', () => {
    const snapshot = board((rows) => {
      patch(rows.Projects, 'P1', { Members: 'M05, M06' });
      rows.Projects.push(
        project('P2', { Lead: 'M02', Status: 'Monitoring' }),
        // Closed: no longer checked.
        project('P3', { Lead: 'M02', Status: 'Closed' }),
        // The lead is a resident: that counts.
        project('P4', { Lead: 'M07', Members: 'M06', Status: 'Active' }),
        project('P5', { Status: 'Active' }),
      );
    });
    const findings = checkProjectDiversity(snapshot, TODAY);
    expect(findings.map((finding) => [finding.severity, finding.memberIds, finding.cells])).toEqual(
      [
        ['warning', ['M02', 'M05', 'M06'], [{ tab: 'Projects', row: 2, key: 'memberIds' }]],
        ['warning', ['M02'], [{ tab: 'Projects', row: 3, key: 'memberIds' }]],
        ['warning', [], [{ tab: 'Projects', row: 6, key: 'memberIds' }]],
      ],
    );
    expect(findings[0]?.message).toBe(
      'Project Day opportunities (P1) is Active but no resident who uses services works on it (its lead and members are Provider 1, Staff 1 and Council 1): invite a resident member to join, so that the voice of the resident is heard in the project.',
    );
    expect(findings[2]?.message).toContain('(it has no lead or members on the roster)');
    expect(findings.every((finding) => finding.rule === 'R6')).toBe(true);
  });

  it('R6: comes right after the balance of the board in membershipCheck', () => {
    const snapshot = board((rows) => patch(rows.Projects, 'P1', { Members: 'M05' }));
    const rules = membershipCheck(snapshot, TODAY).map((finding) => [
      finding.rule,
      finding.severity,
    ]);
    expect(rules).toEqual([
      ['R1', 'info'],
      ['R6', 'info'],
      ['R6', 'warning'],
    ]);
  });

  it('R6: a Projects tab without a Members column says so once', () => {
    const findings = checkProjectDiversity(boardWithoutColumns('Projects', ['Members']), TODAY);
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('R6 cannot be checked: the Projects tab has no "Members" column'),
    ]);
  });
});

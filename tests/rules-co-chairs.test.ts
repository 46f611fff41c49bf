import { describe, expect, it } from 'vitest';
import { addDays } from '../schema/dates';
import type { Member } from '../schema/records';
import {
  activeMembers,
  checkCoChairTerms,
  coChairsOn,
  coChairTerm,
  isCoChair,
} from '../schema/rules';
import { board, member, patch, problems, TODAY } from './rules-fixtures';

function memberOf(snapshot: ReturnType<typeof board>, id: string): Member {
  const found = snapshot.memberById.get(id);
  if (!found) throw new Error(`No member ${id}`);
  return found;
}

describe('co-chair helpers', () => {
  it('R2: isCoChair knows both co-chair roles', () => {
    const snapshot = board();
    expect(snapshot.members.filter(isCoChair).map((m) => m.id)).toEqual(['M01', 'M02']);
    expect(activeMembers(snapshot)).toHaveLength(7);
  });

  it('R3: a resident co-chair serves 12 months, extendable to 24; an officer 24', () => {
    const snapshot = board();
    expect(coChairTerm(memberOf(snapshot, 'M01'), snapshot.settings)).toEqual({
      start: '2023-11-01',
      baseEnd: '2024-10-31',
      maxEnd: '2025-10-31',
      end: '2024-10-31',
    });
    expect(coChairTerm(memberOf(snapshot, 'M02'), snapshot.settings)).toEqual({
      start: '2023-11-01',
      baseEnd: '2025-10-31',
      maxEnd: '2025-10-31',
      end: '2025-10-31',
    });
    expect(coChairTerm(memberOf(snapshot, 'M03'), snapshot.settings)).toBeNull();
  });

  it('R3: Extended to wins over Term end for a resident; ignored for an officer', () => {
    const snapshot = board((rows) => {
      patch(rows.Members, 'M01', { 'Term end': '2024-10-31', 'Extended to': '2025-06-30' });
      patch(rows.Members, 'M02', { 'Term end': '2025-01-31', 'Extended to': '2025-12-31' });
    });
    expect(coChairTerm(memberOf(snapshot, 'M01'), snapshot.settings)?.end).toBe('2025-06-30');
    expect(coChairTerm(memberOf(snapshot, 'M02'), snapshot.settings)?.end).toBe('2025-01-31');
  });

  it('R8: coChairsOn includes a former co-chair during their term, not before it started', () => {
    const snapshot = board((rows) => {
      patch(rows.Members, 'M01', { 'Term start': '2023-12-01' });
      rows.Members.push(
        member('M08', 'Val Old', {
          Role: 'Resident co-chair',
          Category: 'Resident co-chair',
          'Term start': '2022-12-01',
          Status: 'Former',
        }),
      );
    });
    expect(coChairsOn(snapshot, '2023-11-29').map((m) => m.id)).toEqual(['M08', 'M02']);
    expect(coChairsOn(snapshot, '2023-12-01').map((m) => m.id)).toEqual(['M01', 'M02']);
  });
});

describe('R3 co-chair terms', () => {
  it('R3: co-chairs well within their terms pass', () => {
    expect(checkCoChairTerms(board(), TODAY)).toEqual([]);
  });

  it('R3: a term ending in exactly 60 days is a warning; 61 days is not', () => {
    const snapshot = board();
    const warnings = checkCoChairTerms(snapshot, addDays('2024-10-31', -60));
    expect(warnings).toEqual([
      expect.objectContaining({ rule: 'R3', severity: 'warning', memberIds: ['M01'] }),
    ]);
    expect(warnings[0]?.message).toContain('Thursday 31 October 2024 (in 60 days)');
    expect(warnings[0]?.message).toContain('hold a vote');
    expect(warnings[0]?.message).toContain('Extended to');
    expect(checkCoChairTerms(snapshot, addDays('2024-10-31', -61))).toEqual([]);
  });

  it('R3: a term ending today is still a warning', () => {
    const [warning] = checkCoChairTerms(board(), '2024-10-31');
    expect(warning).toMatchObject({ rule: 'R3', severity: 'warning' });
    expect(warning?.message).toContain('(today)');
  });

  it('R3: a co-chair still in post after their term ended is an error', () => {
    const findings = checkCoChairTerms(board(), '2024-11-01');
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R3', severity: 'error', memberIds: ['M01'] }),
    ]);
    expect(findings[0]?.message).toContain(
      'The term of Ada Byron (M01) as resident co-chair ended on Thursday 31 October 2024',
    );
    expect(findings[0]?.message).toContain('still');
  });

  it('R3: an extension to exactly 24 months passes; one day more is an error', () => {
    const extended = board((rows) => patch(rows.Members, 'M01', { 'Extended to': '2025-10-31' }));
    expect(checkCoChairTerms(extended, '2024-11-01')).toEqual([]);

    const tooLong = board((rows) => patch(rows.Members, 'M01', { 'Extended to': '2025-11-01' }));
    const findings = checkCoChairTerms(tooLong, '2024-11-01');
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R3', severity: 'error', memberIds: ['M01'] }),
    ]);
    expect(findings[0]?.message).toContain('never run beyond 24 months');
  });

  it('R3: an extended resident co-chair nearing the end is told to hold a vote, not extend', () => {
    const snapshot = board((rows) => patch(rows.Members, 'M01', { 'Extended to': '2025-10-31' }));
    const [warning] = checkCoChairTerms(snapshot, '2025-10-01');
    expect(warning).toMatchObject({ rule: 'R3', severity: 'warning' });
    expect(warning?.message).toContain('in 30 days');
    expect(warning?.message).not.toContain('Extended to');
  });

  it('R3: a resident Term end beyond 12 months is an error pointing at Extended to', () => {
    const findings = checkCoChairTerms(
      board((rows) => patch(rows.Members, 'M01', { 'Term end': '2024-11-01' })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R3', severity: 'error', memberIds: ['M01'] }),
    ]);
    expect(findings[0]?.message).toContain('12 months');
    expect(findings[0]?.message).toContain('use Extended to');
  });

  it('R3: an officer Term end beyond 24 months is an error', () => {
    const findings = checkCoChairTerms(
      board((rows) => patch(rows.Members, 'M02', { 'Term end': '2025-11-01' })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R3', severity: 'error', memberIds: ['M02'] }),
    ]);
    expect(findings[0]?.message).toContain('24 months');
  });

  it('R3: an officer co-chair with Extended to is a warning (no extension)', () => {
    const findings = checkCoChairTerms(
      board((rows) => patch(rows.Members, 'M02', { 'Extended to': '2026-10-31' })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R3', severity: 'warning', memberIds: ['M02'] }),
    ]);
    expect(findings[0]?.message).toContain('no extension');
  });

  it('R3: an officer co-chair 60 days from the end of 24 months is warned', () => {
    const snapshot = board((rows) => patch(rows.Members, 'M01', { 'Term start': '2025-01-01' }));
    const findings = problems(checkCoChairTerms(snapshot, '2025-09-01'), 'R3');
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R3', severity: 'warning', memberIds: ['M02'] }),
    ]);
    expect(findings[0]?.message).toContain('officer co-chair');
  });

  it('R3: a former co-chair is not checked', () => {
    const snapshot = board((rows) => patch(rows.Members, 'M01', { Status: 'Former' }));
    expect(checkCoChairTerms(snapshot, '2025-06-01')).toEqual([]);
  });
});

describe('R3 terms recorded past the limit', () => {
  it('R3: a term recorded past the limit still ends at the limit', () => {
    const findings = checkCoChairTerms(
      board((rows) => {
        patch(rows.Members, 'M01', { 'Term start': '2021-01-01', 'Extended to': '2030-01-01' });
      }),
      TODAY,
    );
    const r3 = problems(findings, 'R3');
    expect(
      r3.some(
        (finding) =>
          finding.severity === 'error' && /term of .* ended on \w+day/.test(finding.message),
      ),
    ).toBe(true);
    expect(r3.some((finding) => /never run beyond/.test(finding.message))).toBe(true);
  });
});

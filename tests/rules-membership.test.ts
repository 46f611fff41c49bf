import { describe, expect, it } from 'vitest';
import {
  checkBalance,
  checkCoChairs,
  checkJointPartnershipBoard,
  checkMemberCap,
  checkSelfAdvocacyGroups,
  constituencyBalance,
  membershipCheck,
} from '../schema/rules';
import { board, member, patch, problems, TODAY } from './rules-fixtures';

describe('the passing board', () => {
  it('R1-R11: reads without data issues and has no errors or warnings', () => {
    const snapshot = board();
    expect(snapshot.issues).toEqual([]);
    expect(problems(membershipCheck(snapshot, TODAY))).toEqual([]);
  });

  it('R1-R11: membershipCheck lists findings in rule order', () => {
    const snapshot = board((rows) => {
      rows.Settings['Member cap'] = 3;
      patch(rows.Members, 'M02', { Role: 'Member' });
    });
    const rules = membershipCheck(snapshot, TODAY).map((finding) => finding.rule);
    expect(rules).toEqual(['R1', 'R1', 'R2', 'R6']);
  });
});

describe('R1 member cap', () => {
  it('R1: always reports the places filled', () => {
    expect(checkMemberCap(board(), TODAY)).toEqual([
      { rule: 'R1', severity: 'info', message: '7 of 20 places filled.', memberIds: [], cells: [] },
    ]);
  });

  it('R1: exactly at the cap is allowed; former members do not count', () => {
    const snapshot = board((rows) => {
      rows.Settings['Member cap'] = 7;
      rows.Members.push(member('M08', 'Lou Gone', { Status: 'Former' }));
    });
    expect(problems(checkMemberCap(snapshot, TODAY))).toEqual([]);
  });

  it('R1: more active members than the cap is an error', () => {
    const snapshot = board((rows) => {
      rows.Settings['Member cap'] = 6;
    });
    const [error, info] = checkMemberCap(snapshot, TODAY);
    expect(error).toMatchObject({ rule: 'R1', severity: 'error' });
    expect(error?.message).toContain('7 active members');
    expect(error?.message).toContain('limit of 6');
    expect(info?.message).toBe('7 of 6 places filled.');
  });
});

describe('R2 co-chairs', () => {
  it('R2: one resident and one officer co-chair pass', () => {
    expect(checkCoChairs(board(), TODAY)).toEqual([]);
  });

  it('R2: no resident co-chair is an error', () => {
    const findings = checkCoChairs(
      board((rows) => patch(rows.Members, 'M01', { Status: 'Former' })),
      TODAY,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R2', severity: 'error', memberIds: [] });
    expect(findings[0]?.message).toContain('no active resident co-chair');
  });

  it('R2: two officer co-chairs is an error naming both', () => {
    const findings = checkCoChairs(
      board((rows) =>
        patch(rows.Members, 'M06', { Role: 'Officer co-chair', Category: 'Commissioning team' }),
      ),
      TODAY,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R2', severity: 'error', memberIds: ['M02', 'M06'] });
    expect(findings[0]?.message).toContain('2 active officer co-chairs');
    expect(findings[0]?.message).toContain('Olu Okafor (M02) and Sol Ahmed (M06)');
  });

  it('R2: a resident co-chair outside the resident constituency is an error', () => {
    const findings = checkCoChairs(
      board((rows) => patch(rows.Members, 'M01', { Constituency: 'Provider' })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R2', severity: 'error', memberIds: ['M01'] }),
    ]);
    expect(findings[0]?.message).toContain('resident who uses services');
  });

  it('R2: an officer co-chair outside the Commissioning team is an error', () => {
    const findings = checkCoChairs(
      board((rows) => patch(rows.Members, 'M02', { Category: 'Council department' })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R2', severity: 'error', memberIds: ['M02'] }),
    ]);
    expect(findings[0]?.message).toContain('Commissioning team');
  });
});

describe('R4 Joint Partnership Board representative', () => {
  it('R4: one representative who holds no other seat passes', () => {
    expect(checkJointPartnershipBoard(board(), TODAY)).toEqual([]);
  });

  it('R4: a representative who is also a co-chair is an error', () => {
    const findings = checkJointPartnershipBoard(
      board((rows) => patch(rows.Members, 'M01', { Category: 'Joint Partnership Board' })),
      TODAY,
    );
    const errors = findings.filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'R4', severity: 'error', memberIds: ['M01'] }),
    ]);
    expect(errors[0]?.message).toContain('resident co-chair');
  });

  it('R4: two representatives is a warning', () => {
    const findings = checkJointPartnershipBoard(
      board((rows) => patch(rows.Members, 'M07', { Category: 'Joint Partnership Board' })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R4', severity: 'warning', memberIds: ['M03', 'M07'] }),
    ]);
  });

  it('R4: the representative holding another seat (same name) is an error naming both rows', () => {
    const findings = checkJointPartnershipBoard(
      board((rows) =>
        rows.Members.push(member('M08', '  jo PATEL ', { Category: 'Reference group' })),
      ),
      TODAY,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R4', severity: 'error', memberIds: ['M03', 'M08'] });
    expect(findings[0]?.message).toContain('M03');
    expect(findings[0]?.message).toContain('M08');
    expect(findings[0]?.message).toContain('Reference group');
  });

  it('R4: the same email under another seat is an error; a former row is not', () => {
    const findings = checkJointPartnershipBoard(
      board((rows) => {
        rows.Members.push(member('M08', 'Joanne P', { Email: 'JO@jpb.example', Category: 'ICB' }));
        rows.Members.push(member('M09', 'Jo Patel', { Status: 'Former' }));
      }),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R4', severity: 'error', memberIds: ['M03', 'M08'] }),
    ]);
  });
});

describe('R5 self-advocacy groups', () => {
  it('R5: one member per self-advocacy group passes', () => {
    const snapshot = board((rows) =>
      rows.Members.push(
        member('M08', 'Ola Ray', { Category: 'Self-advocacy group', Group: 'Speak Up' }),
      ),
    );
    expect(checkSelfAdvocacyGroups(snapshot, TODAY)).toEqual([]);
  });

  it('R5: two members of the same self-advocacy group is an error', () => {
    const snapshot = board((rows) =>
      rows.Members.push(
        member('M08', 'Ola Ray', { Category: 'Self-advocacy group', Group: ' people first ' }),
      ),
    );
    const findings = checkSelfAdvocacyGroups(snapshot, TODAY);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R5', severity: 'error', memberIds: ['M04', 'M08'] });
    expect(findings[0]?.message).toContain('"People First"');
    expect(findings[0]?.message).toContain('Sam Reid (M04) and Ola Ray (M08)');
  });

  it('R5: a self-advocacy member with no group is a warning', () => {
    const findings = checkSelfAdvocacyGroups(
      board((rows) => patch(rows.Members, 'M04', { Group: null })),
      TODAY,
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R5', severity: 'warning', memberIds: ['M04'] }),
    ]);
    expect(findings[0]?.message).toContain('no Group');
  });
});

describe('R6 balance', () => {
  it('R6: counts every constituency, zeros included', () => {
    const snapshot = board((rows) => patch(rows.Members, 'M03', { Constituency: 'Resident' }));
    expect(constituencyBalance(snapshot)).toEqual({
      Resident: 4,
      Provider: 1,
      Staff: 1,
      Council: 1,
      Other: 0,
    });
  });

  it('R6: always reports the counts; residents level with another group pass', () => {
    const snapshot = board((rows) => {
      for (const id of ['M04', 'M07']) patch(rows.Members, id, { Constituency: 'Staff' });
    });
    expect(checkBalance(snapshot, TODAY)).toEqual([
      {
        rule: 'R6',
        severity: 'info',
        message: 'Residents 1, Providers 1, Staff 3, Council 1, Other 1',
        memberIds: [],
        cells: [],
      },
      expect.objectContaining({ rule: 'R6', severity: 'warning' }),
    ]);
    const level = board((rows) => patch(rows.Members, 'M04', { Constituency: 'Staff' }));
    expect(problems(checkBalance(level, TODAY))).toEqual([]);
  });

  it('R6: another constituency outnumbering residents is a warning', () => {
    const snapshot = board((rows) => {
      for (const id of ['M04', 'M07']) patch(rows.Members, id, { Constituency: 'Provider' });
    });
    const [warning] = problems(checkBalance(snapshot, TODAY));
    expect(warning).toMatchObject({ rule: 'R6', severity: 'warning' });
    expect(warning?.message).toContain('Providers (3) outnumbers Residents (1)');
  });
});

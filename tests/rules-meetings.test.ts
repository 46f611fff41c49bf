import { describe, expect, it } from 'vitest';
import type { Meeting } from '../schema/records';
import {
  checkCoChairAttendance,
  checkMinuteTakers,
  checkNoSubstitutions,
  checkRelevance,
  invitees,
} from '../schema/rules';
import type { BoardSnapshot } from '../schema/snapshot';
import { type BoardRows, board, member, patch, type Row, remove, TODAY } from './rules-fixtures';

function meetingOf(snapshot: BoardSnapshot, id: string): Meeting {
  const found = snapshot.meetingById.get(id);
  if (!found) throw new Error(`No meeting ${id}`);
  return found;
}

/** Changes the attendance row of one member at one meeting. */
function attendance(rows: BoardRows, meetingId: string, memberId: string, changes: Row): void {
  const row = rows.Attendance.find(
    (candidate) => candidate['Meeting ID'] === meetingId && candidate['Member ID'] === memberId,
  );
  if (!row) throw new Error(`No attendance of ${memberId} at ${meetingId}`);
  Object.assign(row, changes);
}

describe('R7 relevance', () => {
  it('R7: invitees are the co-chairs, then members whose areas meet the topics, by name', () => {
    const snapshot = board();
    const ids = invitees(snapshot, meetingOf(snapshot, 'MTG-01')).map((m) => m.id);
    // Cat Lee has no service areas, so is always invited; Pat and Sol work in other areas.
    expect(ids).toEqual(['M01', 'M02', 'M07', 'M03', 'M04']);
  });

  it('R7: topics match service areas trimmed and in any case; All is always invited', () => {
    const snapshot = board((rows) => {
      patch(rows.Meetings, 'MTG-03', { Topics: ' dementia ' });
      patch(rows.Members, 'M06', { 'Service areas': 'ALL' });
    });
    const ids = invitees(snapshot, meetingOf(snapshot, 'MTG-03')).map((m) => m.id);
    expect(ids).toEqual(['M01', 'M02', 'M07', 'M05', 'M06']);
  });

  it('R7: a meeting with no topics invites every active member', () => {
    const snapshot = board((rows) => patch(rows.Members, 'M04', { Status: 'Former' }));
    const ids = invitees(snapshot, meetingOf(snapshot, 'MTG-02')).map((m) => m.id);
    expect(ids).toEqual(['M01', 'M02', 'M07', 'M03', 'M05', 'M06']);
  });

  it('R7: a member whose term starts after the meeting is not invited to it', () => {
    const snapshot = board((rows) => patch(rows.Members, 'M07', { 'Term start': '2024-01-01' }));
    const ids = invitees(snapshot, meetingOf(snapshot, 'MTG-02')).map((m) => m.id);
    expect(ids).not.toContain('M07');
  });

  it('R7: every topic of the next planned meeting is covered, so no warning', () => {
    expect(checkRelevance(board(), TODAY)).toEqual([]);
  });

  it('R7: a topic no member covers is a warning, even if a co-chair or an All member covers it', () => {
    const snapshot = board((rows) => {
      patch(rows.Meetings, 'MTG-04', { Topics: 'Mental health; Autism' });
      patch(rows.Members, 'M01', { 'Service areas': 'Autism' });
      patch(rows.Members, 'M07', { 'Service areas': 'All' });
    });
    const findings = checkRelevance(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R7', severity: 'warning', meetingId: 'MTG-04' }),
    ]);
    expect(findings[0]?.message).toContain('"Autism"');
    expect(findings[0]?.message).toContain('Wednesday 28 February 2024');
  });

  it('R7: only planned meetings in the next 31 days are checked', () => {
    const snapshot = board((rows) => patch(rows.Meetings, 'MTG-04', { Topics: 'Autism' }));
    expect(checkRelevance(snapshot, '2024-01-27')).toEqual([]);
    expect(checkRelevance(snapshot, '2024-01-28')).toHaveLength(1);
  });
});

describe('R8 co-chair attendance', () => {
  it('R8: co-chairs present at every held meeting pass', () => {
    expect(checkCoChairAttendance(board(), TODAY)).toEqual([]);
  });

  it('R8: apologies from a co-chair with no deputy is an error', () => {
    const snapshot = board((rows) =>
      attendance(rows, 'MTG-03', 'M01', { Attendance: 'Apologies' }),
    );
    const findings = checkCoChairAttendance(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'R8',
        severity: 'error',
        memberIds: ['M01'],
        meetingId: 'MTG-03',
      }),
    ]);
    expect(findings[0]?.message).toContain('Ada Byron (M01)');
    expect(findings[0]?.message).toContain('sent apologies');
    expect(findings[0]?.message).toContain('no deputy co-chair was nominated');
    expect(findings[0]?.message).toContain('Wednesday 31 January 2024');
  });

  it('R8: apologies with a deputy co-chair nominated pass', () => {
    const snapshot = board((rows) => {
      attendance(rows, 'MTG-03', 'M01', { Attendance: 'Apologies' });
      patch(rows.Meetings, 'MTG-03', { 'Deputy co-chair': 'M05' });
    });
    expect(checkCoChairAttendance(snapshot, TODAY)).toEqual([]);
  });

  it('R8: a co-chair absent without apologies is a warning', () => {
    const snapshot = board((rows) => attendance(rows, 'MTG-02', 'M02', { Attendance: 'Absent' }));
    expect(checkCoChairAttendance(snapshot, TODAY)).toEqual([
      expect.objectContaining({
        rule: 'R8',
        severity: 'warning',
        memberIds: ['M02'],
        meetingId: 'MTG-02',
      }),
    ]);
  });

  it('R8: a co-chair with no attendance row is a warning', () => {
    const snapshot = board((rows) => {
      rows.Attendance = rows.Attendance.filter(
        (row) => !(row['Meeting ID'] === 'MTG-02' && row['Member ID'] === 'M02'),
      );
    });
    const findings = checkCoChairAttendance(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R8', severity: 'warning', memberIds: ['M02'] }),
    ]);
    expect(findings[0]?.message).toContain('attendance of co-chair Olu Okafor (M02)');
    expect(findings[0]?.message).toContain('not recorded');
  });

  it('R8: a held meeting with no attendance at all is one warning for the meeting', () => {
    const snapshot = board((rows) => {
      rows.Attendance = rows.Attendance.filter((row) => row['Meeting ID'] !== 'MTG-03');
    });
    const findings = checkCoChairAttendance(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'R8',
        severity: 'warning',
        memberIds: [],
        meetingId: 'MTG-03',
      }),
    ]);
    expect(findings[0]?.message).toContain('has not been recorded');
  });

  it('R8: a co-chair nominated as deputy co-chair is a warning', () => {
    const snapshot = board((rows) => patch(rows.Meetings, 'MTG-02', { 'Deputy co-chair': 'M02' }));
    expect(checkCoChairAttendance(snapshot, TODAY)).toEqual([
      expect.objectContaining({
        rule: 'R8',
        severity: 'warning',
        memberIds: ['M02'],
        meetingId: 'MTG-02',
      }),
    ]);
  });

  it('R8: planned meetings and co-chairs not yet in post are not checked', () => {
    const snapshot = board((rows) => {
      patch(rows.Members, 'M01', { 'Term start': '2024-01-01' });
      rows.Attendance = rows.Attendance.filter((row) => row['Member ID'] !== 'M01');
      rows.Attendance.push({ 'Meeting ID': 'MTG-03', 'Member ID': 'M01', Attendance: 'Present' });
    });
    expect(checkCoChairAttendance(snapshot, TODAY)).toEqual([]);
  });
});

describe('R9 no substitutions', () => {
  it('R9: members on the roster and a deputy for a co-chair pass', () => {
    const snapshot = board((rows) => {
      attendance(rows, 'MTG-03', 'M01', { Attendance: 'Apologies' });
      attendance(rows, 'MTG-03', 'M05', { 'Deputising for': 'M01' });
      patch(rows.Meetings, 'MTG-03', { 'Deputy co-chair': 'M05' });
    });
    expect(checkNoSubstitutions(snapshot, TODAY)).toEqual([]);
  });

  it('R9: deputising for a member who is not a co-chair is an error', () => {
    const snapshot = board((rows) =>
      attendance(rows, 'MTG-03', 'M05', { 'Deputising for': 'M06' }),
    );
    const findings = checkNoSubstitutions(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'R9',
        severity: 'error',
        memberIds: ['M05', 'M06'],
        meetingId: 'MTG-03',
      }),
    ]);
    expect(findings[0]?.message).toContain('Deputies only stand in for co-chairs');
  });

  it('R9: a deputy who is not the meeting’s Deputy co-chair is a warning', () => {
    const snapshot = board((rows) => {
      attendance(rows, 'MTG-03', 'M05', { 'Deputising for': 'M01' });
      patch(rows.Meetings, 'MTG-03', { 'Deputy co-chair': 'M06' });
    });
    const findings = checkNoSubstitutions(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'R9',
        severity: 'warning',
        memberIds: ['M05', 'M01', 'M06'],
        meetingId: 'MTG-03',
      }),
    ]);
    expect(findings[0]?.message).toContain('Sol Ahmed (M06)');
  });

  it('R9: present before their term started, or after it ended, is an error', () => {
    const snapshot = board((rows) => {
      patch(rows.Members, 'M07', { 'Term start': '2024-01-01' });
      patch(rows.Members, 'M05', { 'Term end': '2024-01-30', Status: 'Former' });
      patch(rows.Actions, 'A-1', { Status: 'Done' });
    });
    const findings = checkNoSubstitutions(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'R9',
        severity: 'error',
        memberIds: ['M07'],
        meetingId: 'MTG-02',
      }),
      expect.objectContaining({
        rule: 'R9',
        severity: 'error',
        memberIds: ['M05'],
        meetingId: 'MTG-03',
      }),
    ]);
    expect(findings[0]?.message).toContain('Cat Lee (M07) is recorded as present');
    expect(findings[1]?.message).toContain('to Tuesday 30 January 2024');
  });

  it('R9: a co-chair past Term end but within Extended to is on the roster', () => {
    const snapshot = board((rows) =>
      patch(rows.Members, 'M01', { 'Term end': '2023-12-01', 'Extended to': '2024-12-01' }),
    );
    expect(checkNoSubstitutions(snapshot, TODAY)).toEqual([]);
  });

  it('R9: an open action owned by a former member is a warning to reassign', () => {
    const snapshot = board((rows) => {
      patch(rows.Members, 'M05', { Status: 'Former' });
      patch(rows.Members, 'M06', { Status: 'Former' }); // owns only a Done action
      rows.Actions.push({
        'Action ID': 'A-3',
        'Meeting ID': 'MTG-03',
        Action: 'Draft the survey',
        Owner: 'M05, M04',
        Status: 'In progress',
      });
    });
    const findings = checkNoSubstitutions(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'R9',
        severity: 'warning',
        actionIds: ['A-1'],
        memberIds: ['M05'],
      }),
      expect.objectContaining({
        rule: 'R9',
        severity: 'warning',
        actionIds: ['A-3'],
        memberIds: ['M05'],
      }),
    ]);
    expect(findings[0]?.message).toContain('reassign');
  });
});

describe('R11 minute-takers', () => {
  it('R11: held and upcoming meetings with minute-takers pass', () => {
    expect(checkMinuteTakers(board(), TODAY)).toEqual([]);
  });

  it('R11: a held meeting with no minute-taker is an error', () => {
    const snapshot = board((rows) => patch(rows.Meetings, 'MTG-02', { 'Minute-taker': null }));
    const findings = checkMinuteTakers(snapshot, TODAY);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R11', severity: 'error', meetingId: 'MTG-02' }),
    ]);
    expect(findings[0]?.message).toContain('Wednesday 27 December 2023');
    expect(findings[0]?.message).toContain('Minute-taker');
  });

  it('R11: a meeting exactly 14 days away needs a minute-taker; 15 days away not yet', () => {
    const snapshot = board((rows) => patch(rows.Meetings, 'MTG-04', { 'Minute-taker': null }));
    const findings = checkMinuteTakers(snapshot, '2024-02-14');
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'R11', severity: 'error', meetingId: 'MTG-04' }),
    ]);
    expect(findings[0]?.message).toContain('must be nominated');
    expect(checkMinuteTakers(snapshot, '2024-02-13')).toEqual([]);
  });

  it('R11: a cancelled meeting needs no minute-taker', () => {
    const snapshot = board((rows) => {
      patch(rows.Meetings, 'MTG-02', { 'Minute-taker': null, Status: 'Cancelled' });
      remove(rows.Meetings, 'MTG-04');
      rows.Meetings.push({ 'Meeting ID': 'MTG-04', Date: '2024-02-20', Status: 'Cancelled' });
    });
    expect(checkMinuteTakers(snapshot, TODAY)).toEqual([]);
  });
});

describe('R7 over time', () => {
  it('R7: a past meeting invites the members on the roster that day, former ones included', () => {
    const snapshot = board((rows) => {
      rows.Members.push(
        member('M08', 'Lee Former', { Status: 'Former', 'Term end': '2024-01-15' }),
        member('M09', 'Kim Unknown', { Status: 'Former' }),
      );
    });
    const invited = (id: string) => invitees(snapshot, meetingOf(snapshot, id)).map((m) => m.id);
    // MTG-02 (27 Dec 2023) has no topics, so everyone on the roster that day is invited.
    expect(invited('MTG-02')).toContain('M08');
    // A Former member with no Term end cannot be placed in time.
    expect(invited('MTG-02')).not.toContain('M09');
    expect(invited('MTG-04')).not.toContain('M08');
  });
});

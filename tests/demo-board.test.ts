/**
 * The shipped demo board (server/demo/demo-board.xlsx): it is exactly what the generator makes
 * for DEMO_AS_OF, it has the shape the demo relies on, and it is clean for every rule except
 * the deliberate imperfections listed in scripts/demo-board-data.ts.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell, CellObject, Row } from 'write-excel-file/node';
import { addMonths, type IsoDate, isoDateToSerial } from '../schema/dates';
import type { RawCell, RawGrid, WorkbookGrids } from '../schema/grid';
import { cellLabel } from '../schema/issues';
import {
  ACTION_STATUSES,
  BOARD_LAYOUT,
  CONSTITUENCIES,
  MEMBER_CATEGORIES,
  PROJECT_PHASES,
} from '../schema/layout';
import { findingLocations } from '../schema/locate';
import { membershipCheck, standardTasksFor } from '../schema/rules';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import {
  DEMO_AS_OF,
  DEMO_BOARD_PATH,
  demoBoardRows,
  demoBoardXlsx,
  UNKNOWN_MEMBER_ID,
} from '../scripts/generate-demo-board';
import { readXlsxGrids } from '../server/sources/xlsx-grids';

const OPEN = new Set(['Open', 'In progress']);

function isCellObject(cell: Cell): cell is CellObject {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'value' in cell;
}

/** What a reader should see for generator rows: dates as serial numbers, no trailing blanks. */
function rowsToGrid(rows: readonly Row[]): RawGrid {
  const value = (cell: Cell): RawCell => {
    const raw = isCellObject(cell) ? cell.value : cell;
    if (raw === undefined || raw === null || raw === '') return null;
    if (raw instanceof Date) return isoDateToSerial(raw.toISOString().slice(0, 10));
    return raw as RawCell;
  };
  return rows.map((row) => {
    const cells = row.map(value);
    while (cells.length > 0 && cells.at(-1) === null) cells.pop();
    return cells;
  });
}

let shipped: WorkbookGrids;
let snapshot: BoardSnapshot;

beforeAll(() => {
  shipped = readXlsxGrids(new Uint8Array(readFileSync(DEMO_BOARD_PATH)));
  snapshot = buildSnapshot(shipped);
});

describe('the shipped demo workbook', () => {
  it('is exactly what the generator writes for DEMO_AS_OF (regenerate with npm run demo:generate)', async () => {
    const regenerated = readXlsxGrids(await demoBoardXlsx(DEMO_AS_OF));
    expect(shipped).toEqual(regenerated);
  });

  it('holds the generator rows as values: real dates, Yes/No text, comma-separated lists', () => {
    const rows = demoBoardRows(DEMO_AS_OF);
    const expected = Object.fromEntries(
      BOARD_LAYOUT.map((spec) => [spec.name, rowsToGrid(rows[spec.name])]),
    );
    expect(shipped).toEqual(expected);
  });

  it('is deterministic', () => {
    expect(demoBoardRows(DEMO_AS_OF)).toEqual(demoBoardRows(DEMO_AS_OF));
  });

  it('has every tab, with every header of the layout, bold and in order', () => {
    const rows = demoBoardRows(DEMO_AS_OF);
    expect(Object.keys(shipped)).toEqual(BOARD_LAYOUT.map((spec) => spec.name));
    for (const spec of BOARD_LAYOUT) {
      expect(shipped[spec.name]?.[0]).toEqual(spec.columns.map((column) => column.header));
      for (const cell of rows[spec.name][0] ?? []) {
        expect(cell).toMatchObject({ fontWeight: 'bold' });
      }
    }
    expect(snapshot.unusableTabs.size).toBe(0);
  });
});

describe('the demo board content', () => {
  it('has settings from the terms of reference', () => {
    expect(snapshot.settings).toMatchObject({
      boardName: 'Commissioning Co-Production Board (demo)',
      firstMeeting: '2023-11-29',
      meetingPattern: { ordinal: 'last', weekday: 3 },
      meetingLengthHours: 2,
      memberCap: 20,
      residentCoChairTermMonths: 12,
      coChairExtensionMonths: 12,
      officerCoChairTermMonths: 24,
      dateOrder: 'DMY',
      reportBackWithinDays: 60,
      easyReadCheckedBy: 'members of Northside Speak Up, a self-advocacy group',
    });
    const lists = [
      snapshot.settings.circulationBoroughPartnership,
      snapshot.settings.circulationSeniorHead,
      snapshot.settings.circulationDmt,
    ];
    for (const list of lists) {
      expect(list.length).toBeGreaterThan(0);
      for (const address of list) expect(address).toMatch(/@example\.org$/);
    }
  });

  it('has about 18 active members covering every category and constituency, and 3 former', () => {
    const active = snapshot.members.filter((member) => member.status === 'Active');
    const former = snapshot.members.filter((member) => member.status === 'Former');
    expect(active).toHaveLength(17);
    expect(new Set(active.map((member) => member.category))).toEqual(new Set(MEMBER_CATEGORIES));
    expect(new Set(active.map((member) => member.constituency))).toEqual(new Set(CONSTITUENCIES));
    const formats = new Set(active.map((member) => member.preferredFormat));
    expect(formats).toContain('Easy read');
    expect(formats).toContain('Large print');
    expect(formats.size).toBeGreaterThanOrEqual(4);
    expect(active.some((member) => member.nameInCirculation)).toBe(true);
    expect(active.some((member) => !member.nameInCirculation)).toBe(true);

    expect(former).toHaveLength(3);
    expect(former.map((member) => member.role).sort()).toEqual([
      'Member',
      'Officer co-chair',
      'Resident co-chair',
    ]);
    for (const member of former) expect(member.termEnd).not.toBeNull();
  });

  it('has exactly two active co-chairs of the right kinds', () => {
    const coChairs = snapshot.members.filter(
      (member) => member.status === 'Active' && member.role !== 'Member',
    );
    expect(coChairs.map((member) => [member.role, member.category, member.constituency])).toEqual([
      ['Resident co-chair', 'Resident co-chair', 'Resident'],
      ['Officer co-chair', 'Commissioning team', 'Council'],
    ]);
  });

  it('uses fictional contact details only', () => {
    for (const member of snapshot.members) {
      expect(member.email).toMatch(/^[a-z.-]+@example\.org$/);
      expect(member.phone).toMatch(/^020 7946 0\d{3}$/);
    }
  });

  it('has a meeting on the last Wednesday of every month from November 2023 to December 2026', () => {
    const months: string[] = [];
    for (let month = '2023-11-01'; month <= '2026-12-01'; month = addMonths(month, 1)) {
      months.push(`MT-${month.slice(0, 7)}`);
    }
    expect(snapshot.meetings.map((meeting) => meeting.id)).toEqual(months);
    expect(snapshot.meetings[0]?.date).toBe('2023-11-29');
    for (const meeting of snapshot.meetings) {
      expect(meeting.startTime).toBe('14:00');
      expect(meeting.lengthHours).toBe(2);
      const expected: string = meeting.date < DEMO_AS_OF ? 'Held' : 'Planned';
      if (meeting.status !== 'Cancelled') expect(meeting.status).toBe(expected);
    }
    const cancelled = snapshot.meetings.filter((meeting) => meeting.status === 'Cancelled');
    expect(cancelled.map((meeting) => meeting.id)).toEqual(['MT-2024-12']);
    expect(snapshot.meetings.filter((meeting) => meeting.circulateToDmt).length).toBeGreaterThan(2);
  });

  it('records attendance and a minute-taker for every held meeting, within the roster', () => {
    for (const meeting of snapshot.meetings.filter((candidate) => candidate.status === 'Held')) {
      const rows = snapshot.attendanceByMeeting.get(meeting.id) ?? [];
      expect(rows.length).toBeGreaterThan(3);
      expect(meeting.minuteTakerId).not.toBeNull();
      const minuteTaker = rows.find((row) => row.memberId === meeting.minuteTakerId);
      expect(minuteTaker?.attendance).toBe('Present');
    }
    const values = new Set(snapshot.attendance.map((row) => row.attendance));
    expect(values).toEqual(new Set(['Present', 'Apologies', 'Absent']));

    const deputised = snapshot.meetings.filter((meeting) => meeting.deputyCoChairId !== null);
    expect(deputised.map((meeting) => meeting.id)).toEqual(['MT-2026-03']);
    const rows = snapshot.attendanceByMeeting.get('MT-2026-03') ?? [];
    expect(rows.find((row) => row.memberId === 'M16')?.attendance).toBe('Apologies');
    expect(rows.find((row) => row.memberId === 'M14')).toMatchObject({
      attendance: 'Present',
      deputisingForId: 'M16',
    });
  });

  it('has about 150 actions in every status, some overdue, undated, unowned or on projects', () => {
    const { actions } = snapshot;
    expect(actions.length).toBeGreaterThanOrEqual(140);
    expect(actions.length).toBeLessThanOrEqual(160);
    expect(new Set(actions.map((action) => action.status))).toEqual(new Set(ACTION_STATUSES));
    const open = actions.filter((action) => OPEN.has(action.status));
    const overdue = open.filter((action) => action.dueDate !== null && action.dueDate < DEMO_AS_OF);
    expect(overdue.length).toBeGreaterThanOrEqual(5);
    expect(open.filter((action) => action.dueDate === null).length).toBeGreaterThanOrEqual(2);
    expect(open.filter((action) => action.ownerIds.length === 0)).toHaveLength(2);
    expect(open.filter((action) => action.lastFollowedUp !== null).length).toBeGreaterThan(5);
    expect(actions.filter((action) => action.projectId !== null).length).toBeGreaterThan(5);
    for (const action of actions) {
      if (action.status === 'Done') expect(action.completedOn).not.toBeNull();
      else expect(action.completedOn).toBeNull();
      if (action.completedOn) expect(action.completedOn < DEMO_AS_OF).toBe(true);
    }
  });

  it('has 4 projects in distinct stages and phases, each with its standard task list', () => {
    const { projects } = snapshot;
    expect(projects).toHaveLength(4);
    expect(new Set(projects.map((project) => project.stage)).size).toBe(4);
    expect(new Set(projects.map((project) => project.phase)).size).toBe(4);
    for (const project of projects) {
      expect(project.activities.length).toBeGreaterThan(0);
      expect(project.leadId).not.toBeNull();
      expect(project.memberIds.length).toBeGreaterThan(0);
      const tasks = snapshot.tasksByProject.get(project.id) ?? [];
      expect(
        tasks.map(({ id, task, phase, responsible }) => ({ id, task, phase, responsible })),
      ).toEqual(
        standardTasksFor(project.id, []).map(({ id, task, phase, responsible }) => ({
          id,
          task,
          phase,
          responsible,
        })),
      );
      const current = PROJECT_PHASES.indexOf(project.phase);
      for (const task of tasks) {
        const phase = PROJECT_PHASES.indexOf(task.phase);
        if (phase < current) expect([task.status, task.doneOn !== null]).toEqual(['Done', true]);
        if (phase > current) expect(task.status).toBe('To do');
        if (task.status !== 'Done') expect(task.doneOn).toBeNull();
      }
    }
  });

  it('records communication needs for members who need more than Standard', () => {
    const needs = new Map(
      snapshot.members
        .filter((member) => member.communicationNeeds !== null)
        .map((member) => [member.id, member.preferredFormat]),
    );
    expect(needs.size).toBeGreaterThanOrEqual(5);
    expect(new Set(needs.values())).toEqual(new Set(['Large print', 'Easy read', 'Audio', 'BSL']));
  });

  it('records involvement (R16): meetings, training, recognition and project work, paid or declined', () => {
    const { involvement } = snapshot;
    expect(involvement.length).toBeGreaterThan(150);
    const activities = new Set(involvement.map((entry) => entry.activity));
    for (const activity of ['Board meeting', 'Training', 'Co-design', 'Co-planning']) {
      expect(activities).toContain(activity);
    }
    const statuses = new Set(involvement.map((entry) => entry.paymentStatus));
    for (const status of ['Paid', 'Declined', 'Claimed']) expect(statuses).toContain(status);
    for (const entry of involvement) {
      const member = snapshot.memberById.get(entry.memberId);
      expect(['Staff', 'Council']).not.toContain(member?.constituency);
      if (entry.payment !== null) expect(entry.payment).toBeGreaterThanOrEqual(25);
      if (entry.payment !== null) expect(entry.payment).toBeLessThanOrEqual(50);
      if (entry.paymentStatus === 'Declined') expect(entry.payment).toBeNull();
      if (entry.activity === 'Board meeting') {
        expect(entry.hours).toBeGreaterThanOrEqual(2);
        expect(entry.hours).toBeLessThanOrEqual(3);
        expect(snapshot.meetingById.get(entry.meetingId ?? '')?.date).toBe(entry.date);
      }
    }
    expect(involvement.filter((entry) => (entry.expenses ?? 0) > 0).length).toBeGreaterThan(20);
    expect(involvement.filter((entry) => entry.projectId !== null).length).toBeGreaterThan(5);
    expect(involvement.filter((entry) => entry.trainingOrRecognition).length).toBeGreaterThan(5);
  });

  it('has about 20 feedback items, most acted on and reported back, a few not acted on or open', () => {
    const { feedback } = snapshot;
    expect(feedback.length).toBeGreaterThanOrEqual(15);
    expect(feedback.length).toBeLessThanOrEqual(25);
    const byStatus = (status: string) => feedback.filter((item) => item.status === status);
    expect(byStatus('Acted on').length).toBeGreaterThan(feedback.length / 2);
    expect(byStatus('Not acted on').length).toBeGreaterThanOrEqual(3);
    expect(byStatus('Open').length).toBe(3);
    for (const item of feedback) {
      expect(item.reportedBackOn === null).toBe(item.status === 'Open');
      expect(item.weDid === null).toBe(item.status === 'Open');
      expect(snapshot.meetingById.get(item.meetingId ?? '')?.date).toBe(item.dateRaised);
    }
    expect(feedback.filter((item) => item.projectId !== null).length).toBeGreaterThan(2);
  });

  it('has an empty Circulation log', () => {
    expect(shipped.Circulation).toHaveLength(1);
    expect(snapshot.circulation).toHaveLength(0);
  });
});

describe('the deliberate imperfections', () => {
  it('has exactly two data issues: an impossible due date and an owner not on the roster', () => {
    expect(
      snapshot.issues.map((issue) => [cellLabel(issue), issue.severity, issue.column]),
    ).toEqual([
      ['Actions!F58', 'warning', 'Due date'],
      ['Actions!E145', 'error', 'Owner'],
    ]);
    expect(shipped.Actions?.[57]?.[5]).toBe('31/02/2025');
    expect(shipped.Actions?.[144]?.[4]).toMatch(new RegExp(`^${UNKNOWN_MEMBER_ID}, M\\d\\d$`));
    const owned = snapshot.actionById.get(String(shipped.Actions?.[144]?.[0]));
    expect(owned?.status).toBe('Open');
  });

  it('breaks the rules exactly in R3, R5, R6, R8, R11, R16 and R17 on DEMO_AS_OF', () => {
    const findings = membershipCheck(snapshot, DEMO_AS_OF);
    const problems = findings
      .filter((finding) => finding.severity !== 'info')
      .map((finding) => ({
        rule: finding.rule,
        severity: finding.severity,
        memberIds: [...(finding.memberIds ?? [])],
        meetingId: finding.meetingId,
        at: findingLocations(snapshot, finding).map(cellLabel),
      }));
    expect(problems).toEqual([
      {
        rule: 'R3',
        severity: 'warning',
        memberIds: ['M16'],
        meetingId: undefined,
        at: ['Members!M17'],
      },
      {
        rule: 'R5',
        severity: 'error',
        memberIds: ['M09', 'M19'],
        meetingId: undefined,
        at: ['Members!G10', 'Members!G20'],
      },
      // A project with no resident (R6 extended to projects).
      {
        rule: 'R6',
        severity: 'warning',
        memberIds: ['M04', 'M05', 'M07', 'M13', 'M17'],
        meetingId: undefined,
        at: ['Projects!I4'],
      },
      {
        rule: 'R8',
        severity: 'error',
        memberIds: ['M18'],
        meetingId: 'MT-2026-06',
        at: ['Meetings!I33'],
      },
      {
        rule: 'R11',
        severity: 'error',
        memberIds: [],
        meetingId: 'MT-2026-11',
        at: ['Meetings!H38'],
      },
      // A present resident with no Involvement entry, and a payment claimed 53 days ago.
      {
        rule: 'R16',
        severity: 'warning',
        memberIds: ['M20'],
        meetingId: 'MT-2026-07',
        at: ['Attendance!B358'],
      },
      {
        rule: 'R16',
        severity: 'warning',
        memberIds: ['M19'],
        meetingId: 'MT-2026-09',
        at: ['Involvement!J139'],
      },
      // Not acted on with no reason, and one not reported back in time.
      { rule: 'R17', severity: 'error', memberIds: [], meetingId: undefined, at: ['Feedback!I12'] },
      { rule: 'R17', severity: 'error', memberIds: [], meetingId: undefined, at: ['Feedback!J18'] },
    ]);
    const r3 = findings.find((finding) => finding.rule === 'R3');
    expect(r3?.message).toContain('in 53 days');
  });

  it('lists the members whose format an officer arranges (R18), with their needs, for officers', () => {
    const arranged = membershipCheck(snapshot, DEMO_AS_OF).filter(
      (finding) => finding.rule === 'R18',
    );
    expect(
      arranged.map(({ severity, memberIds, meetingId }) => [severity, memberIds, meetingId]),
    ).toEqual([
      ['info', ['M14'], 'MT-2026-11'],
      ['info', ['M20'], 'MT-2026-11'],
    ]);
    expect(arranged[1]?.message).toContain('Grace Nwachukwu (M20) needs information in BSL');
    expect(arranged[1]?.message).toContain('Communication needs: Deaf, BSL user');
  });

  it('moves with the as-of date: the first planned meeting has no minute-taker', () => {
    const asOf: IsoDate = '2027-01-10';
    const later = buildSnapshot(
      Object.fromEntries(
        Object.entries(demoBoardRows(asOf)).map(([tab, rows]) => [tab, rowsToGrid(rows)]),
      ),
    );
    const planned = later.meetings.filter((meeting) => meeting.status === 'Planned');
    expect(planned.map((meeting) => [meeting.id, meeting.minuteTakerId])).toEqual([
      ['MT-2027-01', null],
      ['MT-2027-02', expect.any(String)],
    ]);
    expect(later.issues).toHaveLength(2);
  });
});

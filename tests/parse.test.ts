import { describe, expect, it } from 'vitest';
import type { RawCell, RawGrid, WorkbookGrids } from '../schema/grid';
import { buildSnapshot } from '../schema/snapshot';

const MEMBER_HEADERS = [
  'Member ID',
  'Name',
  'Role',
  'Category',
  'Constituency',
  'Term start',
  'Status',
];
const ann: RawCell[] = [
  'M1',
  'Ann Oduya',
  'Resident co-chair',
  'Resident co-chair',
  'Resident',
  45259,
  'Active',
];
const ben: RawCell[] = [
  'M2',
  'Ben Marsh',
  'Officer co-chair',
  'Commissioning team',
  'Council',
  45259,
  'Active',
];

const MEETING_HEADERS = ['Meeting ID', 'Date', 'Status'];
const ACTION_HEADERS = ['Action ID', 'Meeting ID', 'Action', 'Owner', 'Due date', 'Status'];

/** A complete workbook with every tab present; `tabs` replaces or removes some. */
function workbook(tabs: Record<string, RawGrid | undefined>): WorkbookGrids {
  const base: Record<string, RawGrid | undefined> = {
    Members: [MEMBER_HEADERS, ann, ben],
    Meetings: [MEETING_HEADERS, ['MT-1', 45259, 'Held']],
    Attendance: [['Meeting ID', 'Member ID', 'Attendance']],
    Actions: [ACTION_HEADERS],
    Projects: [['Project ID', 'Name', 'Stage', 'Phase', 'Status']],
    Tasks: [['Task ID', 'Project ID', 'Task', 'Phase', 'Responsible', 'Status']],
    Circulation: [['Pack ID', 'Meeting ID', 'Audience', 'Generated at']],
    Involvement: [['Entry ID', 'Member ID', 'Date', 'Activity']],
    Feedback: [['Feedback ID', 'Date raised', 'You said', 'Status']],
    Settings: [['Key', 'Value']],
    ...tabs,
  };
  return Object.fromEntries(
    Object.entries(base).filter((entry): entry is [string, RawGrid] => entry[1] !== undefined),
  );
}

function actionsWith(...rows: RawCell[][]): WorkbookGrids {
  return workbook({ Actions: [ACTION_HEADERS, ...rows] });
}

function issuesOf(grids: WorkbookGrids, sheet: string) {
  return buildSnapshot(grids).issues.filter((issue) => issue.sheet === sheet);
}

describe('headers', () => {
  it('matches headers in another order, case and spacing', () => {
    const snapshot = buildSnapshot(
      workbook({
        Members: [
          ['  status', 'TERM   START', 'constituency ', 'category', 'role', 'NAME', 'member id'],
          [
            'Active',
            45259,
            'Resident',
            'Resident co-chair',
            'Resident co-chair',
            'Ann Oduya',
            'M1',
          ],
        ],
      }),
    );
    expect(snapshot.issues).toEqual([]);
    expect(snapshot.members).toHaveLength(1);
    expect(snapshot.members[0]).toMatchObject({
      id: 'M1',
      name: 'Ann Oduya',
      termStart: '2023-11-29',
    });
  });

  it('ignores extra columns', () => {
    const snapshot = buildSnapshot(
      workbook({
        Members: [
          ['Shoe size', ...MEMBER_HEADERS, 'Favourite colour'],
          [9, ...ann, 'green'],
        ],
      }),
    );
    expect(snapshot.issues).toEqual([]);
    expect(snapshot.members[0]?.id).toBe('M1');
    expect(Object.keys(snapshot.members[0] ?? {})).not.toContain('Shoe size');
  });

  it('finds the header row below a title row', () => {
    const snapshot = buildSnapshot(
      workbook({ Members: [['Board members 2024'], [], MEMBER_HEADERS, ann] }),
    );
    expect(snapshot.issues).toEqual([]);
    expect(snapshot.members[0]?.row).toBe(4);
  });

  it('reports a missing required header once for the tab and marks the tab unusable', () => {
    const snapshot = buildSnapshot(
      workbook({
        Actions: [
          ['Action ID', 'Meeting ID', 'Action', 'Owner', 'Due date'],
          ['A1', 'MT-1', 'Write to providers', 'M1', 45300],
        ],
      }),
    );
    const actionIssues = snapshot.issues.filter((issue) => issue.sheet === 'Actions');
    expect(actionIssues).toHaveLength(1);
    expect(actionIssues[0]).toMatchObject({ cell: 'F1', row: 1, severity: 'error', column: null });
    expect(actionIssues[0]?.message).toContain('"Status"');
    expect(snapshot.unusableTabs.get('Actions')).toEqual(['Status']);
    expect(snapshot.actions).toEqual([]);
  });

  it('reports a missing tab and keeps reading the others', () => {
    const snapshot = buildSnapshot(workbook({ Projects: undefined }));
    const projectIssues = snapshot.issues.filter((issue) => issue.sheet === 'Projects');
    expect(projectIssues).toHaveLength(1);
    expect(projectIssues[0]?.message).toContain('no "Projects" tab');
    expect(projectIssues[0]?.severity).toBe('error');
    expect(snapshot.unusableTabs.has('Projects')).toBe(true);
    expect(snapshot.members).toHaveLength(2);
  });

  it('finds a tab whose name differs only in case and spaces', () => {
    const grids = workbook({ Members: undefined });
    const snapshot = buildSnapshot({ ...grids, ' members ': [MEMBER_HEADERS, ann] });
    expect(snapshot.members.map((member) => member.id)).toEqual(['M1']);
  });
});

describe('rows', () => {
  it('reads ragged rows whose trailing empty cells are omitted', () => {
    const snapshot = buildSnapshot(
      actionsWith(
        ['A1', 'MT-1', 'Book a venue', '', '', 'Open'],
        ['A2', 'MT-1', 'Short row', 'M1'],
      ),
    );
    // A2 lacks Due date and Status: Status is required, so only A2 is left out.
    expect(snapshot.actions.map((action) => action.id)).toEqual(['A1']);
    const issues = issuesOf(actionsWith(['A2', 'MT-1', 'Short row', 'M1']), 'Actions');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ cell: 'F2', column: 'Status', severity: 'error' });
    expect(issues[0]?.message).toContain('left out');
  });

  it('skips blank rows, including rows of spaces', () => {
    const snapshot = buildSnapshot(
      actionsWith(
        [],
        ['A1', 'MT-1', 'Book a venue', 'M1', null, 'Open'],
        ['  ', null, ''],
        [],
        ['A2', 'MT-1', 'Send minutes', 'M2', null, 'Done'],
      ),
    );
    expect(snapshot.issues).toEqual([]);
    expect(snapshot.actions.map((action) => [action.id, action.row])).toEqual([
      ['A1', 3],
      ['A2', 6],
    ]);
  });

  it('explains blanks under merged cells and keeps the rows that are complete', () => {
    // A merged Meeting ID block reads as a value in its first row and blanks below it.
    const grids = workbook({
      Attendance: [
        ['Meeting ID', 'Member ID', 'Attendance'],
        ['MT-1', 'M1', 'Present'],
        [null, 'M2', 'Present'],
      ],
    });
    const snapshot = buildSnapshot(grids);
    expect(snapshot.attendance.map((row) => row.memberId)).toEqual(['M1']);
    const issues = snapshot.issues.filter((issue) => issue.sheet === 'Attendance');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ cell: 'A3', severity: 'error', column: 'Meeting ID' });
    expect(issues[0]?.message).toContain('merged');
  });

  it('leaves out a row with a blank ID, name, meeting date or status and says which cell', () => {
    const snapshot = buildSnapshot(
      workbook({
        Members: [
          MEMBER_HEADERS,
          ann,
          ['M3', '', 'Member', 'Provider', 'Provider', 45259, 'Active'],
        ],
        Meetings: [
          MEETING_HEADERS,
          ['MT-1', 45259, 'Held'],
          ['MT-2', null, 'Planned'],
          ['MT-3', 45300, ' '],
        ],
      }),
    );
    expect(snapshot.members.map((member) => member.id)).toEqual(['M1']);
    expect(snapshot.meetings.map((meeting) => meeting.id)).toEqual(['MT-1']);
    expect(snapshot.issues.map((issue) => `${issue.sheet}!${issue.cell}`)).toEqual([
      'Members!B3',
      'Meetings!B3',
      'Meetings!C4',
    ]);
  });

  it('keeps an action with no owner: blank means "no owner" (R12)', () => {
    const snapshot = buildSnapshot(actionsWith(['A1', 'MT-1', 'Find a venue', null, null, 'Open']));
    expect(snapshot.issues).toEqual([]);
    expect(snapshot.actions[0]?.ownerIds).toEqual([]);
  });
});

describe('dates', () => {
  const dueDate = (cell: RawCell, settings?: RawGrid) => {
    const grids = workbook({
      Actions: [ACTION_HEADERS, ['A1', 'MT-1', 'Do it', 'M1', cell, 'Open']],
      ...(settings ? { Settings: settings } : {}),
    });
    const snapshot = buildSnapshot(grids);
    return { dueDate: snapshot.actions[0]?.dueDate, issues: snapshot.issues };
  };

  it('reads serial numbers, with or without a time of day', () => {
    expect(dueDate(45259).dueDate).toBe('2023-11-29');
    expect(dueDate(45259.75).dueDate).toBe('2023-11-29');
    expect(dueDate(60).dueDate).toBe('1900-02-28');
  });

  it('reads ISO dates', () => {
    expect(dueDate('2024-02-29').dueDate).toBe('2024-02-29');
    expect(dueDate('2024-05-01T09:30:00').dueDate).toBe('2024-05-01');
  });

  it('reads day-month-year text by default (UK)', () => {
    expect(dueDate('03/04/2024').dueDate).toBe('2024-04-03');
    expect(dueDate('3.4.2024').dueDate).toBe('2024-04-03');
    expect(dueDate('29 November 2023').dueDate).toBe('2023-11-29');
    expect(dueDate('Wed 29 Nov 2023').dueDate).toBe('2023-11-29');
  });

  it('follows the Date order setting', () => {
    const settings: RawGrid = [
      ['Key', 'Value'],
      ['Date order', 'MDY'],
    ];
    expect(dueDate('03/04/2024', settings).dueDate).toBe('2024-03-04');
  });

  it('reports an impossible date on its cell and leaves the optional date blank', () => {
    const { dueDate: value, issues } = dueDate('31/02/2024');
    expect(value).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      sheet: 'Actions',
      cell: 'E2',
      severity: 'warning',
      column: 'Due date',
    });
    expect(issues[0]?.message).toContain('not a real date');
  });

  it('reports text that is not clearly a date', () => {
    for (const text of ['next Tuesday', 'March', '4/5', '2024', '13/13/2024']) {
      const { dueDate: value, issues } = dueDate(text);
      expect(value, text).toBeNull();
      expect(issues[0]?.cell, text).toBe('E2');
      expect(issues[0]?.message, text).toMatch(/not a (real )?date/);
    }
  });

  it('leaves out a member whose required Term start is impossible', () => {
    const snapshot = buildSnapshot(
      workbook({
        Members: [
          MEMBER_HEADERS,
          ann,
          ['M3', 'Cara Lee', 'Member', 'ICB', 'Staff', '30/02/2024', 'Active'],
        ],
      }),
    );
    expect(snapshot.members.map((member) => member.id)).toEqual(['M1']);
    expect(snapshot.issues[0]).toMatchObject({ cell: 'F3', severity: 'error' });
  });
});

describe('cell kinds', () => {
  it('reads Yes/No, TRUE/FALSE and checkboxes', () => {
    const cells: [RawCell, boolean][] = [
      ['Yes', true],
      ['no', false],
      ['TRUE', true],
      ['false', false],
      [true, true],
      [false, false],
      [null, false],
    ];
    const rows = cells.map(([cell], index) => [`MT-${index}`, 45259 + index, 'Held', cell]);
    const snapshot = buildSnapshot(
      workbook({ Meetings: [[...MEETING_HEADERS, 'Circulate to DMT'], ...rows] }),
    );
    expect(snapshot.issues).toEqual([]);
    expect(snapshot.meetings.map((meeting) => meeting.circulateToDmt)).toEqual(
      cells.map(([, value]) => value),
    );

    const bad = buildSnapshot(
      workbook({
        Meetings: [
          [...MEETING_HEADERS, 'Circulate to DMT'],
          ['MT-1', 45259, 'Held', 'maybe'],
        ],
      }),
    );
    expect(bad.issues[0]).toMatchObject({ cell: 'D2', severity: 'warning' });
    expect(bad.meetings[0]?.circulateToDmt).toBe(false);
  });

  it('splits list cells on commas, semicolons and new lines', () => {
    const snapshot = buildSnapshot(
      actionsWith(['A1', 'MT-1', 'Do it', 'M1, M2;M1\nM2 ;', null, 'Open']),
    );
    expect(snapshot.actions[0]?.ownerIds).toEqual(['M1', 'M2']);
    const members = buildSnapshot(
      workbook({
        Members: [
          [...MEMBER_HEADERS, 'Service areas'],
          [...ann, 'Dementia; Older people\nCarers,  Mental health'],
        ],
      }),
    );
    expect(members.members[0]?.serviceAreas).toEqual([
      'Dementia',
      'Older people',
      'Carers',
      'Mental health',
    ]);
  });

  it('reports formula errors on their cell', () => {
    for (const error of ['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?']) {
      const snapshot = buildSnapshot(
        actionsWith(
          ['A1', 'MT-1', 'Do it', 'M1', error, 'Open'],
          ['A2', 'MT-1', error, 'M1', null, 'Open'],
        ),
      );
      expect(
        snapshot.actions.map((action) => action.id),
        error,
      ).toEqual(['A1']);
      expect(snapshot.actions[0]?.dueDate, error).toBeNull();
      expect(
        snapshot.issues.map((issue) => [issue.cell, issue.severity]),
        error,
      ).toEqual([
        ['E2', 'warning'],
        ['C3', 'error'],
      ]);
      expect(snapshot.issues[0]?.message).toContain(error);
    }
  });

  it('reads enum values in any case with stray spaces', () => {
    const snapshot = buildSnapshot(
      actionsWith(
        ['A1', 'MT-1', 'Do it', 'M1', null, '  in   PROGRESS '],
        ['A2', 'MT-1', 'Do it', 'M1', null, 'done'],
        ['A3', 'MT-1', 'Do it', 'M1', null, 'Completed'],
      ),
    );
    expect(snapshot.actions.map((action) => action.status)).toEqual(['In progress', 'Done']);
    expect(snapshot.issues).toHaveLength(1);
    expect(snapshot.issues[0]).toMatchObject({ cell: 'F4', severity: 'error' });
    expect(snapshot.issues[0]?.message).toContain(
      '"Completed" is not one of: Open, In progress, Done, Dropped',
    );
  });

  it('reads numbers stored as text, and IDs stored as numbers', () => {
    const snapshot = buildSnapshot(
      workbook({
        Members: [MEMBER_HEADERS, [17, 'Dee Khan', 'Member', 'ICB', 'Staff', 45259, 'Active']],
        Meetings: [
          [...MEETING_HEADERS, 'Length (hours)'],
          ['MT-1', 45259, 'Held', ' 2 '],
        ],
        Projects: [
          ['Project ID', 'Name', 'Stage', 'Phase', 'Status', 'Budget'],
          ['P1', 'Day opportunities', 'Planning', 'Initiation', 'Active', '£12,500.50'],
          ['P2', 'Respite', 'Planning', 'Initiation', 'Active', 'lots'],
        ],
        Settings: [
          ['Key', 'Value'],
          ['Member cap', '18'],
        ],
      }),
    );
    expect(snapshot.members[0]?.id).toBe('17');
    expect(snapshot.meetings[0]?.lengthHours).toBe(2);
    expect(snapshot.projects.map((project) => project.budget)).toEqual([12500.5, null]);
    expect(snapshot.settings.memberCap).toBe(18);
    expect(snapshot.issues.map((issue) => `${issue.sheet}!${issue.cell}`)).toEqual(['Projects!F3']);
  });

  it('truncates a cell over 50,000 characters with a warning and keeps the row', () => {
    const long = 'x'.repeat(60_000);
    const snapshot = buildSnapshot(
      workbook({
        Members: [
          [...MEMBER_HEADERS, 'Notes'],
          [...ann, long],
        ],
      }),
    );
    expect(snapshot.members[0]?.notes).toHaveLength(50_000);
    expect(snapshot.issues).toHaveLength(1);
    expect(snapshot.issues[0]).toMatchObject({ cell: 'H2', severity: 'warning' });
    expect(snapshot.issues[0]?.message).toContain('60,000 characters');
  });
});

describe('IDs and references', () => {
  it('reports a repeated ID and keeps the first row', () => {
    const snapshot = buildSnapshot(
      actionsWith(
        ['A1', 'MT-1', 'First', 'M1', null, 'Open'],
        ['A1', 'MT-1', 'Second', 'M1', null, 'Open'],
      ),
    );
    expect(snapshot.actions.map((action) => action.description)).toEqual(['First']);
    expect(snapshot.issues).toHaveLength(1);
    expect(snapshot.issues[0]).toMatchObject({ cell: 'A3', severity: 'error' });
    expect(snapshot.issues[0]?.message).toContain('already used in row 2');
  });

  it('reports references to unknown members, meetings and projects on their cells', () => {
    const snapshot = buildSnapshot(
      workbook({
        Actions: [
          [...ACTION_HEADERS, 'Project ID'],
          ['A1', 'MT-9', 'Do it', 'M1, M7', null, 'Open', 'P9'],
        ],
        Attendance: [
          ['Meeting ID', 'Member ID', 'Attendance'],
          ['MT-1', 'M8', 'Present'],
        ],
      }),
    );
    expect(
      snapshot.issues.map((issue) => [`${issue.sheet}!${issue.cell}`, issue.severity]),
    ).toEqual([
      ['Attendance!B2', 'error'],
      ['Actions!B2', 'error'],
      ['Actions!D2', 'error'],
      ['Actions!G2', 'error'],
    ]);
    expect(snapshot.issues[2]?.message).toContain('"M7" is not a Member ID');
    // The action is still followed up; the unknown attendance cannot be counted.
    expect(snapshot.actions).toHaveLength(1);
    expect(snapshot.attendance).toHaveLength(0);
  });

  it('does not report references to a row that was already left out for an error', () => {
    const snapshot = buildSnapshot(
      workbook({
        Members: [
          MEMBER_HEADERS,
          ann,
          ['M3', 'Cara Lee', 'Member', 'ICB', 'Staff', 'soon', 'Active'],
        ],
        Actions: [ACTION_HEADERS, ['A1', 'MT-1', 'Do it', 'M3', null, 'Open']],
      }),
    );
    expect(snapshot.issues.map((issue) => `${issue.sheet}!${issue.cell}`)).toEqual(['Members!F3']);
  });
});

describe('snapshot', () => {
  it('is immutable', () => {
    const snapshot = buildSnapshot(workbook({}));
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.members)).toBe(true);
    expect(Object.isFrozen(snapshot.members[0])).toBe(true);
    expect(() => (snapshot.memberById as Map<string, unknown>).set('X', {})).toThrow(/read-only/);
  });

  it('orders meetings by date whatever the sheet order', () => {
    const snapshot = buildSnapshot(
      workbook({ Meetings: [MEETING_HEADERS, ['MT-2', 45300, 'Held'], ['MT-1', 45259, 'Held']] }),
    );
    expect(snapshot.meetings.map((meeting) => meeting.id)).toEqual(['MT-1', 'MT-2']);
  });

  it('reads settings, falling back to the terms of reference on bad values', () => {
    const snapshot = buildSnapshot(
      workbook({
        Settings: [
          ['Key', 'Value'],
          ['Meeting pattern', 'first Monday'],
          ['Member cap', 'twenty'],
          ['First meeting', 45259],
        ],
      }),
    );
    expect(snapshot.settings.meetingPattern).toEqual({ ordinal: 'first', weekday: 1 });
    expect(snapshot.settings.memberCap).toBe(20);
    expect(snapshot.settings.firstMeeting).toBe('2023-11-29');
    expect(snapshot.issues).toHaveLength(1);
    expect(snapshot.issues[0]).toMatchObject({
      sheet: 'Settings',
      cell: 'B3',
      severity: 'warning',
    });
  });
});

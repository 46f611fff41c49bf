/**
 * A small board that passes every check (`membershipCheck`: R1-R11, R16-R18) on TODAY, as rows
 * keyed by sheet header, and helpers to change it. Tests change one thing and look for the one finding.
 */
import type { RawCell, RawGrid } from '../schema/grid';
import { type TabName, tabSpec } from '../schema/layout';
import type { Finding, RuleId } from '../schema/rules/finding';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';

export type Row = Record<string, RawCell>;

export interface BoardRows {
  Members: Row[];
  Meetings: Row[];
  Attendance: Row[];
  Actions: Row[];
  Projects: Row[];
  Tasks: Row[];
  Involvement: Row[];
  Feedback: Row[];
  Settings: Record<string, RawCell>;
}

/** A Wednesday between the January meeting (held) and the February one (planned). */
export const TODAY = '2024-02-10';

export function member(id: string, name: string, fields: Row = {}): Row {
  return {
    'Member ID': id,
    Name: name,
    Role: 'Member',
    Category: 'Self-representative',
    Constituency: 'Resident',
    'Term start': '2023-11-01',
    Status: 'Active',
    ...fields,
  };
}

export function meeting(id: string, date: string, fields: Row = {}): Row {
  return {
    'Meeting ID': id,
    Date: date,
    'Length (hours)': 2,
    'Minute-taker': 'M06',
    Status: 'Held',
    ...fields,
  };
}

export function present(meetingId: string, ...memberIds: string[]): Row[] {
  return memberIds.map((id) => ({
    'Meeting ID': meetingId,
    'Member ID': id,
    Attendance: 'Present',
  }));
}

/** The Involvement entry of a member present at a meeting (R16): two hours, paid. */
export function involved(entryId: string, meetingId: string, memberId: string, date: string): Row {
  return {
    'Entry ID': entryId,
    'Member ID': memberId,
    Date: date,
    'Meeting ID': meetingId,
    Activity: 'Board meeting',
    Hours: 2,
    Payment: 40,
    'Payment status': 'Paid',
  };
}

export function feedback(id: string, fields: Row = {}): Row {
  return {
    'Feedback ID': id,
    'Date raised': '2023-11-29',
    'Meeting ID': 'MTG-01',
    'You said': `Feedback ${id}`,
    'Raised by': 'Resident',
    Status: 'Open',
    ...fields,
  };
}

export function action(id: string, fields: Row = {}): Row {
  return {
    'Action ID': id,
    'Meeting ID': 'MTG-01',
    Action: `Action ${id}`,
    Owner: 'M05',
    Status: 'Open',
    ...fields,
  };
}

/** A fresh copy of the passing board, safe to change. */
export function baseRows(): BoardRows {
  return {
    Members: [
      member('M01', 'Ada Byron', {
        Role: 'Resident co-chair',
        Category: 'Resident co-chair',
        'Service areas': 'All',
        Email: 'ada@example.org',
      }),
      member('M02', 'Olu Okafor', {
        Role: 'Officer co-chair',
        Category: 'Commissioning team',
        Constituency: 'Council',
        Email: 'olu@council.example',
      }),
      member('M03', 'Jo Patel', {
        Category: 'Joint Partnership Board',
        Constituency: 'Other',
        'Service areas': 'Learning disabilities',
        Email: 'jo@jpb.example',
      }),
      member('M04', 'Sam Reid', {
        Category: 'Self-advocacy group',
        Group: 'People First',
        'Service areas': 'Learning disabilities',
      }),
      member('M05', 'Pat Quinn', {
        Category: 'Provider',
        Constituency: 'Provider',
        'Service areas': 'Dementia; Older people',
      }),
      member('M06', 'Sol Ahmed', {
        Category: 'Social worker',
        Constituency: 'Staff',
        'Service areas': 'Mental health',
      }),
      member('M07', 'Cat Lee', { Category: 'Carer or advocate' }),
    ],
    Meetings: [
      meeting('MTG-01', '2023-11-29', { Topics: 'Learning disabilities' }),
      meeting('MTG-02', '2023-12-27'),
      meeting('MTG-03', '2024-01-31', { Topics: 'Dementia' }),
      meeting('MTG-04', '2024-02-28', {
        Status: 'Planned',
        Topics: 'Mental health, Learning disabilities',
      }),
    ],
    Attendance: [
      ...present('MTG-01', 'M01', 'M02', 'M03', 'M04', 'M06'),
      ...present('MTG-02', 'M01', 'M02', 'M06', 'M07'),
      ...present('MTG-03', 'M01', 'M02', 'M05', 'M06'),
    ],
    Actions: [
      action('A-1', { 'Due date': '2024-03-20' }),
      action('A-2', { 'Meeting ID': 'MTG-02', Owner: 'M06', Status: 'Done' }),
    ],
    Projects: [
      {
        'Project ID': 'P1',
        Name: 'Day opportunities',
        Stage: 'Planning',
        Phase: 'Pre-initiation',
        Lead: 'M02',
        Members: 'M04, M05',
        Status: 'Active',
      },
    ],
    Tasks: [],
    // Every present member who is not Staff or Council has an entry for each held meeting.
    Involvement: [
      involved('I-1', 'MTG-01', 'M01', '2023-11-29'),
      involved('I-2', 'MTG-01', 'M03', '2023-11-29'),
      involved('I-3', 'MTG-01', 'M04', '2023-11-29'),
      involved('I-4', 'MTG-02', 'M01', '2023-12-27'),
      involved('I-5', 'MTG-02', 'M07', '2023-12-27'),
      involved('I-6', 'MTG-03', 'M01', '2024-01-31'),
      // Claimed ten days ago: not yet chased.
      { ...involved('I-7', 'MTG-03', 'M05', '2024-01-31'), 'Payment status': 'Claimed' },
    ],
    Feedback: [
      feedback('F-1', {
        'We did': 'Papers now go out a week before each meeting.',
        Status: 'Acted on',
        'Reported back on': '2023-12-27',
      }),
      feedback('F-2', {
        'Date raised': '2023-12-27',
        'Meeting ID': 'MTG-02',
        'We did': 'Asked the venue; it has no hearing loop and cannot fit one.',
        Status: 'Not acted on',
        Reason: 'The venue is not ours to change; the next venue review will look at it.',
        'Reported back on': '2024-01-31',
      }),
      // Raised at the last meeting: not due for 60 days.
      feedback('F-3', { 'Date raised': '2024-01-31', 'Meeting ID': 'MTG-03' }),
    ],
    Settings: {
      'Board name': 'Commissioning Co-Production Board',
      'First meeting': '2023-11-29',
      'Meeting pattern': 'last Wednesday',
      'Meeting length (hours)': 2,
      'Member cap': 20,
    },
  };
}

/** The grid a tab would hold: every header of the tab, then one line per row. */
export function gridOf(tab: TabName, rows: readonly Row[]): RawGrid {
  const headers = tabSpec(tab).columns.map((column) => column.header);
  return [headers, ...rows.map((row) => headers.map((header) => row[header] ?? null))];
}

export function snapshotOf(rows: BoardRows): BoardSnapshot {
  return buildSnapshot(gridsOf(rows));
}

/** The workbook's tab grids for the rows. */
export function gridsOf(rows: BoardRows): Record<string, RawGrid> {
  return {
    Members: gridOf('Members', rows.Members),
    Meetings: gridOf('Meetings', rows.Meetings),
    Attendance: gridOf('Attendance', rows.Attendance),
    Actions: gridOf('Actions', rows.Actions),
    Projects: gridOf('Projects', rows.Projects),
    Tasks: gridOf('Tasks', rows.Tasks),
    Circulation: gridOf('Circulation', []),
    Involvement: gridOf('Involvement', rows.Involvement),
    Feedback: gridOf('Feedback', rows.Feedback),
    Settings: [['Key', 'Value'], ...Object.entries(rows.Settings)],
  };
}

/** The passing board read from a workbook that lacks a tab (it was never set up). */
export function boardWithoutTab(tab: TabName): BoardSnapshot {
  const grids = gridsOf(baseRows());
  delete grids[tab];
  return buildSnapshot(grids);
}

/** The passing board read from a workbook whose tab lacks some (optional) columns. */
export function boardWithoutColumns(tab: TabName, headers: readonly string[]): BoardSnapshot {
  const grids = gridsOf(baseRows());
  const grid = grids[tab] ?? [];
  const keep = (grid[0] ?? []).map((header) => !headers.includes(String(header)));
  grids[tab] = grid.map((row) => row.filter((_, index) => keep[index]));
  return buildSnapshot(grids);
}

/** The passing board, after `edit` has changed its rows. */
export function board(edit: (rows: BoardRows) => void = () => {}): BoardSnapshot {
  const rows = baseRows();
  edit(rows);
  return snapshotOf(rows);
}

/** Changes cells of the row whose first column (its ID) is `id`; throws if there is none. */
export function patch(rows: Row[], id: string, changes: Row): void {
  const row = rows.find((candidate) => Object.values(candidate)[0] === id);
  if (!row) throw new Error(`No row ${id}`);
  Object.assign(row, changes);
}

export function remove(rows: Row[], id: string): void {
  const index = rows.findIndex((candidate) => Object.values(candidate)[0] === id);
  if (index === -1) throw new Error(`No row ${id}`);
  rows.splice(index, 1);
}

/** Findings of one rule that need someone to act (errors and warnings, not figures). */
export function problems(findings: readonly Finding[], rule?: RuleId): Finding[] {
  return findings.filter(
    (finding) => finding.severity !== 'info' && (rule === undefined || finding.rule === rule),
  );
}

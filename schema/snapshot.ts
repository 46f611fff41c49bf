/**
 * Raw grids → one immutable, cross-referenced board snapshot. The rules, the GraphQL resolvers
 * and the packs see the board only through it. The menu's handlers build one from the grids
 * they read too, and keep those grids only to write their changes back in place.
 */
import { a1 } from './cells';
import type { BoardTab, ColumnSpec } from './columns';
import type { WorkbookGrids } from './grid';
import type { DataIssue } from './issues';
import { idHeader, tabSpec } from './layout';
import { type ParsedTab, parseTab } from './parse';
import type { Action, Attendance, Circulation, Meeting, Member, Project, Task } from './records';
import { type BoardSettings, parseSettings } from './settings';
import {
  ACTIONS_TAB,
  ATTENDANCE_TAB,
  BOARD_TABS,
  CIRCULATION_TAB,
  MEETINGS_TAB,
  MEMBERS_TAB,
  PROJECTS_TAB,
  SETTINGS_TAB,
  TASKS_TAB,
} from './tabs';
import type { TabName } from './values';

export interface BoardSnapshot {
  readonly settings: BoardSettings;
  /** Every readable member row, in sheet order (active and former). */
  readonly members: readonly Member[];
  /** Meetings in date order (then ID). */
  readonly meetings: readonly Meeting[];
  readonly attendance: readonly Attendance[];
  readonly actions: readonly Action[];
  readonly projects: readonly Project[];
  readonly tasks: readonly Task[];
  readonly circulation: readonly Circulation[];
  readonly memberById: ReadonlyMap<string, Member>;
  readonly meetingById: ReadonlyMap<string, Meeting>;
  readonly projectById: ReadonlyMap<string, Project>;
  readonly actionById: ReadonlyMap<string, Action>;
  readonly attendanceByMeeting: ReadonlyMap<string, readonly Attendance[]>;
  readonly actionsByMeeting: ReadonlyMap<string, readonly Action[]>;
  readonly tasksByProject: ReadonlyMap<string, readonly Task[]>;
  /** For each readable tab, column key → 0-based column index, so cells can be named. */
  readonly columnIndex: ReadonlyMap<TabName, ReadonlyMap<string, number>>;
  /** Tabs that are missing or lack a required header, with the headers they lack. */
  readonly unusableTabs: ReadonlyMap<TabName, readonly string[]>;
  /** Every data issue, in tab order then row order. */
  readonly issues: readonly DataIssue[];
}

/** Parses every tab and links them into a snapshot. Never throws on messy data. */
export function buildSnapshot(grids: WorkbookGrids): BoardSnapshot {
  const { settings, issues: settingsIssues } = parseSettings(grids);
  const order = settings.dateOrder;
  const members = parseTab(grids, MEMBERS_TAB, order);
  const meetings = parseTab(grids, MEETINGS_TAB, order);
  const attendance = parseTab(grids, ATTENDANCE_TAB, order);
  const actions = parseTab(grids, ACTIONS_TAB, order);
  const projects = parseTab(grids, PROJECTS_TAB, order);
  const tasks = parseTab(grids, TASKS_TAB, order);
  const circulation = parseTab(grids, CIRCULATION_TAB, order);

  const memberById = indexById(members.records);
  const meetingById = indexById(meetings.records);
  const projectById = indexById(projects.records);
  const refs = new References({
    Members: members,
    Meetings: meetings,
    Attendance: attendance,
    Actions: actions,
    Projects: projects,
    Tasks: tasks,
    Circulation: circulation,
  });

  // Rows whose references cannot be resolved are kept where the row still means something
  // (an action with a mistyped meeting ID must still be followed up) and dropped where it
  // cannot be counted (attendance of an unknown member).
  const keptAttendance = attendance.records.filter((record) => {
    const known =
      refs.check(ATTENDANCE_TAB, record, 'meetingId', meetingById) &&
      refs.check(ATTENDANCE_TAB, record, 'memberId', memberById);
    refs.check(ATTENDANCE_TAB, record, 'deputisingForId', memberById);
    return known;
  });
  const uniqueAttendance = refs.dropRepeatedAttendance(keptAttendance, memberById);
  for (const record of actions.records) {
    refs.check(ACTIONS_TAB, record, 'meetingId', meetingById);
    refs.check(ACTIONS_TAB, record, 'projectId', projectById);
    refs.check(ACTIONS_TAB, record, 'ownerIds', memberById);
  }
  for (const record of meetings.records) {
    refs.check(MEETINGS_TAB, record, 'minuteTakerId', memberById);
    refs.check(MEETINGS_TAB, record, 'deputyCoChairId', memberById);
  }
  for (const record of projects.records) {
    refs.check(PROJECTS_TAB, record, 'leadId', memberById);
    refs.check(PROJECTS_TAB, record, 'memberIds', memberById);
  }
  for (const record of tasks.records) {
    refs.check(TASKS_TAB, record, 'projectId', projectById);
    refs.check(TASKS_TAB, record, 'assignedToIds', memberById);
  }
  for (const record of circulation.records)
    refs.check(CIRCULATION_TAB, record, 'meetingId', meetingById);

  const sortedMeetings = [...meetings.records].sort(
    (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
  );
  const tabs = [members, meetings, attendance, actions, projects, tasks, circulation];
  const tabIssues = tabs.flatMap((tab) => tab.issues);
  const issues = [...settingsIssues, ...tabIssues, ...refs.issues].sort(
    (a, b) =>
      tabOrder(a.sheet) - tabOrder(b.sheet) || a.row - b.row || a.cell.localeCompare(b.cell),
  );

  return deepFreeze({
    settings,
    members: members.records,
    meetings: sortedMeetings,
    attendance: uniqueAttendance,
    actions: actions.records,
    projects: projects.records,
    tasks: tasks.records,
    circulation: circulation.records,
    memberById,
    meetingById,
    projectById,
    actionById: indexById(actions.records),
    attendanceByMeeting: groupBy(uniqueAttendance, (record) => record.meetingId),
    actionsByMeeting: groupBy(actions.records, (record) => record.meetingId),
    tasksByProject: groupBy(tasks.records, (record) => record.projectId),
    columnIndex: new Map(tabs.map((tab) => [tab.name, tab.columnIndex] as const)),
    unusableTabs: new Map(
      tabs.filter((tab) => !tab.usable).map((tab) => [tab.name, tab.missingHeaders] as const),
    ),
    issues,
  });
}

/** Issues are listed Settings first (other tabs' dates depend on it), then in layout order. */
/**
 * True when a tab was read but lacks an optional column (it is not in the sheet, or only under a
 * near-miss header): a rule that relies on the column then says it cannot judge, once.
 */
export function lacksColumn(snapshot: BoardSnapshot, tab: BoardTab, key: string): boolean {
  if (snapshot.unusableTabs.has(tab.name)) return false;
  return !(snapshot.columnIndex.get(tab.name)?.has(key) ?? false);
}

const TAB_ORDER: readonly string[] = [
  SETTINGS_TAB.name,
  ...BOARD_TABS.map((tab) => tab.name).filter((name) => name !== SETTINGS_TAB.name),
];
function tabOrder(sheet: string): number {
  return TAB_ORDER.indexOf(sheet);
}

function indexById<T extends { readonly id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((record) => [record.id, record]));
}

function groupBy<T>(records: readonly T[], keyOf: (record: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const key = keyOf(record);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return groups;
}

/** Reports references to IDs that no row of the target tab has. */
class References {
  readonly issues: DataIssue[] = [];
  constructor(
    private readonly tabs: Readonly<Record<Exclude<TabName, 'Settings'>, ParsedTab<unknown>>>,
  ) {}

  /** True when every ID in the cell is known (or the cell is blank). */
  check<Row extends { readonly row: number }>(
    spec: BoardTab,
    record: Row,
    key: keyof Row & string,
    known: ReadonlyMap<string, unknown>,
  ): boolean {
    const column = spec.columns.find((candidate) => candidate.key === key);
    if (column?.kind.type !== 'ref' || column.kind.tab === 'Settings') return true;
    const targetName = column.kind.tab;
    const target = this.tabs[targetName];
    const ids = idsIn(record[key]);
    // An ID whose own row was left out for an error is already reported there.
    const unknown = ids.filter((id) => !known.has(id) && !target.rejectedIds.has(id));
    if (unknown.length > 0 && target.usable) {
      const targetHeader = idHeader(tabSpec(targetName));
      this.issues.push({
        sheet: spec.name,
        cell: this.cellOf(spec, record.row, column),
        row: record.row,
        column: column.header,
        message: `${column.header}: ${unknown.map((id) => `"${id}"`).join(', ')} ${
          unknown.length === 1 ? 'is not a' : 'are not'
        } ${targetHeader}${unknown.length === 1 ? '' : 's'} in the ${targetName} tab.${
          targetName === 'Members'
            ? ' Only members on the roster can be recorded (no substitutions).'
            : ''
        }`,
        severity: 'error',
      });
    }
    return ids.every((id) => known.has(id));
  }

  /** One attendance row per member per meeting: later repeats are reported and dropped. */
  dropRepeatedAttendance(
    records: readonly Attendance[],
    members: ReadonlyMap<string, Member>,
  ): Attendance[] {
    const seen = new Map<string, number>();
    const memberColumn = ATTENDANCE_TAB.columns.find((column) => column.key === 'memberId');
    return records.filter((record) => {
      const key = `${record.meetingId}\u0000${record.memberId}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, record.row);
        return true;
      }
      const name = members.get(record.memberId)?.name ?? record.memberId;
      this.issues.push({
        sheet: ATTENDANCE_TAB.name,
        cell: memberColumn
          ? this.cellOf(ATTENDANCE_TAB, record.row, memberColumn)
          : `A${record.row}`,
        row: record.row,
        column: memberColumn?.header ?? null,
        message: `${name} is recorded twice for meeting ${record.meetingId}; row ${first} is used and this row is ignored.`,
        severity: 'warning',
      });
      return false;
    });
  }

  private cellOf(spec: BoardTab, row: number, column: ColumnSpec): string {
    const tab = spec.name === 'Settings' ? undefined : this.tabs[spec.name];
    return a1(row - 1, tab?.columnIndex.get(column.key) ?? 0);
  }
}

/** The IDs in a reference cell's value: one, several, or none when blank. */
function idsIn(value: unknown): readonly string[] {
  if (Array.isArray(value)) return value.filter((id): id is string => typeof id === 'string');
  return typeof value === 'string' ? [value] : [];
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const entry of value.values()) deepFreeze(entry);
    freezeMap(value);
  } else if (value instanceof Set) {
    Object.freeze(value);
  } else {
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return Object.freeze(value);
}

/** Object.freeze does not stop Map.set, so the mutators are replaced with ones that throw. */
function freezeMap(map: Map<unknown, unknown>): void {
  const refuse = () => {
    throw new TypeError('The board snapshot is read-only.');
  };
  Object.defineProperties(map, {
    set: { value: refuse },
    delete: { value: refuse },
    clear: { value: refuse },
  });
}

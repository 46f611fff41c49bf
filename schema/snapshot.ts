/**
 * Raw grids → one immutable, cross-referenced board snapshot. The rules, the GraphQL resolvers
 * and the packs see the board only through it. The menu's handlers build one from the grids
 * they read too, and keep those grids only to write their changes back in place.
 *
 * Building is two steps, so that the costly one can run in another thread: `parseBoard` reads
 * and checks every row and works out the orders (plain data: arrays, records, Maps), and
 * `assembleSnapshot` links it into the snapshot's indexes and freezes it, in steps a caller may
 * spread over time (`assemblySteps`). Every order a reader needs is worked out here, once per
 * snapshot, never per question: the actions in ID order, each meeting's, owner's, project's
 * and status's actions in ID order, each project's tasks by phase.
 */
import { a1 } from './cells';
import type { BoardTab, ColumnSpec } from './columns';
import type { WorkbookGrids } from './grid';
import type { DataIssue } from './issues';
import { idHeader, TAB_NAMES, tabSpec } from './layout';
import { type ParsedTab, parseTab } from './parse';
import type {
  Action,
  Attendance,
  Circulation,
  Feedback,
  Involvement,
  Meeting,
  Member,
  Project,
  Task,
} from './records';
import { sortByIds } from './rules/wording';
import { type BoardSettings, parseSettings } from './settings';
import {
  ACTIONS_TAB,
  ATTENDANCE_TAB,
  BOARD_TABS,
  CIRCULATION_TAB,
  FEEDBACK_TAB,
  INVOLVEMENT_TAB,
  MEETINGS_TAB,
  MEMBERS_TAB,
  PROJECTS_TAB,
  SETTINGS_TAB,
  TASKS_TAB,
} from './tabs';
import { type DataTabName, PROJECT_PHASES, type TabName } from './values';

export interface BoardSnapshot {
  readonly settings: BoardSettings;
  /** Every readable member row, in sheet order (active and former). */
  readonly members: readonly Member[];
  /** Meetings in date order (then ID). */
  readonly meetings: readonly Meeting[];
  readonly attendance: readonly Attendance[];
  /** In sheet order. */
  readonly actions: readonly Action[];
  /** The same actions in natural ID order (`compareIds`): the order the API pages them in. */
  readonly actionsInIdOrder: readonly Action[];
  readonly projects: readonly Project[];
  readonly tasks: readonly Task[];
  readonly circulation: readonly Circulation[];
  /** Involvement entries (R16), in sheet order. */
  readonly involvement: readonly Involvement[];
  /** "You said, we did" items (R17), in sheet order. */
  readonly feedback: readonly Feedback[];
  /** Each meeting's involvement entries, in sheet order. */
  readonly involvementByMeeting: ReadonlyMap<string, readonly Involvement[]>;
  readonly memberById: ReadonlyMap<string, Member>;
  readonly meetingById: ReadonlyMap<string, Meeting>;
  readonly projectById: ReadonlyMap<string, Project>;
  readonly actionById: ReadonlyMap<string, Action>;
  readonly attendanceByMeeting: ReadonlyMap<string, readonly Attendance[]>;
  /** Each meeting's actions, in natural ID order. */
  readonly actionsByMeeting: ReadonlyMap<string, readonly Action[]>;
  /** Each owner's actions (by the Member ID as written, known or not), in natural ID order. */
  readonly actionsByOwner: ReadonlyMap<string, readonly Action[]>;
  /** Each project's actions, in natural ID order. */
  readonly actionsByProject: ReadonlyMap<string, readonly Action[]>;
  /** The actions of each status, in natural ID order. */
  readonly actionsByStatus: ReadonlyMap<Action['status'], readonly Action[]>;
  /** Each project's tasks by phase (in R14's order), then in natural ID order. */
  readonly tasksByProject: ReadonlyMap<string, readonly Task[]>;
  /** For each readable tab, column key → 0-based column index, so cells can be named. */
  readonly columnIndex: ReadonlyMap<TabName, ReadonlyMap<string, number>>;
  /** Tabs that are missing or lack a required header, with the headers they lack. */
  readonly unusableTabs: ReadonlyMap<TabName, readonly string[]>;
  /** Every data issue, in tab order then row order. */
  readonly issues: readonly DataIssue[];
}

/**
 * The board as parsed, before it is linked: everything in a snapshot that takes work to find
 * out, as plain data (records, arrays of positions, Maps of numbers), so that it can be worked
 * out in one thread and handed to another by structured clone.
 */
export interface ParsedBoard {
  readonly settings: BoardSettings;
  readonly members: readonly Member[];
  /** In date order (then ID). */
  readonly meetings: readonly Meeting[];
  readonly attendance: readonly Attendance[];
  /** In sheet order. */
  readonly actions: readonly Action[];
  /** Positions in `actions`, in natural ID order of the actions. */
  readonly actionIdOrder: readonly number[];
  readonly projects: readonly Project[];
  /** In sheet order. */
  readonly tasks: readonly Task[];
  /** Positions in `tasks`, by phase (R14's order) then natural ID order. */
  readonly taskOrder: readonly number[];
  readonly circulation: readonly Circulation[];
  readonly involvement: readonly Involvement[];
  readonly feedback: readonly Feedback[];
  readonly columnIndex: ReadonlyMap<TabName, ReadonlyMap<string, number>>;
  readonly unusableTabs: ReadonlyMap<TabName, readonly string[]>;
  readonly issues: readonly DataIssue[];
}

/** Parses every tab and links them into a snapshot. Never throws on messy data. */
export function buildSnapshot(grids: WorkbookGrids): BoardSnapshot {
  return assembleSnapshot(parseBoard(grids));
}

/** Reads and checks every tab, and works out the orders: the costly part of a snapshot. */
export function parseBoard(grids: WorkbookGrids): ParsedBoard {
  const { settings, issues: settingsIssues } = parseSettings(grids);
  const order = settings.dateOrder;
  const members = parseTab(grids, MEMBERS_TAB, order);
  const meetings = parseTab(grids, MEETINGS_TAB, order);
  const attendance = parseTab(grids, ATTENDANCE_TAB, order);
  const actions = parseTab(grids, ACTIONS_TAB, order);
  const projects = parseTab(grids, PROJECTS_TAB, order);
  const tasks = parseTab(grids, TASKS_TAB, order);
  const circulation = parseTab(grids, CIRCULATION_TAB, order);
  const involvement = parseTab(grids, INVOLVEMENT_TAB, order);
  const feedback = parseTab(grids, FEEDBACK_TAB, order);

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
    Involvement: involvement,
    Feedback: feedback,
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
  // Involvement of an unknown member cannot be counted for anyone, so it is left out.
  const keptInvolvement = involvement.records.filter((record) => {
    refs.check(INVOLVEMENT_TAB, record, 'meetingId', meetingById);
    refs.check(INVOLVEMENT_TAB, record, 'projectId', projectById);
    return refs.check(INVOLVEMENT_TAB, record, 'memberId', memberById);
  });
  for (const record of feedback.records) {
    refs.check(FEEDBACK_TAB, record, 'meetingId', meetingById);
    refs.check(FEEDBACK_TAB, record, 'projectId', projectById);
  }

  const sortedMeetings = [...meetings.records].sort(
    (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
  );
  const tabs = [
    members,
    meetings,
    attendance,
    actions,
    projects,
    tasks,
    circulation,
    involvement,
    feedback,
  ];
  const tabIssues = tabs.flatMap((tab) => tab.issues);
  const issues = [...settingsIssues, ...tabIssues, ...refs.issues].sort(
    (a, b) =>
      tabOrder(a.sheet) - tabOrder(b.sheet) || a.row - b.row || a.cell.localeCompare(b.cell),
  );
  const positions = (count: number) => Array.from({ length: count }, (_, index) => index);
  const taskRecords = tasks.records;
  // Phase first, then ID: sorted by ID, then (stably) by phase.
  const taskOrder = sortByIds(positions(taskRecords.length), (at) => taskRecords[at]?.id ?? '');
  taskOrder.sort(
    (a, b) =>
      PROJECT_PHASES.indexOf((taskRecords[a] as Task).phase) -
      PROJECT_PHASES.indexOf((taskRecords[b] as Task).phase),
  );

  return {
    settings,
    members: members.records,
    meetings: sortedMeetings,
    attendance: uniqueAttendance,
    actions: actions.records,
    actionIdOrder: sortByIds(
      positions(actions.records.length),
      (at) => actions.records[at]?.id ?? '',
    ),
    projects: projects.records,
    tasks: taskRecords,
    taskOrder,
    circulation: circulation.records,
    involvement: keptInvolvement,
    feedback: feedback.records,
    columnIndex: new Map(tabs.map((tab) => [tab.name, tab.columnIndex] as const)),
    unusableTabs: new Map(
      tabs.filter((tab) => !tab.usable).map((tab) => [tab.name, tab.missingHeaders] as const),
    ),
    issues,
  };
}

/** Links a parsed board into its snapshot, all at once. */
export function assembleSnapshot(parsed: ParsedBoard): BoardSnapshot {
  const steps = assemblySteps(parsed);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
  }
}

/** How many records `assemblySteps` handles between two pauses (a millisecond or so). */
const RECORDS_PER_STEP = 2_000;

/**
 * Links a parsed board into its snapshot (indexes, groups in order, everything frozen), pausing
 * every couple of thousand records: a server assembling a snapshot beside the one it serves
 * runs a step at a time and answers requests in between. It reads `parsed` and freezes its
 * records in place, so the parsed board must not be used for anything else afterwards.
 */
export function* assemblySteps(parsed: ParsedBoard): Generator<void, BoardSnapshot, void> {
  // Counted down record by record; at zero, a pause. (A counter, not a call per record: this
  // runs for every record of every tab.)
  let untilPause = RECORDS_PER_STEP;

  // Records first, each frozen with what it holds (lists of IDs).
  const lists = [
    parsed.members,
    parsed.meetings,
    parsed.attendance,
    parsed.actions,
    parsed.projects,
    parsed.tasks,
    parsed.circulation,
    parsed.involvement,
    parsed.feedback,
    parsed.issues,
  ];
  for (const list of lists) {
    for (const record of list) {
      freezeRecord(record);
      if (--untilPause === 0) {
        untilPause = RECORDS_PER_STEP;
        yield;
      }
    }
  }

  const actionsInIdOrder: Action[] = [];
  for (const at of parsed.actionIdOrder) {
    actionsInIdOrder.push(parsed.actions[at] as Action);
    if (--untilPause === 0) {
      untilPause = RECORDS_PER_STEP;
      yield;
    }
  }
  const tasksInOrder = parsed.taskOrder.map((at) => parsed.tasks[at] as Task);
  const memberById = indexById(parsed.members);
  const meetingById = indexById(parsed.meetings);
  const projectById = indexById(parsed.projects);
  yield;

  // (The parser keeps one row per ID, so no index has two records for one ID.)
  const actionById = new Map<string, Action>();
  for (const action of parsed.actions) {
    actionById.set(action.id, action);
    if (--untilPause === 0) {
      untilPause = RECORDS_PER_STEP;
      yield;
    }
  }
  const attendanceByMeeting = new Map<string, Attendance[]>();
  for (const record of parsed.attendance) {
    addTo(attendanceByMeeting, record.meetingId, record);
    if (--untilPause === 0) {
      untilPause = RECORDS_PER_STEP;
      yield;
    }
  }
  const actionsByMeeting = new Map<string, Action[]>();
  const actionsByOwner = new Map<string, Action[]>();
  const actionsByProject = new Map<string, Action[]>();
  const actionsByStatus = new Map<Action['status'], Action[]>();
  for (const action of actionsInIdOrder) {
    addTo(actionsByMeeting, action.meetingId, action);
    const owners = action.ownerIds;
    for (let index = 0; index < owners.length; index++) {
      const owner = owners[index] as string;
      // An owner named twice in one cell still owns the action once.
      if (owners.indexOf(owner) === index) addTo(actionsByOwner, owner, action);
    }
    if (action.projectId !== null) addTo(actionsByProject, action.projectId, action);
    addTo(actionsByStatus, action.status, action);
    if (--untilPause === 0) {
      untilPause = RECORDS_PER_STEP;
      yield;
    }
  }
  const tasksByProject = new Map<string, Task[]>();
  for (const task of tasksInOrder) addTo(tasksByProject, task.projectId, task);
  const involvementByMeeting = new Map<string, Involvement[]>();
  for (const entry of parsed.involvement) {
    if (entry.meetingId !== null) addTo(involvementByMeeting, entry.meetingId, entry);
  }
  yield;

  // What is left to freeze: the lists and groups (their records are frozen), the indexes, and
  // the few small things (settings, column positions).
  for (const list of [...lists, actionsInIdOrder]) Object.freeze(list);
  const groups = [attendanceByMeeting, actionsByMeeting, actionsByOwner, actionsByProject];
  for (const group of [...groups, actionsByStatus, tasksByProject, involvementByMeeting]) {
    for (const members of group.values()) Object.freeze(members);
    freezeIndex(group);
  }
  for (const index of [memberById, meetingById, projectById, actionById]) freezeIndex(index);
  const snapshot: BoardSnapshot = {
    settings: deepFreeze(parsed.settings),
    members: parsed.members,
    meetings: parsed.meetings,
    attendance: parsed.attendance,
    actions: parsed.actions,
    actionsInIdOrder,
    projects: parsed.projects,
    tasks: parsed.tasks,
    circulation: parsed.circulation,
    involvement: parsed.involvement,
    feedback: parsed.feedback,
    involvementByMeeting,
    memberById,
    meetingById,
    projectById,
    actionById,
    attendanceByMeeting,
    actionsByMeeting,
    actionsByOwner,
    actionsByProject,
    actionsByStatus,
    tasksByProject,
    columnIndex: deepFreeze(parsed.columnIndex),
    unusableTabs: deepFreeze(parsed.unusableTabs),
    issues: parsed.issues,
  };
  return Object.freeze(snapshot);
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
  const index = new Map<string, T>();
  for (const record of records) index.set(record.id, record);
  return index;
}

function addTo<K, T>(groups: Map<K, T[]>, key: K, record: T): void {
  const group = groups.get(key);
  if (group) group.push(record);
  else groups.set(key, [record]);
}

/** Reports references to IDs that no row of the target tab has. */
class References {
  readonly issues: DataIssue[] = [];
  constructor(
    private readonly tabs: Readonly<Record<Exclude<DataTabName, 'Settings'>, ParsedTab<unknown>>>,
  ) {}

  /** True when every ID in the cell is known (or the cell is blank). */
  check<Row extends { readonly row: number }>(
    spec: BoardTab,
    record: Row,
    key: keyof Row & string,
    known: ReadonlyMap<string, unknown>,
  ): boolean {
    const column = spec.columns.find((candidate) => candidate.key === key);
    if (column?.kind.type !== 'ref' || !isReferencedTab(column.kind.tab)) return true;
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
    const tab = isReferencedTab(spec.name) ? this.tabs[spec.name] : undefined;
    return a1(row - 1, tab?.columnIndex.get(column.key) ?? 0);
  }
}

/** A tab of rows that others refer to by ID (not Settings, not a menu log the snapshot skips). */
function isReferencedTab(name: TabName): name is Exclude<DataTabName, 'Settings'> {
  return name !== 'Settings' && (TAB_NAMES as readonly string[]).includes(name);
}

/** The IDs in a reference cell's value: one, several, or none when blank. */
function idsIn(value: unknown): readonly string[] {
  if (Array.isArray(value)) return value.filter((id): id is string => typeof id === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A record and what it holds (lists of IDs), without walking its text and numbers. */
function freezeRecord(record: object): void {
  for (const key in record) {
    const value = (record as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null) deepFreeze(value);
  }
  Object.freeze(record);
}

/** A Map whose values are frozen already. */
function freezeIndex(map: Map<unknown, unknown>): void {
  freezeMap(map);
  Object.freeze(map);
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

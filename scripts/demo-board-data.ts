/**
 * The demo board's content: a fictional Commissioning Co-Production Board that has met monthly
 * since 29 November 2023. Everything here is invented (names, emails at example.org, phone
 * numbers in Ofcom's drama range 020 7946 0xxx) and deterministic: a seeded generator stands in
 * for chance, and the only clock is the `asOf` date passed in.
 *
 * The board is clean for every rule of DESIGN §3 except for a few deliberate imperfections, so
 * that a demo of the checks has something to show (see `DEMO_IMPERFECTIONS`).
 *
 * Records are written as plain values keyed by the layout's column keys; `demoBoardRows` turns
 * them into rows in the layout's column order, choosing the cell type from the column's kind
 * (real date cells, Yes/No as text, lists as comma-separated text).
 */
import type { Row } from 'write-excel-file/node';
import { type IsoDate, isIsoDate } from '../schema/dates';
import {
  ACTIONS_TAB,
  ATTENDANCE_TAB,
  CIRCULATION_TAB,
  FEEDBACK_TAB,
  INVOLVEMENT_TAB,
  MEETINGS_TAB,
  MEMBERS_TAB,
  PROJECTS_TAB,
  REMINDERS_SENT_TAB,
  TASKS_TAB,
  type TabName,
  type TabSpec,
} from '../schema/layout';
import { actionRecords } from './demo-board/actions';
import { Chance, SEED } from './demo-board/chance';
import { feedbackRecords } from './demo-board/feedback';
import { involvementRecords } from './demo-board/involvement';
import { meetingRecords, meetingsAndAttendance } from './demo-board/meetings';
import { memberRecords } from './demo-board/members';
import { projectRecords, taskRecords } from './demo-board/projects';
import { FIRST_MEETING, settingsRows } from './demo-board/settings';
import { type DemoBoardRows, headerRow, tabRows } from './demo-board/values';

export { SERVICE_AREAS } from './demo-board/member';
export { UNKNOWN_MEMBER_ID } from './demo-board/members';
export { DATE_FORMAT, type DemoBoardRows, TIME_FORMAT } from './demo-board/values';

// ---------------------------------------------------------------------------------------------
// The board

/**
 * Every tab of the demo board as it stands on `asOf`: meetings monthly from 29 November 2023 to
 * the month after `asOf` (held before it, planned from it), and actions aged accordingly.
 */
export function demoBoardRows(asOf: IsoDate): DemoBoardRows {
  if (!isIsoDate(asOf) || asOf <= FIRST_MEETING) {
    throw new RangeError(`The as-of date must be an ISO date after ${FIRST_MEETING}: ${asOf}`);
  }
  const chance = new Chance(SEED);
  const { meetings, attendance } = meetingsAndAttendance(asOf, chance);
  const actions = actionRecords(asOf, meetings, attendance, chance);
  const tasks = taskRecords(asOf, chance);
  const rows: Record<TabName, Row[]> = {
    Members: tabRows(MEMBERS_TAB, memberRecords()),
    Meetings: tabRows(MEETINGS_TAB, meetingRecords(meetings)),
    Attendance: tabRows(
      ATTENDANCE_TAB,
      attendance.map((row) => ({ ...row })),
    ),
    Actions: tabRows(ACTIONS_TAB, actions),
    Projects: tabRows(PROJECTS_TAB, projectRecords()),
    Tasks: tabRows(TASKS_TAB, tasks),
    Circulation: [headerRow(CIRCULATION_TAB)],
    Involvement: tabRows(INVOLVEMENT_TAB, involvementRecords(asOf, meetings, attendance)),
    Feedback: tabRows(FEEDBACK_TAB, feedbackRecords(asOf, meetings)),
    'Reminders sent': [headerRow(REMINDERS_SENT_TAB)],
    Settings: settingsRows(),
  };
  return rows;
}

/** Column widths (in characters) for a tab, from each column's header and kind. */
export function columnWidths(spec: TabSpec): { width: number }[] {
  const wide: Record<string, number> = {
    name: 26,
    description: 70,
    task: 70,
    objectives: 60,
    notes: 40,
    email: 34,
    serviceAreas: 34,
    topics: 34,
    venue: 40,
    minutesLink: 50,
    followUpNote: 40,
    organisation: 30,
    group: 28,
    responsible: 34,
    value: 60,
    key: 34,
  };
  return spec.columns.map((column) => ({
    width: wide[column.key] ?? Math.max(12, column.header.length + 4),
  }));
}

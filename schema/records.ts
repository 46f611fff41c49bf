/**
 * The typed row records of each tab. Each tab's zod schema is defined once, with its layout,
 * in `tabs.ts`; the parser reads each cell with the readers in `cells.ts` (which know the many
 * ways people type dates and Yes/No) and then validates the whole row with that schema.
 */
import type * as z from 'zod';
import type { RowOf } from './columns';
import * as tabs from './tabs';
import type { TabName } from './values';

export const MemberRecord = tabs.MEMBERS_TAB.record;
export const MeetingRecord = tabs.MEETINGS_TAB.record;
export const AttendanceRecord = tabs.ATTENDANCE_TAB.record;
export const ActionRecord = tabs.ACTIONS_TAB.record;
export const ProjectRecord = tabs.PROJECTS_TAB.record;
export const TaskRecord = tabs.TASKS_TAB.record;
export const CirculationRecord = tabs.CIRCULATION_TAB.record;
export const InvolvementRecord = tabs.INVOLVEMENT_TAB.record;
export const FeedbackRecord = tabs.FEEDBACK_TAB.record;
export const ReminderSentRecord = tabs.REMINDERS_SENT_TAB.record;
export const SettingRecord = tabs.SETTINGS_TAB.record;

export type Member = RowOf<typeof tabs.MEMBERS_TAB>;
export type Meeting = RowOf<typeof tabs.MEETINGS_TAB>;
export type Attendance = RowOf<typeof tabs.ATTENDANCE_TAB>;
export type Action = RowOf<typeof tabs.ACTIONS_TAB>;
export type Project = RowOf<typeof tabs.PROJECTS_TAB>;
export type Task = RowOf<typeof tabs.TASKS_TAB>;
export type Circulation = RowOf<typeof tabs.CIRCULATION_TAB>;
export type Involvement = RowOf<typeof tabs.INVOLVEMENT_TAB>;
export type Feedback = RowOf<typeof tabs.FEEDBACK_TAB>;
export type ReminderSent = RowOf<typeof tabs.REMINDERS_SENT_TAB>;

/** The record schema for each tab (Settings rows are read into `BoardSettings` instead). */
export const RECORD_SCHEMAS = {
  Members: MemberRecord,
  Meetings: MeetingRecord,
  Attendance: AttendanceRecord,
  Actions: ActionRecord,
  Projects: ProjectRecord,
  Tasks: TaskRecord,
  Circulation: CirculationRecord,
  Involvement: InvolvementRecord,
  Feedback: FeedbackRecord,
  'Reminders sent': ReminderSentRecord,
  Settings: SettingRecord,
} as const satisfies Record<TabName, z.ZodObject>;

export type RecordOf<T extends TabName> = Readonly<z.output<(typeof RECORD_SCHEMAS)[T]>>;

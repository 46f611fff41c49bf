/**
 * The typed row records of each tab, as zod schemas. The parser reads each cell with the
 * readers in `cells.ts` (which know the many ways people type dates and Yes/No) and then
 * validates the whole row here; the TypeScript types of the records come from these schemas.
 * Keys match `layout.ts` (a test checks that the two never drift apart).
 */
import * as z from 'zod';
import {
  ACTION_STATUSES,
  ATTENDANCE_VALUES,
  AUDIENCES,
  CO_PRODUCTION_ACTIVITIES,
  COMMISSIONING_STAGES,
  CONSTITUENCIES,
  MEETING_FORMATS,
  MEETING_STATUSES,
  MEMBER_CATEGORIES,
  MEMBER_ROLES,
  MEMBER_STATUSES,
  PREFERRED_FORMATS,
  PROJECT_PHASES,
  PROJECT_STATUSES,
  TASK_STATUSES,
  type TabName,
} from './layout';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-mm-dd');
const text = z.string().min(1);
const optionalText = text.nullable().default(null);
const optionalDate = isoDate.nullable().default(null);
const idList = z.array(text).readonly().default([]);
/** The sheet row a record came from (1-based), so messages and menus can point at it. */
const row = z.number().int().positive();

export const MemberRecord = z.object({
  row,
  id: text,
  name: text,
  role: z.enum(MEMBER_ROLES),
  category: z.enum(MEMBER_CATEGORIES),
  constituency: z.enum(CONSTITUENCIES),
  organisation: optionalText,
  group: optionalText,
  serviceAreas: idList,
  email: optionalText,
  phone: optionalText,
  preferredFormat: z.enum(PREFERRED_FORMATS).default('Standard'),
  termStart: isoDate,
  termEnd: optionalDate,
  extendedTo: optionalDate,
  status: z.enum(MEMBER_STATUSES),
  nameInCirculation: z.boolean().default(false),
  notes: optionalText,
});

export const MeetingRecord = z.object({
  row,
  id: text,
  date: isoDate,
  startTime: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable()
    .default(null),
  lengthHours: z.number().positive().nullable().default(null),
  venue: optionalText,
  format: z.enum(MEETING_FORMATS).nullable().default(null),
  topics: idList,
  minuteTakerId: optionalText,
  deputyCoChairId: optionalText,
  circulateToDmt: z.boolean().default(false),
  status: z.enum(MEETING_STATUSES),
  minutesLink: optionalText,
});

export const AttendanceRecord = z.object({
  row,
  meetingId: text,
  memberId: text,
  attendance: z.enum(ATTENDANCE_VALUES),
  deputisingForId: optionalText,
  notes: optionalText,
});

export const ActionRecord = z.object({
  row,
  id: text,
  meetingId: text,
  projectId: optionalText,
  description: text,
  ownerIds: idList,
  dueDate: optionalDate,
  status: z.enum(ACTION_STATUSES),
  lastFollowedUp: optionalDate,
  followUpNote: optionalText,
  completedOn: optionalDate,
});

export const ProjectRecord = z.object({
  row,
  id: text,
  name: text,
  serviceArea: optionalText,
  stage: z.enum(COMMISSIONING_STAGES),
  phase: z.enum(PROJECT_PHASES),
  activities: z.array(z.enum(CO_PRODUCTION_ACTIVITIES)).readonly().default([]),
  objectives: optionalText,
  leadId: optionalText,
  memberIds: idList,
  start: optionalDate,
  end: optionalDate,
  budget: z.number().nonnegative().nullable().default(null),
  status: z.enum(PROJECT_STATUSES),
});

export const TaskRecord = z.object({
  row,
  id: text,
  projectId: text,
  task: text,
  phase: z.enum(PROJECT_PHASES),
  responsible: text,
  assignedToIds: idList,
  dueDate: optionalDate,
  status: z.enum(TASK_STATUSES),
  doneOn: optionalDate,
});

export const CirculationRecord = z.object({
  row,
  id: text,
  meetingId: text,
  audience: z.enum(AUDIENCES),
  generatedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'expected 64 hexadecimal characters')
    .nullable()
    .default(null),
  sentOn: optionalDate,
  notes: optionalText,
});

export const SettingRecord = z.object({ row, key: text, value: z.string() });

export type Member = Readonly<z.infer<typeof MemberRecord>>;
export type Meeting = Readonly<z.infer<typeof MeetingRecord>>;
export type Attendance = Readonly<z.infer<typeof AttendanceRecord>>;
export type Action = Readonly<z.infer<typeof ActionRecord>>;
export type Project = Readonly<z.infer<typeof ProjectRecord>>;
export type Task = Readonly<z.infer<typeof TaskRecord>>;
export type Circulation = Readonly<z.infer<typeof CirculationRecord>>;

/** The record schema for each tab (Settings rows are read into `BoardSettings` instead). */
export const RECORD_SCHEMAS = {
  Members: MemberRecord,
  Meetings: MeetingRecord,
  Attendance: AttendanceRecord,
  Actions: ActionRecord,
  Projects: ProjectRecord,
  Tasks: TaskRecord,
  Circulation: CirculationRecord,
  Settings: SettingRecord,
} as const satisfies Record<TabName, z.ZodObject>;

export type RecordOf<T extends TabName> = Readonly<z.infer<(typeof RECORD_SCHEMAS)[T]>>;

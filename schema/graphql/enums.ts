/**
 * GraphQL enums and the sheet values behind them. The API shows enum values in UPPER_SNAKE
 * ("In progress" is IN_PROGRESS); inside, everything uses the sheet's own values from
 * `values.ts`. The server's enum resolvers and the codegen types are built from this table,
 * and a test checks that `board.graphql` declares exactly these values.
 */

import { PACK_FORMATS } from '../packs/types';
import { RULE_IDS } from '../rules/finding';
import * as sheet from '../values';

export const GRAPHQL_ENUMS = {
  MemberRole: sheet.MEMBER_ROLES,
  MemberCategory: sheet.MEMBER_CATEGORIES,
  Constituency: sheet.CONSTITUENCIES,
  PreferredFormat: sheet.PREFERRED_FORMATS,
  MemberStatus: sheet.MEMBER_STATUSES,
  MeetingFormat: sheet.MEETING_FORMATS,
  MeetingStatus: sheet.MEETING_STATUSES,
  AttendanceValue: sheet.ATTENDANCE_VALUES,
  ActionStatus: sheet.ACTION_STATUSES,
  CommissioningStage: sheet.COMMISSIONING_STAGES,
  ProjectPhase: sheet.PROJECT_PHASES,
  CoProductionActivity: sheet.CO_PRODUCTION_ACTIVITIES,
  ProjectStatus: sheet.PROJECT_STATUSES,
  TaskStatus: sheet.TASK_STATUSES,
  FeedbackStatus: sheet.FEEDBACK_STATUSES,
  InvolvementActivity: sheet.INVOLVEMENT_ACTIVITIES,
  PaymentStatus: sheet.PAYMENT_STATUSES,
  Severity: ['error', 'warning', 'info'],
  Rule: RULE_IDS,
  FollowUpReason: ['overdue', 'due before next meeting', 'no owner', 'no due date'],
  Audience: sheet.AUDIENCES,
  PackFormat: PACK_FORMATS,
} as const satisfies Record<string, readonly string[]>;

export type GraphqlEnumName = keyof typeof GRAPHQL_ENUMS;

/** "Pre-initiation" → PRE_INITIATION, "In progress" → IN_PROGRESS. */
export function enumValueName(value: string): string {
  return value
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

/** For one enum: API name → sheet value, the shape GraphQL enum resolvers take. */
export function enumValueMap(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((value) => [enumValueName(value), value]));
}

/** The sheet values of each enum, as types: codegen types resolvers with these. */
type ValueOf<Name extends GraphqlEnumName> = (typeof GRAPHQL_ENUMS)[Name][number];
export type MemberRoleValue = ValueOf<'MemberRole'>;
export type MemberCategoryValue = ValueOf<'MemberCategory'>;
export type ConstituencyValue = ValueOf<'Constituency'>;
export type PreferredFormatValue = ValueOf<'PreferredFormat'>;
export type MemberStatusValue = ValueOf<'MemberStatus'>;
export type MeetingFormatValue = ValueOf<'MeetingFormat'>;
export type MeetingStatusValue = ValueOf<'MeetingStatus'>;
export type AttendanceValueValue = ValueOf<'AttendanceValue'>;
export type ActionStatusValue = ValueOf<'ActionStatus'>;
export type CommissioningStageValue = ValueOf<'CommissioningStage'>;
export type ProjectPhaseValue = ValueOf<'ProjectPhase'>;
export type CoProductionActivityValue = ValueOf<'CoProductionActivity'>;
export type ProjectStatusValue = ValueOf<'ProjectStatus'>;
export type TaskStatusValue = ValueOf<'TaskStatus'>;
export type FeedbackStatusValue = ValueOf<'FeedbackStatus'>;
export type InvolvementActivityValue = ValueOf<'InvolvementActivity'>;
export type PaymentStatusValue = ValueOf<'PaymentStatus'>;
export type SeverityValue = ValueOf<'Severity'>;
export type RuleValue = ValueOf<'Rule'>;
export type FollowUpReasonValue = ValueOf<'FollowUpReason'>;
export type AudienceValue = ValueOf<'Audience'>;
export type PackFormatValue = ValueOf<'PackFormat'>;

/**
 * The board's rules from the terms of reference (DESIGN §3), one file per rule. Both the
 * Apps Script menu and the server import them from here, so each rule is written once.
 */
import type { IsoDate } from '../dates';
import type { BoardSnapshot } from '../snapshot';
import type { Finding } from './finding';
import { checkMemberCap } from './r01-member-cap';
import { checkCoChairs } from './r02-co-chairs';
import { checkCoChairTerms } from './r03-co-chair-terms';
import { checkJointPartnershipBoard } from './r04-joint-partnership-board';
import { checkSelfAdvocacyGroups } from './r05-self-advocacy-groups';
import { checkBalance } from './r06-balance';
import { checkProjectDiversity } from './r06-project-diversity';
import { checkRelevance } from './r07-relevance';
import { checkCoChairAttendance } from './r08-co-chair-attendance';
import { checkNoSubstitutions } from './r09-no-substitutions';
import { checkSchedule } from './r10-schedule';
import { checkMinuteTakers } from './r11-minute-takers';
import { checkReciprocity } from './r16-reciprocity';
import { checkFeedback } from './r17-feedback';
import { checkAccessibleInformation } from './r18-accessible-information';

export * from './co-chairs';
export * from './finding';
export * from './r01-member-cap';
export * from './r02-co-chairs';
export * from './r03-co-chair-terms';
export * from './r04-joint-partnership-board';
export * from './r05-self-advocacy-groups';
export * from './r06-balance';
export * from './r06-project-diversity';
export * from './r07-relevance';
export * from './r08-co-chair-attendance';
export * from './r09-no-substitutions';
export * from './r10-schedule';
export * from './r11-minute-takers';
export * from './r12-follow-up';
export * from './r14-standard-tasks';
export * from './r15-annual-report';
export * from './r16-reciprocity';
export * from './r17-feedback';
export * from './r18-accessible-information';
export { compareIds, meetingInWords, who } from './wording';

/**
 * The board's checks in rule order: the membership rules (R1-R11, R6 extended to projects), and
 * the record-keeping that officers fix in the same sheet: reciprocity (R16), the feedback loop
 * (R17) and formats to arrange (R18). "Check membership" in the sheet, `npm run check` and the
 * API's `membershipCheck` (officers only: R18 names members' communication needs) all list
 * exactly these, so the three never disagree. R12-R15 are lists and reports, not checks.
 */
export const MEMBERSHIP_CHECKS: readonly ((
  snapshot: BoardSnapshot,
  today: IsoDate,
) => Finding[])[] = [
  checkMemberCap,
  checkCoChairs,
  checkCoChairTerms,
  checkJointPartnershipBoard,
  checkSelfAdvocacyGroups,
  checkBalance,
  checkProjectDiversity,
  checkRelevance,
  checkCoChairAttendance,
  checkNoSubstitutions,
  checkSchedule,
  checkMinuteTakers,
  checkReciprocity,
  checkFeedback,
  checkAccessibleInformation,
];

export function membershipCheck(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  return MEMBERSHIP_CHECKS.flatMap((check) => check(snapshot, today));
}

/**
 * R16: reciprocity, a principle of the terms of reference. Every member whose involvement is
 * recorded (everyone but Staff and Council, who attend as part of their job:
 * `recordsInvolvement`) who was present at a held meeting has an Involvement entry for it, and
 * a payment claimed is paid within a month. The totals are in r16-reciprocity-totals.ts.
 *
 * Both findings are warnings, not errors: the meeting took place and nobody's membership is in
 * question; what is missing is a row an officer adds, or a payment an officer chases, and the
 * member can still be thanked and paid for their time.
 */
import { daysBetween, formatLongDate, type IsoDate } from '../dates';
import { recordsInvolvement } from '../involvement';
import type { Involvement, Meeting } from '../records';
import { type BoardSnapshot, lacksColumn } from '../snapshot';
import { INVOLVEMENT_TAB } from '../tabs';
import { cannotJudgeTab } from './cannot-judge-tab';
import { cannotJudge, type Finding } from './finding';
import { meetingInWords, who } from './wording';

/** A claimed payment older than this many days is chased (DESIGN §3, R16). */
export const CLAIM_PAID_WITHIN_DAYS = 30;

export function checkReciprocity(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  const missingHeaders = snapshot.unusableTabs.get(INVOLVEMENT_TAB.name);
  if (missingHeaders) {
    return [
      cannotJudgeTab(
        'R16',
        INVOLVEMENT_TAB.name,
        missingHeaders,
        "what the board gives back for members' time",
      ),
    ];
  }
  return [...missingEntries(snapshot), ...claimsWaiting(snapshot, today)];
}

/** A warning for each member present at a held meeting whose time there is not recorded. */
function missingEntries(snapshot: BoardSnapshot): Finding[] {
  if (lacksColumn(snapshot, INVOLVEMENT_TAB, 'meetingId')) {
    return [cannotJudge('R16', INVOLVEMENT_TAB, 'meetingId')];
  }
  const findings: Finding[] = [];
  for (const meeting of snapshot.meetings) {
    if (meeting.status !== 'Held') continue;
    const entered = new Set(
      (snapshot.involvementByMeeting.get(meeting.id) ?? []).map((entry) => entry.memberId),
    );
    for (const row of snapshot.attendanceByMeeting.get(meeting.id) ?? []) {
      const member = snapshot.memberById.get(row.memberId);
      if (row.attendance !== 'Present' || !member || !recordsInvolvement(member)) continue;
      if (entered.has(member.id)) continue;
      findings.push({
        rule: 'R16',
        severity: 'warning',
        message: `${who(member)} was present at ${meetingInWords(meeting)} but has no Involvement entry for it: add one with their hours, payment and expenses, so that the board can show what it gives back for members' time.`,
        memberIds: [member.id],
        meetingId: meeting.id,
        cells: [{ tab: 'Attendance', row: row.row, key: 'memberId' }],
      });
    }
  }
  return findings;
}

/** A warning for each payment claimed more than a month ago and still not paid. */
function claimsWaiting(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  if (lacksColumn(snapshot, INVOLVEMENT_TAB, 'paymentStatus')) {
    return [cannotJudge('R16', INVOLVEMENT_TAB, 'paymentStatus')];
  }
  const findings: Finding[] = [];
  for (const entry of snapshot.involvement) {
    if (entry.paymentStatus !== 'Claimed') continue;
    const waited = daysBetween(entry.date, today);
    if (waited <= CLAIM_PAID_WITHIN_DAYS) continue;
    const member = snapshot.memberById.get(entry.memberId);
    const meeting = entry.meetingId ? snapshot.meetingById.get(entry.meetingId) : undefined;
    findings.push({
      rule: 'R16',
      severity: 'warning',
      message: `The payment${entry.payment === null ? '' : ` of ${pounds(entry.payment)}`} to ${member ? who(member) : entry.memberId} for ${workInWords(entry, meeting)} is still Claimed ${waited} days after the work (entry ${entry.id}): payments are made within ${CLAIM_PAID_WITHIN_DAYS} days, so chase it and mark it Paid.`,
      memberIds: [entry.memberId],
      ...(meeting ? { meetingId: meeting.id } : {}),
      cells: [{ tab: 'Involvement', row: entry.row, key: 'paymentStatus' }],
    });
  }
  return findings;
}

/** "the meeting on Wednesday 29 November 2023 (MT-2023-11)" or "Co-design on Monday 3 ...". */
function workInWords(entry: Involvement, meeting: Meeting | undefined): string {
  if (meeting) return meetingInWords(meeting);
  return `${entry.activity} on ${formatLongDate(entry.date)}`;
}

/** "£40", "£12.50". */
export function pounds(amount: number): string {
  return Number.isInteger(amount) ? `£${amount}` : `£${amount.toFixed(2)}`;
}

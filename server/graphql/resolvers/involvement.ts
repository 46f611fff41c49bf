/**
 * R16's involvement totals and R17's "you said, we did" items. Officers get the plain totals,
 * with each member's; partners get the board's figures by constituency through the
 * smallest-group rule (`schema/partner-involvement.ts`) and never one member's: `byMember` and
 * the `memberId` filter are refused them, and so is `projectId`, since a project's figures and
 * the board's could be subtracted down to one person's payment.
 */
import { reportBackDue, reportBackOverdue, reportedBackInTime } from '../../../schema/feedback';
import { raisedByConstituencies } from '../../../schema/feedback-raised-by';
import { partnerInvolvement } from '../../../schema/partner-involvement';
import type { Feedback } from '../../../schema/records';
import { type AnnualReport, compareIds } from '../../../schema/rules';
import { involvementSummary } from '../../../schema/rules/r16-reciprocity-totals';
import { requireOfficer, requireTab, sheetIdFromArgument } from '../access';
import type { BoardContext } from '../context';
import type {
  QueryFeedbackArgs,
  QueryInvolvementArgs,
  Resolvers,
} from '../generated/resolvers-types';
import type { InvolvementParent } from '../parents';
import { badRange } from './arguments';

function partnersSummary(
  context: BoardContext,
  from: string | null,
  to: string | null,
): InvolvementParent {
  return { ...partnerInvolvement(context.snapshot, from, to), byMember: null };
}

/** `Query.involvement`. */
export function involvementFor(
  context: BoardContext,
  { from, to, memberId, projectId }: QueryInvolvementArgs,
): InvolvementParent {
  requireTab(context, 'Members');
  requireTab(context, 'Involvement');
  if (from != null && to != null && from > to) throw badRange(from, to);
  if (context.role !== 'OFFICER') {
    if (memberId != null || projectId != null) {
      requireOfficer(context, 'Involvement of one member or one project');
    }
    return partnersSummary(context, from ?? null, to ?? null);
  }
  return involvementSummary(context.snapshot, {
    from,
    to,
    // An officer's ID is the sheet's; one that names nobody matches no entry.
    memberId: memberId == null ? null : sheetIdFromArgument(context, memberId),
    projectId,
  });
}

/** `AnnualReport.involvement`: the report's period, the partner's way for partners. */
export function involvementOfReport(
  context: BoardContext,
  report: AnnualReport,
): InvolvementParent {
  requireTab(context, 'Members');
  requireTab(context, 'Involvement');
  return context.role === 'OFFICER'
    ? report.involvement
    : partnersSummary(context, report.from, report.to);
}

/** `Query.feedback`: in the order raised, then by ID. */
export function feedbackItems(
  context: BoardContext,
  { status, from, to }: QueryFeedbackArgs,
): Feedback[] {
  requireTab(context, 'Feedback');
  if (from != null && to != null && from > to) throw badRange(from, to);
  return context.snapshot.feedback
    .filter(
      (item) =>
        (!status || status.includes(item.status)) &&
        (from == null || item.dateRaised >= from) &&
        (to == null || item.dateRaised <= to),
    )
    .sort((a, b) => a.dateRaised.localeCompare(b.dateRaised) || compareIds(a.id, b.id));
}

export const involvementResolvers: Pick<
  Resolvers,
  'InvolvementSummary' | 'ConstituencyInvolvement' | 'MemberInvolvement' | 'FeedbackItem'
> = {
  InvolvementSummary: {
    members: (summary) => summary.people,
    // Officers' figures leave nothing out.
    monthsLeftOut: (summary) => [...(summary.monthsLeftOut ?? [])],
    byMember: (summary, _args, context) => {
      // What one member was paid is theirs and the officers' business only.
      requireOfficer(context, "Each member's involvement");
      return [...(summary.byMember ?? [])];
    },
  },
  ConstituencyInvolvement: {
    members: (row) => row.people,
    monthsLeftOut: (row) => [...(row.monthsLeftOut ?? [])],
  },
  MemberInvolvement: {
    // The snapshot keeps only entries of members on the roster.
    member: (row, _args, context) =>
      context.snapshot.memberById.get(row.memberId) as NonNullable<
        ReturnType<typeof context.snapshot.memberById.get>
      >,
  },
  FeedbackItem: {
    reportBackDue: (item, _args, context) => reportBackDue(item, context.snapshot.settings),
    reportedBackInTime: (item, _args, context) =>
      reportedBackInTime(item, context.snapshot.settings),
    overdue: (item, _args, context) =>
      reportBackOverdue(item, context.snapshot.settings, context.today),
    meeting: (item, _args, context) =>
      item.meetingId === null ? null : (context.snapshot.meetingById.get(item.meetingId) ?? null),
    project: (item, _args, context) =>
      item.projectId === null ? null : (context.snapshot.projectById.get(item.projectId) ?? null),
    raisedByConstituencies: (item, _args, context) =>
      raisedByConstituencies(item, context.snapshot),
    raisedBy: (item, _args, context) => {
      // Member IDs and names typed by hand: for partners, raisedByConstituencies says enough.
      requireOfficer(context, "The sheet's Raised by");
      return [...item.raisedBy];
    },
  },
};

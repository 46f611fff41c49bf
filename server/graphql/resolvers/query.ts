import { GraphQLError } from 'graphql';
import { cellLabel } from '../../../schema/issues';
import { locateFinding } from '../../../schema/locate';
import { partnerAttendanceOver } from '../../../schema/partner-figures';
import { annualReport, followUp, heldMeetingsIn, membershipCheck } from '../../../schema/rules';
import { inVisibleOrder, memberFromArgument, requireOfficer, requireTab } from '../access';
import type { BoardContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { actionConnection } from './actions';
import { badRange } from './arguments';
import { feedbackItems, involvementFor, involvementOfReport } from './involvement';

function needs(context: BoardContext, ...tabs: Parameters<typeof requireTab>[1][]): void {
  for (const tab of tabs) requireTab(context, tab);
}

export const queryResolvers: Resolvers['Query'] = {
  board: () => ({}),

  members: (_root, { status, constituency, serviceArea }, context) => {
    needs(context, 'Members');
    const area = serviceArea?.trim().toLowerCase();
    return inVisibleOrder(
      context,
      context.snapshot.members.filter(
        (member) =>
          (status == null || member.status === status) &&
          (constituency == null || member.constituency === constituency) &&
          (area == null ||
            member.serviceAreas.some((candidate) => candidate.toLowerCase() === area)),
      ),
    );
  },
  member: (_root, { id }, context) => {
    needs(context, 'Members');
    return memberFromArgument(context, id);
  },

  meetings: (_root, { from, to, status }, context) => {
    needs(context, 'Meetings');
    if (from != null && to != null && from > to) throw badRange(from, to);
    return context.snapshot.meetings.filter(
      (meeting) =>
        (from == null || meeting.date >= from) &&
        (to == null || meeting.date <= to) &&
        (status == null || meeting.status === status),
    );
  },
  meeting: (_root, { id }, context) => {
    needs(context, 'Meetings');
    return context.snapshot.meetingById.get(id) ?? null;
  },

  actions: (_root, args, context) => actionConnection(context, args),

  followUp: (_root, { meetingId }, context) => {
    needs(context, 'Meetings', 'Actions');
    if (meetingId != null && !context.snapshot.meetingById.has(meetingId)) {
      throw new GraphQLError(`Argument "meetingId": there is no meeting "${meetingId}".`, {
        extensions: { code: 'BAD_USER_INPUT', argument: 'meetingId' },
      });
    }
    return followUp(context.snapshot, context.today, meetingId ?? undefined);
  },

  projects: (_root, { stage, phase }, context) => {
    needs(context, 'Projects');
    return context.snapshot.projects.filter(
      (project) =>
        (stage == null || project.stage === stage) && (phase == null || project.phase === phase),
    );
  },
  project: (_root, { id }, context) => {
    needs(context, 'Projects');
    return context.snapshot.projectById.get(id) ?? null;
  },

  membershipCheck: (_root, _args, context) => {
    // Findings name people, so they are for officers, like the sheet's own menu.
    requireOfficer(context, 'The membership check');
    return membershipCheck(context.snapshot, context.today).map((finding) => ({
      ...finding,
      location: locateFinding(context.snapshot, finding),
    }));
  },
  dataIssues: (_root, _args, context) => {
    requireOfficer(context, 'The list of data issues');
    return [...context.snapshot.issues];
  },

  annualReport: (_root, { from, to }, context) => {
    needs(context, 'Meetings', 'Attendance', 'Actions', 'Projects');
    if (from > to) throw badRange(from, to);
    return annualReport(context.snapshot, from, to, context.today);
  },

  involvement: (_root, args, context) => involvementFor(context, args),
  feedback: (_root, args, context) => feedbackItems(context, args),
};

export const annualReportResolvers: Resolvers['AnnualReport'] = {
  attendanceByConstituency: (report, _args, context) => {
    if (context.role === 'OFFICER') return [...report.attendanceByConstituency];
    // Sums of the per-meeting figures partners see, so two periods one meeting apart cannot
    // be subtracted to give back a figure withheld for that meeting.
    const held = heldMeetingsIn(context.snapshot, report.from, report.to);
    return partnerAttendanceOver(
      context.snapshot,
      held.map((meeting) => meeting.id),
    );
  },
  involvement: (report, _args, context) => involvementOfReport(context, report),
  feedback: (report, _args, context) => {
    requireTab(context, 'Feedback');
    return report.feedback;
  },
};

export const findingResolvers: Resolvers['Finding'] = {
  memberIds: (finding) => [...(finding.memberIds ?? [])],
  actionIds: (finding) => [...(finding.actionIds ?? [])],
  meetingId: (finding) => finding.meetingId ?? null,
  sheet: (finding) => finding.location?.sheet ?? null,
  cell: (finding) =>
    finding.location ? (cellLabel(finding.location).split('!')[1] ?? null) : null,
};

import { attendanceByConstituency, compareIds, invitees, isCoChair } from '../../../schema/rules';
import { requireOfficer, requireTab, visibleName } from '../access';
import type { Resolvers } from '../generated/resolvers-types';
import { memberById } from './members';

export const meetingResolvers: Resolvers['Meeting'] = {
  minuteTaker: (meeting, _args, context) => memberById(context, meeting.minuteTakerId),
  deputyCoChair: (meeting, _args, context) => memberById(context, meeting.deputyCoChairId),
  // Per-person attendance would let partners work out individual attendance rates.
  attendance: (meeting, _args, context) => {
    requireOfficer(context, 'Attendance by person');
    requireTab(context, 'Attendance');
    return [...(context.snapshot.attendanceByMeeting.get(meeting.id) ?? [])];
  },
  attendanceSummary: (meeting, _args, context) => {
    requireTab(context, 'Attendance');
    return attendanceByConstituency(context.snapshot, [meeting.id]);
  },
  invitees: (meeting, _args, context) => {
    requireTab(context, 'Members');
    const invited = invitees(context.snapshot, meeting);
    if (context.role === 'OFFICER') return invited;
    // Ordered by real name, a withheld member's place in the list would hint at their name.
    const coChairs = invited.filter(isCoChair);
    const others = invited
      .filter((member) => !isCoChair(member))
      .sort(
        (a, b) =>
          visibleName(context, a).localeCompare(visibleName(context, b)) || compareIds(a.id, b.id),
      );
    return [...coChairs, ...others];
  },
  actionsRaised: (meeting, _args, context) => {
    requireTab(context, 'Actions');
    return [...(context.snapshot.actionsByMeeting.get(meeting.id) ?? [])].sort((a, b) =>
      compareIds(a.id, b.id),
    );
  },
};

export const attendanceResolvers: Resolvers['Attendance'] = {
  // The snapshot drops attendance rows of unknown members, so the member always exists.
  member: (row, _args, context) =>
    context.snapshot.memberById.get(row.memberId) as NonNullable<ReturnType<typeof memberById>>,
  deputisingFor: (row, _args, context) => memberById(context, row.deputisingForId),
};

import { agreedToBeNamed } from '../../../schema/packs/names';
import { partnerAttendance } from '../../../schema/partner-figures';
import { attendanceByConstituency, invitees } from '../../../schema/rules';
import { inVisibleOrder, requireOfficer, requireTab } from '../access';
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
    if (context.role !== 'OFFICER') {
      return [...partnerAttendance(context.snapshot, meeting.id).byConstituency];
    }
    return attendanceByConstituency(context.snapshot, [meeting.id]);
  },
  invitees: (meeting, _args, context) => {
    requireTab(context, 'Members');
    const invited = invitees(context.snapshot, meeting);
    if (context.role === 'OFFICER') return invited;
    // Who was on the roster on each meeting's day would date every member's joining and
    // leaving; for those who have not consented, partners get today's active members instead.
    const today = invitees(context.snapshot, { ...meeting, date: context.today });
    return inVisibleOrder(context, [
      ...invited.filter(agreedToBeNamed),
      ...today.filter((member) => !agreedToBeNamed(member) && member.status === 'Active'),
    ]);
  },
  actionsRaised: (meeting, _args, context) => {
    requireTab(context, 'Actions');
    // In ID order, as the snapshot keeps them.
    return [...(context.snapshot.actionsByMeeting.get(meeting.id) ?? [])];
  },
};

export const attendanceResolvers: Resolvers['Attendance'] = {
  // The snapshot drops attendance rows of unknown members, so the member always exists.
  member: (row, _args, context) =>
    context.snapshot.memberById.get(row.memberId) as NonNullable<ReturnType<typeof memberById>>,
  deputisingFor: (row, _args, context) => memberById(context, row.deputisingForId),
};

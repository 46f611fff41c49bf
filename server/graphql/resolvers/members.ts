import { CONSTITUENCIES } from '../../../schema/layout';
import type { Member } from '../../../schema/records';
import { activeMembers, coChairsOn, constituencyBalance } from '../../../schema/rules';
import { officerOnly, requireTab, visibleName } from '../access';
import type { BoardContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';

/**
 * Every path to a member in the API ends on this type, so redaction for partners lives here
 * and nowhere else: owners, minute-takers, co-chairs, invitees and attendance are all covered.
 */
export const memberResolvers: Resolvers['Member'] = {
  name: (member, _args, context) => visibleName(context, member),
  email: (member, _args, context) => officerOnly(context, member.email),
  phone: (member, _args, context) => officerOnly(context, member.phone),
  preferredFormat: (member, _args, context) => officerOnly(context, member.preferredFormat),
  notes: (member, _args, context) => officerOnly(context, member.notes),
};

export const boardResolvers: Resolvers['Board'] = {
  name: (_board, _args, { snapshot }) => snapshot.settings.boardName,
  memberCap: (_board, _args, { snapshot }) => snapshot.settings.memberCap,
  activeMemberCount: (_board, _args, context) => {
    requireTab(context, 'Members');
    return activeMembers(context.snapshot).length;
  },
  coChairs: (_board, _args, context) => {
    requireTab(context, 'Members');
    return coChairsOn(context.snapshot, context.today).filter(
      (member) => member.status === 'Active',
    );
  },
  balance: (_board, _args, context) => {
    requireTab(context, 'Members');
    const counts = constituencyBalance(context.snapshot);
    return {
      counts: CONSTITUENCIES.map((constituency) => ({ constituency, count: counts[constituency] })),
      residentsLargest: CONSTITUENCIES.every((other) => counts[other] <= counts.Resident),
    };
  },
  nextMeeting: (_board, _args, context) => {
    requireTab(context, 'Meetings');
    return (
      context.snapshot.meetings.find(
        (meeting) => meeting.status === 'Planned' && meeting.date >= context.today,
      ) ?? null
    );
  },
};

/** Members for a list of IDs, skipping IDs that are not on the roster (a data issue already). */
export function membersByIds(context: BoardContext, ids: readonly string[]): Member[] {
  return ids.flatMap((id) => {
    const member = context.snapshot.memberById.get(id);
    return member ? [member] : [];
  });
}

export function memberById(context: BoardContext, id: string | null): Member | null {
  return id === null ? null : (context.snapshot.memberById.get(id) ?? null);
}

import { CONSTITUENCIES } from '../../../schema/layout';
import { nextMeeting } from '../../../schema/next-meeting';
import { partnerBalance } from '../../../schema/partner-figures';
import type { Member } from '../../../schema/records';
import { activeMembers, coChairsOn, constituencyBalance } from '../../../schema/rules';
import {
  consentedOnly,
  inVisibleOrder,
  officerOnly,
  requireTab,
  visibleMemberId,
  visibleName,
} from '../access';
import type { BoardContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';

/**
 * Every path to a member in the API ends on this type, so redaction for partners lives here
 * and nowhere else: owners, minute-takers, co-chairs, invitees and attendance are all covered.
 */
export const memberResolvers: Resolvers['Member'] = {
  id: (member, _args, context) => visibleMemberId(context, member),
  name: (member, _args, context) => visibleName(context, member),
  organisation: (member, _args, context) => consentedOnly(context, member, member.organisation),
  group: (member, _args, context) => consentedOnly(context, member, member.group),
  termStart: (member, _args, context) => consentedOnly(context, member, member.termStart),
  termEnd: (member, _args, context) => consentedOnly(context, member, member.termEnd),
  extendedTo: (member, _args, context) => consentedOnly(context, member, member.extendedTo),
  email: (member, _args, context) => officerOnly(context, member.email),
  phone: (member, _args, context) => officerOnly(context, member.phone),
  preferredFormat: (member, _args, context) => officerOnly(context, member.preferredFormat),
  communicationNeeds: (member, _args, context) => officerOnly(context, member.communicationNeeds),
  notes: (member, _args, context) => officerOnly(context, member.notes),
};

export const boardResolvers: Resolvers['Board'] = {
  name: (_board, _args, { snapshot }) => snapshot.settings.boardName,
  memberCap: (_board, _args, { snapshot }) => snapshot.settings.memberCap,
  activeMemberCount: (_board, _args, context) => {
    requireTab(context, 'Members');
    if (context.role !== 'OFFICER') return partnerBalance(context.snapshot).activeMembers;
    return activeMembers(context.snapshot).length;
  },
  coChairs: (_board, _args, context) => {
    requireTab(context, 'Members');
    return inVisibleOrder(
      context,
      coChairsOn(context.snapshot, context.today).filter((member) => member.status === 'Active'),
    );
  },
  balance: (_board, _args, context) => {
    requireTab(context, 'Members');
    const counts = constituencyBalance(context.snapshot);
    return {
      counts:
        context.role === 'OFFICER'
          ? CONSTITUENCIES.map((constituency) => ({ constituency, count: counts[constituency] }))
          : [...partnerBalance(context.snapshot).counts],
      // R6's answer, which partners get too: it says which way the counts lean, not how far.
      residentsLargest: CONSTITUENCIES.every((other) => counts[other] <= counts.Resident),
    };
  },
  nextMeeting: (_board, _args, context) => {
    requireTab(context, 'Meetings');
    // The meeting R12 follows up at: today's until it is marked Held.
    return nextMeeting(context.snapshot.meetings, {
      from: context.today,
      onTheDay: true,
      held: false,
    });
  },
};

/**
 * Members for a list of sheet IDs (owners, project members, assignees), in the order the asker
 * gets members, skipping IDs that are not on the roster (a data issue already).
 */
export function membersByIds(context: BoardContext, ids: readonly string[]): Member[] {
  return inVisibleOrder(
    context,
    ids.flatMap((id) => {
      const member = context.snapshot.memberById.get(id);
      return member ? [member] : [];
    }),
  );
}

export function memberById(context: BoardContext, id: string | null): Member | null {
  return id === null ? null : (context.snapshot.memberById.get(id) ?? null);
}

/**
 * R7: apart from the co-chairs, members attend the meetings relevant to them: a meeting's
 * invitees are the co-chairs plus the members whose service areas meet its topics. Members
 * with no service areas, or `All`, are always invited.
 */
import { addDays, type IsoDate } from '../dates';
import type { Meeting, Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { activeMembers, coChairsOn, isCoChair, onRoster } from './co-chairs';
import { atMeeting, type Finding } from './finding';
import { compareByName, meetingInWords, textKey } from './wording';

/** How far ahead planned meetings are checked for topics nobody covers. */
export const RELEVANCE_LOOKAHEAD_DAYS = 31;

const ALL = textKey('All');

/** A member with no service areas, or `All`, is interested in every meeting. */
export function coversEverything(member: Member): boolean {
  return (
    member.serviceAreas.length === 0 || member.serviceAreas.some((area) => textKey(area) === ALL)
  );
}

function covers(member: Member, topic: string): boolean {
  return member.serviceAreas.some((area) => textKey(area) === textKey(topic));
}

/**
 * Who to invite to a meeting: its co-chairs, then the active members on the roster that day
 * whose service areas meet its topics (everyone, when the meeting has no topics), by name.
 */
export function invitees(snapshot: BoardSnapshot, meeting: Meeting): Member[] {
  const coChairs = coChairsOn(snapshot, meeting.date);
  // Those on the roster on the meeting's day, so a past meeting's Former members count. A
  // Former member with no end date cannot be placed in time, so is left out.
  const others = snapshot.members
    .filter((member) => !isCoChair(member) && onRoster(member, meeting.date))
    .filter(
      (member) =>
        member.status === 'Active' || member.termEnd !== null || member.extendedTo !== null,
    )
    .filter(
      (member) =>
        meeting.topics.length === 0 ||
        coversEverything(member) ||
        meeting.topics.some((topic) => covers(member, topic)),
    )
    .sort(compareByName);
  return [...coChairs, ...others];
}

export function checkRelevance(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  const until = addDays(today, RELEVANCE_LOOKAHEAD_DAYS);
  // Members who are there for everything do not show that a topic has its own expertise.
  const specialists = activeMembers(snapshot).filter(
    (member) => !isCoChair(member) && !coversEverything(member),
  );
  const findings: Finding[] = [];
  for (const meeting of snapshot.meetings) {
    if (meeting.status !== 'Planned' || meeting.date < today || meeting.date > until) continue;
    const seen = new Set<string>();
    for (const topic of meeting.topics) {
      if (seen.has(textKey(topic))) continue;
      seen.add(textKey(topic));
      if (specialists.some((member) => covers(member, topic))) continue;
      findings.push({
        rule: 'R7',
        severity: 'warning',
        message: `No active member other than the co-chairs has "${topic}" in their Service areas, so nobody with that expertise is invited to ${meetingInWords(meeting)}. Invite someone who knows "${topic}", or check the Topics and Service areas are spelt the same.`,
        memberIds: [],
        meetingId: meeting.id,
        cells: atMeeting(meeting),
      });
    }
  }
  return findings;
}

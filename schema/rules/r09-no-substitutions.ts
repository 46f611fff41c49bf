/**
 * R9: no substitutions. Only members on the roster are recorded in Attendance or own
 * actions, and a deputy only ever stands in for a co-chair. (IDs that match no member are
 * already data issues from the snapshot, so they are not repeated here.)
 */
import { formatLongDate, type IsoDate } from '../dates';
import type { Attendance, Meeting, Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { coChairsOn, onRoster } from './co-chairs';
import { atMembers, type Finding } from './finding';
import { listInWords, meetingInWords, who } from './wording';

const OPEN_STATUSES: readonly string[] = ['Open', 'In progress'];

export function checkNoSubstitutions(snapshot: BoardSnapshot, _today: IsoDate): Finding[] {
  const findings: Finding[] = [];
  for (const meeting of snapshot.meetings) {
    for (const row of snapshot.attendanceByMeeting.get(meeting.id) ?? []) {
      const member = snapshot.memberById.get(row.memberId);
      if (!member) continue;
      findings.push(...deputising(snapshot, meeting, row, member));
      if (row.attendance === 'Present' && !onRoster(member, meeting.date)) {
        findings.push({
          rule: 'R9',
          severity: 'error',
          message: `${who(member)} is recorded as present at ${meetingInWords(meeting)} but was not on the board's roster that day (${termInWords(member)}). There are no substitutions: only members attend, so correct the Attendance row or the member's term dates.`,
          memberIds: [member.id],
          meetingId: meeting.id,
          cells: atMembers([member]),
        });
      }
    }
  }

  for (const action of snapshot.actions) {
    if (!OPEN_STATUSES.includes(action.status)) continue;
    const former = action.ownerIds
      .map((id) => snapshot.memberById.get(id))
      .filter((owner): owner is Member => owner?.status === 'Former');
    if (former.length === 0) continue;
    findings.push({
      rule: 'R9',
      severity: 'warning',
      message: `Action ${action.id} is still ${action.status.toLowerCase()} but ${listInWords(former.map(who))} ${former.length === 1 ? 'has' : 'have'} left the board (Status Former): reassign it to a current member.`,
      memberIds: former.map((owner) => owner.id),
      actionIds: [action.id],
      cells: atMembers(former),
    });
  }
  return findings;
}

function deputising(
  snapshot: BoardSnapshot,
  meeting: Meeting,
  row: Attendance,
  member: Member,
): Finding[] {
  const stoodInFor = row.deputisingForId ? snapshot.memberById.get(row.deputisingForId) : undefined;
  if (!stoodInFor) return [];
  if (!coChairsOn(snapshot, meeting.date).includes(stoodInFor)) {
    return [
      {
        rule: 'R9',
        severity: 'error',
        message: `${who(member)} is recorded as deputising for ${who(stoodInFor)} at ${meetingInWords(meeting)}, but ${stoodInFor.name} was not a co-chair then. Deputies only stand in for co-chairs; members cannot send substitutes. Clear Deputising for on that Attendance row.`,
        memberIds: [member.id, stoodInFor.id],
        meetingId: meeting.id,
        cells: atMembers([member, stoodInFor]),
      },
    ];
  }
  const deputyId = meeting.deputyCoChairId;
  if (deputyId && deputyId !== member.id) {
    const deputy = snapshot.memberById.get(deputyId);
    return [
      {
        rule: 'R9',
        severity: 'warning',
        message: `${who(member)} is recorded as deputising for ${who(stoodInFor)} at ${meetingInWords(meeting)}, but the meeting's Deputy co-chair is ${deputy ? who(deputy) : deputyId}: correct the Attendance row or the Deputy co-chair.`,
        memberIds: [member.id, stoodInFor.id, deputyId],
        meetingId: meeting.id,
        cells: atMembers([member, stoodInFor, deputy]),
      },
    ];
  }
  return [];
}

function termInWords(member: Member): string {
  const end = [member.termEnd, member.extendedTo]
    .filter((date): date is IsoDate => date !== null)
    .sort()
    .pop();
  return end
    ? `member from ${formatLongDate(member.termStart)} to ${formatLongDate(end)}`
    : `member from ${formatLongDate(member.termStart)}`;
}

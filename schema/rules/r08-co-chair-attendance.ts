/**
 * R8: co-chairs attend every meeting; when a co-chair cannot (unforeseen circumstances), a
 * deputy is nominated for that meeting (the meeting's `Deputy co-chair`).
 */
import type { IsoDate } from '../dates';
import type { BoardSnapshot } from '../snapshot';
import { coChairsOn } from './co-chairs';
import { atMeeting, type Finding } from './finding';
import { meetingInWords, who } from './wording';

export function checkCoChairAttendance(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  const findings: Finding[] = [];
  for (const meeting of snapshot.meetings) {
    if (meeting.status !== 'Held' || meeting.date > today) continue;
    const say = (severity: Finding['severity'], message: string, memberIds: string[]) =>
      findings.push({
        rule: 'R8',
        severity,
        message,
        memberIds,
        meetingId: meeting.id,
        cells: atMeeting(meeting, 'deputyCoChairId'),
      });
    const coChairs = coChairsOn(snapshot, meeting.date);
    const deputy = meeting.deputyCoChairId
      ? snapshot.memberById.get(meeting.deputyCoChairId)
      : undefined;
    if (deputy && coChairs.includes(deputy)) {
      say(
        'warning',
        `The deputy co-chair for ${meetingInWords(meeting)}, ${who(deputy)}, is a co-chair already: a deputy stands in for an absent co-chair, so nominate another member.`,
        [deputy.id],
      );
    }

    const rows = snapshot.attendanceByMeeting.get(meeting.id) ?? [];
    if (rows.length === 0) {
      // Nothing recorded yet: one reminder for the meeting, not one per co-chair.
      say(
        'warning',
        `Attendance for ${meetingInWords(meeting)} has not been recorded, so co-chair attendance cannot be checked: fill in the Attendance tab.`,
        [],
      );
      continue;
    }
    for (const coChair of coChairs) {
      const row = rows.find((candidate) => candidate.memberId === coChair.id);
      const role = coChair.role.toLowerCase();
      if (!row) {
        say(
          'warning',
          `The attendance of co-chair ${who(coChair)} at ${meetingInWords(meeting)} is not recorded: add a row for them to the Attendance tab.`,
          [coChair.id],
        );
      } else if (row.attendance === 'Apologies' && !meeting.deputyCoChairId) {
        say(
          'error',
          `${who(coChair)} (${role}) sent apologies to ${meetingInWords(meeting)} and no deputy co-chair was nominated: record who stood in, in the meeting's Deputy co-chair column.`,
          [coChair.id],
        );
      } else if (row.attendance === 'Absent') {
        say(
          'warning',
          `${who(coChair)} (${role}) was absent from ${meetingInWords(meeting)} without sending apologies: co-chairs attend every meeting, or send apologies and nominate a deputy.`,
          [coChair.id],
        );
      }
    }
  }
  return findings;
}

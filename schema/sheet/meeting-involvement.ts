/**
 * The Involvement rows "Record attendance" proposes for a meeting (R16): one per member marked
 * Present whose involvement is recorded (`recordsInvolvement`: not Staff or Council), as a
 * Board meeting of the meeting's length, Not claimed, for an officer to complete with the
 * payment and expenses. Pure: the menu reads the sheet, calls this, writes the rows.
 */
import type { IsoDate } from '../dates';
import { recordsInvolvement } from '../involvement';
import type { Meeting, Member } from '../records';
import { textKey } from '../rules/wording';
import type { BoardSnapshot } from '../snapshot';

export interface ProposedInvolvement {
  readonly member: Member;
  readonly date: IsoDate;
  readonly meetingId: string;
  readonly activity: 'Board meeting';
  readonly hours: number;
  readonly paymentStatus: 'Not claimed';
}

export interface MeetingInvolvement {
  /** Rows to add, in the order the members are in the Attendance tab. */
  readonly proposed: readonly ProposedInvolvement[];
  /** Members marked Present (each once, known to the Members tab). */
  readonly present: readonly Member[];
  /** Of those, the ones whose involvement is recorded (residents, carers, providers, others). */
  readonly recorded: readonly Member[];
}

/**
 * What to add to the Involvement tab for `meeting`. `entered` holds the members (by `textKey`
 * of their Member ID) who already have an Involvement entry for the meeting, of any activity:
 * they get no new row, however often this runs. A cancelled meeting gets none.
 */
export function meetingInvolvement(
  snapshot: BoardSnapshot,
  meeting: Meeting,
  entered: ReadonlySet<string>,
): MeetingInvolvement {
  const present: Member[] = [];
  const seen = new Set<string>();
  for (const row of snapshot.attendanceByMeeting.get(meeting.id) ?? []) {
    if (row.attendance !== 'Present') continue;
    const member = snapshot.memberById.get(row.memberId);
    if (!member || seen.has(textKey(member.id))) continue;
    seen.add(textKey(member.id));
    present.push(member);
  }
  const recorded = present.filter(recordsInvolvement);
  if (meeting.status === 'Cancelled') return { proposed: [], present, recorded };
  const hours = meeting.lengthHours ?? snapshot.settings.meetingLengthHours;
  const proposed = recorded
    .filter((member) => !entered.has(textKey(member.id)))
    .map(
      (member): ProposedInvolvement => ({
        member,
        date: meeting.date,
        meetingId: meeting.id,
        activity: 'Board meeting',
        hours,
        paymentStatus: 'Not claimed',
      }),
    );
  return { proposed, present, recorded };
}

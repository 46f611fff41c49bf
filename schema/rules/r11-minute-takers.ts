/** R11: each held meeting, and each meeting in the next 14 days, has a nominated minute-taker. */
import { addDays, type IsoDate } from '../dates';
import { type BoardSnapshot, lacksColumn } from '../snapshot';
import { MEETINGS_TAB } from '../tabs';
import { atMeeting, cannotJudge, type Finding } from './finding';
import { capitalise, meetingInWords } from './wording';

/** How far ahead a minute-taker must already be nominated. */
export const MINUTE_TAKER_LOOKAHEAD_DAYS = 14;

export function checkMinuteTakers(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  if (lacksColumn(snapshot, MEETINGS_TAB, 'minuteTakerId')) {
    return [cannotJudge('R11', MEETINGS_TAB, 'minuteTakerId')];
  }
  const until = addDays(today, MINUTE_TAKER_LOOKAHEAD_DAYS);
  const findings: Finding[] = [];
  for (const meeting of snapshot.meetings) {
    if (meeting.status === 'Cancelled' || meeting.minuteTakerId) continue;
    const upcoming = meeting.date >= today && meeting.date <= until;
    if (meeting.status !== 'Held' && !upcoming) continue;
    findings.push({
      rule: 'R11',
      severity: 'error',
      message:
        meeting.status === 'Held'
          ? `${capitalise(meetingInWords(meeting))} was held but has no Minute-taker recorded: record who took the minutes.`
          : `${capitalise(meetingInWords(meeting))} has no Minute-taker: one must be nominated before the meeting.`,
      memberIds: [],
      meetingId: meeting.id,
      cells: atMeeting(meeting, 'minuteTakerId'),
    });
  }
  return findings;
}

/**
 * "Record attendance": for the meeting whose row is selected in the Meetings tab (else the
 * next meeting), one Attendance row per invitee (R7) with a dropdown to fill in. Rows already
 * there for that meeting and member are never added again, even if their Attendance is blank.
 */
import { ATTENDANCE_VALUES } from '../../schema/layout';
import { nextMeeting } from '../../schema/next-meeting';
import type { Meeting } from '../../schema/records';
import { invitees } from '../../schema/rules';
import { meetingInWords, textKey } from '../../schema/rules/wording';
import type { BoardSnapshot } from '../../schema/snapshot';
import { BoardSheetError } from '../board-error';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import { appendRows, BoardWorkbook, requireUsable, rowByKey, type TabData } from '../sheet-io';
import { dropdownRule } from '../validation';

export function recordAttendance(context: MenuContext): void {
  const message = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const board = workbook.readBoard(['Settings', 'Members', 'Meetings', 'Attendance']);
    const meetingsTab = requireUsable(board, 'Meetings');
    requireUsable(board, 'Members');
    const attendanceTab = requireUsable(board, 'Attendance');
    const { snapshot } = board;
    const meeting =
      selectedMeeting(context, snapshot, meetingsTab) ?? meetingToRecord(snapshot, context.today);

    const columns = snapshot.columnIndex.get('Attendance');
    const recorded = recordedMembers(attendanceTab, columns, meeting.id);
    const missing = invitees(snapshot, meeting).filter(
      (member) => !recorded.has(textKey(member.id)),
    );
    if (missing.length === 0) {
      return `Every member invited to ${meetingInWords(meeting)} already has a row in the Attendance tab. Nothing was added.`;
    }
    const first = appendRows(
      attendanceTab,
      missing.map((member) => rowByKey(columns, { meetingId: meeting.id, memberId: member.id })),
    );
    const column = (columns?.get('attendance') ?? 0) + 1;
    attendanceTab.sheet
      .getRange(first, column, missing.length, 1)
      .setDataValidation(dropdownRule(ATTENDANCE_VALUES));
    return [
      `Added ${missing.length} rows to the Attendance tab (rows ${first} to ${first + missing.length - 1}) for ${meetingInWords(meeting)}: ${missing.map((member) => member.name).join(', ')}.`,
      "Choose Present, Apologies or Absent in each row's Attendance cell. A co-chair who sends apologies needs a Deputy co-chair in the Meetings tab.",
      'To record another meeting, select its row in the Meetings tab and run this again.',
    ].join('\n\n');
  });
  context.ui.alert(context.title, message, context.ui.ButtonSet.OK);
}

/** The meeting on the selected row, when the selection is in the Meetings tab. */
function selectedMeeting(
  context: MenuContext,
  snapshot: BoardSnapshot,
  meetingsTab: TabData,
): Meeting | null {
  const active = context.spreadsheet.getActiveSheet();
  if (active.getSheetId() !== meetingsTab.sheet.getSheetId()) return null;
  const row = active.getActiveRange()?.getRow();
  return snapshot.meetings.find((meeting) => meeting.row === row) ?? null;
}

/** Today's meeting even once it is marked Held, as attendance is often recorded on the day. */
function meetingToRecord(snapshot: BoardSnapshot, today: string): Meeting {
  const meeting = nextMeeting(snapshot.meetings, { from: today, onTheDay: true, held: true });
  if (!meeting) {
    throw new BoardSheetError(
      'There is no meeting from today on in the Meetings tab. Select the row of the meeting to record in the Meetings tab, or use "Plan next meeting" first.',
    );
  }
  return meeting;
}

/** Member IDs with a row for the meeting, read from the cells (blank Attendance included). */
function recordedMembers(
  tab: TabData,
  columns: ReadonlyMap<string, number> | undefined,
  meetingId: string,
): Set<string> {
  const meetingColumn = columns?.get('meetingId') ?? -1;
  const memberColumn = columns?.get('memberId') ?? -1;
  const recorded = new Set<string>();
  for (const row of tab.grid) {
    const meeting = row[meetingColumn];
    const member = row[memberColumn];
    if (meeting == null || member == null) continue;
    if (textKey(String(meeting)) === textKey(meetingId)) recorded.add(textKey(String(member)));
  }
  return recorded;
}

/**
 * "Record attendance": for the meeting whose row is selected in the Meetings tab (else the
 * next meeting), one Attendance row per invitee (R7) with a dropdown to fill in. Rows already
 * there for that meeting and member are never added again, even if their Attendance is blank.
 *
 * Then, once attendance is filled in, one Involvement row (R16) per member marked Present
 * whose involvement is recorded (not Staff or Council): a Board meeting of the meeting's
 * length, Not claimed, for an officer to add the payment and expenses. A member who already
 * has an Involvement entry for the meeting gets none. Without an Involvement tab, attendance
 * is still recorded and the dialog says to run "Set up board sheets".
 */
import { involvementIdAllocator } from '../../schema/ids';
import { ATTENDANCE_VALUES } from '../../schema/layout';
import { nextMeeting } from '../../schema/next-meeting';
import type { Meeting } from '../../schema/records';
import { invitees } from '../../schema/rules';
import {
  capitalise,
  count,
  listInWords,
  meetingInWords,
  textKey,
} from '../../schema/rules/wording';
import { meetingInvolvement } from '../../schema/sheet/meeting-involvement';
import type { BoardSnapshot } from '../../schema/snapshot';
import { unusableTabMessage } from '../../schema/unusable-tab';
import { BoardSheetError } from '../board-error';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import {
  appendRows,
  type BoardRead,
  BoardWorkbook,
  requireUsable,
  rowByKey,
  type TabData,
} from '../sheet-io';
import { dropdownRule } from '../validation';

export function recordAttendance(context: MenuContext): void {
  const message = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const board = workbook.readBoard([
      'Settings',
      'Members',
      'Meetings',
      'Attendance',
      'Involvement',
    ]);
    const meetingsTab = requireUsable(board, 'Meetings');
    requireUsable(board, 'Members');
    const attendanceTab = requireUsable(board, 'Attendance');
    const { snapshot } = board;
    const meeting =
      selectedMeeting(context, snapshot, meetingsTab) ?? meetingToRecord(snapshot, context.today);

    const attendance = addAttendanceRows(snapshot, attendanceTab, meeting);
    const involvement = addInvolvementRows(workbook, board, meeting);
    const paragraphs = [...attendance.said, ...involvement.said];
    if (attendance.added + involvement.added === 0) paragraphs.push('Nothing was added.');
    return paragraphs.join('\n\n');
  });
  context.ui.alert(context.title, message, context.ui.ButtonSet.OK);
}

interface Step {
  /** Rows added. */
  readonly added: number;
  /** What the dialog says about it, in paragraphs. */
  readonly said: readonly string[];
}

/** One Attendance row per invitee without one, with the Attendance dropdown. */
function addAttendanceRows(
  snapshot: BoardSnapshot,
  attendanceTab: TabData,
  meeting: Meeting,
): Step {
  const columns = snapshot.columnIndex.get('Attendance');
  const recorded = recordedMembers(attendanceTab, columns, meeting.id);
  const missing = invitees(snapshot, meeting).filter((member) => !recorded.has(textKey(member.id)));
  if (missing.length === 0) {
    return {
      added: 0,
      said: [
        `Every member invited to ${meetingInWords(meeting)} already has a row in the Attendance tab.`,
      ],
    };
  }
  const first = appendRows(
    attendanceTab,
    missing.map((member) => rowByKey(columns, { meetingId: meeting.id, memberId: member.id })),
  );
  const column = (columns?.get('attendance') ?? 0) + 1;
  attendanceTab.sheet
    .getRange(first, column, missing.length, 1)
    .setDataValidation(dropdownRule(ATTENDANCE_VALUES));
  return {
    added: missing.length,
    said: [
      `Added ${missing.length} rows to the Attendance tab (rows ${first} to ${first + missing.length - 1}) for ${meetingInWords(meeting)}: ${missing.map((member) => member.name).join(', ')}.`,
      "Choose Present, Apologies or Absent in each row's Attendance cell. A co-chair who sends apologies needs a Deputy co-chair in the Meetings tab.",
      'To record another meeting, select its row in the Meetings tab and run this again.',
    ],
  };
}

/**
 * R16: one Involvement row per member marked Present (in the Attendance tab as read, before
 * this run's rows) whose involvement is recorded and who has no entry for the meeting yet.
 */
function addInvolvementRows(workbook: BoardWorkbook, board: BoardRead, meeting: Meeting): Step {
  const { snapshot } = board;
  const tab = board.tabs.get('Involvement');
  const missingHeaders = snapshot.unusableTabs.get('Involvement');
  if (!tab || missingHeaders) {
    return {
      added: 0,
      said: [
        unusableTabMessage(
          'Involvement',
          missingHeaders ?? [],
          'no Involvement rows (R16) were added for the members who were there who are not staff or council',
          ' (the menu item "Set up board sheets" does this), then run "Record attendance" again with the meeting\'s row selected in the Meetings tab',
        ),
      ],
    };
  }
  const columns = snapshot.columnIndex.get('Involvement');
  const { proposed, present, recorded } = meetingInvolvement(
    snapshot,
    meeting,
    recordedMembers(tab, columns, meeting.id),
  );
  const which = meetingInWords(meeting);
  if (proposed.length === 0) {
    let said: string;
    if (meeting.status === 'Cancelled') {
      said = `${capitalise(which)} was cancelled, so no Involvement rows were added.`;
    } else if (present.length === 0) {
      said = `Nobody is marked Present at ${which} yet. Once the Attendance cells are filled in, run this again (with the meeting's row selected in the Meetings tab) to add Involvement rows for the members who were there who are not staff or council.`;
    } else if (recorded.length === 0) {
      said = `Everyone marked Present at ${which} is Staff or Council, so no Involvement rows are needed.`;
    } else {
      said = `Every resident, carer or other non-staff member marked Present at ${which} already has a row in the Involvement tab.`;
    }
    return { added: 0, said: [said] };
  }

  const entryIds = entryIdsOf(tab, columns);
  const nextId = involvementIdAllocator(entryIds);
  const first = appendRows(
    tab,
    proposed.map((entry) =>
      rowByKey(columns, {
        id: nextId(),
        memberId: entry.member.id,
        date: workbook.dates.dateCell(entry.date),
        meetingId: entry.meetingId,
        activity: entry.activity,
        hours: entry.hours,
        paymentStatus: entry.paymentStatus,
      }),
    ),
  );
  const last = first + proposed.length - 1;
  const rows = proposed.length === 1 ? `row ${first}` : `rows ${first} to ${last}`;
  return {
    added: proposed.length,
    said: [
      `Added ${count(proposed.length, 'row')} to Involvement (${rows}) for those at ${which} who are not staff or council: ${listInWords(proposed.map((entry) => entry.member.name))}. Fill in payments and expenses.`,
    ],
  };
}

/** Every Entry ID in the Involvement tab's cells, so a new one is never one already there. */
function entryIdsOf(tab: TabData, columns: ReadonlyMap<string, number> | undefined): string[] {
  const column = columns?.get('id') ?? -1;
  const ids: string[] = [];
  for (const row of tab.grid) {
    const id = row[column];
    if (id != null && String(id).trim() !== '') ids.push(String(id));
  }
  return ids;
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

/**
 * Member IDs with a row for the meeting in the Attendance or Involvement tab (both have
 * `Meeting ID` and `Member ID`), read from the cells, so a row still being filled in (blank
 * Attendance, an entry with no Date yet) counts too.
 */
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

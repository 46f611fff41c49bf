/**
 * "Plan next meeting": the next meeting on the R10 schedule goes into the Meetings tab as
 * Planned, with a proposed minute-taker (R11). If it is already there, only a missing
 * minute-taker is filled in, so running this again changes nothing. Topics, venue and format
 * are left for the officer. Its dialog offers the meeting's invitations (R7, R18), drafted by
 * `draftMeetingInvitations` when its button is clicked.
 */
import { formatLongDate } from '../../schema/dates';
import { newMeetingId } from '../../schema/ids';
import type { Meeting } from '../../schema/records';
import { capitalise, meetingInWords } from '../../schema/rules/wording';
import {
  type MinuteTakerProposal,
  nextMeetingToPlan,
  plannedMeeting,
  proposeMinuteTaker,
} from '../../schema/sheet/plan-meeting';
import { escapeHtml, page, showDialog } from '../html';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import {
  appendRows,
  BoardWorkbook,
  requireUsable,
  rowByKey,
  writeBlock,
  yesNoCell,
} from '../sheet-io';
import { INVITE_SCRIPT, invitationsSection } from './invitations';

export function planNextMeeting(context: MenuContext): void {
  const { message, invitations } = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const board = workbook.readBoard(['Settings', 'Members', 'Meetings']);
    const meetingsTab = requireUsable(board, 'Meetings');
    requireUsable(board, 'Members');
    const { snapshot } = board;
    const columns = snapshot.columnIndex.get('Meetings');
    const next = nextMeetingToPlan(snapshot, context.today);

    if (next.existing) {
      const meeting = next.existing;
      const invitations = invitationsSection(snapshot, meeting);
      if (meeting.minuteTakerId) {
        return {
          message: `${capitalise(meetingInWords(meeting))} is already in the Meetings tab (row ${meeting.row}), with a minute-taker. Nothing was changed.`,
          invitations,
        };
      }
      const proposal = proposeMinuteTaker(snapshot, meeting);
      const column = columns?.get('minuteTakerId');
      if (!proposal || column === undefined) {
        return { message: noMinuteTaker(meeting, column !== undefined), invitations };
      }
      writeBlock(meetingsTab.sheet, meeting.row, column + 1, [[proposal.member.id]]);
      return {
        message: `${capitalise(meetingInWords(meeting))} is already in the Meetings tab (row ${meeting.row}). It had no minute-taker, so one is now proposed there: ${proposedWords(proposal)}.`,
        invitations,
      };
    }

    const id = newMeetingId(snapshot.meetings, next.date);
    const lengthHours = snapshot.settings.meetingLengthHours;
    const meeting = plannedMeeting(id, next.date, lengthHours);
    const proposal = proposeMinuteTaker(snapshot, meeting);
    // The board meets at the same time each month, so the last known start time is the guess.
    const startTime = [...snapshot.meetings].reverse().find((other) => other.startTime)?.startTime;
    const row = appendRows(meetingsTab, [
      rowByKey(columns, {
        id,
        date: workbook.dates.dateCell(next.date),
        startTime: startTime ? workbook.dates.timeCell(startTime) : null,
        lengthHours,
        minuteTakerId: proposal?.member.id,
        circulateToDmt: yesNoCell(meetingsTab, columns?.get('circulateToDmt'), false),
        status: 'Planned',
      }),
    ]);
    const startColumn = columns?.get('startTime');
    if (startTime && startColumn !== undefined) {
      // A time is stored as a date on 30/12/1899; without a time format it would show as one.
      meetingsTab.sheet.getRange(row, startColumn + 1, 1, 1).setNumberFormat('hh:mm');
    }
    return {
      message: [
        `Added ${meetingInWords(meeting)} to the Meetings tab (row ${row}) as Planned.`,
        proposal
          ? `Proposed minute-taker: ${proposedWords(proposal)}.`
          : 'No member other than the co-chairs is active, so no minute-taker is proposed.',
        'Add its Topics (service areas), Venue and Format, then create its invitations below.',
      ].join('\n\n'),
      invitations: invitationsSection(snapshot, { ...meeting, row }),
    };
  });
  // Modeless, so the officer can type the Topics, Venue and Format with it open.
  const said = message
    .split('\n\n')
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
  showDialog(context.ui, page(`${said}${invitations}`, INVITE_SCRIPT), context.title, false);
}

function proposedWords(proposal: MinuteTakerProposal): string {
  const { member, lastTook } = proposal;
  return `${member.name} (${member.id}), who ${
    lastTook ? `last took minutes on ${formatLongDate(lastTook)}` : 'has not taken minutes yet'
  }`;
}

function noMinuteTaker(meeting: Meeting, hasColumn: boolean): string {
  return hasColumn
    ? `${capitalise(meetingInWords(meeting))} has no minute-taker, and nobody other than the co-chairs is invited to propose.`
    : `${capitalise(meetingInWords(meeting))} is already planned, but the Meetings tab has no "Minute-taker" column: "Set up board sheets" adds it.`;
}

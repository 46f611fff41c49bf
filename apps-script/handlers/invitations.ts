/**
 * `draftMeetingInvitations(meetingId)`: Gmail drafts (never sent) of the invitation to a Planned
 * meeting, one per invitee (R7) with an email address, in their preferred format (R18); the
 * "Plan next meeting" dialog's button calls it. Audio, BSL and Braille invitees, and invitees
 * with no email address, are listed instead, for an officer.
 *
 * Never twice, as `draftFollowUpEmails` does it: a JSON record in a property, keyed by meeting,
 * of the members drafted for, written once after drafting. Unlike the follow-up drafts (each
 * co-chair's own), an invitation is the board's to a member, once per meeting whoever clicks:
 * so the record is the spreadsheet's (document properties), read and written under the document
 * lock, and a second officer is told the member was invited rather than drafting it again.
 */

import type { IsoDate } from '../../schema/dates';
import type { Meeting } from '../../schema/records';
import { capitalise, count, listInWords, meetingInWords } from '../../schema/rules/wording';
import { invitationEmails } from '../../schema/sheet/invitations';
import type { MemberEmail } from '../../schema/sheet/member-emails';
import { arrangementLabel } from '../../schema/sheet/member-emails';
import type { BoardSnapshot } from '../../schema/snapshot';
import { closingLines, type DraftsReport, draftOnce, named } from '../drafts-once';
import { escapeHtml } from '../html';
import { withDocumentLock } from '../lock';
import { scriptContext } from '../menu-context';
import { BoardWorkbook, requireUsable } from '../sheet-io';

const PROPERTY_PREFIX = 'meetingInvitations:';

/** The report, its message one line a point, for the dialog. */
export interface InvitationsMade extends DraftsReport {
  readonly meetingId: string;
  /** Invited to this meeting already (by any officer), named. */
  readonly alreadyInvited: readonly string[];
}

/** The callable global: reads the board once, and drafts what has not been drafted. */
export function draftMeetingInvitations(meetingId: unknown): InvitationsMade {
  const { spreadsheet, today } = scriptContext();
  const id = typeof meetingId === 'string' ? meetingId.trim() : '';
  return withDocumentLock(() => {
    const workbook = new BoardWorkbook(spreadsheet);
    const board = workbook.readBoard(['Settings', 'Members', 'Meetings']);
    requireUsable(board, 'Meetings');
    requireUsable(board, 'Members');
    const { snapshot } = board;
    const meeting = snapshot.meetingById.get(id);
    const refusal = whyNotInvite(id, meeting, today);
    if (refusal || !meeting) return nothingDrafted(id, refusal ?? '');
    const mail = invitationEmails(snapshot, meeting);
    const made = createDrafts(meeting, mail.emails, snapshot, today);
    return report(
      meeting,
      made,
      mail.withoutEmail.map(named),
      mail.forOfficer.map((entry) => entry.label),
    );
  });
}

/** Why no invitation can go to this meeting, or null when it can. */
export function whyNotInvite(
  id: string,
  meeting: Meeting | undefined,
  today: IsoDate,
): string | null {
  if (!id) return 'No meeting was given, so no invitations were drafted.';
  if (!meeting) {
    return `There is no meeting "${id}" in the Meetings tab, so no invitations were drafted.`;
  }
  const which = capitalise(meetingInWords(meeting));
  if (meeting.status === 'Cancelled') {
    return `${which} is Cancelled in the Meetings tab (row ${meeting.row}), so no invitations were drafted.`;
  }
  if (meeting.status === 'Held') {
    return `${which} has been held (its Status is Held, row ${meeting.row}), so no invitations were drafted.`;
  }
  if (meeting.date < today) {
    return `${which} was on a day that has passed. Mark it Held or Cancelled in the Meetings tab (row ${meeting.row}); no invitations were drafted.`;
  }
  if (!meeting.venue && !meeting.format) {
    return `${which} has no Venue or Format in the Meetings tab (row ${meeting.row}). Add where it is, then create the invitations; none were drafted.`;
  }
  return null;
}

type Drafted = Pick<InvitationsMade, 'created' | 'alreadyInvited' | 'failure'>;

function createDrafts(
  meeting: Meeting,
  emails: readonly MemberEmail[],
  snapshot: BoardSnapshot,
  today: IsoDate,
): Drafted {
  // The board's record (document properties): once per member and meeting, whoever clicks.
  const { alreadyDrafted, ...made } = draftOnce(
    PropertiesService.getDocumentProperties(),
    `${PROPERTY_PREFIX}${meeting.id}`,
    emails,
    snapshot.settings.boardName,
    () => today,
    (_email, recorded) => recorded !== undefined,
  );
  return { ...made, alreadyInvited: alreadyDrafted };
}

function nothingDrafted(meetingId: string, message: string): InvitationsMade {
  return {
    meetingId,
    created: [],
    alreadyInvited: [],
    withoutEmail: [],
    forOfficer: [],
    failure: null,
    message,
  };
}

function report(
  meeting: Meeting,
  made: Drafted,
  withoutEmail: readonly string[],
  forOfficer: readonly string[],
): InvitationsMade {
  const lines = [
    made.created.length > 0
      ? `Created ${count(made.created.length, 'Gmail draft')} (not sent) of the invitation to ${meetingInWords(meeting)}, in your Drafts folder: ${made.created.join(', ')}.`
      : `No new invitation drafts were created for ${meetingInWords(meeting)}.`,
  ];
  if (made.alreadyInvited.length > 0) {
    lines.push(
      `Already drafted for this meeting (by you or another officer), so not made again: ${listInWords([...made.alreadyInvited])}.`,
    );
  }
  lines.push(...closingLines({ withoutEmail, forOfficer, failure: made.failure }, 'invitation'));
  return {
    meetingId: meeting.id,
    ...made,
    withoutEmail,
    forOfficer,
    message: lines.join('\n'),
  };
}

/**
 * The invitations part of "Plan next meeting"'s dialog, as HTML: who the meeting invites as the
 * sheet stands, who an officer needs to reach another way, and the button that calls
 * `draftMeetingInvitations` (it reads the sheet again when clicked, so Topics, Venue and Format
 * typed meanwhile are in the drafts).
 */
export function invitationsSection(snapshot: BoardSnapshot, meeting: Meeting): string {
  if (meeting.status !== 'Planned') {
    return `<h2>Invitations</h2><p>${escapeHtml(
      `${capitalise(meetingInWords(meeting))} is ${meeting.status}, so there are no invitations to make.`,
    )}</p>`;
  }
  const mail = invitationEmails(snapshot, meeting);
  const missing = [
    meeting.topics.length === 0 ? 'Topics' : null,
    meeting.venue ? null : 'Venue',
    meeting.format ? null : 'Format',
  ].filter((part): part is string => part !== null);
  const lines = [
    '<h2>Invitations</h2>',
    `<p>${escapeHtml(
      `The button makes one Gmail draft of the invitation to ${meetingInWords(meeting)} for each member invited (the co-chairs, and members whose service areas match its topics) who has an email address: ${count(mail.emails.length, 'draft')} as the sheet stands. Each is in the member's preferred format (Standard, Large print or Easy read) and gives the date, time and length, the venue and format, the topics, the last meeting's minutes, and who to tell if they cannot come. Nothing is sent: the drafts wait in your Drafts folder. Nobody is invited twice to the same meeting, whoever clicks.`,
    )}</p>`,
  ];
  if (missing.length > 0) {
    lines.push(
      `<p class="note">${escapeHtml(
        `Add its ${listInWords(missing)} in the Meetings tab (row ${meeting.row}) first: the invitations say where the meeting is and what it is about, and its Topics decide who is invited. You can leave this window open while you do.`,
      )}</p>`,
    );
  }
  lines.push(
    `<button id="invite" data-meeting="${escapeHtml(meeting.id)}" onclick="invite()">Create invitation drafts</button>`,
  );
  if (mail.withoutEmail.length > 0) {
    lines.push(
      `<p class="note">${escapeHtml(`No email address in the Members tab: ${mail.withoutEmail.map(named).join(', ')}.`)}</p>`,
    );
  }
  if (mail.forOfficer.length > 0) {
    lines.push(
      `<p class="note">${escapeHtml(
        `For an officer to arrange in their format (Audio, BSL or Braille), with their communication needs: ${mail.forOfficer.map((entry) => arrangementLabel(entry.member)).join(' ')}`,
      )}</p>`,
    );
  }
  lines.push(
    '<div id="result" role="status" aria-live="polite" style="white-space:pre-line"></div>',
  );
  return lines.join('');
}

/** The button's work happens in draftMeetingInvitations; its answer is shown in the dialog. */
export const INVITE_SCRIPT = `function invite(){var b=document.getElementById('invite');var r=document.getElementById('result');b.disabled=true;r.textContent='Creating drafts...';google.script.run.withSuccessHandler(function(done){r.textContent=done.message;b.disabled=false;}).withFailureHandler(function(error){r.textContent='The invitations were not drafted: '+error.message;b.disabled=false;}).draftMeetingInvitations(b.getAttribute('data-meeting'));}`;

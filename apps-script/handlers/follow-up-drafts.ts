/**
 * `draftFollowUpEmails()` (DESIGN §7): Gmail drafts of the current Follow-up list, one per owner,
 * in the owner's preferred format (R18), made at most once per meeting, owner and set of
 * actions by each user. Drafts are in the Gmail of whoever clicks, so the record of what was
 * drafted is that user's own (user properties): the second co-chair gets their own drafts
 * rather than being told the first co-chair's are "already drafted". The key holds the action
 * IDs, not the email's words, so the next day's "43 days overdue" does not draft it all again;
 * a new action on an owner's list does.
 */
import { CLOSED_ACTION_STATUSES } from '../../schema/layout';
import { type FollowUp, followUp } from '../../schema/rules';
import { count, listInWords } from '../../schema/rules/wording';
import { followUpEmails, type MemberEmail } from '../../schema/sheet/member-emails';
import {
  closingLines,
  type DraftedOnce,
  type DraftsReport,
  draftOnce,
  named,
} from '../drafts-once';
import { scriptContext } from '../menu-context';
import { BoardWorkbook, requireUsable } from '../sheet-io';
import { FOLLOW_UP_TAB, readFollowUpSheet, sameStatus } from './follow-up-tab';

const PROPERTY_PREFIX = 'followUpDrafts:';
/** The key when no meeting is planned: by owner and actions only, never by day. */
const NO_MEETING = 'no planned meeting';

export interface DraftsMade extends DraftsReport {
  /** Drafted by this user for this meeting with the same actions already, named. */
  readonly alreadyDrafted: readonly string[];
}

/** The callable global: reads the board and the Follow-up tab, and drafts. */
export function draftFollowUpEmails(): DraftsMade {
  const { spreadsheet, today } = scriptContext();
  const workbook = new BoardWorkbook(spreadsheet);
  const board = workbook.readBoard(['Settings', 'Members', 'Meetings', 'Actions']);
  requireUsable(board, 'Actions');
  const sheet = readFollowUpSheet(workbook.readTab(FOLLOW_UP_TAB));
  if (!sheet.tab) {
    throw new Error(
      `There is no ${FOLLOW_UP_TAB} tab yet. Use "Follow up actions" first: the drafts list what it lists.`,
    );
  }
  const list = inTheTab(followUp(board.snapshot, today), sheet.rows);
  const mail = followUpEmails(board.snapshot, list, today);
  const lock = LockService.getUserLock();
  lock.waitLock(30_000);
  try {
    return report(
      createDrafts(list.meeting?.id ?? NO_MEETING, mail.emails, board.snapshot.settings.boardName),
      mail.withoutEmail.map(named),
      mail.forOfficer.map((entry) => entry.label),
    );
  } finally {
    lock.releaseLock();
  }
}

/**
 * The list as the co-chairs have it: actions in the tab, less those they marked Done or
 * Dropped there (saved or not), so nobody is asked about an action just closed in the meeting.
 */
function inTheTab(
  list: FollowUp,
  rows: readonly { readonly actionId: string; readonly status: string }[],
): FollowUp {
  const statusById = new Map(rows.map((row) => [row.actionId, row.status] as const));
  const items = list.items.filter((item) => {
    const status = statusById.get(item.action.id);
    if (status === undefined) return false;
    return !CLOSED_ACTION_STATUSES.some((closed) => sameStatus(closed, status));
  });
  return { ...list, items };
}

function createDrafts(
  meetingKey: string,
  emails: readonly MemberEmail[],
  boardName: string,
): DraftedOnce {
  // Each co-chair's own drafts (user properties), made again when an owner's actions change.
  const actionsOf = (email: MemberEmail) => [...email.actionIds].sort().join(',');
  return draftOnce(
    PropertiesService.getUserProperties(),
    `${PROPERTY_PREFIX}${meetingKey}`,
    emails,
    boardName,
    actionsOf,
    (email, recorded) => recorded === actionsOf(email),
  );
}

function report(
  made: DraftedOnce,
  withoutEmail: readonly string[],
  forOfficer: readonly string[],
): DraftsMade {
  const lines = [
    made.created.length > 0
      ? `Created ${count(made.created.length, 'Gmail draft')} (not sent): ${made.created.join(', ')}.`
      : 'No new drafts were created.',
  ];
  if (made.alreadyDrafted.length > 0) {
    lines.push(
      `Already drafted by you earlier for this meeting, with the same actions, so not made again: ${listInWords([...made.alreadyDrafted])}.`,
    );
  }
  lines.push(...closingLines({ withoutEmail, forOfficer, failure: made.failure }, 'update'));
  return { ...made, withoutEmail, forOfficer, message: lines.join(' ') };
}

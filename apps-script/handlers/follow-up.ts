/**
 * "Follow up actions" (R12), for the co-chairs before and during each meeting: the list goes
 * to the Follow-up tab (edits there not yet saved are kept), and a sidebar shows what needs
 * attention with links to the rows, and offers the owners' Gmail drafts (never sent).
 *
 * It writes nothing to the Actions tab: listing is not following up. `Last followed up` is
 * stamped by "Save follow-up to actions", on the actions whose follow-up was recorded.
 */
import { type FollowUp, followUp } from '../../schema/rules';
import { count, meetingInWords } from '../../schema/rules/wording';
import { followUpEmails } from '../../schema/sheet/member-emails';
import type { BoardSnapshot } from '../../schema/snapshot';
import { cellLinks, showSidebar } from '../html';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import { BoardWorkbook, requireUsable } from '../sheet-io';
import { followUpSidebarHtml } from './follow-up-sidebar';
import {
  FOLLOW_UP_TAB,
  readFollowUpSheet,
  type WrittenFollowUp,
  writeFollowUpTab,
} from './follow-up-tab';

export const SIDEBAR_TITLE = 'Follow-up';

export function followUpActions(context: MenuContext): void {
  const { today } = context;
  const outcome = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const board = workbook.readBoard(['Settings', 'Members', 'Meetings', 'Actions']);
    const actions = requireUsable(board, 'Actions');
    const list = followUp(board.snapshot, today);
    const current = readFollowUpSheet(workbook.readTab(FOLLOW_UP_TAB, { formulas: true }));
    const written = writeFollowUpTab(
      context.spreadsheet,
      current,
      board.snapshot,
      list,
      workbook.dates,
    );
    return { snapshot: board.snapshot, list, written, actionsSheet: actions.sheet };
  });
  showFollowUpSidebar(context, outcome, listSummary(outcome.list, outcome.written), []);
}

/** What the list is, in the words the sidebar opens with. */
export function listSummary(list: FollowUp, written: WrittenFollowUp): string[] {
  const overdue = list.items.filter((item) => item.daysOverdue !== null).length;
  return [
    list.meeting
      ? `${count(list.items.length, 'action')} to follow up at ${meetingInWords(list.meeting)}, ${overdue} of them overdue.`
      : `No planned meeting from today is in the Meetings tab, so the ${list.items.length} open actions are judged against today (${overdue} overdue). Use "Plan next meeting" to add the next one.`,
    `They are in the ${FOLLOW_UP_TAB} tab, overdue first, with the reasons and owners${
      written.kept > 0
        ? `; ${count(written.kept, 'row')} no longer to follow up ${written.kept === 1 ? 'is' : 'are'} kept below them for your notes`
        : ''
    }. Change Status and Follow-up note there in the meeting, then use "Save follow-up to actions".`,
  ];
}

export function showFollowUpSidebar(
  context: MenuContext,
  outcome: {
    readonly snapshot: BoardSnapshot;
    readonly list: FollowUp;
    readonly written: WrittenFollowUp;
    readonly actionsSheet: GoogleAppsScript.Spreadsheet.Sheet;
  },
  said: readonly string[],
  problems: readonly string[],
  links = cellLinks(context.spreadsheet),
): void {
  const mail = followUpEmails(outcome.snapshot, outcome.list, context.today);
  showSidebar(
    context.ui,
    followUpSidebarHtml({
      ...outcome,
      links,
      said,
      problems,
      draftable: mail.emails.length,
      withoutEmail: mail.withoutEmail,
      forOfficer: mail.forOfficer.map((entry) => entry.member),
    }),
    SIDEBAR_TITLE,
  );
}

/**
 * "Follow up actions" (R12), for the co-chairs before each meeting: the list goes to the
 * Follow-up tab, each listed action's `Last followed up` is stamped with today, and then the
 * co-chairs may have Gmail drafts made for the owners (never sent).
 */
import { formatLongDate, formatShortDate } from '../../schema/dates';
import { cellLabel } from '../../schema/issues';
import { type FollowUp, followUp } from '../../schema/rules';
import { count, meetingInWords } from '../../schema/rules/wording';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import { BoardWorkbook, requireUsable, type SheetValue, type TabData } from '../sheet-io';
import { createDrafts } from './follow-up-drafts';
import { ownerEmails } from './follow-up-emails';
import { FOLLOW_UP_TAB, followUpRows, writeFollowUpTab } from './follow-up-tab';

export function followUpActions(context: MenuContext): void {
  const { ui, today } = context;
  const outcome = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const board = workbook.readBoard(['Settings', 'Members', 'Meetings', 'Actions']);
    const actions = requireUsable(board, 'Actions');
    const list = followUp(board.snapshot, today);
    writeFollowUpTab(
      context.spreadsheet,
      workbook.findSheet(FOLLOW_UP_TAB),
      followUpRows(board.snapshot, list, workbook.dates),
    );
    const column = board.snapshot.columnIndex.get('Actions')?.get('lastFollowedUp');
    const stamp = workbook.dates.dateCell(today);
    if (column !== undefined) stampLastFollowedUp(actions, column, list, stamp);
    return { board, list, stamped: column !== undefined };
  });

  const { board, list } = outcome;
  const overdue = list.items.filter((item) => item.daysOverdue !== null).length;
  const problems = board.issues.filter((issue) => issue.sheet === 'Actions').slice(0, 5);
  const summary = [
    list.meeting
      ? `${count(list.items.length, 'action')} to follow up at ${meetingInWords(list.meeting)}, ${overdue} of them overdue.`
      : `No planned meeting from today is in the Meetings tab, so the ${list.items.length} open actions are judged against today (${overdue} overdue). Use "Plan next meeting" to add the next one.`,
    `They are in the ${FOLLOW_UP_TAB} tab, overdue first, with the reasons and owners.`,
    outcome.stamped
      ? `Each listed action's "Last followed up" is now ${formatShortDate(today)}.`
      : 'The Actions tab has no "Last followed up" column, so nothing was stamped: "Set up board sheets" adds it.',
    ...(problems.length > 0
      ? [
          '',
          'Some action rows need fixing (see "Check membership" for all):',
          ...problems.map((issue) => `${cellLabel(issue)}: ${issue.message}`),
        ]
      : []),
  ].join('\n');

  const mail = ownerEmails(board.snapshot, list, today);
  if (mail.emails.length === 0) {
    ui.alert(context.title, summary, ui.ButtonSet.OK);
    return;
  }
  const answer = ui.alert(
    context.title,
    `${summary}\n\nCreate Gmail drafts to the ${mail.emails.length} owners with an email address, each listing their actions? Nothing is sent: the drafts wait in your Gmail Drafts folder.`,
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;
  const made = createDrafts(list, mail.emails);
  ui.alert(context.title, draftReport(list, made, mail.withoutEmail), ui.ButtonSet.OK);
}

/**
 * One setValues over the `Last followed up` cells from the first to the last listed action:
 * listed rows get today, the rows between keep the values just read.
 */
function stampLastFollowedUp(actions: TabData, column: number, list: FollowUp, stamp: Date): void {
  if (list.items.length === 0) return;
  const rows = new Set(list.items.map((item) => item.action.row));
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const block: SheetValue[][] = [];
  for (let row = first; row <= last; row++) {
    block.push([rows.has(row) ? stamp : (actions.values[row - 1]?.[column] ?? '')]);
  }
  actions.sheet.getRange(first, column + 1, block.length, 1).setValues(block);
}

function draftReport(
  list: FollowUp,
  made: ReturnType<typeof createDrafts>,
  withoutEmail: readonly { name: string; id: string }[],
): string {
  const lines = [
    made.created.length > 0
      ? `Created ${made.created.length} Gmail drafts (not sent): ${made.created.join(', ')}.`
      : 'No new drafts were created.',
  ];
  if (made.alreadyDrafted.length > 0) {
    lines.push(
      `Already drafted earlier for ${list.meeting ? `the meeting on ${formatLongDate(list.meeting.date)}` : 'this list'}, with the same actions, so not made again: ${made.alreadyDrafted.join(', ')}.`,
    );
  }
  if (withoutEmail.length > 0) {
    lines.push(
      `No email address in the Members tab, so no draft: ${withoutEmail.map((member) => `${member.name} (${member.id})`).join(', ')}.`,
    );
  }
  if (made.failure) lines.push(`Gmail stopped with: ${made.failure}`);
  return lines.join('\n\n');
}

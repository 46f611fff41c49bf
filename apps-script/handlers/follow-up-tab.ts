/**
 * The `Follow-up` tab (DESIGN §7): the R12 list for the next meeting, one row per action with
 * `Action ID` first, overdue first, with the reasons and the owners' names. The tab is the
 * co-chairs' working copy: it is rewritten whole on each run and nothing else reads it.
 */
import { formatShortDate } from '../../schema/dates';
import type { FollowUp, FollowUpItem, FollowUpReason } from '../../schema/rules';
import { count } from '../../schema/rules/wording';
import type { BoardSnapshot } from '../../schema/snapshot';
import type { SheetDates } from '../sheet-dates';
import { ensureColumns, ensureRows, type SheetValue } from '../sheet-io';

export const FOLLOW_UP_TAB = 'Follow-up';

export const FOLLOW_UP_HEADERS = [
  'Action ID',
  'Action',
  'Owners',
  'Reasons',
  'Due date',
  'Days overdue',
  'Status',
  'Raised at meeting',
  'Project ID',
  'Follow-up note',
  'For meeting',
] as const;

const DUE_DATE_COLUMN = FOLLOW_UP_HEADERS.indexOf('Due date') + 1;

/** "Kwabena Mensah-Hart (M07)", and IDs that are not on the roster said as such. */
export function ownerNames(snapshot: BoardSnapshot, ownerIds: readonly string[]): string {
  return ownerIds
    .map((id) => {
      const member = snapshot.memberById.get(id);
      return member ? `${member.name} (${id})` : `${id} (not in the Members tab)`;
    })
    .join(', ');
}

export function reasonInWords(item: FollowUpItem, reason: FollowUpReason, list: FollowUp): string {
  switch (reason) {
    case 'overdue':
      return `Overdue by ${count(item.daysOverdue ?? 0, 'day')}`;
    case 'due before next meeting':
      return `Due before the next meeting (${formatShortDate(list.nextMeetingDate)})`;
    case 'no owner':
      return 'No owner';
    case 'no due date':
      return 'No due date';
  }
}

export function followUpRows(
  snapshot: BoardSnapshot,
  list: FollowUp,
  dates: SheetDates,
): SheetValue[][] {
  return list.items.map((item) => {
    const { action } = item;
    return [
      action.id,
      action.description,
      ownerNames(snapshot, action.ownerIds),
      item.reasons.map((reason) => reasonInWords(item, reason, list)).join('; '),
      action.dueDate ? dates.dateCell(action.dueDate) : '',
      item.daysOverdue ?? '',
      action.status,
      action.meetingId,
      action.projectId ?? '',
      action.followUpNote ?? '',
      list.meeting?.id ?? '',
    ];
  });
}

/**
 * Rewrites the tab with one setValues: the new list, padded with blanks over whatever the
 * previous run left below, so no stale row survives. Columns the co-chairs added to the right
 * of the tool's own are theirs: they move with their Action ID, and the row of an action that
 * has left the list is kept (marked as such) while anything is written in those columns.
 */
export function writeFollowUpTab(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  existing: GoogleAppsScript.Spreadsheet.Sheet | null,
  rows: readonly SheetValue[][],
): GoogleAppsScript.Spreadsheet.Sheet {
  // A new tab goes last, after the board's own tabs.
  const sheet = existing ?? spreadsheet.insertSheet(FOLLOW_UP_TAB, spreadsheet.getNumSheets());
  const width = FOLLOW_UP_HEADERS.length;
  const old: SheetValue[][] =
    existing && sheet.getLastRow() > 0 && sheet.getLastColumn() > 0
      ? (sheet
          .getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn())
          .getValues() as SheetValue[][])
      : [];
  const oldWidth = old[0]?.length ?? 0;
  const extrasOf = (row: readonly SheetValue[] | undefined) => (row ?? []).slice(width, oldWidth);
  const hasExtras = (row: readonly SheetValue[]) =>
    extrasOf(row).some((cell) => cell !== '' && cell !== null);
  const oldById = new Map(old.slice(1).map((row) => [String(row[0] ?? ''), row] as const));
  const listed = new Set(rows.map((row) => String(row[0] ?? '')));
  const kept = old
    .slice(1)
    .filter((row) => !listed.has(String(row[0] ?? '')) && hasExtras(row))
    .map((row) => {
      const copy = [...row];
      copy[FOLLOW_UP_HEADERS.indexOf('Reasons')] = 'No longer to follow up (kept for your notes)';
      return copy;
    });
  const body = [
    ...rows.map((row) => [...row, ...extrasOf(oldById.get(String(row[0] ?? '')))]),
    ...kept,
  ];
  const height = body.length + 1;
  const blockHeight = Math.max(height, old.length);
  const blockWidth = Math.max(width, oldWidth);
  const header: SheetValue[] = [...FOLLOW_UP_HEADERS, ...extrasOf(old[0])];
  const block: SheetValue[][] = [];
  for (let index = 0; index < blockHeight; index++) {
    const row: SheetValue[] = index === 0 ? [...header] : [...(body[index - 1] ?? [])];
    while (row.length < blockWidth) row.push('');
    block.push(row.slice(0, blockWidth));
  }
  ensureRows(sheet, blockHeight);
  ensureColumns(sheet, blockWidth);
  sheet.getRange(1, 1, blockHeight, blockWidth).setValues(block);
  if (!existing) {
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  }
  if (body.length > 0) {
    sheet.getRange(2, DUE_DATE_COLUMN, body.length, 1).setNumberFormat('dd/mm/yyyy');
  }
  return sheet;
}

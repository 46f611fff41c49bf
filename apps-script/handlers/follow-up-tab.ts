/**
 * The `Follow-up` tab (DESIGN §7): the R12 list for the next meeting, one row per action with
 * `Action ID` first, overdue first, with the reasons and the owners' names. It is the
 * co-chairs' working copy in the meeting: they edit `Status` and `Follow-up note`, and may add
 * columns of their own to the right (notes, formulas, checkboxes).
 *
 * So a run never rewrites the tab whole. Each action keeps its row: the tool writes only its
 * own columns, in place, with one setValues, adds rows for newly listed actions, blanks the
 * rows of actions that left the list (unless the co-chairs wrote in them), and then has Sheets
 * sort the rows into list order. Sheets' sort moves each row whole, so the co-chairs' own
 * cells stay with their action, formulas, checkboxes and all, which no copy of values could
 * promise.
 *
 * Edits not yet saved to the Actions tab are never lost: three hidden columns keep what the
 * tool listed (`Status when listed`, `Note when listed`) and the row's place in the list, so a
 * changed Status or note is told apart from a change made in the Actions tab meanwhile, and a
 * new run keeps the co-chairs' value until "Save follow-up to actions" writes it.
 */
import { columnLetters, enumKey, isBlankOrUnticked } from '../../schema/cells';
import { formatShortDate } from '../../schema/dates';
import { ACTION_STATUSES } from '../../schema/layout';
import { normaliseHeader } from '../../schema/parse';
import type { Action } from '../../schema/records';
import type { FollowUp, FollowUpItem, FollowUpReason } from '../../schema/rules';
import { count } from '../../schema/rules/wording';
import type { BoardSnapshot } from '../../schema/snapshot';
import type { SheetDates } from '../sheet-dates';
import {
  asRead,
  type CellWrite,
  ensureColumns,
  ensureRows,
  type SheetValue,
  type TabData,
  writeBlock,
} from '../sheet-io';
import { dropdownRule } from '../validation';

export const FOLLOW_UP_TAB = 'Follow-up';

/** The tool's own columns, in the order a new tab has them. */
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
  'Status when listed',
  'Note when listed',
  'List order',
] as const;
type Header = (typeof FOLLOW_UP_HEADERS)[number];

/** Kept by the tool, hidden: what it listed, so an edit can be told from a change elsewhere. */
const HIDDEN: readonly Header[] = ['Status when listed', 'Note when listed', 'List order'];
const WRAPPED: readonly Header[] = ['Action', 'Owners', 'Reasons', 'Follow-up note'];
/** Widths in pixels for a new tab, so the list reads in a meeting without resizing. */
const WIDTHS: Readonly<Partial<Record<Header, number>>> = {
  'Action ID': 80,
  Action: 340,
  Owners: 200,
  Reasons: 220,
  'Due date': 95,
  'Days overdue': 80,
  Status: 100,
  'Raised at meeting': 110,
  'Project ID': 80,
  'Follow-up note': 280,
  'For meeting': 100,
};
export const KEPT_REASON = 'No longer to follow up (kept for your notes)';

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

// ---------------------------------------------------------------------------------------------
// Reading the tab

/** One row of the tab as the co-chairs left it. */
export interface FollowUpRow {
  /** 0-based index in the tab's values (the sheet row is one more). */
  readonly index: number;
  readonly actionId: string;
  /** As typed in the tab. */
  readonly status: string;
  readonly note: string;
  /** What the tool listed; null in a tab made before these columns existed. */
  readonly listedStatus: string | null;
  readonly listedNote: string | null;
  /** Something is written in one of the co-chairs' own columns. */
  readonly hasOwnCells: boolean;
}

export interface FollowUpSheet {
  readonly tab: TabData | null;
  /** Each tool column's 0-based index (a tab made earlier gets missing ones at its end). */
  readonly columns: ReadonlyMap<Header, number>;
  /** Columns in the tab before this run (the tool's and the co-chairs'). */
  readonly width: number;
  /** Tool columns the tab did not have (all of them for a new tab): added after `width`. */
  readonly added: readonly Header[];
  readonly rows: readonly FollowUpRow[];
}

const text = (value: SheetValue | undefined): string =>
  value === undefined || value === '' ? '' : String(value).trim();

export function readFollowUpSheet(tab: TabData | null): FollowUpSheet {
  const values = tab?.values ?? [];
  const header = values[0] ?? [];
  const found = new Map<string, number>();
  header.forEach((cell, index) => {
    const name = normaliseHeader(text(cell));
    if (name && !found.has(name)) found.set(name, index);
  });
  // Columns in use: the last cell with anything in it, an unticked checkbox (FALSE) included.
  const width = values.reduce((widest, row, index) => {
    let last = row.length;
    while (last > 0 && row[last - 1] === '' && !tab?.formulas?.[index]?.[last - 1]) last--;
    return Math.max(widest, last);
  }, 0);
  const columns = new Map<Header, number>();
  const added: Header[] = [];
  let next = width;
  for (const name of FOLLOW_UP_HEADERS) {
    const index = found.get(normaliseHeader(name));
    if (index === undefined) added.push(name);
    columns.set(name, index ?? next++);
  }
  const tool = new Set(columns.values());
  const hasListed = found.has(normaliseHeader('Status when listed'));
  const at = (row: readonly SheetValue[], name: Header) => text(row[columns.get(name) as number]);
  const rows: FollowUpRow[] = [];
  for (let index = 1; index < values.length; index++) {
    const row = values[index] ?? [];
    const grid = tab?.grid[index] ?? [];
    const hasOwnCells = row.some(
      (_, column) =>
        !tool.has(column) &&
        (Boolean(tab?.formulas?.[index]?.[column]) || !isBlankOrUnticked(grid[column] ?? null)),
    );
    rows.push({
      index,
      actionId: at(row, 'Action ID'),
      status: at(row, 'Status'),
      note: at(row, 'Follow-up note'),
      listedStatus: hasListed ? at(row, 'Status when listed') : null,
      listedNote: hasListed ? at(row, 'Note when listed') : null,
      hasOwnCells,
    });
  }
  return { tab, columns, width, added, rows };
}

/** The same status, however it is typed ("done", " Done "). */
export function sameStatus(a: string, b: string): boolean {
  return enumKey(a) === enumKey(b);
}

export interface PendingEdit {
  readonly row: FollowUpRow;
  readonly statusEdited: boolean;
  readonly noteEdited: boolean;
}

/**
 * The row's edits that the Actions tab does not have yet: a Status or note that differs from
 * what was listed and from what the action now says. A tab from before the listed columns
 * existed cannot tell an edit from the list, so it has none.
 */
export function pendingEdit(row: FollowUpRow, action: Action | undefined): PendingEdit | null {
  if (row.listedStatus === null || row.listedNote === null || !row.actionId) return null;
  const statusEdited =
    !sameStatus(row.status, row.listedStatus) && !sameStatus(row.status, action?.status ?? '');
  const noteEdited = row.note !== row.listedNote && row.note !== (action?.followUpNote ?? '');
  return statusEdited || noteEdited ? { row, statusEdited, noteEdited } : null;
}

// ---------------------------------------------------------------------------------------------
// Writing the tab

export interface WrittenFollowUp {
  readonly sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** The sheet row of each listed action, after the sort (list order from row 2). */
  readonly rowOf: ReadonlyMap<string, number>;
  /** Rows kept for the co-chairs' notes or unsaved edits, after the listed ones. */
  readonly kept: number;
  /** Listed or kept rows whose unsaved edits were kept as typed. */
  readonly pending: readonly PendingEdit[];
  readonly statusColumn: number;
}

export function writeFollowUpTab(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  current: FollowUpSheet,
  snapshot: BoardSnapshot,
  list: FollowUp,
  dates: SheetDates,
): WrittenFollowUp {
  const { tab, columns } = current;
  // A new tab goes last, after the board's own tabs.
  const sheet = tab?.sheet ?? spreadsheet.insertSheet(FOLLOW_UP_TAB, spreadsheet.getNumSheets());
  const column = (name: Header) => columns.get(name) as number;
  const toolWidth = Math.max(...columns.values()) + 1;
  const oldHeight = tab?.values.length ?? 0;

  // Each listed action keeps the row it has (the first, if the co-chairs copied one).
  const rowByAction = new Map<string, FollowUpRow>();
  for (const row of current.rows) {
    if (row.actionId && !rowByAction.has(row.actionId)) rowByAction.set(row.actionId, row);
  }
  const listed = new Set(list.items.map((item) => item.action.id));
  const cells = new Map<number, Partial<Record<Header, CellWrite>>>();
  const pending: PendingEdit[] = [];
  let appended = Math.max(oldHeight, 1);
  list.items.forEach((item, order) => {
    const { action } = item;
    const old = rowByAction.get(action.id);
    const index = old?.index ?? appended++;
    const edit = old ? pendingEdit(old, action) : null;
    if (edit) pending.push(edit);
    cells.set(index, {
      'Action ID': action.id,
      Action: action.description,
      Owners: ownerNames(snapshot, action.ownerIds),
      Reasons: item.reasons.map((reason) => reasonInWords(item, reason, list)).join('; '),
      'Due date': action.dueDate ? dates.dateCell(action.dueDate) : '',
      'Days overdue': item.daysOverdue ?? '',
      Status: edit ? (old?.status ?? '') : action.status,
      'Raised at meeting': action.meetingId,
      'Project ID': action.projectId ?? '',
      'Follow-up note': edit ? (old?.note ?? '') : (action.followUpNote ?? ''),
      'For meeting': list.meeting?.id ?? '',
      'Status when listed': edit ? (old?.listedStatus ?? '') : action.status,
      'Note when listed': edit ? (old?.listedNote ?? '') : (action.followUpNote ?? ''),
      'List order': order + 1,
    });
  });
  // Rows of actions that left the list: kept while the co-chairs have something in them.
  let kept = 0;
  for (const row of current.rows) {
    if (cells.has(row.index)) continue;
    const isListedElsewhere = listed.has(row.actionId) && rowByAction.get(row.actionId) !== row;
    const edit = isListedElsewhere ? null : pendingEdit(row, snapshot.actionById.get(row.actionId));
    if (edit) pending.push(edit);
    if (edit || row.hasOwnCells) {
      kept++;
      cells.set(row.index, { Reasons: KEPT_REASON, 'List order': list.items.length + kept });
    } else {
      cells.set(
        row.index,
        Object.fromEntries(FOLLOW_UP_HEADERS.map((name) => [name, ''])) as Record<Header, ''>,
      );
    }
  }

  // One block over the tool's columns, from the header row to the last row: the tool's cells
  // from `cells`, every other cell as read (an officer's formula goes back as the formula).
  const height = Math.max(appended, oldHeight);
  const toolColumns = new Map([...columns].map(([name, index]) => [index, name] as const));
  const block: CellWrite[][] = [];
  for (let index = 0; index < height; index++) {
    const row: CellWrite[] = [];
    for (let c = 0; c < toolWidth; c++) {
      const name = toolColumns.get(c);
      const written = name === undefined ? undefined : cells.get(index)?.[name];
      if (index === 0 && name !== undefined) row.push(name);
      else if (written !== undefined) row.push(written);
      else if (tab && index < oldHeight) row.push(asRead(tab, index, c));
      else row.push('');
    }
    block.push(row);
  }
  ensureRows(sheet, Math.max(height, 2));
  ensureColumns(sheet, toolWidth);
  writeBlock(sheet, 1, 1, block);

  // Sheets sorts the rows into list order, moving each row whole: blank rows go last.
  const fullWidth = Math.max(toolWidth, current.width);
  const dataRows = Math.max(height - 1, 1);
  sheet
    .getRange(2, 1, dataRows, fullWidth)
    .sort({ column: column('List order') + 1, ascending: true });
  formatTab(sheet, columns, current.added, dataRows, fullWidth);

  const rowOf = new Map(list.items.map((item, order) => [item.action.id, order + 2] as const));
  return { sheet, rowOf, kept, pending, statusColumn: column('Status') + 1 };
}

/**
 * Readable in a meeting: header bold and frozen, long text wrapped and top-aligned, the due
 * date as a date, a Status dropdown, and a filter so the co-chairs can sort or pick by owner
 * (Data > Filter views keep their own views). Widths and hidden columns are set on a new tab
 * only, so a co-chair's own resizing survives the next run.
 */
function formatTab(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  columns: ReadonlyMap<Header, number>,
  added: readonly Header[],
  dataRows: number,
  width: number,
): void {
  const at = (name: Header) => (columns.get(name) as number) + 1;
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
  sheet.getRange(1, 1, dataRows + 1, width).setVerticalAlignment('top');
  sheet
    .getRangeList(
      WRAPPED.map((name) => {
        const letters = columnLetters(at(name) - 1);
        return `${letters}1:${letters}${dataRows + 1}`;
      }),
    )
    .setWrap(true);
  sheet.getRange(2, at('Due date'), dataRows, 1).setNumberFormat('dd/mm/yyyy');
  sheet.getRange(2, at('Status'), dataRows, 1).setDataValidation(dropdownRule(ACTION_STATUSES));
  for (const name of added) {
    const pixels = WIDTHS[name];
    if (pixels !== undefined) sheet.setColumnWidth(at(name), pixels);
  }
  // Hidden once, when added: a co-chair who shows them again is not overruled.
  for (const name of HIDDEN) if (added.includes(name)) sheet.hideColumns(at(name));
  const filter = sheet.getFilter();
  const filtered = filter?.getRange();
  if (
    filter &&
    filtered &&
    filtered.getRow() === 1 &&
    filtered.getLastRow() >= dataRows + 1 &&
    filtered.getNumColumns() >= width
  ) {
    return;
  }
  filter?.remove();
  sheet.getRange(1, 1, dataRows + 1, width).createFilter();
}

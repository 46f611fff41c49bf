/**
 * "Save follow-up to actions" (DESIGN §7): the co-chairs' edits in the Follow-up tab go to the
 * Actions tab: `Status`, `Follow-up note`, `Last followed up` = the day saved, and `Completed
 * on` when an action becomes Done. Then the list is made again from the saved board.
 *
 * An edit is a Status or note that differs from what the list showed (the tab's hidden
 * "when listed" columns). When the Actions tab has changed that same cell since the list was
 * made, the edit is not saved over it: both stay as they are, and the sidebar says which to
 * settle. Everything is read once and written once, under the document lock.
 */
import { columnLetters, readEnum } from '../../schema/cells';
import { formatShortDate, isoDateToSerial } from '../../schema/dates';
import type { RawCell } from '../../schema/grid';
import { ACTION_STATUSES } from '../../schema/layout';
import type { Action } from '../../schema/records';
import { followUp } from '../../schema/rules';
import { count } from '../../schema/rules/wording';
import { cellLinks, escapeHtml } from '../html';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import {
  asRead,
  BoardWorkbook,
  type CellWrite,
  requireUsable,
  type TabData,
  writeBlock,
} from '../sheet-io';
import { listSummary, showFollowUpSidebar } from './follow-up';
import {
  FOLLOW_UP_TAB,
  type FollowUpRow,
  pendingEdit,
  readFollowUpSheet,
  sameStatus,
  writeFollowUpTab,
} from './follow-up-tab';

/** What one action gets, by Actions column key. */
interface Save {
  readonly action: Action;
  readonly status: (typeof ACTION_STATUSES)[number] | null;
  readonly note: string | null;
}

export function saveFollowUpToActions(context: MenuContext): void {
  const { today } = context;
  const links = cellLinks(context.spreadsheet);
  const outcome = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const names = ['Settings', 'Members', 'Meetings', 'Actions'] as const;
    const board = workbook.readBoard(names, { Actions: { formulas: true } });
    const actionsTab = requireUsable(board, 'Actions');
    const current = readFollowUpSheet(workbook.readTab(FOLLOW_UP_TAB, { formulas: true }));
    if (!current.tab) return null;
    const followUpSheet = current.tab.sheet;
    const columns = board.snapshot.columnIndex.get('Actions') ?? new Map<string, number>();
    const problems: string[] = [];
    const where = (row: FollowUpRow, column: 'Status' | 'Follow-up note' | 'Action ID') =>
      links.link(
        followUpSheet,
        `${columnLetters(current.columns.get(column) as number)}${row.index + 1}`,
      );

    const saves: Save[] = [];
    for (const row of current.rows) {
      const action = board.snapshot.actionById.get(row.actionId);
      const edit = pendingEdit(row, action);
      if (!edit) continue;
      if (!action) {
        problems.push(
          `${where(row, 'Action ID')}: "${escapeHtml(row.actionId)}" is not an action in the Actions tab, so its edit was not saved.`,
        );
        continue;
      }
      let status: Save['status'] = null;
      if (edit.statusEdited) {
        const reading = readEnum(row.status || ' ', ACTION_STATUSES);
        if (!row.status || !reading.ok) {
          problems.push(
            `${where(row, 'Status')}: "${escapeHtml(row.status)}" is not a status (${ACTION_STATUSES.join(', ')}), so it was not saved.`,
          );
        } else if (!sameStatus(action.status, row.listedStatus ?? '')) {
          problems.push(
            `${where(row, 'Status')}: ${escapeHtml(action.id)} was changed to ${escapeHtml(action.status)} in the Actions tab (${links.link(actionsTab.sheet, cellOf(columns, 'status', action.row))}) after the list was made, so "${escapeHtml(row.status)}" was not saved over it. Choose one and make the two the same.`,
          );
        } else {
          status = reading.value as Save['status'];
        }
      }
      let note: string | null = null;
      if (edit.noteEdited) {
        if (!columns.has('followUpNote')) {
          problems.push(
            `${where(row, 'Follow-up note')}: the Actions tab has no "Follow-up note" column, so the note was not saved ("Set up board sheets" adds it).`,
          );
        } else if ((action.followUpNote ?? '') !== (row.listedNote ?? '')) {
          problems.push(
            `${where(row, 'Follow-up note')}: the note of ${escapeHtml(action.id)} was changed in the Actions tab (${links.link(actionsTab.sheet, cellOf(columns, 'followUpNote', action.row))}) after the list was made, so this note was not saved over it.`,
          );
        } else {
          note = row.note;
        }
      }
      if (status !== null || note !== null) saves.push({ action, status, note });
    }

    const grid = saveToActions(actionsTab, columns, saves, today, workbook);
    const saved = workbook.boardOf(names, board.tabs, { Actions: grid });
    const list = followUp(saved.snapshot, today);
    const written = writeFollowUpTab(
      context.spreadsheet,
      current,
      saved.snapshot,
      list,
      workbook.dates,
    );
    return {
      snapshot: saved.snapshot,
      list,
      written,
      actionsSheet: actionsTab.sheet,
      saves,
      problems,
    };
  });

  if (!outcome) {
    context.ui.alert(
      context.title,
      `There is no ${FOLLOW_UP_TAB} tab to save yet. Use "Follow up actions" first, change Status and Follow-up note there, then save.`,
      context.ui.ButtonSet.OK,
    );
    return;
  }
  const { saves, problems } = outcome;
  const done = saves.filter((save) => save.status === 'Done').length;
  showFollowUpSidebar(
    context,
    outcome,
    [
      saves.length > 0
        ? `Saved the follow-up of ${count(saves.length, 'action')} to the Actions tab (${saves
            .map((save) => save.action.id)
            .join(
              ', ',
            )}): Status and Follow-up note as edited, and "Last followed up" ${formatShortDate(context.today)}${
            done > 0
              ? `; ${count(done, 'action')} now Done ${done === 1 ? 'has' : 'have'} "Completed on" today`
              : ''
          }.`
        : problems.length > 0
          ? 'Nothing was saved: the edits below need sorting out first.'
          : 'There were no edits to save: every Status and Follow-up note in the Follow-up tab is as listed.',
      ...listSummary(outcome.list, outcome.written),
    ],
    problems,
    links,
  );
}

/**
 * One setValues over the rows from the first to the last saved action and the columns from the
 * first to the last written: saved cells get their new values, every other cell goes back as
 * it was read (a formula as its formula). Returns the Actions grid as it now is, for the
 * refreshed list.
 */
function saveToActions(
  tab: TabData,
  columns: ReadonlyMap<string, number>,
  saves: readonly Save[],
  today: string,
  workbook: BoardWorkbook,
): readonly (readonly RawCell[])[] {
  if (saves.length === 0) return tab.grid;
  const stamp = workbook.dates.dateCell(today);
  const serial = isoDateToSerial(today);
  const updates = new Map<string, { write: CellWrite; raw: RawCell }>();
  const set = (row: number, key: string, write: CellWrite, raw: RawCell) => {
    const column = columns.get(key);
    if (column !== undefined) updates.set(`${row - 1},${column}`, { write, raw });
  };
  for (const { action, status, note } of saves) {
    if (status !== null) {
      set(action.row, 'status', status, status);
      if (status === 'Done' && action.status !== 'Done')
        set(action.row, 'completedOn', stamp, serial);
    }
    if (note !== null) set(action.row, 'followUpNote', note, note === '' ? null : note);
    set(action.row, 'lastFollowedUp', stamp, serial);
  }
  const positions = [...updates.keys()].map(
    (position) => position.split(',').map(Number) as [number, number],
  );
  const firstRow = Math.min(...positions.map(([row]) => row));
  const lastRow = Math.max(...positions.map(([row]) => row));
  const firstColumn = Math.min(...positions.map(([, column]) => column));
  const lastColumn = Math.max(...positions.map(([, column]) => column));
  const block: CellWrite[][] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const cells: CellWrite[] = [];
    for (let column = firstColumn; column <= lastColumn; column++) {
      cells.push(updates.get(`${row},${column}`)?.write ?? asRead(tab, row, column));
    }
    block.push(cells);
  }
  writeBlock(tab.sheet, firstRow + 1, firstColumn + 1, block);

  const grid = tab.grid.map((cells) => [...cells]);
  for (const [position, { raw }] of updates) {
    const [row, column] = position.split(',').map(Number) as [number, number];
    const cells = grid[row] as RawCell[];
    while (cells.length <= column) cells.push(null);
    cells[column] = raw;
  }
  return grid;
}

function cellOf(columns: ReadonlyMap<string, number>, key: string, row: number): string {
  return `${columnLetters(columns.get(key) ?? 0)}${row}`;
}

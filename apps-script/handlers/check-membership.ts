/**
 * "Check membership": the data issues and the membership rules (R1-R11 and R16-R18, the same list the
 * server's `membershipCheck` gives), in a dialog with the cell to fix, and as a note on each
 * offending cell. Notes the check added before and that no longer apply are cleared.
 */
import { checkReport } from '../../schema/check-report';
import { TAB_NAMES, type TabName } from '../../schema/layout';
import { membershipCheck } from '../../schema/rules';
import { showDialog } from '../html';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import { BoardWorkbook } from '../sheet-io';
import { type NoteTarget, parseA1, updatedNotes } from './check-notes';
import { checkReportHtml, noteText } from './check-report';

export function checkMembership(context: MenuContext): void {
  const report = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const board = workbook.readBoard(TAB_NAMES);
    const findings = membershipCheck(board.snapshot, context.today);
    const report = checkReport(board.snapshot, board.issues, findings, context.today);

    // In the order found (data issues, then rules in order), not row order: a cell that two
    // entries name lists them in that order, whichever row each entry is mainly about.
    const targets = new Map<TabName, NoteTarget[]>();
    for (const entry of report.entries) {
      const tab = TAB_NAMES.find((name) => name === entry.sheet);
      if (!tab || !entry.cell) continue;
      const list = targets.get(tab) ?? [];
      for (const cell of [entry.cell, ...entry.alsoAt].map(parseA1)) {
        if (cell) list.push({ ...cell, text: noteText(entry) });
      }
      targets.set(tab, list);
    }
    // Every tab that was read gets its notes refreshed, so stale ones are cleared too.
    for (const [name, tab] of board.tabs) {
      const notes = updatedNotes(tab.range.getNotes(), targets.get(name) ?? []);
      if (notes) tab.range.setNotes(notes);
    }
    return report;
  });
  showDialog(context.ui, checkReportHtml(report), context.title, true);
}

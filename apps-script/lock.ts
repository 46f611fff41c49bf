/**
 * Every handler writes while holding the document lock, so two people clicking menu items at
 * once cannot both append the same meeting or interleave their writes. Reads that decide what
 * to write happen inside the lock too; dialogs that wait for a person never do.
 */
import { BoardSheetError } from './board-error';

const WAIT_MS = 30_000;

export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) {
    throw new BoardSheetError(
      'The menu must run from inside the board spreadsheet (Extensions > Apps Script), not as a separate script.',
    );
  }
  try {
    lock.waitLock(WAIT_MS);
  } catch {
    throw new BoardSheetError(
      'Someone else is updating the board sheets right now. Wait a minute and try again.',
    );
  }
  try {
    const result = work();
    // Writes are batched until the script ends; flush them before anyone else may read.
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}

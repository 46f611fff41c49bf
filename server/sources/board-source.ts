import type { WorkbookGrids } from '../../schema/grid';
import type { TabName } from '../../schema/layout';
import type { BoardSnapshot } from '../../schema/snapshot';

/**
 * Where the board's workbook comes from. Every source returns the same raw grids (the shape
 * the Sheets API gives with UNFORMATTED_VALUE and SERIAL_NUMBER dates), so everything after
 * this point is the same whether the board lives in Google Sheets or in a local .xlsx file.
 */
export interface BoardSource {
  /** Names the source for people: "workbook demo-board.xlsx", "Google spreadsheet 1AbC…". */
  readonly description: string;
  /**
   * Reads every tab, once (no retries: the snapshot cache owns the retry policy). Rejects with
   * a `SourceError` whose message an officer can act on. May resolve to the very same grids
   * object as last time when the source knows nothing changed (a local file with the same
   * modification time), so the caller can skip rebuilding the snapshot.
   */
  readGrids(): Promise<WorkbookGrids>;
  /**
   * Reads the board and builds its snapshot without holding up the thread that serves
   * requests (in a worker thread), for the server's snapshot cache, which then uses this
   * instead of `readGrids`. Resolves to the very same snapshot object as last time when the
   * board has not changed, so nothing is built. Same errors as `readGrids`.
   */
  readSnapshot?(): Promise<BoardSnapshot>;
  /**
   * Adds one row at the end of a tab, each value under the header of the same name (headers
   * found as the parser finds them). Only `recordCirculation` writes, and only to Circulation.
   * Sources that cannot write leave this out.
   */
  appendRow?(tab: TabName, valuesByHeader: Readonly<Record<string, string>>): Promise<void>;
}

/** A failed read, saying whether trying again later can help (429, 5xx, timeouts) or not. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The HTTP status from the upstream API, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }
}

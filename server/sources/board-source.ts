import type { WorkbookGrids } from '../../schema/grid';

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

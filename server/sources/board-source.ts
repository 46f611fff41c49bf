import type { WorkbookGrids } from '../../schema/grid';

/**
 * Where the board's workbook comes from. Every source returns the same raw grids (the shape
 * the Sheets API gives with UNFORMATTED_VALUE and SERIAL_NUMBER dates), so everything after
 * this point is the same whether the board lives in Google Sheets or in a local .xlsx file.
 */
export interface BoardSource {
  /** Names the source for people: "workbook demo-board.xlsx", "Google spreadsheet 1AbC…". */
  readonly description: string;
  /** Reads every tab. Rejects with an error whose message an officer can act on. */
  readGrids(): Promise<WorkbookGrids>;
}

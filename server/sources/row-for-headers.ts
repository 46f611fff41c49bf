import type { RawGrid, WorkbookGrids } from '../../schema/grid';
import { type TabName, tabSpec } from '../../schema/layout';
import { findTab, mapHeaders } from '../../schema/parse';
import { SourceError } from './board-source';

export interface PlacedRow {
  /** The tab's name as written in the workbook. */
  readonly tab: string;
  /** 1-based sheet row the new row goes in: the one after the last row with anything in it. */
  readonly rowNumber: number;
  /** Cells from column A, each value under its header; null where nothing is written. */
  readonly cells: readonly (string | null)[];
}

/**
 * Where a new row goes and which column each value goes in, found the way the parser finds
 * headers (by name, in any order), so that what is written reads back as written.
 */
export function placeRow(
  grids: WorkbookGrids,
  tabName: TabName,
  valuesByHeader: Readonly<Record<string, string>>,
): PlacedRow {
  const tab = findTab(grids, tabName);
  if (!tab) {
    throw new SourceError(
      `The workbook has no "${tabName}" tab to write to. Add it (the menu item "Set up board sheets" does this).`,
      false,
    );
  }
  const spec = tabSpec(tabName);
  const headers = mapHeaders(tabName, tab.grid, spec);
  if (headers.missingRequired.length > 0) {
    throw new SourceError(
      `The ${tabName} tab has no ${headers.missingRequired.map((column) => `"${column.header}"`).join(', ')} header, so nothing can be written to it.`,
      false,
    );
  }
  const cells: (string | null)[] = [];
  for (const [column, index] of headers.columns) {
    const value = valuesByHeader[column.header];
    if (value === undefined) continue;
    while (cells.length <= index) cells.push(null);
    cells[index] = value;
  }
  return { tab: tab.name, rowNumber: lastUsedRow(tab.grid) + 1, cells };
}

function lastUsedRow(grid: RawGrid): number {
  let row = grid.length;
  while (row > 0 && (grid[row - 1] ?? []).every((cell) => cell === null || cell === '')) row--;
  return row;
}

import { isBlankOrUnticked } from '../../schema/cells';
import type { RawGrid, WorkbookGrids } from '../../schema/grid';
import { type TabName, tabSpec } from '../../schema/layout';
import { findTab, mapHeaders } from '../../schema/parse';
import { SourceError } from './board-source';

export interface PlacedRow {
  /** The tab's name as written in the workbook. */
  readonly tab: string;
  /** 1-based sheet row the new row goes in: the first after the last row with data in it. */
  readonly rowNumber: number;
  /** Cells from column A, each value under its header; null where nothing is written. */
  readonly cells: readonly (string | null)[];
  /** The 1-based row that already holds the new row's ID, if one does. */
  readonly duplicateOfRow?: number | undefined;
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
  return {
    tab: tab.name,
    rowNumber: lastUsedRow(tab.grid) + 1,
    cells,
    duplicateOfRow: duplicateIdRow(
      tab.grid,
      headers.headerRow,
      spec,
      headers.columns,
      valuesByHeader,
    ),
  };
}

/**
 * The row that already has the new row's ID, if any. The caller planned the row on a snapshot
 * read a while ago; another process (or an officer) may have added that ID since, and IDs are
 * unique per tab (DESIGN §2): a second row with it would be a data issue, and its record lost.
 */
function duplicateIdRow(
  grid: RawGrid,
  headerRow: number,
  spec: ReturnType<typeof tabSpec>,
  columns: ReadonlyMap<ReturnType<typeof tabSpec>['columns'][number], number>,
  valuesByHeader: Readonly<Record<string, string>>,
): number | undefined {
  const idSpec = spec.columns.find((column) => column.key === spec.idKey);
  const index = idSpec ? columns.get(idSpec) : undefined;
  const id = idSpec ? valuesByHeader[idSpec.header]?.trim() : undefined;
  if (index === undefined || !id) return undefined;
  for (let row = headerRow + 1; row < grid.length; row++) {
    const cell = grid[row]?.[index];
    if (cell !== null && cell !== undefined && String(cell).trim() === id) return row + 1;
  }
  return undefined;
}

/**
 * The last row with data, 1-based. A row of blanks and unticked checkboxes is blank, as the
 * parser reads it (a checkbox column runs to the sheet's end with FALSE): the new row fills
 * the first such row after the data, keeping its boxes, rather than going below them all.
 */
function lastUsedRow(grid: RawGrid): number {
  let row = grid.length;
  while (row > 0 && (grid[row - 1] ?? []).every((cell) => isBlankOrUnticked(cell))) row--;
  return row;
}

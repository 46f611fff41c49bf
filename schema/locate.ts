/**
 * Which cell a finding is about, so that the check command can print `Members!A5` and the
 * sheet menu can put a note on it. Each rule says which rows and columns its finding is about
 * (`Finding.cells`); the snapshot knows where each column is in the sheet.
 */
import { a1 } from './cells';
import type { Finding, FindingCell } from './rules/finding';
import type { BoardSnapshot } from './snapshot';
import type { TabName } from './values';

export interface CellLocation {
  readonly sheet: TabName;
  readonly cell: string;
  readonly row: number;
}

/** A record's cell by its column key; the row's ID cell when that column is not in the sheet. */
export function cellOf(
  snapshot: BoardSnapshot,
  sheet: TabName,
  row: number,
  key: string,
): CellLocation {
  const columns = snapshot.columnIndex.get(sheet);
  return { sheet, cell: a1(row - 1, columns?.get(key) ?? columns?.get('id') ?? 0), row };
}

/** Every cell a finding marks, the one where it is shown first. */
export function findingLocations(snapshot: BoardSnapshot, finding: Finding): CellLocation[] {
  return finding.cells.map((target: FindingCell) =>
    cellOf(snapshot, target.tab, target.row, target.key),
  );
}

/** Where a finding is shown, or null for a finding about the whole board. */
export function locateFinding(snapshot: BoardSnapshot, finding: Finding): CellLocation | null {
  return findingLocations(snapshot, finding)[0] ?? null;
}

/**
 * The demo board for the pack tests, and small helpers to change one cell of its grids and
 * rebuild the snapshot, the way an officer's edit to the sheet would reach the builder.
 */
import { readFileSync } from 'node:fs';
import type { RawCell, RawGrid, WorkbookGrids } from '../schema/grid';
import { buildCirculationPack, type CirculationPack, type PackRequest } from '../schema/packs';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import { DEMO_BOARD_PATH } from '../scripts/generate-demo-board';
import { readXlsxGrids } from '../server/sources/xlsx-grids';

/** Held, with five actions agreed, earlier actions open, overdue and done, and redacted people. */
export const GOLDEN_MEETING = 'MT-2026-10';

let grids: WorkbookGrids | undefined;
let snapshot: BoardSnapshot | undefined;

export function demoGrids(): WorkbookGrids {
  grids ??= readXlsxGrids(new Uint8Array(readFileSync(DEMO_BOARD_PATH)));
  return grids;
}

export function demoSnapshot(): BoardSnapshot {
  snapshot ??= buildSnapshot(demoGrids());
  return snapshot;
}

export function packFor(board: BoardSnapshot, request: Partial<PackRequest> = {}): CirculationPack {
  return buildCirculationPack(board, {
    meetingId: GOLDEN_MEETING,
    audience: 'Borough Partnership',
    format: 'HTML',
    easyRead: false,
    ...request,
  });
}

/** Every format of a pack: standard and easy read, HTML and text. */
export function allFormats(board: BoardSnapshot, request: Partial<PackRequest> = {}) {
  return (['HTML', 'TEXT'] as const).flatMap((format) =>
    [false, true].map((easyRead) => packFor(board, { ...request, format, easyRead })),
  );
}

function columnOf(grid: RawGrid, header: string): number {
  const column = (grid[0] ?? []).findIndex((cell) => String(cell).trim() === header);
  if (column < 0) throw new Error(`No "${header}" header`);
  return column;
}

/** The demo grids with one cell changed: the `header` cell of the row whose first cell is `id`. */
export function withCell(
  tab: string,
  id: string,
  header: string,
  value: RawCell,
  from: WorkbookGrids = demoGrids(),
): WorkbookGrids {
  const grid = from[tab] ?? [];
  const column = columnOf(grid, header);
  const rowIndex = grid.findIndex((row, index) => index > 0 && row[0] === id);
  if (rowIndex < 0) throw new Error(`No row "${id}" in ${tab}`);
  const changed = grid.map((row, index) => {
    if (index !== rowIndex) return row;
    const cells = [...row];
    while (cells.length <= column) cells.push(null);
    cells[column] = value;
    return cells;
  });
  return { ...from, [tab]: changed };
}

/** The demo grids with a header renamed, so the tab lacks a required column. */
export function withHeaderRenamed(tab: string, header: string, to: string): WorkbookGrids {
  const grid = demoGrids()[tab] ?? [];
  const column = columnOf(grid, header);
  const headerRow = [...(grid[0] ?? [])];
  headerRow[column] = to;
  return { ...demoGrids(), [tab]: [headerRow, ...grid.slice(1)] };
}

export function withoutTab(tab: string): WorkbookGrids {
  const { [tab]: _removed, ...rest } = demoGrids();
  return rest;
}

export const FEEDBACK_HEADERS = [
  'Feedback ID',
  'Date raised',
  'Meeting ID',
  'Project ID',
  'You said',
  'Raised by',
  'We did',
  'Status',
  'Reason',
  'Reported back on',
] as const;

type FeedbackRow = Partial<Record<(typeof FEEDBACK_HEADERS)[number], RawCell>>;

/** The demo grids with a Feedback tab of these rows (replacing any the demo has). */
export function withFeedback(rows: readonly FeedbackRow[], from: WorkbookGrids = demoGrids()) {
  const grid: RawGrid = [
    [...FEEDBACK_HEADERS],
    ...rows.map((row) => FEEDBACK_HEADERS.map((header) => row[header] ?? null)),
  ];
  return { ...from, Feedback: grid };
}

/** The demo grids with one Settings value set (added when the key is not there). */
export function withSetting(key: string, value: RawCell, from: WorkbookGrids = demoGrids()) {
  const settings = (from.Settings ?? []).filter((row) => row[0] !== key);
  return { ...from, Settings: [...settings, [key, value]] };
}

/** The demo grids without a Settings key, so its default applies. */
export function withoutSetting(key: string, from: WorkbookGrids = demoGrids()) {
  return { ...from, Settings: (from.Settings ?? []).filter((row) => row[0] !== key) };
}

/**
 * Raw grid → typed records + data issues, for one tab. Headers are found by name, never by
 * position; each cell is read by its column's kind; a row with a blank or unreadable required
 * cell is left out (with an error naming the cell), an unreadable optional cell is left blank
 * (with a warning), and every good row is returned.
 */

import type * as z from 'zod';
import {
  a1,
  type CellReading,
  type DateOrder,
  type FilledCell,
  formulaProblem,
  isBlank,
  isBlankOrUnticked,
  readDate,
  readDateTime,
  readEnum,
  readEnumList,
  readList,
  readNumber,
  readText,
  readTime,
  readYesNo,
} from './cells';
import type { BoardTab, CellKind, ColumnSpec, TabSpec } from './columns';
import type { RawCell, RawGrid, WorkbookGrids } from './grid';
import { cellLabel, type DataIssue } from './issues';
import { closestHeader } from './near-miss';
import { unusableTabReason } from './unusable-tab';
import type { TabName } from './values';

export interface ParsedTab<Row> {
  readonly name: TabName;
  /** False when the tab is missing or lacks a required header: its rows are not read. */
  readonly usable: boolean;
  /** Required headers the tab lacks (empty when the tab itself is missing). */
  readonly missingHeaders: readonly string[];
  readonly records: readonly Row[];
  /** IDs of rows that were left out because of errors, so references to them are not re-reported. */
  readonly rejectedIds: ReadonlySet<string>;
  /** Column key → 0-based column index in the sheet, for naming cells later. */
  readonly columnIndex: ReadonlyMap<string, number>;
  readonly issues: readonly DataIssue[];
}

/** How many rows from the top to search for the header row (officers add title rows). */
const HEADER_SEARCH_ROWS = 10;

export function normaliseHeader(header: string): string {
  return header.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Finds a tab by name: exactly, or trimmed and case-insensitively ("members " is Members). */
export function findTab(
  grids: WorkbookGrids,
  name: string,
): { name: string; grid: RawGrid } | null {
  const exact = grids[name];
  if (exact) return { name, grid: exact };
  const wanted = normaliseHeader(name);
  const found = Object.keys(grids).find((tab) => normaliseHeader(tab) === wanted);
  return found === undefined ? null : { name: found, grid: grids[found] as RawGrid };
}

export interface HeaderMap {
  /** 0-based index of the header row. */
  readonly headerRow: number;
  /** For each column spec present in the sheet, its 0-based column index. */
  readonly columns: ReadonlyMap<ColumnSpec, number>;
  readonly missingRequired: readonly ColumnSpec[];
  /** Missing board columns whose header is nearly there: the cell and what is written in it. */
  readonly nearMisses: ReadonlyMap<ColumnSpec, { readonly cell: string; readonly written: string }>;
  readonly issues: readonly DataIssue[];
}

/** Locates the header row and maps each known header to its column. */
export function mapHeaders(sheet: string, grid: RawGrid, spec: TabSpec): HeaderMap {
  const byName = new Map(spec.columns.map((column) => [normaliseHeader(column.header), column]));
  const matches = (row: readonly RawCell[]) =>
    row.filter((cell) => typeof cell === 'string' && byName.has(normaliseHeader(cell))).length;
  const enough = Math.min(2, spec.columns.length);
  const searched = grid.slice(0, HEADER_SEARCH_ROWS);
  const found = searched.findIndex((row) => matches(row) >= enough);
  const headerRow = found === -1 ? 0 : found;
  const header = grid[headerRow] ?? [];

  const columns = new Map<ColumnSpec, number>();
  const issues: DataIssue[] = [];
  header.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const column = byName.get(normaliseHeader(cell));
    if (!column) return;
    if (columns.has(column)) {
      issues.push({
        sheet,
        cell: a1(headerRow, index),
        row: headerRow + 1,
        column: column.header,
        message: `The header "${column.header}" appears twice; only the first one (${a1(headerRow, columns.get(column) as number)}) is read. Rename or remove this copy.`,
        severity: 'warning',
      });
      return;
    }
    columns.set(column, index);
  });
  const missingRequired = spec.columns.filter((column) => column.required && !columns.has(column));
  const nearMisses = findNearMisses(sheet, header, headerRow, spec, columns, issues);
  return { headerRow, columns, missingRequired, nearMisses, issues };
}

/**
 * Headers that are not board columns but nearly match a missing one. Each is a warning naming
 * its cell, and, where a rule relies on that column, what cannot be judged until it is renamed.
 */
function findNearMisses(
  sheet: string,
  header: readonly RawCell[],
  headerRow: number,
  spec: TabSpec,
  present: ReadonlyMap<ColumnSpec, number>,
  issues: DataIssue[],
): Map<ColumnSpec, { cell: string; written: string }> {
  const known = new Set(spec.columns.map((column) => normaliseHeader(column.header)));
  const missing = spec.columns.filter((column) => !present.has(column));
  const nearMisses = new Map<ColumnSpec, { cell: string; written: string }>();
  header.forEach((cell, index) => {
    if (typeof cell !== 'string' || isBlank(cell) || known.has(normaliseHeader(cell))) return;
    const column = closestHeader(cell, missing);
    if (!column || nearMisses.has(column)) return;
    const written = cell.trim();
    const where = a1(headerRow, index);
    nearMisses.set(column, { cell: where, written });
    issues.push({
      sheet,
      cell: where,
      row: headerRow + 1,
      column: column.header,
      message: `"${written}" is not a board column; did you mean "${column.header}"? Its values are ignored until it is renamed.${
        column.neededFor ? ` Until then the board cannot tell ${column.neededFor}.` : ''
      }`,
      severity: 'warning',
    });
  });
  return nearMisses;
}

/** Parses one tab of the workbook. */
export function parseTab<Row extends z.ZodObject>(
  grids: WorkbookGrids,
  spec: BoardTab<TabName, Row>,
  dateOrder: DateOrder,
): ParsedTab<Readonly<z.output<Row>>> {
  const tab = findTab(grids, spec.name);
  if (!tab) {
    return unusable(
      spec.name,
      [],
      [
        {
          sheet: spec.name,
          cell: 'A1',
          row: 1,
          column: null,
          message: `${unusableTabReason(spec.name, [])}. Add it with the headers ${spec.columns
            .filter((column) => column.required)
            .map((column) => column.header)
            .join(', ')} (the menu item "Set up board sheets" does this).`,
          severity: 'error',
        },
      ],
    );
  }

  const headers = mapHeaders(spec.name, tab.grid, spec);
  if (headers.missingRequired.length > 0) {
    const missing = headers.missingRequired.map((column) => column.header);
    const headerCells = tab.grid[headers.headerRow] ?? [];
    const firstFree = headerCells.length;
    return unusable(spec.name, missing, [
      ...headers.issues,
      {
        sheet: spec.name,
        cell: a1(headers.headerRow, firstFree),
        row: headers.headerRow + 1,
        column: null,
        message: `${unusableTabReason(spec.name, missing)} in row ${headers.headerRow + 1}.${nearMissHint(headers, headers.missingRequired)} Add ${missing.length > 1 ? 'them' : 'it'} (for example in ${a1(headers.headerRow, firstFree)}); headers may be in any order.`,
        severity: 'error',
      },
    ]);
  }

  const issues: DataIssue[] = [...headers.issues];
  const records: Readonly<z.output<Row>>[] = [];
  const rejectedIds = new Set<string>();
  const firstRowOfId = new Map<string, number>();
  const idColumn = spec.columns.find((column) => column.key === spec.idKey);
  const present = [...headers.columns];

  for (let rowIndex = headers.headerRow + 1; rowIndex < tab.grid.length; rowIndex++) {
    const cells = tab.grid[rowIndex] ?? [];
    // Unticked checkboxes run down to the sheet's last formatted row: such a row is blank.
    if (present.every(([, index]) => isBlankOrUnticked(cells[index]))) continue;

    const row = rowIndex + 1;
    const values: Record<string, unknown> = { row };
    const rowIssues: DataIssue[] = [];
    let leftOut = false;
    for (const [column, index] of present) {
      const outcome = readColumn(cells, rowIndex, index, column, tab.grid, dateOrder);
      if (outcome.kind === 'value') values[column.key] = outcome.value;
      if (outcome.kind === 'problem' || outcome.warning) {
        const fatal = outcome.kind === 'problem' && column.required;
        if (fatal) leftOut = true;
        rowIssues.push({
          sheet: spec.name,
          cell: a1(rowIndex, index),
          row,
          column: column.header,
          message: `${column.header}: ${outcome.kind === 'problem' ? outcome.message : outcome.warning}${
            outcome.kind === 'problem' ? (fatal ? '' : ' The cell is treated as blank.') : ''
          }`,
          severity: fatal ? 'error' : 'warning',
        });
      }
    }

    const idValue = idColumn ? values[idColumn.key] : undefined;
    const id = typeof idValue === 'string' ? idValue : undefined;
    if (!leftOut && idColumn && id !== undefined && firstRowOfId.has(id)) {
      leftOut = true;
      rowIssues.push({
        sheet: spec.name,
        cell: a1(rowIndex, headers.columns.get(idColumn) ?? 0),
        row,
        column: idColumn.header,
        message: `${idColumn.header} "${id}" is already used in row ${firstRowOfId.get(id)} (${cellLabel({ sheet: spec.name, cell: a1((firstRowOfId.get(id) ?? 1) - 1, headers.columns.get(idColumn) ?? 0) })}); IDs must be unique in the tab, and references to "${id}" mean that first row.`,
        severity: 'error',
      });
    }

    if (!leftOut) {
      const parsed: z.ZodSafeParseResult<z.output<Row>> = spec.record.safeParse(values);
      if (parsed.success) {
        records.push(parsed.data);
        if (id !== undefined) firstRowOfId.set(id, row);
      } else {
        leftOut = true;
        for (const zodIssue of parsed.error.issues) {
          const column = spec.columns.find((candidate) => candidate.key === zodIssue.path[0]);
          const index = column ? headers.columns.get(column) : undefined;
          rowIssues.push({
            sheet: spec.name,
            cell: a1(rowIndex, index ?? 0),
            row,
            column: column?.header ?? null,
            message: `${column?.header ?? 'Row'}: ${zodIssue.message}`,
            severity: 'error',
          });
        }
      }
    }

    if (leftOut) {
      if (id !== undefined && !firstRowOfId.has(id)) rejectedIds.add(id);
      // Say once, on the last error of the row, that the row is left out.
      let last = rowIssues.length - 1;
      while (last > 0 && rowIssues[last]?.severity !== 'error') last--;
      const lastIssue = rowIssues[last] as DataIssue;
      rowIssues[last] = {
        ...lastIssue,
        message: `${lastIssue.message} Row ${row} is left out until this is fixed.`,
      };
    }
    issues.push(...rowIssues);
  }

  return {
    name: spec.name,
    usable: true,
    missingHeaders: [],
    records,
    rejectedIds,
    columnIndex: new Map(present.map(([column, index]) => [column.key, index])),
    issues,
  };
}

/** For each missing required header that is nearly there: which cell to rename. */
function nearMissHint(headers: HeaderMap, missing: readonly ColumnSpec[]): string {
  return missing
    .flatMap((column) => {
      const near = headers.nearMisses.get(column);
      return near
        ? [` "${near.written}" in ${near.cell} may be it: rename it "${column.header}".`]
        : [];
    })
    .join('');
}

function unusable<Row>(
  name: TabName,
  missingHeaders: readonly string[],
  issues: DataIssue[],
): ParsedTab<Row> {
  return {
    name,
    usable: false,
    missingHeaders,
    records: [],
    rejectedIds: new Set(),
    columnIndex: new Map(),
    issues,
  };
}

type ColumnOutcome =
  | { kind: 'value'; value: unknown; warning?: string }
  | { kind: 'blank'; warning?: undefined }
  | { kind: 'problem'; message: string; warning?: undefined };

function readColumn(
  cells: readonly RawCell[],
  rowIndex: number,
  index: number,
  column: ColumnSpec,
  grid: RawGrid,
  dateOrder: DateOrder,
): ColumnOutcome {
  const raw = cells[index] ?? null;
  // Before the blank test: a formula with an error or without a stored value is not blank.
  const formula = formulaProblem(raw);
  if (formula) return { kind: 'problem', message: formula };
  if (isBlank(raw)) {
    if (!column.required || column.blankAllowed) return { kind: 'blank' };
    const above = grid[rowIndex - 1]?.[index];
    const mergedHint =
      rowIndex > 0 && !isBlank(above ?? null)
        ? ' If this cell is part of a merged block, unmerge it and fill in every row.'
        : '';
    return { kind: 'problem', message: `is blank, and every row needs one.${mergedHint}` };
  }
  const reading = readCell(raw as FilledCell, column.kind, dateOrder);
  if (!reading.ok) return { kind: 'problem', message: reading.message };
  return reading.warning
    ? { kind: 'value', value: reading.value, warning: reading.warning }
    : { kind: 'value', value: reading.value };
}

function readCell(raw: FilledCell, kind: CellKind, dateOrder: DateOrder): CellReading<unknown> {
  switch (kind.type) {
    case 'id':
    case 'text':
      return readText(raw);
    case 'list':
      return readList(raw);
    case 'ref':
      return kind.list ? readList(raw) : readText(raw);
    case 'enum':
      return readEnum(raw, kind.values);
    case 'enumList':
      return readEnumList(raw, kind.values);
    case 'date':
      return readDate(raw, dateOrder);
    case 'dateTime':
      return readDateTime(raw, dateOrder);
    case 'time':
      return readTime(raw);
    case 'number':
      return readNumber(raw);
    case 'yesNo':
      return readYesNo(raw);
  }
}

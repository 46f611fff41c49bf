/**
 * Raw grid → typed records + data issues, for one tab. Headers are found by name, never by
 * position; each cell is read by its column's kind; a row with a blank or unreadable required
 * cell is left out (with an error naming the cell), an unreadable optional cell is left blank
 * (with a warning), and every good row is returned.
 */
import {
  a1,
  type CellReading,
  type DateOrder,
  type FilledCell,
  formulaError,
  isBlank,
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
import type { RawCell, RawGrid, WorkbookGrids } from './grid';
import type { DataIssue } from './issues';
import type { CellKind, ColumnSpec, TabName, TabSpec } from './layout';
import { RECORD_SCHEMAS, type RecordOf } from './records';

export interface ParsedTab<T extends TabName> {
  readonly name: T;
  /** False when the tab is missing or lacks a required header: its rows are not read. */
  readonly usable: boolean;
  /** Required headers the tab lacks (empty when the tab itself is missing). */
  readonly missingHeaders: readonly string[];
  readonly records: readonly RecordOf<T>[];
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
  return { headerRow, columns, missingRequired, issues };
}

/** Parses one tab of the workbook. */
export function parseTab<T extends TabName>(
  grids: WorkbookGrids,
  spec: TabSpec & { name: T },
  dateOrder: DateOrder,
): ParsedTab<T> {
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
          message: `The workbook has no "${spec.name}" tab. Add it with the headers ${spec.columns
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
        message: `The ${spec.name} tab cannot be read: it has no ${missing
          .map((header) => `"${header}"`)
          .join(
            ', ',
          )} header${missing.length > 1 ? 's' : ''} in row ${headers.headerRow + 1}. Add ${missing.length > 1 ? 'them' : 'it'} (for example in ${a1(headers.headerRow, firstFree)}); headers may be in any order.`,
        severity: 'error',
      },
    ]);
  }

  const issues: DataIssue[] = [...headers.issues];
  const records: RecordOf<T>[] = [];
  const rejectedIds = new Set<string>();
  const firstRowOfId = new Map<string, number>();
  const idColumn = spec.columns.find((column) => column.key === spec.idKey);
  const schema = RECORD_SCHEMAS[spec.name];
  const present = [...headers.columns];

  for (let rowIndex = headers.headerRow + 1; rowIndex < tab.grid.length; rowIndex++) {
    const cells = tab.grid[rowIndex] ?? [];
    if (present.every(([, index]) => isBlank(cells[index]))) continue;

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

    const id = idColumn ? (values[idColumn.key] as string | undefined) : undefined;
    if (!leftOut && id !== undefined && firstRowOfId.has(id)) {
      leftOut = true;
      rowIssues.push({
        sheet: spec.name,
        cell: a1(rowIndex, headers.columns.get(idColumn as ColumnSpec) as number),
        row,
        column: idColumn?.header ?? null,
        message: `${idColumn?.header} "${id}" is already used in row ${firstRowOfId.get(id)}; IDs must be unique in the tab.`,
        severity: 'error',
      });
    }

    if (!leftOut) {
      const parsed = schema.safeParse(values);
      if (parsed.success) {
        records.push(parsed.data as unknown as RecordOf<T>);
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

function unusable<T extends TabName>(
  name: T,
  missingHeaders: readonly string[],
  issues: DataIssue[],
): ParsedTab<T> {
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
  const error = formulaError(raw);
  if (error) {
    return {
      kind: 'problem',
      message: `the formula shows the error ${error}, so there is no value to read. Fix the formula or type the value.`,
    };
  }
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

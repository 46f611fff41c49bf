/** Record values and how they become cells and rows of the workbook. */
import type { Cell, Row } from 'write-excel-file/node';
import { type IsoDate, isIsoDate } from '../../schema/dates';
import type { ColumnSpec, TabName, TabSpec } from '../../schema/layout';

// ---------------------------------------------------------------------------------------------
// Values

/** A cell that must stay text even where the column expects something else (a typo). */
export interface AsTyped {
  readonly typed: string;
}
export type Value = string | number | boolean | readonly string[] | AsTyped | null | undefined;
export type RecordValues = Readonly<Record<string, Value>>;

export const typed = (text: string): AsTyped => ({ typed: text });

/** Tab name → rows: the header row (bold) first, then one row per record. */
export type DemoBoardRows = Readonly<Record<TabName, Row[]>>;

export const DATE_FORMAT = 'dd/mm/yyyy';
export const TIME_FORMAT = 'hh:mm';

export function dateCell(date: IsoDate): Cell {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { value: new Date(Date.UTC(year, month - 1, day)), format: DATE_FORMAT };
}

/** The cell for a value, as the column's kind expects it. */
function cellFor(column: ColumnSpec, value: Value): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'typed' in value) return value.typed;
  const kind = column.kind;
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (kind.type === 'date' && typeof value === 'string' && isIsoDate(value)) return dateCell(value);
  if (kind.type === 'time' && typeof value === 'string') {
    const [hours, minutes] = value.split(':').map(Number) as [number, number];
    return { value: (hours * 60 + minutes) / 1440, format: TIME_FORMAT };
  }
  return value as string | number;
}

export function headerRow(spec: TabSpec): Row {
  return spec.columns.map((column) => ({ value: column.header, fontWeight: 'bold' as const }));
}

export function tabRows(spec: TabSpec, records: readonly RecordValues[]): Row[] {
  return [
    headerRow(spec),
    ...records.map((record) => spec.columns.map((column) => cellFor(column, record[column.key]))),
  ];
}

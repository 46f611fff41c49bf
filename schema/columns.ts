/**
 * How a tab is defined: one zod object per tab whose fields are built here. Each builder makes
 * the field's zod schema (what a parsed value must be) and registers, in `BOARD_COLUMNS`, the
 * header it is read from and how its cell is read. So a tab's layout (headers, required
 * flags, cell kinds: what "Set up board sheets" and the parser need) and its record type (what
 * the rules and resolvers get) come from one definition and cannot drift apart.
 */
import * as z from 'zod';
import type { TabName } from './values';

/** How a cell's raw value is read (by the readers in `cells.ts`). */
export type CellKind =
  | { readonly type: 'id' }
  | { readonly type: 'text' }
  | { readonly type: 'date' }
  | { readonly type: 'dateTime' }
  | { readonly type: 'time' }
  /** `unit` gives the column its number format in the sheet (pounds as £1,234.50). */
  | { readonly type: 'number'; readonly unit?: NumberUnit }
  | { readonly type: 'yesNo' }
  | { readonly type: 'list' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'enumList'; readonly values: readonly string[] }
  /** A reference to the ID of a row in another tab; `list` when several are allowed. */
  | { readonly type: 'ref'; readonly tab: TabName; readonly list: boolean };

/** What a number column counts, when it is a quantity with a unit (DESIGN §2). */
export type NumberUnit = 'hours' | 'pounds';

/** What the sheet says about a column, beside the zod schema of its value. */
export interface ColumnMeta {
  /** The header as written in the sheet (matched trimmed and case-insensitively). */
  readonly header: string;
  /** Bold in DESIGN §2: the header must be present and the cell filled in. */
  readonly required: boolean;
  /** A required column where a blank cell has a meaning (an action with no owner, R12). */
  readonly blankAllowed: boolean;
  readonly kind: CellKind;
  /**
   * For an optional column a rule relies on: what cannot be judged while the column is missing
   * ("which actions are overdue (R12)"), said once as a warning instead of a finding per row.
   */
  readonly neededFor?: string;
}

/** What an optional column's builder may be told beyond its header. */
export interface ColumnOptions {
  readonly neededFor?: string;
}

export interface ColumnSpec extends ColumnMeta {
  /** The property name in parsed records: the field's name in the tab's definition. */
  readonly key: string;
}

export interface TabSpec {
  readonly name: TabName;
  /** The key of the column whose values must be unique in the tab, if any. */
  readonly idKey?: string;
  /** In the order "Set up board sheets" writes the headers. */
  readonly columns: readonly ColumnSpec[];
}

/** A tab's layout together with the zod schema of its rows. */
export interface BoardTab<Name extends TabName = TabName, Record extends z.ZodObject = z.ZodObject>
  extends TabSpec {
  readonly name: Name;
  readonly record: Record;
}

/** The parsed row type of a tab. */
export type RowOf<Tab extends BoardTab> = Readonly<z.output<Tab['record']>>;

/** Every board column's sheet metadata, keyed by the column's own zod schema. */
export const BOARD_COLUMNS = z.registry<ColumnMeta>();

function column<S extends z.ZodType>(
  schema: S,
  header: string,
  kind: CellKind,
  required: boolean,
  blankAllowed = false,
  options: ColumnOptions = {},
): S {
  BOARD_COLUMNS.add(schema, { header, kind, required, blankAllowed, ...options });
  return schema;
}

// Each builder makes a fresh schema: the registry keys on the schema object itself.
const filled = () => z.string().min(1);
const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-mm-dd');
const idList = () => z.array(filled()).readonly().default([]);
const enumKind = (values: readonly string[]): CellKind => ({ type: 'enum', values });
const refKind = (tab: TabName, list: boolean): CellKind => ({ type: 'ref', tab, list });
const TEXT: CellKind = { type: 'text' };
const DATE: CellKind = { type: 'date' };

/** Columns in bold in DESIGN §2: the header must be there and each row fills the cell in. */
export const required = {
  id: (header: string) => column(filled(), header, { type: 'id' }, true),
  text: (header: string) => column(filled(), header, TEXT, true),
  date: (header: string) => column(isoDate(), header, DATE, true),
  dateTime: (header: string) =>
    column(
      z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      header,
      { type: 'dateTime' },
      true,
    ),
  oneOf: <const V extends readonly [string, ...string[]]>(header: string, values: V) =>
    column(z.enum(values), header, enumKind(values), true),
  ref: (header: string, tab: TabName) => column(filled(), header, refKind(tab, false), true),
  /** A list of references whose blank cell means something (an action with no owner, R12). */
  refsOrBlank: (header: string, tab: TabName) =>
    column(idList(), header, refKind(tab, true), true, true),
  /** A list of at least one reference (the actions a reminder was about). */
  refs: (header: string, tab: TabName) =>
    column(z.array(filled()).min(1).readonly(), header, refKind(tab, true), true),
};

/** Columns that may be missing from the sheet or blank in a row (blank reads as null or []). */
export const optional = {
  text: (header: string) => column(filled().nullable().default(null), header, TEXT, false),
  /** Text that must match a pattern, e.g. a SHA-256 in hexadecimal. */
  matching: (header: string, pattern: RegExp, message: string) =>
    column(z.string().regex(pattern, message).nullable().default(null), header, TEXT, false),
  date: (header: string, options?: ColumnOptions) =>
    column(isoDate().nullable().default(null), header, DATE, false, false, options),
  time: (header: string) =>
    column(
      z
        .string()
        .regex(/^\d{2}:\d{2}$/)
        .nullable()
        .default(null),
      header,
      { type: 'time' },
      false,
    ),
  number: (header: string, schema: z.ZodNumber = z.number(), unit?: NumberUnit) =>
    column(
      schema.nullable().default(null),
      header,
      unit === undefined ? { type: 'number' } : { type: 'number', unit },
      false,
    ),
  /**
   * Yes/No (or a checkbox); blank is No, or Yes with `blankIs: true` (a member gets reminders
   * unless they said No). An unticked checkbox is an explicit No either way.
   */
  yesNo: (header: string, options?: ColumnOptions & { readonly blankIs?: boolean }) =>
    column(
      z.boolean().default(options?.blankIs ?? false),
      header,
      { type: 'yesNo' },
      false,
      false,
      options?.neededFor === undefined ? {} : { neededFor: options.neededFor },
    ),
  /** Free values separated by commas, semicolons or new lines. */
  list: (header: string) => column(idList(), header, { type: 'list' }, false),
  oneOf: <const V extends readonly [string, ...string[]]>(header: string, values: V) =>
    column(z.enum(values).nullable().default(null), header, enumKind(values), false),
  oneOfOr: <const V extends readonly [string, ...string[]]>(
    header: string,
    values: V,
    fallback: V[number],
  ) => column(z.enum(values).default(fallback), header, enumKind(values), false),
  someOf: <const V extends readonly [string, ...string[]]>(header: string, values: V) =>
    column(
      z.array(z.enum(values)).readonly().default([]),
      header,
      { type: 'enumList', values },
      false,
    ),
  ref: (header: string, tab: TabName, options?: ColumnOptions) =>
    column(filled().nullable().default(null), header, refKind(tab, false), false, false, options),
  refs: (header: string, tab: TabName) => column(idList(), header, refKind(tab, true), false),
};

/**
 * Defines a tab from its columns, in sheet order. Every field must come from `required` or
 * `optional` above (so it has a header); each record also gets the sheet `row` it came from.
 */
export function boardTab<const Name extends TabName, Shape extends z.ZodRawShape>(
  name: Name,
  columns: Shape,
  options: { readonly idKey?: keyof Shape & string } = {},
) {
  const specs = Object.entries(columns).map(([key, schema]): ColumnSpec => {
    const meta = BOARD_COLUMNS.get(schema);
    if (!meta) throw new Error(`${name}.${key} was not made by a column builder.`);
    return { key, ...meta };
  });
  /** The sheet row a record came from (1-based), so messages and menus can point at it. */
  const record = z.object({ row: z.number().int().positive(), ...columns });
  return {
    name,
    ...(options.idKey === undefined ? {} : { idKey: options.idKey }),
    columns: specs,
    record,
  } satisfies BoardTab<Name, typeof record>;
}

/**
 * The Settings tab: `Key` / `Value` rows with the board's own numbers. Every setting has the
 * default from the terms of reference, so a missing or unreadable value never stops the board
 * working; it is reported and the default is used.
 */
import {
  a1,
  type CellReading,
  type DateOrder,
  type FilledCell,
  formulaError,
  formulaProblem,
  isBlank,
  isFormulaWithoutValue,
  readDate,
  readList,
  readNumber,
  readText,
} from './cells';
import { type IsoDate, WEEKDAYS } from './dates';
import type { RawCell, WorkbookGrids } from './grid';
import type { DataIssue } from './issues';
import { SETTINGS_TAB } from './layout';
import { findTab, mapHeaders, normaliseHeader } from './parse';

export const ORDINALS = ['first', 'second', 'third', 'fourth', 'last'] as const;
export type Ordinal = (typeof ORDINALS)[number];

/** "last Wednesday": the meeting day in each month (R10). */
export interface MeetingPattern {
  readonly ordinal: Ordinal;
  /** 0 = Sunday ... 6 = Saturday. */
  readonly weekday: number;
}

export interface BoardSettings {
  readonly boardName: string;
  readonly firstMeeting: IsoDate;
  readonly meetingPattern: MeetingPattern;
  readonly meetingLengthHours: number;
  readonly memberCap: number;
  readonly residentCoChairTermMonths: number;
  readonly coChairExtensionMonths: number;
  readonly officerCoChairTermMonths: number;
  readonly dateOrder: DateOrder;
  readonly circulationBoroughPartnership: readonly string[];
  readonly circulationSeniorHead: readonly string[];
  readonly circulationDmt: readonly string[];
  /** Weekly reminders cover actions overdue or due within this many days (DESIGN §7). */
  readonly reminderDays: number;
  /**
   * DESIGN §4: no figure partners get counts fewer than this many people who have not agreed
   * to be named; such a figure is withheld (`small-numbers.ts`).
   */
  readonly smallestReportedGroup: number;
  /** "You said, we did" (R17): feedback is reported back within this many days of being raised. */
  readonly reportBackWithinDays: number;
  /**
   * Who with lived experience checked the easy-read wording (Mencap's guidance asks for it),
   * shown in easy-read packs; null when nobody has.
   */
  readonly easyReadCheckedBy: string | null;
}

export const DEFAULT_SETTINGS: BoardSettings = {
  boardName: 'Commissioning Co-Production Board',
  firstMeeting: '2023-11-29',
  meetingPattern: { ordinal: 'last', weekday: 3 },
  meetingLengthHours: 2,
  memberCap: 20,
  residentCoChairTermMonths: 12,
  coChairExtensionMonths: 12,
  officerCoChairTermMonths: 24,
  dateOrder: 'DMY',
  circulationBoroughPartnership: [],
  circulationSeniorHead: [],
  circulationDmt: [],
  reminderDays: 7,
  smallestReportedGroup: 3,
  reportBackWithinDays: 60,
  easyReadCheckedBy: null,
};

type Reader = (cell: FilledCell, order: DateOrder) => CellReading<unknown>;

const wholeNumber: Reader = (cell) => positiveWhole(readNumber(cell));

/** The keys as written in the sheet, their property, and how their value is read. */
export const SETTING_KEYS: readonly (readonly [string, keyof BoardSettings, Reader])[] = [
  ['Board name', 'boardName', (cell) => readText(cell)],
  ['First meeting', 'firstMeeting', (cell, order) => readDate(cell, order)],
  ['Meeting pattern', 'meetingPattern', (cell) => readMeetingPattern(cell)],
  [
    'Meeting length (hours)',
    'meetingLengthHours',
    (cell) => {
      const hours = readNumber(cell);
      return hours.ok && hours.value <= 0 ? { ok: false, message: 'must be above 0.' } : hours;
    },
  ],
  ['Member cap', 'memberCap', wholeNumber],
  ['Resident co-chair term (months)', 'residentCoChairTermMonths', wholeNumber],
  ['Co-chair extension (months)', 'coChairExtensionMonths', wholeNumber],
  ['Officer co-chair term (months)', 'officerCoChairTermMonths', wholeNumber],
  ['Date order', 'dateOrder', (cell) => readDateOrder(cell)],
  ['Circulation: Borough Partnership', 'circulationBoroughPartnership', (cell) => readEmails(cell)],
  ['Circulation: Senior Head', 'circulationSeniorHead', (cell) => readEmails(cell)],
  ['Circulation: DMT', 'circulationDmt', (cell) => readEmails(cell)],
  ['Reminder days', 'reminderDays', (cell) => readReminderDays(cell)],
  ['Smallest reported group', 'smallestReportedGroup', (cell) => readSmallestGroup(cell)],
  ['Report back within (days)', 'reportBackWithinDays', wholeNumber],
  ['Easy read checked by', 'easyReadCheckedBy', (cell) => readText(cell)],
];

function positiveWhole(reading: CellReading<number>): CellReading<number> {
  if (!reading.ok) return reading;
  return Number.isInteger(reading.value) && reading.value > 0
    ? reading
    : { ok: false, message: `${reading.value} should be a whole number above 0.` };
}

/** 0 (overdue actions only) to 366 days: a longer window would remind of next year's actions. */
function readReminderDays(cell: FilledCell): CellReading<number> {
  const reading = readNumber(cell);
  if (!reading.ok) return reading;
  return Number.isInteger(reading.value) && reading.value >= 0 && reading.value <= 366
    ? reading
    : { ok: false, message: `${reading.value} should be a whole number of days from 0 to 366.` };
}

/**
 * At least 2: with 1 every figure would be shown, however few people it counts, so a typing
 * slip would switch the protection off without anyone noticing; the default is used instead.
 */
function readSmallestGroup(cell: FilledCell): CellReading<number> {
  const reading = positiveWhole(readNumber(cell));
  return reading.ok && reading.value < 2
    ? {
        ok: false,
        message:
          'must be at least 2 (figures that count fewer people than this, of those who have not agreed to be named, are not shown to partners).',
      }
    : reading;
}

export function readMeetingPattern(cell: FilledCell): CellReading<MeetingPattern> {
  const words = String(cell).trim().toLowerCase().split(/\s+/);
  const ordinal = ORDINALS.find((candidate) => candidate === words[0]);
  const weekday = WEEKDAYS.findIndex((day) => day.toLowerCase() === words[1]?.replace(/s$/, ''));
  if (words.length !== 2 || ordinal === undefined || weekday === -1) {
    return {
      ok: false,
      message: `"${String(cell).trim()}" is not a meeting pattern: write it like "last Wednesday" or "first Monday".`,
    };
  }
  return { ok: true, value: { ordinal, weekday } };
}

function readDateOrder(cell: FilledCell): CellReading<DateOrder> {
  const order = String(cell)
    .trim()
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return order === 'DMY' || order === 'MDY' || order === 'YMD'
    ? { ok: true, value: order }
    : { ok: false, message: `"${String(cell).trim()}" should be DMY (UK), MDY or YMD.` };
}

function readEmails(cell: FilledCell): CellReading<readonly string[]> {
  const list = readList(cell);
  if (!list.ok) return list;
  const invalid = list.value.filter((address) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address));
  return invalid.length > 0
    ? {
        ok: false,
        message: `${invalid.map((address) => `"${address}"`).join(', ')} is not an email address.`,
      }
    : list;
}

export interface ParsedSettings {
  readonly settings: BoardSettings;
  readonly issues: readonly DataIssue[];
}

/** Reads the Settings tab; `Date order` is read first because other dates depend on it. */
export function parseSettings(grids: WorkbookGrids): ParsedSettings {
  const tab = findTab(grids, SETTINGS_TAB.name);
  const issue = (cell: string, row: number, message: string): DataIssue => ({
    sheet: SETTINGS_TAB.name,
    cell,
    row,
    column: null,
    message,
    severity: 'warning',
  });
  if (!tab) {
    return {
      settings: DEFAULT_SETTINGS,
      issues: [
        issue(
          'A1',
          1,
          'The workbook has no "Settings" tab, so the defaults from the terms of reference are used (first meeting 29 November 2023, last Wednesday of the month, 2 hours, 20 members).',
        ),
      ],
    };
  }
  const headers = mapHeaders(SETTINGS_TAB.name, tab.grid, SETTINGS_TAB);
  if (headers.missingRequired.length > 0) {
    return {
      settings: DEFAULT_SETTINGS,
      issues: [
        ...headers.issues,
        issue(
          a1(headers.headerRow, 0),
          headers.headerRow + 1,
          'The Settings tab needs the headers "Key" and "Value"; until then the defaults from the terms of reference are used.',
        ),
      ],
    };
  }
  const [keySpec, valueSpec] = SETTINGS_TAB.columns as [
    (typeof SETTINGS_TAB.columns)[number],
    (typeof SETTINGS_TAB.columns)[number],
  ];
  const keyColumn = headers.columns.get(keySpec) as number;
  const valueColumn = headers.columns.get(valueSpec) as number;
  const rows = new Map<string, { rowIndex: number; value: RawCell }>();
  for (let rowIndex = headers.headerRow + 1; rowIndex < tab.grid.length; rowIndex++) {
    const key = tab.grid[rowIndex]?.[keyColumn];
    if (typeof key !== 'string' || isBlank(key)) continue;
    const name = normaliseHeader(key);
    if (!rows.has(name))
      rows.set(name, { rowIndex, value: tab.grid[rowIndex]?.[valueColumn] ?? null });
  }

  const issues: DataIssue[] = [...headers.issues];
  const values: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const byKey = new Map(SETTING_KEYS.map((entry) => [normaliseHeader(entry[0]), entry]));
  const ordered = ['date order', ...[...rows.keys()].filter((key) => key !== 'date order')];
  for (const name of ordered) {
    const entry = byKey.get(name);
    const row = rows.get(name);
    if (!entry || !row || isBlank(row.value)) continue;
    const [label, property, read] = entry;
    const cell = a1(row.rowIndex, valueColumn);
    const error = formulaError(row.value);
    // A formula saved without its value is not a value either (formulaProblem words it).
    const problem = isFormulaWithoutValue(row.value)
      ? formulaProblem(row.value)
      : error && `the formula shows the error ${error}.`;
    const reading = problem
      ? ({ ok: false, message: problem } as const)
      : read(row.value as FilledCell, values.dateOrder as DateOrder);
    if (reading.ok) values[property] = reading.value;
    else {
      issues.push(
        issue(cell, row.rowIndex + 1, `${label}: ${reading.message} The default is used instead.`),
      );
    }
  }
  return { settings: Object.freeze(values as unknown as BoardSettings), issues };
}

/// <reference types="google-apps-script" />
/**
 * The fake SpreadsheetApp: one active spreadsheet of FakeSheets, the builders for data
 * validation and conditional format rules, and the lock check every write goes through.
 */
import { type CallLog, counted } from './call-log';
import type { FakeRange } from './fake-range';
import { FakeSheet, type SheetWorld } from './fake-sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Range = GoogleAppsScript.Spreadsheet.Range;

export class FakeSpreadsheet
  implements
    Pick<
      Spreadsheet,
      | 'getSheets'
      | 'getSpreadsheetTimeZone'
      | 'insertSheet'
      | 'getNumSheets'
      | 'getActiveSheet'
      | 'getUrl'
      | 'getId'
    >,
    SheetWorld
{
  readonly proxy: Spreadsheet;
  readonly sheets: FakeSheet[] = [];
  /** Writes made while the document lock was not held (should stay empty). */
  readonly unlockedWrites: string[] = [];
  lockHeld = false;
  private active: { sheet: FakeSheet; row: number; column: number } | null = null;
  private nextId = 1;

  constructor(
    readonly log: CallLog,
    readonly timeZone = 'Europe/London',
  ) {
    this.proxy = counted(this, log, 'Spreadsheet', 'Spreadsheet') as unknown as Spreadsheet;
  }

  assertWritable(method: string): void {
    if (!this.lockHeld) this.unlockedWrites.push(method);
  }

  rangeOf(range: Range): FakeRange {
    return (range as unknown as { target: FakeRange }).target;
  }

  activeRangeOf(sheet: FakeSheet): Range | null {
    if (this.active?.sheet !== sheet) return null;
    return sheet.range(this.active.row, this.active.column, 1, 1);
  }

  /** Adds a sheet directly (test set-up, not counted as a call of the bundle). */
  addSheet(name: string, values: readonly (readonly unknown[])[] = []): FakeSheet {
    const sheet = new FakeSheet(this, name, this.nextId++);
    sheet.maxRows = Math.max(1000, values.length);
    sheet.maxColumns = Math.max(26, ...values.map((row) => row.length));
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null && value !== undefined && value !== '') {
          sheet.setValue(r + 1, c + 1, value as string | number | boolean | Date);
        }
      });
    });
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const sheet = this.sheets.find((candidate) => candidate.name === name);
    if (!sheet) throw new Error(`No sheet "${name}" in the fake spreadsheet`);
    return sheet;
  }

  /** Selects a cell, as a person clicking in the sheet would. */
  select(name: string, row: number, column = 1): void {
    this.active = { sheet: this.sheet(name), row, column };
  }

  getSheets(): GoogleAppsScript.Spreadsheet.Sheet[] {
    return this.sheets.map((sheet) => sheet.proxy);
  }

  /** The fake spreadsheet's ID and address (links in sidebars point into it). */
  readonly id = '1FakeBoardSpreadsheetId';

  getId(): string {
    return this.id;
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getNumSheets(): number {
    return this.sheets.length;
  }

  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }

  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    const sheet = this.active?.sheet ?? this.sheets[0];
    if (!sheet) throw new Error('The fake spreadsheet has no sheets');
    return sheet.proxy;
  }

  insertSheet(name?: unknown, index?: unknown): GoogleAppsScript.Spreadsheet.Sheet {
    this.assertWritable('Spreadsheet.insertSheet');
    if (typeof name !== 'string') throw new Error('The fake inserts named sheets only.');
    if (this.sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists.`);
    }
    const sheet = new FakeSheet(this, name, this.nextId++);
    const at = typeof index === 'number' ? Math.min(index, this.sheets.length) : this.sheets.length;
    this.sheets.splice(at, 0, sheet);
    this.active = { sheet, row: 1, column: 1 };
    return sheet.proxy;
  }
}

class FakeDataValidationBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.DataValidationBuilder,
      'requireValueInList' | 'setAllowInvalid' | 'setHelpText' | 'build'
    >
{
  readonly proxy: GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  readonly rule = { values: [] as string[], showDropdown: false, allowInvalid: true, helpText: '' };

  constructor(log: CallLog) {
    this.proxy = counted(this, log, 'Spreadsheet', 'DataValidationBuilder') as never;
  }

  requireValueInList(values: string[], showDropdown = true) {
    this.rule.values = [...values];
    this.rule.showDropdown = showDropdown;
    return this.proxy;
  }

  setAllowInvalid(allowInvalidData: boolean) {
    this.rule.allowInvalid = allowInvalidData;
    return this.proxy;
  }

  setHelpText(helpText: string) {
    this.rule.helpText = helpText;
    return this.proxy;
  }

  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    return { ...this.rule, values: [...this.rule.values] } as never;
  }
}

/** A rule as recorded: the formula, the background and the A1 ranges it covers. */
export interface RecordedRule {
  readonly formula: string;
  readonly background: string;
  readonly ranges: readonly string[];
}

class FakeConditionalFormatRuleBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
      'whenFormulaSatisfied' | 'setBackground' | 'setRanges' | 'build'
    >
{
  readonly proxy: GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  private formula = '';
  private background = '';
  private ranges: string[] = [];

  constructor(
    private readonly world: FakeSpreadsheet,
    log: CallLog,
  ) {
    this.proxy = counted(this, log, 'Spreadsheet', 'ConditionalFormatRuleBuilder') as never;
  }

  whenFormulaSatisfied(formula: string) {
    this.formula = formula;
    return this.proxy;
  }

  setBackground(color: string | null) {
    this.background = color ?? '';
    return this.proxy;
  }

  setRanges(ranges: Range[]) {
    this.ranges = ranges.map((range) => this.world.rangeOf(range).getA1Notation());
    return this.proxy;
  }

  build(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
    const recorded: RecordedRule = {
      formula: this.formula,
      background: this.background,
      ranges: this.ranges,
    };
    const condition = { getCriteriaValues: () => [recorded.formula] };
    return { ...recorded, getBooleanCondition: () => condition } as never;
  }
}

export function fakeSpreadsheetApp(
  spreadsheet: FakeSpreadsheet,
  ui: GoogleAppsScript.Base.Ui,
): SpreadsheetApp {
  const app: Pick<
    SpreadsheetApp,
    'getUi' | 'getActiveSpreadsheet' | 'flush' | 'newDataValidation' | 'newConditionalFormatRule'
  > & { ProtectionType: Record<string, string> } = {
    ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
    getUi: () => ui,
    getActiveSpreadsheet: () => spreadsheet.proxy,
    flush: () => undefined,
    newDataValidation: () => new FakeDataValidationBuilder(spreadsheet.log).proxy,
    newConditionalFormatRule: () =>
      new FakeConditionalFormatRuleBuilder(spreadsheet, spreadsheet.log).proxy,
  };
  return counted(
    app,
    spreadsheet.log,
    'Spreadsheet',
    'SpreadsheetApp',
  ) as unknown as SpreadsheetApp;
}

/**
 * The formatting "Set up board sheets" gives a tab, from the shared layout: bold, frozen
 * header row protected with a warning only (officers can still edit it if they mean to),
 * dropdowns for enumerated columns (Yes/No columns that are checkboxes stay checkboxes), date
 * formats in the board's date order, number formats for hours and pounds, and in the Actions
 * tab a shading for overdue actions. Everything here is set, never toggled, so a second run
 * leaves the sheet as the first did.
 */
import { overdueSheetCondition } from '../../schema/actions';
import { columnLetters, type DateOrder } from '../../schema/cells';
import type { NumberUnit } from '../../schema/columns';
import type { TabSpec } from '../../schema/layout';
import { dropdownRule } from '../validation';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export const HEADER_PROTECTION = 'Board headers (set by "Set up board sheets")';
/** In the overdue rule's formula, so a later run finds and replaces its own rule only. */
export const OVERDUE_RULE_MARKER = 'Board check: overdue actions';
const OVERDUE_BACKGROUND = '#f4c7c3';

const DATE_PATTERNS: Record<DateOrder, string> = {
  DMY: 'dd/mm/yyyy',
  MDY: 'mm/dd/yyyy',
  YMD: 'yyyy-mm-dd',
};

/**
 * Number formats for quantities (DESIGN §2): pounds in pence with the pound sign, whatever the
 * spreadsheet's locale; hours with up to two decimals (1.5, 0.25) and at least one (2.0).
 */
export const NUMBER_PATTERNS: Record<NumberUnit, string> = {
  pounds: '[$£]#,##0.00',
  hours: '0.0#',
};

/** How the board's date cells are formatted, in its `Date order` (with the time: `hh:mm`). */
export function datePattern(order: DateOrder, withTime = true): string {
  return withTime ? `${DATE_PATTERNS[order]} hh:mm` : DATE_PATTERNS[order];
}

export interface TabLayout {
  readonly sheet: Sheet;
  /** 1-based row of the headers. */
  readonly headerRow: number;
  /** Columns in use, header row included (1-based count). */
  readonly width: number;
  /** Column key → 0-based index, for every column of the layout (after any were added). */
  readonly columns: ReadonlyMap<string, number>;
  /** Keys of Yes/No columns the officers turned into checkboxes: they stay checkboxes. */
  readonly checkboxColumns: ReadonlySet<string>;
}

export function formatTab(layout: TabLayout, spec: TabSpec, dateOrder: DateOrder): void {
  const { sheet, headerRow, width } = layout;
  const headers = sheet.getRange(headerRow, 1, 1, width);
  headers.setFontWeight('bold');
  if (sheet.getFrozenRows() < headerRow) sheet.setFrozenRows(headerRow);
  protectHeaders(sheet, headers);

  const firstDataRow = headerRow + 1;
  const dataRows = sheet.getMaxRows() - headerRow;
  if (dataRows < 1) return;
  const column = (key: string) =>
    sheet.getRange(firstDataRow, (layout.columns.get(key) as number) + 1, dataRows, 1);
  const datePattern = DATE_PATTERNS[dateOrder];
  for (const { key, kind } of spec.columns) {
    if (kind.type === 'enum') column(key).setDataValidation(dropdownRule(kind.values));
    // A checkbox column is already a Yes/No control (the parser reads TRUE/FALSE): a dropdown
    // would replace the boxes and mark every TRUE and FALSE as invalid.
    else if (kind.type === 'yesNo' && !layout.checkboxColumns.has(key)) {
      column(key).setDataValidation(dropdownRule(['Yes', 'No']));
    } else if (kind.type === 'date') column(key).setNumberFormat(datePattern);
    else if (kind.type === 'time') column(key).setNumberFormat('hh:mm');
    else if (kind.type === 'dateTime') column(key).setNumberFormat(`${datePattern} hh:mm`);
    else if (kind.type === 'number' && kind.unit) {
      column(key).setNumberFormat(NUMBER_PATTERNS[kind.unit]);
    }
  }
  if (spec.name === 'Actions') {
    shadeOverdueActions(layout, sheet.getRange(firstDataRow, 1, dataRows, width));
  }
}

function protectHeaders(sheet: Sheet, headers: Range): void {
  const protections = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
  const ours = protections.find((protection) => protection.getDescription() === HEADER_PROTECTION);
  const protection = ours
    ? ours.setRange(headers)
    : headers.protect().setDescription(HEADER_PROTECTION);
  protection.setWarningOnly(true);
}

/**
 * The Actions tab's shading: the board's own "overdue" (schema/actions.ts) on the first data
 * row, which Sheets applies to each row. The marker term is always true; it is there so a
 * later run can tell this rule from an officer's own.
 */
export function overdueFormula(dueColumn: number, statusColumn: number, firstRow: number): string {
  const due = `$${columnLetters(dueColumn)}${firstRow}`;
  const status = `$${columnLetters(statusColumn)}${firstRow}`;
  return `=AND(N("${OVERDUE_RULE_MARKER}")=0,${overdueSheetCondition(due, status)})`;
}

function shadeOverdueActions(layout: TabLayout, range: Range): void {
  const { sheet, columns, headerRow } = layout;
  const formula = overdueFormula(
    columns.get('dueDate') as number,
    columns.get('status') as number,
    headerRow + 1,
  );
  const others = sheet
    .getConditionalFormatRules()
    .filter(
      (rule) =>
        !(rule.getBooleanCondition()?.getCriteriaValues() ?? []).some((value) =>
          String(value).includes(OVERDUE_RULE_MARKER),
        ),
    );
  const overdue = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(OVERDUE_BACKGROUND)
    .setRanges([range])
    .build();
  sheet.setConditionalFormatRules([...others, overdue]);
}

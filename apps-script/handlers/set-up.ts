/**
 * "Set up board sheets": makes the spreadsheet match the shared layout (schema/layout.ts), the
 * same one the server's parser reads. Missing tabs are created with their headers (a new
 * Settings tab also gets the default settings from the terms of reference); a tab missing
 * columns gets their headers after its last used column. Existing cells are never moved,
 * overwritten or deleted, so it is safe to run on a board in use, and to run again.
 */
import { isBlank } from '../../schema/cells';
import { WEEKDAYS } from '../../schema/dates';
import { BOARD_LAYOUT, type ColumnSpec, type TabSpec } from '../../schema/layout';
import { mapHeaders } from '../../schema/parse';
import {
  type BoardSettings,
  DEFAULT_SETTINGS,
  parseSettings,
  SETTING_KEYS,
} from '../../schema/settings';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import type { SheetDates } from '../sheet-dates';
import {
  BoardWorkbook,
  ensureColumns,
  ensureRows,
  isCheckboxColumn,
  type SheetValue,
  type TabData,
  writeBlock,
} from '../sheet-io';
import { formatTab, type TabLayout } from './set-up-format';

export function setUpBoardSheets(context: MenuContext): void {
  const lines = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const settings = workbook.readTab('Settings');
    const dateOrder = parseSettings(settings ? { Settings: settings.grid } : {}).settings.dateOrder;
    return BOARD_LAYOUT.map((spec) => {
      const tab = spec.name === 'Settings' ? settings : workbook.readTab(spec.name);
      const { layout, said } = tab ? completeTab(tab, spec) : createTab(context, workbook, spec);
      formatTab(layout, spec, dateOrder);
      return `${spec.name}: ${said}`;
    });
  });
  context.ui.alert(
    context.title,
    [
      ...lines,
      '',
      'Header rows are frozen and protected (a warning only), enumerated columns have dropdowns, date columns have date formats, hours and pounds columns have number formats, and overdue actions are shaded in the Actions tab. No data was moved or deleted.',
    ].join('\n'),
    context.ui.ButtonSet.OK,
  );
}

function createTab(
  context: MenuContext,
  workbook: BoardWorkbook,
  spec: TabSpec,
): { layout: TabLayout; said: string } {
  const sheet = context.spreadsheet.insertSheet(spec.name, context.spreadsheet.getNumSheets());
  const headers = spec.columns.map((column) => column.header);
  const rows: SheetValue[][] = [
    headers,
    ...(spec.name === 'Settings' ? defaultSettingRows(workbook.dates) : []),
  ];
  ensureColumns(sheet, headers.length);
  ensureRows(sheet, rows.length + 1);
  writeBlock(
    sheet,
    1,
    1,
    rows.map((row) => [...row, ...new Array<SheetValue>(headers.length - row.length).fill('')]),
  );
  return {
    layout: {
      sheet,
      headerRow: 1,
      width: headers.length,
      columns: new Map(spec.columns.map((column, index) => [column.key, index])),
      checkboxColumns: new Set(),
    },
    said: `created, with its ${headers.length} headers${
      spec.name === 'Settings' ? ' and the default settings from the terms of reference' : ''
    }.`,
  };
}

function completeTab(tab: TabData, spec: TabSpec): { layout: TabLayout; said: string } {
  const found = mapHeaders(spec.name, tab.grid, spec);
  const headerRow = found.headerRow + 1;
  // New columns go after the last column used in any row, so they never label existing data.
  const used = tab.grid.reduce((widest, row) => {
    let last = row.length;
    while (last > 0 && isBlank(row[last - 1] ?? null)) last--;
    return Math.max(widest, last);
  }, 0);
  const missing: ColumnSpec[] = spec.columns.filter((column) => !found.columns.has(column));
  const columns = new Map<string, number>();
  for (const [column, index] of found.columns) columns.set(column.key, index);
  missing.forEach((column, offset) => {
    columns.set(column.key, used + offset);
  });

  const checkboxColumns = new Set(
    [...found.columns]
      .filter(
        ([column, index]) =>
          column.kind.type === 'yesNo' && isCheckboxColumn(tab, index, found.headerRow),
      )
      .map(([column]) => column.key),
  );

  const sheet = tab.sheet;
  if (missing.length > 0) {
    ensureColumns(sheet, used + missing.length);
    ensureRows(sheet, headerRow + 1);
    writeBlock(sheet, headerRow, used + 1, [missing.map((column) => column.header)]);
  }
  return {
    layout: { sheet, headerRow, width: used + missing.length, columns, checkboxColumns },
    said:
      missing.length === 0
        ? `every header is in place (row ${headerRow}).`
        : `added ${missing.map((column) => `"${column.header}"`).join(', ')} at the end of row ${headerRow}.`,
  };
}

/** Key/value rows for a new Settings tab: the defaults, written as an officer would type them. */
function defaultSettingRows(dates: SheetDates): SheetValue[][] {
  const value = (property: keyof BoardSettings): SheetValue => {
    const setting = DEFAULT_SETTINGS[property];
    if (property === 'firstMeeting') return dates.dateCell(setting as string);
    if (property === 'meetingPattern') {
      const { ordinal, weekday } = DEFAULT_SETTINGS.meetingPattern;
      return `${ordinal} ${WEEKDAYS[weekday]}`;
    }
    if (Array.isArray(setting)) return setting.join(', ');
    return setting as string | number;
  };
  return SETTING_KEYS.map(([label, property]) => [label, value(property)]);
}

/**
 * A test session: a fake spreadsheet holding a board, the built bundle loaded over it with a
 * fixed clock, and helpers to click menu items and read what they left in the sheet.
 */

import { isoDateToSerial } from '../../../schema/dates';
import type { RawGrid, WorkbookGrids } from '../../../schema/grid';
import { DEMO_NOW, demoGrids, loadBoard } from './boards';
import { type LoadedBundle, loadBundle } from './bundle';
import { FakeAppsScript } from './fake-apps-script';
import type { CellValue } from './fake-range';
import type { RecordedRule } from './fake-spreadsheet';
import { dateOfSerial, serialOfDate } from './zoned-time';

export interface Session {
  readonly fake: FakeAppsScript;
  readonly bundle: LoadedBundle;
  /** Clicks a menu item (calls the bundle's top-level function) and returns its Spreadsheet calls. */
  click(functionName: string): number;
  /** A tab's values up to its last row and column with content. */
  tab(name: string): CellValue[][];
  /** Everything a handler could have changed, for comparing two runs. */
  state(): unknown;
}

export async function session(
  grids: WorkbookGrids | null = demoGrids(),
  now: Date = DEMO_NOW,
): Promise<Session> {
  const fake = new FakeAppsScript();
  if (grids) loadBoard(fake.spreadsheet, grids);
  const bundle = await loadBundle(fake, now);
  return {
    fake,
    bundle,
    click(functionName) {
      const before = fake.spreadsheetCalls();
      bundle.run(functionName);
      return fake.spreadsheetCalls() - before;
    },
    tab: (name) => fake.spreadsheet.sheet(name).contents(),
    state: () =>
      fake.spreadsheet.sheets.map((sheet) => ({
        name: sheet.name,
        size: [sheet.maxRows, sheet.maxColumns],
        values: sheet.contents(),
        formulas: Object.fromEntries(sheet.formulas),
        notes: Object.fromEntries(sheet.notes),
        formats: Object.fromEntries(sheet.numberFormats),
        validations: Object.fromEntries(sheet.validations),
        fontWeights: Object.fromEntries(sheet.fontWeights),
        wraps: Object.fromEntries(sheet.wraps),
        alignments: Object.fromEntries(sheet.verticalAlignments),
        widths: Object.fromEntries(sheet.columnWidths),
        hidden: [...sheet.hiddenColumns],
        filter: sheet.filter?.range.getA1Notation() ?? null,
        frozenRows: sheet.frozenRows,
        protections: sheet.protections.map((protection) => ({
          description: protection.description,
          warningOnly: protection.warningOnly,
          range: protection.range.getA1Notation(),
        })),
        rules: sheet.conditionalFormatRules.map((rule) => {
          const { formula, background, ranges } = rule as unknown as RecordedRule;
          return { formula, background, ranges };
        }),
      })),
  };
}

/**
 * The fake's sheets as the server would read them through the Sheets API (unformatted values,
 * dates as serial numbers), for checking the sheet and the server agree on the same board.
 */
export function gridsOf(fake: FakeAppsScript): Record<string, RawGrid> {
  const grids: Record<string, RawGrid> = {};
  for (const sheet of fake.spreadsheet.sheets) {
    grids[sheet.name] = sheet.contents().map((row) => {
      const cells = row.map((cell) =>
        cell === '' ? null : cell instanceof Date ? serialOfDate(cell, 'Europe/London') : cell,
      );
      while (cells.length > 0 && cells.at(-1) === null) cells.pop();
      return cells;
    });
  }
  return grids;
}

/** The Date a date cell holds for a calendar day, in the fake's Europe/London. */
export function londonDate(isoDate: string): Date {
  return dateOfSerial(isoDateToSerial(isoDate), 'Europe/London');
}

/** The last sidebar's text (tags removed), or '' when none was shown. */
export function sidebarText(started: Session): string {
  return dialogText(started.fake.ui.sidebars.at(-1)?.html ?? '');
}

/** The cells the last sidebar links to, as `range` values of its links (e.g. `A5`), by tab ID. */
export function sidebarLinks(started: Session): { gid: number; range: string; text: string }[] {
  const html = started.fake.ui.sidebars.at(-1)?.html ?? '';
  return [...html.matchAll(/<a href="[^"]*#gid=(\d+)&amp;range=([A-Z]+\d+)">([^<]*)<\/a>/g)].map(
    (match) => ({ gid: Number(match[1]), range: match[2] as string, text: match[3] as string }),
  );
}

/** The text of a dialog's HTML, tags removed and entities decoded, for assertions. */
export function dialogText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A test session: a fake spreadsheet holding a board, the built bundle loaded over it with a
 * fixed clock, and helpers to click menu items and read what they left in the sheet.
 */

import { isoDateToSerial } from '../../../schema/dates';
import type { WorkbookGrids } from '../../../schema/grid';
import { DEMO_NOW, demoGrids, loadBoard } from './boards';
import { type LoadedBundle, loadBundle } from './bundle';
import { FakeAppsScript } from './fake-apps-script';
import type { CellValue } from './fake-range';
import type { RecordedRule } from './fake-spreadsheet';
import { dateOfSerial } from './zoned-time';

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
        notes: Object.fromEntries(sheet.notes),
        formats: Object.fromEntries(sheet.numberFormats),
        validations: Object.fromEntries(sheet.validations),
        fontWeights: Object.fromEntries(sheet.fontWeights),
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

/** The Date a date cell holds for a calendar day, in the fake's Europe/London. */
export function londonDate(isoDate: string): Date {
  return dateOfSerial(isoDateToSerial(isoDate), 'Europe/London');
}

/** The text of a dialog's HTML, tags removed and entities decoded, for assertions. */
export function dialogText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

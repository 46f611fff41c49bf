/**
 * What each menu handler is given, and the runner that turns any failure into a dialog. The
 * clock is read once here (handlers take `today` as a value), so the rules stay pure and the
 * tests can fix the date.
 */
import type { IsoDate } from '../schema/dates';
import { BoardSheetError, errorMessage } from './board-error';

export interface MenuContext {
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly ui: GoogleAppsScript.Base.Ui;
  readonly now: Date;
  /** Today's date in Europe/London. */
  readonly today: IsoDate;
  /** The menu label, used as the title of the handler's dialogs. */
  readonly title: string;
}

export type MenuHandler = (context: MenuContext) => void;

/** What a dialog's or trigger's global works with: no Ui (a trigger has nobody to show it to). */
export type ScriptContext = Omit<MenuContext, 'ui' | 'title'>;

/** The spreadsheet and the clock, read once, for a callable global. */
export function scriptContext(): ScriptContext {
  const now = new Date();
  return { spreadsheet: SpreadsheetApp.getActiveSpreadsheet(), now, today: londonDay(now) };
}

/** Runs a handler; a problem becomes a plain-language dialog, never a stack trace. */
export function runMenuItem(title: string, handler: MenuHandler): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const now = new Date();
    handler({
      spreadsheet: SpreadsheetApp.getActiveSpreadsheet(),
      ui,
      now,
      today: londonDay(now),
      title,
    });
  } catch (error) {
    // The stack goes to the script's execution log for whoever maintains it, not to the user.
    const stack = (error as { stack?: unknown } | null)?.stack;
    console.error(typeof stack === 'string' ? stack : errorMessage(error));
    ui.alert(title, explain(error), ui.ButtonSet.OK);
  }
}

/**
 * Today in Europe/London, as schema/dates' londonToday gives it on the server. Apps Script's own
 * formatter is used here because it is guaranteed on Google's runtime, whereas londonToday's
 * `Intl` formatting depends on the locale data the runtime ships.
 */
function londonDay(now: Date): IsoDate {
  return Utilities.formatDate(now, 'Europe/London', 'yyyy-MM-dd');
}

function explain(error: unknown): string {
  if (error instanceof BoardSheetError) {
    return `${error.describe()}\n\n${
      error.where ? 'Fix that cell, then run this menu item again.' : ''
    }`.trim();
  }
  const message = errorMessage(error);
  return `This could not be finished: ${message}\n\nNothing was deleted. If it happens again, tell the officer who looks after the board spreadsheet.`;
}

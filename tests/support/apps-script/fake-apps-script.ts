/**
 * One fake Apps Script environment: the services as globals for a vm context, and the state
 * behind them for the test to set up and inspect (sheets, dialogs, drafts, requests, calls).
 */
import { CallLog } from './call-log';
import {
  type Draft,
  FakeProperties,
  type FetchCall,
  type FetchHandler,
  fakeConsole,
  fakeGmailApp,
  fakeLockService,
  fakePropertiesService,
  fakeUrlFetchApp,
  fakeUtilities,
} from './fake-services';
import { FakeSpreadsheet, fakeSpreadsheetApp } from './fake-spreadsheet';
import { FakeUi, fakeHtmlService } from './fake-ui';

export class FakeAppsScript {
  readonly log = new CallLog();
  readonly spreadsheet = new FakeSpreadsheet(this.log);
  readonly ui = new FakeUi(this.log);
  readonly scriptProperties = new FakeProperties();
  readonly documentProperties = new FakeProperties();
  readonly drafts: Draft[] = [];
  readonly fetches: FetchCall[] = [];
  readonly consoleLines: string[] = [];
  fetchHandler: FetchHandler = () => {
    throw new Error('No fetch handler set for this test');
  };

  /** The globals Apps Script provides, as the bundle sees them (and nothing else). */
  globals(): Record<string, unknown> {
    return {
      SpreadsheetApp: fakeSpreadsheetApp(this.spreadsheet, this.ui.proxy),
      HtmlService: fakeHtmlService(this.log),
      LockService: fakeLockService(this.spreadsheet, this.log),
      PropertiesService: fakePropertiesService(
        this.scriptProperties,
        this.documentProperties,
        this.log,
      ),
      GmailApp: fakeGmailApp(this.drafts, this.log),
      UrlFetchApp: fakeUrlFetchApp(this.fetches, () => this.fetchHandler, this.log),
      Utilities: fakeUtilities(this.log),
      console: fakeConsole(this.consoleLines, this.log),
    };
  }

  /** Every Spreadsheet service call (SpreadsheetApp, Spreadsheet, Sheet, Range, builders). */
  spreadsheetCalls(): number {
    return this.log.total('Spreadsheet');
  }
}

/**
 * One fake Apps Script environment: the services as globals for a vm context, and the state
 * behind them for the test to set up and inspect (sheets, dialogs, drafts, emails, triggers,
 * requests, calls). `user` is who is running the script: drafts, user properties and triggers
 * are that person's, as in Apps Script, so a test can be two co-chairs in turn.
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
  fakeMailApp,
  fakePropertiesService,
  fakeScriptApp,
  fakeUrlFetchApp,
  fakeUtilities,
  type RecordedTrigger,
  type SentMail,
} from './fake-services';
import { FakeSpreadsheet, fakeSpreadsheetApp } from './fake-spreadsheet';
import { FakeUi, fakeHtmlService } from './fake-ui';

export class FakeAppsScript {
  readonly log = new CallLog();
  readonly spreadsheet = new FakeSpreadsheet(this.log);
  readonly ui = new FakeUi(this.log);
  readonly scriptProperties = new FakeProperties();
  readonly documentProperties = new FakeProperties();
  readonly userProperties = new Map<string, FakeProperties>();
  readonly drafts: Draft[] = [];
  readonly mails: SentMail[] = [];
  /** MailApp's emails left today (a consumer account has 100). */
  readonly mailQuota = { remaining: 100 };
  readonly triggers: RecordedTrigger[] = [];
  readonly fetches: FetchCall[] = [];
  /** Who is running the script (the active user). */
  user = 'yusuf.demirel@example.org';
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
        () => this.propertiesOf(this.user),
        this.log,
      ),
      GmailApp: fakeGmailApp(this.drafts, () => this.user, this.log),
      MailApp: fakeMailApp(this.mails, this.mailQuota, () => this.user, this.log),
      ScriptApp: fakeScriptApp(this.triggers, () => this.user, this.log),
      UrlFetchApp: fakeUrlFetchApp(this.fetches, () => this.fetchHandler, this.log),
      Utilities: fakeUtilities(this.log),
      console: fakeConsole(this.consoleLines, this.log),
    };
  }

  /** A user's own properties (PropertiesService.getUserProperties when they run the script). */
  propertiesOf(user: string): FakeProperties {
    let properties = this.userProperties.get(user);
    if (!properties) {
      properties = new FakeProperties();
      this.userProperties.set(user, properties);
    }
    return properties;
  }

  /** The drafts in one user's Gmail. */
  draftsOf(user: string = this.user): Draft[] {
    return this.drafts.filter((draft) => draft.user === user);
  }

  /** Every Spreadsheet service call (SpreadsheetApp, Spreadsheet, Sheet, Range, builders). */
  spreadsheetCalls(): number {
    return this.log.total('Spreadsheet');
  }
}

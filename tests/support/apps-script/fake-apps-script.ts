/**
 * One fake Apps Script environment: the services as globals for a vm context, and the state
 * behind them for the test to set up and inspect (sheets, dialogs, drafts, emails, triggers,
 * requests, calls). `user` is who is running the script: drafts, user properties and triggers
 * are that person's, as in Apps Script, so a test can be two co-chairs in turn. `now` is the
 * clock the script and the services see; a test moves it (`advance`), and `Utilities.sleep`
 * moves it too.
 */
import { CallLog } from './call-log';
import { FakeCache, fakeCacheService } from './fake-cache';
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
  type ScriptLockState,
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
  /** What `new Date()` and `Date.now()` give in the script (loadBundle sets it). */
  now = new Date();
  readonly scriptCache = new FakeCache(() => this.now.getTime());
  readonly scriptLock: ScriptLockState = { held: false };
  /** Every Utilities.sleep, in milliseconds. */
  readonly sleeps: number[] = [];
  /**
   * Runs at the start of each Utilities.sleep: what other executions do meanwhile (the fake
   * runs one at a time, so a test runs them here).
   */
  whileAsleep: ((milliseconds: number) => void) | null = null;

  /** The globals Apps Script provides, as the bundle sees them (and nothing else). */
  globals(): Record<string, unknown> {
    return {
      SpreadsheetApp: fakeSpreadsheetApp(this.spreadsheet, this.ui.proxy),
      HtmlService: fakeHtmlService(this.log),
      LockService: fakeLockService(this.spreadsheet, this.scriptLock, this.log),
      CacheService: fakeCacheService(this.scriptCache, this.log),
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
      Utilities: fakeUtilities((milliseconds) => this.sleep(milliseconds), this.log),
      console: fakeConsole(this.consoleLines, this.log),
    };
  }

  /** Moves the clock on, as time passing between two executions. */
  advance(milliseconds: number): void {
    this.now = new Date(this.now.getTime() + milliseconds);
  }

  /** Utilities.sleep: the clock wakes the script no earlier than it asked, whatever ran meanwhile. */
  private sleep(milliseconds: number): void {
    const wake = this.now.getTime() + milliseconds;
    this.sleeps.push(milliseconds);
    const meanwhile = this.whileAsleep;
    // Runs started meanwhile do not sleep inside this one's sleep.
    this.whileAsleep = null;
    meanwhile?.(milliseconds);
    if (this.now.getTime() < wake) this.now = new Date(wake);
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

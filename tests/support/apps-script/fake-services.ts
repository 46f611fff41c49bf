/// <reference types="google-apps-script" />
/**
 * The other services the bundle uses: LockService (the document lock is what the spreadsheet
 * checks writes against; each user has their own user lock; one script lock for everyone),
 * PropertiesService (script and document properties shared by everyone, user properties per
 * user), GmailApp (drafts only, in the drafting user's own Gmail: the fake has no way to send),
 * MailApp (sends, within a daily quota), ScriptApp (installable weekly and change triggers, per
 * user as Apps Script keeps them), UrlFetchApp (answers from a handler the test sets),
 * Utilities (dates in a time zone, and sleep on the fake clock) and the console.
 */
import { type CallLog, counted } from './call-log';
import type { FakeSpreadsheet } from './fake-spreadsheet';
import { instantOf, wallClock } from './zoned-time';

/** The script lock, one for every user and run of the script. */
export interface ScriptLockState {
  held: boolean;
}

export function fakeLockService(
  spreadsheet: FakeSpreadsheet,
  scriptLockState: ScriptLockState,
  log: CallLog,
): GoogleAppsScript.Lock.LockService {
  const lock: Pick<GoogleAppsScript.Lock.Lock, 'waitLock' | 'releaseLock' | 'hasLock'> = {
    waitLock: () => {
      if (spreadsheet.lockHeld)
        throw new Error('Lock timeout: another process was holding the lock');
      spreadsheet.lockHeld = true;
    },
    releaseLock: () => {
      spreadsheet.lockHeld = false;
    },
    hasLock: () => spreadsheet.lockHeld,
  };
  const proxy = counted(lock, log, 'Lock', 'Lock') as GoogleAppsScript.Lock.Lock;
  // A user lock only stops the same user's runs overlapping: the fake runs one at a time.
  const userLock: Pick<GoogleAppsScript.Lock.Lock, 'waitLock' | 'releaseLock' | 'hasLock'> = {
    waitLock: () => undefined,
    releaseLock: () => undefined,
    hasLock: () => true,
  };
  const userProxy = counted(userLock, log, 'Lock', 'UserLock') as GoogleAppsScript.Lock.Lock;
  // The fake runs one execution at a time, so a lock held by another run never frees while
  // this one waits: tryLock answers at once, as a real one does when its wait runs out.
  const scriptLock: Pick<
    GoogleAppsScript.Lock.Lock,
    'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'
  > = {
    tryLock: () => {
      if (scriptLockState.held) return false;
      scriptLockState.held = true;
      return true;
    },
    waitLock: () => {
      if (scriptLockState.held)
        throw new Error('Lock timeout: another process was holding the lock');
      scriptLockState.held = true;
    },
    releaseLock: () => {
      scriptLockState.held = false;
    },
    hasLock: () => scriptLockState.held,
  };
  const scriptProxy = counted(scriptLock, log, 'Lock', 'ScriptLock') as GoogleAppsScript.Lock.Lock;
  const service: Pick<
    GoogleAppsScript.Lock.LockService,
    'getDocumentLock' | 'getUserLock' | 'getScriptLock'
  > = {
    getDocumentLock: () => proxy,
    getUserLock: () => userProxy,
    getScriptLock: () => scriptProxy,
  };
  return counted(service, log, 'Lock', 'LockService') as GoogleAppsScript.Lock.LockService;
}

export class FakeProperties
  implements Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>
{
  readonly values = new Map<string, string>();
  getProperty(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    this.values.set(key, value);
    return this as unknown as GoogleAppsScript.Properties.Properties;
  }
}

export function fakePropertiesService(
  script: FakeProperties,
  document: FakeProperties,
  user: () => FakeProperties,
  log: CallLog,
): GoogleAppsScript.Properties.PropertiesService {
  const service: Pick<
    GoogleAppsScript.Properties.PropertiesService,
    'getScriptProperties' | 'getDocumentProperties' | 'getUserProperties'
  > = {
    getScriptProperties: () => counted(script, log, 'Properties', 'ScriptProperties') as never,
    getDocumentProperties: () =>
      counted(document, log, 'Properties', 'DocumentProperties') as never,
    getUserProperties: () => counted(user(), log, 'Properties', 'UserProperties') as never,
  };
  return counted(service, log, 'Properties', 'PropertiesService') as never;
}

export interface Draft {
  /** Whose Gmail the draft is in: the user who ran the script. */
  readonly user: string;
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly htmlBody: string | null;
  readonly name: string | null;
}

export function fakeGmailApp(
  drafts: Draft[],
  user: () => string,
  log: CallLog,
): GoogleAppsScript.Gmail.GmailApp {
  const gmail: Pick<GoogleAppsScript.Gmail.GmailApp, 'createDraft'> = {
    createDraft: (
      recipient: string,
      subject: string,
      body: string,
      options?: GoogleAppsScript.Gmail.GmailAdvancedOptions,
    ) => {
      if (!recipient) throw new Error('Invalid argument: recipient');
      const id = `r-${drafts.length + 1}`;
      drafts.push({
        user: user(),
        id,
        to: recipient,
        subject,
        body,
        htmlBody: options?.htmlBody ?? null,
        name: options?.name ?? null,
      });
      const draft: Pick<GoogleAppsScript.Gmail.GmailDraft, 'getId'> = { getId: () => id };
      return counted(draft, log, 'Gmail', 'GmailDraft') as never;
    },
  };
  return counted(gmail, log, 'Gmail', 'GmailApp') as GoogleAppsScript.Gmail.GmailApp;
}

export interface SentMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly htmlBody: string | null;
  readonly name: string | null;
}

/** MailApp: each email sent uses one of the day's quota; with none left it throws, as Apps Script does. */
export function fakeMailApp(
  sent: SentMail[],
  quota: { remaining: number },
  user: () => string,
  log: CallLog,
): GoogleAppsScript.Mail.MailApp {
  const app: Pick<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota'> & {
    sendEmail(message: GoogleAppsScript.Mail.MailAdvancedParameters): void;
  } = {
    getRemainingDailyQuota: () => quota.remaining,
    sendEmail: (message: GoogleAppsScript.Mail.MailAdvancedParameters) => {
      if (typeof message !== 'object' || !message.to) {
        throw new Error('The fake MailApp takes sendEmail({ to, subject, body, ... }) only.');
      }
      if (quota.remaining <= 0) {
        throw new Error('Service invoked too many times for one day: email.');
      }
      quota.remaining -= message.to.split(',').length;
      sent.push({
        from: user(),
        to: message.to,
        subject: message.subject ?? '',
        body: message.body ?? '',
        htmlBody: message.htmlBody ?? null,
        name: message.name ?? null,
      });
    },
  };
  return counted(app, log, 'Mail', 'MailApp') as never;
}

interface RecordedTriggerBase {
  readonly owner: string;
  readonly id: string;
  readonly handlerFunction: string;
}

export type RecordedTrigger =
  | (RecordedTriggerBase & {
      readonly eventType: 'CLOCK';
      readonly weekDay: string | null;
      readonly atHour: number | null;
      readonly everyWeeks: number | null;
    })
  /** An installable change trigger, for the spreadsheet with this ID. */
  | (RecordedTriggerBase & { readonly eventType: 'ON_CHANGE'; readonly spreadsheetId: string });

/**
 * ScriptApp's installable triggers: weekly time-driven ones and spreadsheet change ones.
 * `getProjectTriggers` gives only the current user's triggers of this project, as in Apps
 * Script, so one person cannot see (or delete) another's.
 */
export function fakeScriptApp(
  triggers: RecordedTrigger[],
  user: () => string,
  log: CallLog,
): GoogleAppsScript.Script.ScriptApp {
  const proxyOf = (trigger: RecordedTrigger) => {
    const view: Pick<
      GoogleAppsScript.Script.Trigger,
      'getHandlerFunction' | 'getUniqueId' | 'getEventType' | 'getTriggerSourceId'
    > = {
      getHandlerFunction: () => trigger.handlerFunction,
      getUniqueId: () => trigger.id,
      getEventType: () => trigger.eventType as unknown as GoogleAppsScript.Script.EventType,
      getTriggerSourceId: () => (trigger.eventType === 'ON_CHANGE' ? trigger.spreadsheetId : ''),
    };
    return counted(view, log, 'Script', 'Trigger') as unknown as GoogleAppsScript.Script.Trigger;
  };
  const install = (trigger: RecordedTrigger) => {
    triggers.push(trigger);
    return proxyOf(trigger);
  };
  const app: Pick<
    GoogleAppsScript.Script.ScriptApp,
    'getProjectTriggers' | 'newTrigger' | 'deleteTrigger'
  > & {
    WeekDay: Record<string, string>;
    EventType: Record<string, string>;
  } = {
    WeekDay: Object.fromEntries(
      ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day) => [
        day,
        day,
      ]),
    ),
    EventType: { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_CHANGE: 'ON_CHANGE' },
    getProjectTriggers: () => triggers.filter((trigger) => trigger.owner === user()).map(proxyOf),
    deleteTrigger: (trigger: GoogleAppsScript.Script.Trigger) => {
      const index = triggers.findIndex((candidate) => candidate.id === trigger.getUniqueId());
      if (index !== -1) triggers.splice(index, 1);
    },
    newTrigger: (functionName: string) => {
      const base = () => ({
        owner: user(),
        id: `trigger-${triggers.length + 1}`,
        handlerFunction: functionName,
      });
      const spec = {
        weekDay: null as string | null,
        atHour: null as number | null,
        everyWeeks: null as number | null,
      };
      const clock = {
        onWeekDay(day: unknown) {
          spec.weekDay = String(day);
          return clockProxy;
        },
        atHour(hour: number) {
          spec.atHour = hour;
          return clockProxy;
        },
        everyWeeks(n: number) {
          spec.everyWeeks = n;
          return clockProxy;
        },
        create() {
          if (spec.weekDay === null && spec.everyWeeks === null) {
            throw new Error('The fake makes weekly clock triggers only.');
          }
          return install({ ...base(), eventType: 'CLOCK', ...spec });
        },
      };
      const clockProxy = counted(clock, log, 'Script', 'ClockTriggerBuilder');
      const forSpreadsheet = (sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string) => {
        const spreadsheetId = typeof sheet === 'string' ? sheet : sheet.getId();
        // onChange only: the menu installs no other spreadsheet trigger.
        const change = {
          create: () => install({ ...base(), eventType: 'ON_CHANGE', spreadsheetId }),
        };
        const changeProxy = counted(change, log, 'Script', 'SpreadsheetTriggerBuilder');
        return counted({ onChange: () => changeProxy }, log, 'Script', 'SpreadsheetTriggerBuilder');
      };
      const builder = { timeBased: () => clockProxy, forSpreadsheet };
      return counted(builder, log, 'Script', 'TriggerBuilder') as never;
    },
  };
  return counted(app, log, 'Script', 'ScriptApp') as never;
}

export interface FetchCall {
  readonly url: string;
  readonly params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
}
/**
 * The server's answer to a request. A handler that throws is a request that never got an
 * answer (DNS, refused connection, timeout): UrlFetchApp throws then whatever
 * `muteHttpExceptions` says, so the fake passes the handler's error on.
 */
export type FetchHandler = (call: FetchCall) => { status: number; body: string };

export function fakeUrlFetchApp(
  calls: FetchCall[],
  handler: () => FetchHandler,
  log: CallLog,
): GoogleAppsScript.URL_Fetch.UrlFetchApp {
  const app: Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'> = {
    fetch: (url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) => {
      const call = { url, params };
      calls.push(call);
      const { status, body } = handler()(call);
      if ((status < 200 || status >= 300) && !params.muteHttpExceptions) {
        // Apps Script's wording; only muteHttpExceptions makes a refusal an answer.
        throw new Error(
          `Request failed for ${url} returned code ${status}. Truncated server response: ${body.slice(0, 100)}`,
        );
      }
      const response: Pick<
        GoogleAppsScript.URL_Fetch.HTTPResponse,
        'getResponseCode' | 'getContentText'
      > = { getResponseCode: () => status, getContentText: () => body };
      return counted(response, log, 'UrlFetch', 'HTTPResponse') as never;
    },
  };
  return counted(app, log, 'UrlFetch', 'UrlFetchApp') as GoogleAppsScript.URL_Fetch.UrlFetchApp;
}

/** The Java SimpleDateFormat letters the bundle uses; anything else is refused. */
const TOKENS = /yyyy|MM|dd|HH|mm|ss|'[^']*'/g;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `sleep` waits on the fake clock (FakeAppsScript.sleep), so no test waits in real time. */
export function fakeUtilities(
  sleep: (milliseconds: number) => void,
  log: CallLog,
): GoogleAppsScript.Utilities.Utilities {
  const utilities: Pick<
    GoogleAppsScript.Utilities.Utilities,
    'formatDate' | 'parseDate' | 'sleep'
  > = {
    sleep: (milliseconds: number) => {
      // Apps Script's own limit: five minutes.
      if (!(milliseconds >= 0 && milliseconds <= 300_000)) {
        throw new Error(`Utilities.sleep: ${milliseconds} is not between 0 and 300000`);
      }
      sleep(milliseconds);
    },
    formatDate: (date: GoogleAppsScript.Base.Date, timeZone: string, format: string) => {
      const clock = wallClock(date as unknown as Date, timeZone);
      const values: Record<string, string> = {
        yyyy: pad(clock.year, 4),
        MM: pad(clock.month),
        dd: pad(clock.day),
        HH: pad(clock.hour),
        mm: pad(clock.minute),
        ss: pad(clock.second),
      };
      checkPattern(format);
      return format.replace(TOKENS, (token) => values[token] ?? token.slice(1, -1));
    },
    parseDate: (text: string, timeZone: string, format: string) => {
      checkPattern(format);
      const names: string[] = [];
      const source = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(TOKENS, (token) => {
        if (token.startsWith("'")) return token.slice(1, -1);
        names.push(token);
        return token === 'yyyy' ? '(\\d{4})' : '(\\d{2})';
      });
      const match = new RegExp(`^${source}$`).exec(text);
      if (!match) throw new Error(`Unparseable date: "${text}"`);
      const part = (token: string) => {
        const index = names.indexOf(token);
        return index === -1 ? 0 : Number(match[index + 1]);
      };
      return instantOf(
        {
          year: part('yyyy'),
          month: part('MM') || 1,
          day: part('dd') || 1,
          hour: part('HH'),
          minute: part('mm'),
          second: part('ss'),
        },
        timeZone,
      );
    },
  };
  return counted(utilities, log, 'Utilities', 'Utilities') as GoogleAppsScript.Utilities.Utilities;
}

function checkPattern(format: string): void {
  const rest = format.replace(TOKENS, '').replace(/[-/ :T.]/g, '');
  if (rest) throw new Error(`The fake Utilities does not support the date pattern "${format}"`);
}

export function fakeConsole(
  lines: string[],
  log: CallLog,
): Pick<Console, 'log' | 'error' | 'warn'> {
  const write = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  return counted({ log: write, error: write, warn: write }, log, 'Console', 'console');
}

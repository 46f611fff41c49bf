/// <reference types="google-apps-script" />
/**
 * The other services the bundle uses: LockService (its lock is what the spreadsheet checks
 * writes against), PropertiesService, GmailApp (drafts only: the fake has no way to send),
 * UrlFetchApp (answers from a handler the test sets), Utilities (dates in a time zone) and
 * the console.
 */
import { type CallLog, counted } from './call-log';
import type { FakeSpreadsheet } from './fake-spreadsheet';
import { instantOf, wallClock } from './zoned-time';

export function fakeLockService(
  spreadsheet: FakeSpreadsheet,
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
  const service: Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'> = {
    getDocumentLock: () => proxy,
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
  log: CallLog,
): GoogleAppsScript.Properties.PropertiesService {
  const service: Pick<
    GoogleAppsScript.Properties.PropertiesService,
    'getScriptProperties' | 'getDocumentProperties'
  > = {
    getScriptProperties: () => counted(script, log, 'Properties', 'ScriptProperties') as never,
    getDocumentProperties: () =>
      counted(document, log, 'Properties', 'DocumentProperties') as never,
  };
  return counted(service, log, 'Properties', 'PropertiesService') as never;
}

export interface Draft {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

export function fakeGmailApp(drafts: Draft[], log: CallLog): GoogleAppsScript.Gmail.GmailApp {
  const gmail: Pick<GoogleAppsScript.Gmail.GmailApp, 'createDraft'> = {
    createDraft: (recipient: string, subject: string, body: string) => {
      drafts.push({ to: recipient, subject, body });
      return {} as GoogleAppsScript.Gmail.GmailDraft;
    },
  };
  return counted(gmail, log, 'Gmail', 'GmailApp') as GoogleAppsScript.Gmail.GmailApp;
}

export interface FetchCall {
  readonly url: string;
  readonly params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
}
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

export function fakeUtilities(log: CallLog): GoogleAppsScript.Utilities.Utilities {
  const utilities: Pick<GoogleAppsScript.Utilities.Utilities, 'formatDate' | 'parseDate'> = {
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

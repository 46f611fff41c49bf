/**
 * The board read straight from its Google spreadsheet with the Sheets API v4 (googleapis).
 *
 * One `spreadsheets.values.batchGet` reads all eight tabs as raw values (UNFORMATTED_VALUE,
 * dates as SERIAL_NUMBER), which is exactly the `WorkbookGrids` shape the parser takes. There
 * are no retries here: googleapis' own retry is switched off and every failure becomes a
 * `SourceError` saying whether trying again later can help; the snapshot cache decides when.
 *
 * Only the Sheets API module of googleapis is loaded (`googleapis/build/src/apis/sheets`), and
 * only on the first read: the package index requires every Google API (~450 ms), the Sheets
 * module alone ~50 ms, and a server reading a local workbook never loads either.
 */
import { createHash } from 'node:crypto';
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/index.js';
import type { RawCell, RawRow, WorkbookGrids } from '../../schema/grid';
import { TAB_NAMES } from '../../schema/layout';
import { type BoardSource, SourceError } from './board-source';
import { placeRow } from './row-for-headers';

export interface GoogleSheetsOptions {
  /** The ID in the spreadsheet's address: docs.google.com/spreadsheets/d/<ID>/edit. */
  spreadsheetId: string;
  /** SHEETS_ACCESS_TOKEN: a ready OAuth access token, used as is (never refreshed). */
  accessToken?: string;
  /** SHEETS_API_ROOT_URL, e.g. http://127.0.0.1:9999/ (default Google's). */
  rootUrl?: string;
  /** Per request, default 15000. */
  timeoutMs?: number;
}

/** Read-only access is all the board needs. */
export const SHEETS_READONLY_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';
/** Only `appendRow` (recordCirculation) asks for this; reads never do. */
export const SHEETS_WRITE_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

const DEFAULT_TIMEOUT_MS = 15_000;

/** How Google words a range naming a tab the spreadsheet lacks. */
const UNPARSABLE_RANGE = /^Unable to parse range: (.+)$/;

/** Network failures that may well be gone next time (Node and node-fetch error codes). */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'TimeoutError',
  'AbortError',
]);

type SheetsModule = typeof import('googleapis/build/src/apis/sheets/index.js');
let sheetsModule: Promise<SheetsModule> | undefined;
function loadSheets(): Promise<SheetsModule> {
  sheetsModule ??= import('googleapis/build/src/apis/sheets/index.js');
  return sheetsModule;
}

/** A tab name as an A1 range for the whole tab: `'Members'`, `'Bob''s tab'`. */
export function quoteTabName(tab: string): string {
  return `'${tab.replaceAll("'", "''")}'`;
}

/** Reads the board's eight tabs from a Google spreadsheet. */
export function googleSheetsSource(options: GoogleSheetsOptions): BoardSource {
  // The whole sheet address is accepted too: the ID is the part after /d/.
  const given = options.spreadsheetId.trim();
  const spreadsheetId = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(given)?.[1] ?? given;
  if (!/^[A-Za-z0-9_-]+$/.test(spreadsheetId)) {
    throw new SourceError(
      `"${options.spreadsheetId}" is not a Google spreadsheet ID. Set BOARD_SPREADSHEET_ID to ` +
        'the part of the sheet address between /d/ and /edit.',
      false,
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const rootUrl = options.rootUrl || undefined;
  const accessToken = options.accessToken?.trim() || undefined;
  const context: ErrorContext = { spreadsheetId, timeoutMs, usesToken: accessToken !== undefined };

  const clients = new Map<string, Promise<Client>>();
  const connectWith = (scope: string) => (): Promise<Client> => {
    let client = clients.get(scope);
    if (!client) {
      client = loadSheets().then((mod) => makeClient(mod, accessToken, scope));
      clients.set(scope, client);
      // A failed load (a broken install) is not remembered, so a later read tries again.
      client.catch(() => clients.delete(scope));
    }
    return client;
  };
  const connect = connectWith(SHEETS_READONLY_SCOPE);
  const connectWriter = connectWith(SHEETS_WRITE_SCOPE);
  const requestOptions = {
    ...(rootUrl ? { rootUrl } : {}),
    timeout: timeoutMs,
    // No hidden retries: the snapshot cache owns the retry policy.
    retry: false,
    retryConfig: { retry: 0, noResponseRetries: 0 },
  };

  async function batchGet(ranges: readonly string[]): Promise<unknown> {
    const { sheets } = await connect();
    const response = await sheets.spreadsheets.values.batchGet(
      {
        spreadsheetId,
        ranges: [...ranges],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
        majorDimension: 'ROWS',
      },
      {
        ...requestOptions,
        // Read the body as text: JSON.parse happens in `parseBatchGet`, so a malformed answer
        // is reported as one rather than passed along as a string.
        responseType: 'text',
      },
    );
    return response.data;
  }

  /**
   * The last answer read, by a digest of its text: an answer with the same text gives the same
   * grids, so they are handed back as they were and nothing downstream is parsed or built
   * again (BoardSource.readGrids). Reading the text again is not avoided (Google has no cheap
   * "changed since" for values), but hashing 15 MB takes a few milliseconds where parsing it
   * and building the snapshot take a second.
   */
  let last: { ranges: string; digest: string; grids: WorkbookGrids } | null = null;

  return {
    description: `Google spreadsheet ${spreadsheetId.slice(0, 8)}…`,
    async readGrids(): Promise<WorkbookGrids> {
      // A tab the spreadsheet lacks fails the whole batch; leave it out and ask again (once
      // per tab) so the board still loads and the parser reports the missing tab.
      let tabs: string[] = [...TAB_NAMES];
      for (;;) {
        if (tabs.length === 0) return {};
        const ranges = tabs.map(quoteTabName);
        let body: unknown;
        try {
          body = await batchGet(ranges);
        } catch (error) {
          const missing = missingRange(error, ranges);
          if (missing !== undefined) {
            tabs = tabs.filter((_, index) => index !== missing);
            continue;
          }
          throw await toSourceError(error, context, connect);
        }
        const asked = ranges.join('\n');
        const digest =
          typeof body === 'string' ? createHash('sha256').update(body).digest('base64') : null;
        if (digest !== null && last?.digest === digest && last.ranges === asked) return last.grids;
        const grids = parseBatchGet(body, tabs, context);
        last = digest === null ? null : { ranges: asked, digest, grids };
        return grids;
      }
    },
    async appendRow(tab, valuesByHeader) {
      try {
        const { sheets } = await connectWriter();
        const current = await sheets.spreadsheets.values.get(
          {
            spreadsheetId,
            range: quoteTabName(tab),
            valueRenderOption: 'UNFORMATTED_VALUE',
            dateTimeRenderOption: 'SERIAL_NUMBER',
            majorDimension: 'ROWS',
          },
          requestOptions,
        );
        const grid = (current.data.values ?? []).map((row) => row.map(toRawCell));
        const row = placeRow({ [tab]: grid }, tab, valuesByHeader);
        await sheets.spreadsheets.values.append(
          {
            spreadsheetId,
            range: `${quoteTabName(tab)}!A${row.rowNumber}`,
            // RAW: a hash or an ID is written as text, never re-read as a number or a date.
            valueInputOption: 'RAW',
            insertDataOption: 'INSERT_ROWS',
            requestBody: { values: [row.cells.map((cell) => cell ?? '')] },
          },
          requestOptions,
        );
      } catch (error) {
        if (error instanceof SourceError) throw error;
        throw await toSourceError(error, context, connectWriter);
      }
    },
  };
}

interface Client {
  sheets: sheets_v4.Sheets;
  /** The service account's address, for the "share the sheet with ..." advice. */
  serviceAccountEmail(): Promise<string | undefined>;
}

function makeClient(mod: SheetsModule, accessToken: string | undefined, scope: string): Client {
  if (accessToken !== undefined) {
    const oauth = new mod.auth.OAuth2();
    oauth.setCredentials({ access_token: accessToken });
    return {
      sheets: new mod.sheets_v4.Sheets({ auth: oauth }),
      serviceAccountEmail: async () => undefined,
    };
  }
  // Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS names a service account
  // key file (or the metadata server of a Google Cloud host answers).
  const adc = new mod.auth.GoogleAuth({ scopes: [scope] });
  return {
    sheets: new mod.sheets_v4.Sheets({ auth: adc }),
    async serviceAccountEmail() {
      try {
        return (await adc.getCredentials()).client_email || undefined;
      } catch {
        return undefined;
      }
    },
  };
}

interface ErrorContext {
  spreadsheetId: string;
  timeoutMs: number;
  usesToken: boolean;
}

/** Index of the requested range Google could not parse (a missing tab), if that is the error. */
function missingRange(error: unknown, ranges: readonly string[]): number | undefined {
  if (httpStatus(error) !== 400) return undefined;
  const match = UNPARSABLE_RANGE.exec(googleMessage(error)?.trim() ?? '');
  if (!match?.[1]) return undefined;
  // Google echoes the range as sent (`'Projects'`); accept `Projects` and `'Projects'!A1` too.
  const named = tabOfRange(match[1].trim()).toLowerCase();
  const index = ranges.findIndex((range) => tabOfRange(range).toLowerCase() === named);
  return index >= 0 ? index : undefined;
}

/** The tab name of an A1 range: `'Bob''s tab'!A1:B2` → `Bob's tab`. */
function tabOfRange(range: string): string {
  const quoted = /^'((?:[^']|'')*)'(?:!.*)?$/.exec(range);
  if (quoted?.[1] !== undefined) return quoted[1].replaceAll("''", "'");
  return range.split('!')[0] ?? range;
}

/** Checks and maps a batchGet answer; anything unexpected is a retryable SourceError. */
function parseBatchGet(body: unknown, tabs: readonly string[], context: ErrorContext) {
  const unexpected = (what: string) =>
    new SourceError(
      `Google returned an unexpected response for spreadsheet ${context.spreadsheetId} ` +
        `(${what}). This is usually passing; the board will try again.`,
      true,
    );
  let data: unknown = body;
  if (typeof body === 'string') {
    try {
      data = JSON.parse(body);
    } catch {
      throw unexpected('not valid JSON');
    }
  }
  if (!isObject(data)) throw unexpected('not a JSON object');
  const valueRanges = data.valueRanges;
  if (!Array.isArray(valueRanges) || valueRanges.length !== tabs.length) {
    throw unexpected(`expected ${tabs.length} value ranges`);
  }
  const grids: Record<string, readonly RawRow[]> = {};
  tabs.forEach((tab, index) => {
    const valueRange: unknown = valueRanges[index];
    if (!isObject(valueRange)) throw unexpected(`value range ${index + 1} is not an object`);
    const values = valueRange.values;
    if (values === undefined || values === null) {
      grids[tab] = [];
      return;
    }
    if (!Array.isArray(values) || !values.every(Array.isArray)) {
      throw unexpected(`the values of "${tab}" are not rows of cells`);
    }
    grids[tab] = (values as unknown[][]).map((row) => row.map(toRawCell));
  });
  return grids;
}

function toRawCell(cell: unknown): RawCell {
  switch (typeof cell) {
    case 'string':
    case 'boolean':
      return cell;
    case 'number':
      return Number.isFinite(cell) ? cell : null;
    default:
      return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The HTTP status of a gaxios error, when the server answered at all. */
function httpStatus(error: unknown): number | undefined {
  if (!isObject(error)) return undefined;
  const response = error.response;
  if (isObject(response) && typeof response.status === 'number') return response.status;
  return undefined;
}

/** Google's own message from its JSON error body (`{ error: { code, message, status } }`). */
function googleMessage(error: unknown): string | undefined {
  if (!isObject(error) || !isObject(error.response)) return undefined;
  let data = error.response.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  if (isObject(data) && isObject(data.error) && typeof data.error.message === 'string') {
    return data.error.message;
  }
  if (isObject(data) && typeof data.error === 'string') return data.error;
  return undefined;
}

/** Whether the failed request went to the Sheets API (not to Google's token endpoint). */
function wasSheetsRequest(error: unknown): boolean {
  if (!isObject(error) || !isObject(error.config)) return true;
  const url = String(error.config.url ?? '');
  return url === '' || url.includes('/v4/spreadsheets/');
}

/** System error code of a network failure, looking through wrapped causes. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; isObject(current) && depth < 5; depth++) {
    if (typeof current.code === 'string' && current.code !== '') return current.code;
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return current.name;
    current = current.cause;
  }
  return undefined;
}

async function toSourceError(
  error: unknown,
  context: ErrorContext,
  connect: () => Promise<Client>,
): Promise<SourceError> {
  if (error instanceof SourceError) return error;
  const id = context.spreadsheetId;
  const status = httpStatus(error);
  if (status !== undefined) {
    const google = googleMessage(error);
    if (!wasSheetsRequest(error)) {
      // Google's token endpoint refused the service account (key deleted or disabled).
      return status >= 500 || status === 429
        ? new SourceError(
            `Google's sign-in service failed (HTTP ${status}) while reading spreadsheet ${id}; ` +
              'the board will try again.',
            true,
            status,
          )
        : new SourceError(
            `Google refused the service account credentials (HTTP ${status}) for spreadsheet ` +
              `${id}: check that the key in GOOGLE_APPLICATION_CREDENTIALS is current and its ` +
              'service account is enabled.',
            false,
            status,
          );
    }
    switch (status) {
      case 401:
        return new SourceError(
          context.usesToken
            ? `Google refused the access token for spreadsheet ${id} (HTTP 401): it has ` +
                'probably expired. Set SHEETS_ACCESS_TOKEN to a fresh token, or unset it to use ' +
                'the service account in GOOGLE_APPLICATION_CREDENTIALS.'
            : `Google refused the credentials for spreadsheet ${id} (HTTP 401): check the ` +
                'service account key in GOOGLE_APPLICATION_CREDENTIALS.',
          false,
          status,
        );
      case 403: {
        const email = context.usesToken
          ? undefined
          : await connect().then(
              (client) => client.serviceAccountEmail(),
              () => undefined,
            );
        return new SourceError(
          context.usesToken
            ? `The access token has no access to spreadsheet ${id} (HTTP 403): share the sheet ` +
                'with the account the token belongs to (Viewer is enough), or check that the ' +
                'token allows reading spreadsheets.'
            : `The service account${email ? ` ${email}` : ''} has no access to spreadsheet ` +
                `${id} (HTTP 403): share the sheet with the service account's email address` +
                `${email ? ` (${email})` : ''} (Viewer is enough).`,
          false,
          status,
        );
      }
      case 404:
        return new SourceError(
          `No spreadsheet with ID ${id}: check BOARD_SPREADSHEET_ID (HTTP 404).`,
          false,
          status,
        );
      case 429:
        return new SourceError(
          `Google's read quota is used up for now (HTTP 429) while reading spreadsheet ${id}; ` +
            'the board will try again shortly.',
          true,
          status,
        );
      case 408:
        return new SourceError(
          `Google Sheets timed out (HTTP 408) reading spreadsheet ${id}; the board will try again.`,
          true,
          status,
        );
      default:
        if (status >= 500) {
          return new SourceError(
            `Google Sheets had a problem (HTTP ${status}${google ? `: ${google}` : ''}) reading ` +
              `spreadsheet ${id}; the board will try again.`,
            true,
            status,
          );
        }
        return new SourceError(
          `Google could not read spreadsheet ${id} (HTTP ${status})` +
            `${google ? `: ${google}` : ''}.`,
          false,
          status,
        );
    }
  }

  const code = errorCode(error);
  if (code === 'TimeoutError') {
    return new SourceError(
      `Google Sheets did not answer within ${formatSeconds(context.timeoutMs)} while reading ` +
        `spreadsheet ${id}; the board will try again.`,
      true,
    );
  }
  if (code !== undefined && TRANSIENT_CODES.has(code)) {
    return new SourceError(
      `Could not reach Google Sheets to read spreadsheet ${id} (${code}). Check the network ` +
        '(and SHEETS_API_ROOT_URL if set); the board will try again.',
      true,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/default credentials/i.test(message)) {
    return new SourceError(
      `No Google credentials to read spreadsheet ${id}: set GOOGLE_APPLICATION_CREDENTIALS to ` +
        'a service account key file, or SHEETS_ACCESS_TOKEN to an access token.',
      false,
    );
  }
  if (
    /private key|client_email|JSON|does not exist|credential|DECODER/i.test(message) ||
    code === 'ENOENT' ||
    code?.startsWith('ERR_OSSL')
  ) {
    // Never quote a JSON or crypto error: it can carry a piece of the key file.
    const why =
      code === 'ENOENT' || /does not exist/i.test(message)
        ? 'there is no such file'
        : error instanceof SyntaxError || /JSON/.test(message)
          ? 'the file is not valid JSON'
          : code?.startsWith('ERR_OSSL') || /private key|DECODER/i.test(message)
            ? 'its private key could not be read'
            : 'the key file is incomplete';
    return new SourceError(
      `The Google credentials could not be used to read spreadsheet ${id}: check the service ` +
        `account key file in GOOGLE_APPLICATION_CREDENTIALS (${why}).`,
      false,
    );
  }
  return new SourceError(
    `Reading spreadsheet ${id} failed: ${redact(message).slice(0, 300)}`,
    false,
  );
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Keeps anything token-like out of messages shown to people and written to logs. */
function redact(message: string): string {
  return message
    .replace(/Bearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/(access_token|token|key)=[^&\s]+/gi, '$1=[redacted]');
}

/**
 * A fake Google Sheets API for tests: a small HTTP server on 127.0.0.1 that speaks the one
 * Sheets v4 call the board makes,
 *
 *   GET /v4/spreadsheets/{spreadsheetId}/values:batchGet
 *       ?ranges='Members'&ranges='Meetings'&...          (repeated, one per tab)
 *       &valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER&majorDimension=ROWS
 *   Authorization: Bearer <token>
 *
 * and answers it the way Google does, from a workbook held in memory (`WorkbookGrids`):
 *
 * - `{ spreadsheetId, valueRanges: [{ range, majorDimension: 'ROWS', values }] }`, one value
 *   range per requested range, in request order. As Google does, trailing empty cells and
 *   trailing empty rows are left out, empty cells inside a row come back as `""`, and an empty
 *   tab has no `values` at all (see `asGoogleReturns`).
 * - Errors in Google's JSON shape `{ error: { code, message, status } }`: 401 without the
 *   expected bearer token, 404 for another spreadsheet ID, 400 `Unable to parse range: 'X'`
 *   for a tab the workbook lacks (the first such range, as Google reports it).
 * - Ranges: a quoted tab name (`'Members'`, `'Bob''s tab'`) or a plain one (`Members`), with an
 *   optional `!A1:Z9` part that is ignored (the whole tab is returned). Like Google, a plain
 *   range that looks like a cell reference (`CO2`) means that cell of the first tab, not a tab
 *   called CO2: that is why the board quotes tab names.
 *
 * Tests can inject trouble for the next N calls (`failNext`, `malformedNext`, `dropNext`,
 * `replyNext`) or for good (`forbid`, undone by `heal`), hold the next answers until they let
 * them go (`holdNext`), and look at what arrived (`calls`, `requests`, `held`). Injected trouble
 * comes before any other check, so it applies whatever the request's token or spreadsheet ID.
 * A held request is answered, once released, as it would have been: with the trouble queued
 * for it, or normally. Holding uses no timer, so a test never waits longer than it decides to.
 *
 * ```ts
 * const fake = new FakeSheetsServer({ workbook: grids });
 * const { url, close } = await fake.start();
 * const source = googleSheetsSource({
 *   spreadsheetId: fake.spreadsheetId,
 *   accessToken: fake.accessToken,
 *   rootUrl: url,
 * });
 * fake.failNext(503);
 * await expect(source.readGrids()).rejects.toMatchObject({ retryable: true });
 * await close();
 * ```
 *
 * The server listens on the loopback interface only, on a free port (port 0).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawCell, RawGrid, WorkbookGrids } from '../../schema/grid';

export const FAKE_SPREADSHEET_ID = '1FakeBoardSheet0123456789abcdefghijklmnopqrs';
export const FAKE_ACCESS_TOKEN = 'ya29.fake-test-token';

export interface FakeSheetsOptions {
  /** The only spreadsheet ID the server knows (others get 404). */
  spreadsheetId?: string;
  /** The bearer token it accepts (anything else gets 401). */
  accessToken?: string;
  /** The workbook served; change it later with `setWorkbook`. */
  workbook?: WorkbookGrids;
}

/** One request as the server received it, for assertions. */
export interface FakeSheetsRequest {
  method: string;
  /** The path, e.g. `/v4/spreadsheets/1Fake…/values:batchGet`. */
  path: string;
  /** The spreadsheet ID in the path (undefined for other paths). */
  spreadsheetId: string | undefined;
  /** The `ranges` query parameters, decoded, in order: `'Members'`, `'CO2'`. */
  ranges: string[];
  /** Every query parameter (the last value of repeated ones). */
  params: Record<string, string>;
  /** The Authorization header as sent (tests check the token arrived, never log it). */
  authorization: string | undefined;
}

export interface RunningFakeSheets {
  /** Root URL with a trailing slash, for SHEETS_API_ROOT_URL: `http://127.0.0.1:PORT/`. */
  url: string;
  /** Stops the server, cutting off any response still being delayed. */
  close(): Promise<void>;
}

type Trouble =
  | { kind: 'fail'; status: number }
  | { kind: 'malformed' }
  | { kind: 'reply'; status: number; body: unknown }
  | { kind: 'drop' };

/** Requests held unanswered by `holdNext`, for the test that holds them. */
export interface HeldRequests {
  /** Resolves once every request this hold covers has arrived (and is waiting). */
  readonly arrived: Promise<void>;
  /** Lets them be answered now; a client that gave up meanwhile gets nothing. */
  release(): void;
}

interface Hold {
  arrivedOne(): void;
  released: Promise<void>;
  release(): void;
}

/** Google's status names and messages for the errors tests inject. */
const GOOGLE_ERRORS: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  401: {
    status: 'UNAUTHENTICATED',
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login ' +
      'cookie or other valid authentication credential. See ' +
      'https://developers.google.com/identity/sign-in/web/devconsole-project.',
  },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' },
  404: { status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  408: { status: 'DEADLINE_EXCEEDED', message: 'Request timed out.' },
  429: {
    status: 'RESOURCE_EXHAUSTED',
    message:
      "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute " +
      "per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
  },
  500: { status: 'INTERNAL', message: 'Internal error encountered.' },
  502: { status: 'UNAVAILABLE', message: 'Bad Gateway' },
  503: { status: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'Deadline exceeded.' },
};

const BATCH_GET = /^\/v4\/spreadsheets\/([^/]+)\/values:batchGet$/;
/** `values.get` (GET) and `values.append` (POST ...:append) of one range. */
const ONE_RANGE = /^\/v4\/spreadsheets\/([^/]+)\/values\/([^/:]+)(:append)?$/;
/** A plain range Google reads as a cell or cell range on the first tab (A1 or R1C1). */
const CELL_REFERENCE = /^(?:[A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?|R\d+C\d+)$/i;

export class FakeSheetsServer {
  readonly spreadsheetId: string;
  readonly accessToken: string;
  /** Every request received, in order (including failed and injected ones). */
  readonly requests: FakeSheetsRequest[] = [];
  /** Rows written by `values.append`, with the tab and the options used. */
  readonly appends: { tab: string; values: unknown[][]; valueInputOption: string | null }[] = [];

  private workbook: WorkbookGrids;
  /** The last batchGet answer's text, for the workbook and ranges it answered. */
  private lastAnswer: { workbook: WorkbookGrids; ranges: string; text: string } | null = null;
  private troubles: Trouble[] = [];
  private forbidden = false;
  private server: Server | undefined;
  /** One entry per coming request that `holdNext` will hold. */
  private holds: Hold[] = [];
  /** Holds with a request waiting on them (released on `heal` and `close`). */
  private readonly holding = new Set<Hold>();

  constructor(options: FakeSheetsOptions = {}) {
    this.spreadsheetId = options.spreadsheetId ?? FAKE_SPREADSHEET_ID;
    this.accessToken = options.accessToken ?? FAKE_ACCESS_TOKEN;
    this.workbook = options.workbook ?? {};
  }

  /** How many requests arrived so far. */
  get calls(): number {
    return this.requests.length;
  }

  /** Serves this workbook from now on (tab name → grid, tabs in this order). */
  setWorkbook(grids: WorkbookGrids): this {
    this.workbook = grids;
    return this;
  }

  /** Answers the next `count` requests with Google's error for `status` (429, 500, 503, 403...). */
  failNext(status: number, count = 1): this {
    return this.queue({ kind: 'fail', status }, count);
  }

  /**
   * Holds the next `count` requests unanswered until the test calls `release()` (to trip the
   * client's timeout, or to see what callers get while Google has not answered yet). Trouble
   * queued with `failNext` and the like still applies to them, in arrival order, once released.
   */
  holdNext(count = 1): HeldRequests {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let allArrived: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    let waiting = count;
    const arrivedOne = () => {
      waiting--;
      if (waiting === 0) allArrived();
    };
    if (count <= 0) allArrived();
    for (let i = 0; i < count; i++) this.holds.push({ arrivedOne, released, release });
    return { arrived, release };
  }

  /** How many requests are being held right now (arrived, not yet released). */
  get held(): number {
    return this.holding.size;
  }

  /** Answers the next `count` requests with 200 and a body that is not valid JSON. */
  malformedNext(count = 1): this {
    return this.queue({ kind: 'malformed' }, count);
  }

  /**
   * Answers the next request with exactly this: `body` is sent as JSON (a string is sent as
   * it is), for answers of an unexpected shape.
   */
  replyNext(status: number, body: unknown): this {
    return this.queue({ kind: 'reply', status, body }, 1);
  }

  /** Drops the connection of the next `count` requests without answering (ECONNRESET). */
  dropNext(count = 1): this {
    return this.queue({ kind: 'drop' }, count);
  }

  /** 403 PERMISSION_DENIED for every request from now on (the sheet is not shared). */
  forbid(): this {
    this.forbidden = true;
    return this;
  }

  /**
   * Undoes `forbid`, drops any trouble and hold still queued and releases held requests;
   * keeps the workbook and the log.
   */
  heal(): this {
    this.forbidden = false;
    this.troubles = [];
    this.holds = [];
    this.releaseHeld();
    return this;
  }

  /** Listens on 127.0.0.1, on a free port. */
  async start(): Promise<RunningFakeSheets> {
    if (this.server) throw new Error('The fake Sheets server is already running');
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) {
          sendError(response, 500, `Fake Sheets server failed: ${String(error)}`);
        } else response.destroy();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/`, close: () => this.close() };
  }

  private async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.releaseHeld();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private releaseHeld(): void {
    for (const hold of this.holding) hold.release();
    this.holding.clear();
  }

  private queue(trouble: Trouble, count: number): this {
    for (let i = 0; i < count; i++) this.troubles.push(trouble);
    return this;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = BATCH_GET.exec(url.pathname) ?? ONE_RANGE.exec(url.pathname);
    const params: Record<string, string> = {};
    for (const [key, value] of url.searchParams) params[key] = value;
    this.requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      spreadsheetId: match?.[1] === undefined ? undefined : decodeURIComponent(match[1]),
      ranges: url.searchParams.getAll('ranges'),
      params,
      authorization: request.headers.authorization,
    });
    const body = await new Promise<string>((resolve) => {
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        text += chunk;
      });
      request.on('end', () => resolve(text));
    });

    // Both taken on arrival, so that requests held together get their trouble in order.
    const hold = this.holds.shift();
    const trouble = this.troubles.shift();
    if (hold) {
      this.holding.add(hold);
      hold.arrivedOne();
      await hold.released;
      this.holding.delete(hold);
      // The client may have given up meanwhile.
      if (response.destroyed || request.socket.destroyed) return;
    }
    if (trouble?.kind === 'drop') {
      request.socket.destroy();
      return;
    } else if (trouble?.kind === 'fail') {
      sendError(response, trouble.status);
      return;
    } else if (trouble?.kind === 'reply') {
      if (typeof trouble.body === 'string') {
        response.writeHead(trouble.status, { 'content-type': 'application/json; charset=UTF-8' });
        response.end(trouble.body);
      } else sendJson(response, trouble.status, trouble.body);
      return;
    } else if (trouble?.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      response.end('{"spreadsheetId": "x", "valueRanges": [{"range": "Members!A1:B2", "val');
      return;
    }

    if (this.forbidden) return sendError(response, 403);
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
      return sendError(response, 401);
    }
    const single = ONE_RANGE.exec(url.pathname);
    if (single) return this.handleOneRange(request.method ?? 'GET', single, url, body, response);
    if (request.method !== 'GET' || !match) {
      return sendError(response, 404, `The fake serves only GET ${BATCH_GET.source}.`);
    }
    const spreadsheetId = decodeURIComponent(match[1] ?? '');
    if (spreadsheetId !== this.spreadsheetId) return sendError(response, 404);

    const unsupported = checkOptions(url.searchParams);
    if (unsupported) return sendError(response, 400, unsupported);
    const ranges = url.searchParams.getAll('ranges');
    if (ranges.length === 0) return sendError(response, 400, 'Missing ranges.');

    // The same workbook asked for the same ranges gives the same text: made once (a 100,000-row
    // board is 15 MB of JSON, which benches ask for every few seconds).
    const asked = ranges.join('\n');
    const last = this.lastAnswer;
    if (last?.workbook === this.workbook && last.ranges === asked) {
      sendJsonText(response, 200, last.text);
      return;
    }
    const valueRanges: GoogleValueRange[] = [];
    for (const range of ranges) {
      const valueRange = this.readRange(range);
      if (!valueRange) return sendError(response, 400, `Unable to parse range: ${range}`);
      valueRanges.push(valueRange);
    }
    const text = JSON.stringify({ spreadsheetId, valueRanges });
    this.lastAnswer = { workbook: this.workbook, ranges: asked, text };
    sendJsonText(response, 200, text);
  }

  private handleOneRange(
    method: string,
    match: RegExpExecArray,
    url: URL,
    body: string,
    response: ServerResponse,
  ): void {
    if (decodeURIComponent(match[1] ?? '') !== this.spreadsheetId) {
      sendError(response, 404);
      return;
    }
    const range = decodeURIComponent(match[2] ?? '');
    const valueRange = this.readRange(range.replace(/!.*$/, ''));
    if (!valueRange) {
      sendError(response, 400, `Unable to parse range: ${range}`);
      return;
    }
    if (method === 'GET' && !match[3]) {
      sendJson(response, 200, valueRange);
      return;
    }
    if (method !== 'POST' || !match[3]) {
      sendError(response, 404);
      return;
    }
    const tab = parseRange(valueRange.range)?.tab ?? range;
    const values = (JSON.parse(body || '{}') as { values?: unknown[][] }).values ?? [];
    const grid = [...(this.workbook[tab] ?? [])];
    while (grid.length > 0 && (grid[grid.length - 1] ?? []).length === 0) grid.pop();
    grid.push(...values.map((row) => row.map((cell) => (cell === '' ? null : (cell as RawCell)))));
    this.workbook = { ...this.workbook, [tab]: grid };
    this.appends.push({ tab, values, valueInputOption: url.searchParams.get('valueInputOption') });
    sendJson(response, 200, {
      spreadsheetId: this.spreadsheetId,
      updates: { updatedRows: values.length, updatedRange: `${a1TabName(tab)}!A${grid.length}` },
    });
  }

  /** One value range, or undefined when Google could not parse it (no such tab). */
  private readRange(range: string): GoogleValueRange | undefined {
    const parsed = parseRange(range);
    if (!parsed) return undefined;
    const tabs = Object.keys(this.workbook);
    if (!parsed.quoted && CELL_REFERENCE.test(parsed.tab)) {
      // Google: an unquoted `CO2` is cell CO2 of the first tab.
      const first = tabs[0];
      if (first === undefined) return undefined;
      return cellOf(first, this.workbook[first] ?? [], parsed.tab);
    }
    // Google matches tab names without regard to case and answers with the tab's own name.
    const tab = tabs.find((name) => name.toLowerCase() === parsed.tab.toLowerCase());
    if (tab === undefined) return undefined;
    return wholeTab(tab, this.workbook[tab] ?? []);
  }
}

/** A value range as Google sends it. */
export interface GoogleValueRange {
  range: string;
  majorDimension: 'ROWS';
  values?: RawCell[][];
}

/**
 * What Google returns for a grid: trailing empty cells of each row and trailing empty rows
 * left out, empty cells inside a row as `""`; `[]` for an empty tab. Tests compare what the
 * source read with `asGoogleReturns(grid)` when the workbook has blank cells.
 */
export function asGoogleReturns(grid: RawGrid): RawCell[][] {
  const rows = grid.map((row) => {
    let end = row.length;
    while (end > 0 && isEmpty(row[end - 1])) end--;
    return row.slice(0, end).map((cell) => (cell === null || cell === undefined ? '' : cell));
  });
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

/** Google's A1 form of a tab name: quoted when it is more than letters, digits and `_`. */
export function a1TabName(tab: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(tab) && !CELL_REFERENCE.test(tab)
    ? tab
    : `'${tab.replaceAll("'", "''")}'`;
}

function wholeTab(tab: string, grid: RawGrid): GoogleValueRange {
  const values = asGoogleReturns(grid);
  if (values.length === 0) {
    return { range: `${a1TabName(tab)}!A1:Z1000`, majorDimension: 'ROWS' };
  }
  const width = Math.max(1, ...values.map((row) => row.length));
  return {
    range: `${a1TabName(tab)}!A1:${columnLetters(width)}${values.length}`,
    majorDimension: 'ROWS',
    values,
  };
}

function cellOf(tab: string, grid: RawGrid, reference: string): GoogleValueRange {
  const cell = /^([A-Za-z]{1,3})(\d+)/.exec(reference);
  const range = `${a1TabName(tab)}!${reference.toUpperCase()}`;
  if (!cell?.[1] || !cell[2]) return { range, majorDimension: 'ROWS' };
  const column = columnNumber(cell[1]) - 1;
  const value = grid[Number(cell[2]) - 1]?.[column];
  return isEmpty(value)
    ? { range, majorDimension: 'ROWS' }
    : { range, majorDimension: 'ROWS', values: [[value ?? '']] };
}

/** Splits `'Bob''s tab'!A1:B2` into its tab name; undefined when the quoting is broken. */
function parseRange(range: string): { tab: string; quoted: boolean } | undefined {
  if (range.startsWith("'")) {
    let tab = '';
    for (let i = 1; i < range.length; i++) {
      const char = range[i];
      if (char !== "'") {
        tab += char;
        continue;
      }
      if (range[i + 1] === "'") {
        tab += "'";
        i++;
        continue;
      }
      const rest = range.slice(i + 1);
      return rest === '' || rest.startsWith('!') ? { tab, quoted: true } : undefined;
    }
    return undefined;
  }
  const tab = range.split('!')[0] ?? '';
  return tab === '' || /['\s]/.test(tab) ? undefined : { tab, quoted: false };
}

/** The fake only renders values the way the board asks for them. */
function checkOptions(query: URLSearchParams): string | undefined {
  const expected: Record<string, string> = {
    valueRenderOption: 'UNFORMATTED_VALUE',
    dateTimeRenderOption: 'SERIAL_NUMBER',
    majorDimension: 'ROWS',
  };
  for (const [key, value] of Object.entries(expected)) {
    const given = query.get(key);
    if (given !== null && given !== value) {
      return `The fake Sheets server only supports ${key}=${value} (got ${given}).`;
    }
  }
  return undefined;
}

function isEmpty(cell: RawCell | undefined): boolean {
  return cell === null || cell === undefined || cell === '';
}

function columnLetters(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n;
}

function sendError(response: ServerResponse, code: number, message?: string): void {
  const known = GOOGLE_ERRORS[code];
  sendJson(response, code, {
    error: {
      code,
      message: message ?? known?.message ?? `HTTP ${code}`,
      status: known?.status ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
    },
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendJsonText(response, status, JSON.stringify(body));
}

function sendJsonText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

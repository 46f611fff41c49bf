/**
 * The Google Sheets source against a local fake of the Sheets API (tests/support): what it
 * asks for, what it makes of the answers, and which failures it says are worth retrying.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkbookGrids } from '../schema/grid';
import { TAB_NAMES } from '../schema/layout';
import { buildSnapshot } from '../schema/snapshot';
import { SourceError } from '../server/sources/board-source';
import {
  type GoogleSheetsOptions,
  googleSheetsSource,
  quoteTabName,
} from '../server/sources/google-sheets';
import { asGoogleReturns, FakeSheetsServer } from './support/fake-sheets-server';

/** A small but complete board, as Google returns it: dates as serials, checkboxes as booleans. */
const WORKBOOK: WorkbookGrids = {
  Members: [
    [
      'Member ID',
      'Name',
      'Role',
      'Category',
      'Constituency',
      'Term start',
      'Status',
      'Name in circulation',
    ],
    [
      'M01',
      'Ada Byron',
      'Resident co-chair',
      'Resident co-chair',
      'Resident',
      45231,
      'Active',
      true,
    ],
    [
      'M02',
      'Olu Okafor',
      'Officer co-chair',
      'Commissioning team',
      'Council',
      45231,
      'Active',
      false,
    ],
    ['M03', 'Jo Patel', 'Member', 'Provider', 'Provider', 45000.5, 'Former', false],
  ],
  Meetings: [
    ['Meeting ID', 'Date', 'Length (hours)', 'Circulate to DMT', 'Status'],
    ['MTG-01', 45259, 2, true, 'Held'],
    ['MTG-02', 45287, 1.5, false, 'Planned'],
  ],
  Attendance: [
    ['Meeting ID', 'Member ID', 'Attendance'],
    ['MTG-01', 'M01', 'Present'],
    ['MTG-01', 'M02', 'Apologies'],
  ],
  Actions: [
    ['Action ID', 'Meeting ID', 'Action', 'Owner', 'Due date', 'Status'],
    ['A-1', 'MTG-01', 'Write to providers', 'M01', 45300, 'Open'],
  ],
  Projects: [
    ['Project ID', 'Name', 'Stage', 'Phase', 'Status', 'Budget'],
    ['P1', 'Day opportunities', 'Planning', 'Pre-initiation', 'Active', 125000],
  ],
  Tasks: [['Task ID', 'Project ID', 'Task', 'Phase', 'Responsible', 'Status']],
  Circulation: [],
  Involvement: [['Entry ID', 'Member ID', 'Date', 'Activity']],
  Feedback: [['Feedback ID', 'Date raised', 'You said', 'Status']],
  Settings: [
    ['Key', 'Value'],
    ['Board name', 'Commissioning Co-Production Board'],
    ['First meeting', 45259],
    ['Member cap', 20],
  ],
};

const fake = new FakeSheetsServer({ workbook: WORKBOOK });
let rootUrl = '';
let close: () => Promise<void>;

beforeAll(async () => {
  ({ url: rootUrl, close } = await fake.start());
});
afterAll(() => close());
afterEach(() => {
  fake.heal().setWorkbook(WORKBOOK);
  vi.unstubAllEnvs();
});

function source(options: Partial<GoogleSheetsOptions> = {}) {
  return googleSheetsSource({
    spreadsheetId: fake.spreadsheetId,
    accessToken: fake.accessToken,
    rootUrl,
    timeoutMs: 2000,
    ...options,
  });
}

/** Reads once, expecting a SourceError; also returns how many requests the read made. */
async function failure(
  read: () => Promise<unknown>,
): Promise<{ error: SourceError; calls: number }> {
  const before = fake.calls;
  const error = await read().then(
    () => expect.fail('the read should have failed'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return { error: error as SourceError, calls: fake.calls - before };
}

describe('googleSheetsSource: reading', () => {
  it('reads every tab in one batchGet, as raw values', async () => {
    const before = fake.calls;
    const grids = await source().readGrids();
    expect(grids).toEqual(WORKBOOK);
    // Serials stay numbers, checkboxes booleans.
    expect(grids.Members?.[1]?.[5]).toBe(45231);
    expect(grids.Members?.[1]?.[7]).toBe(true);
    expect(fake.calls - before).toBe(1);
  });

  it('asks for the ten data tabs, quoted, with unformatted values and serial dates', async () => {
    await source().readGrids();
    const request = fake.requests.at(-1);
    expect(request?.method).toBe('GET');
    expect(request?.spreadsheetId).toBe(fake.spreadsheetId);
    expect(request?.ranges).toEqual(TAB_NAMES.map((tab) => `'${tab}'`));
    expect(request?.params).toMatchObject({
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
      majorDimension: 'ROWS',
    });
  });

  it('sends the access token as a bearer token', async () => {
    await source().readGrids();
    expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${fake.accessToken}`);
  });

  it('quotes tab names so one like CO2 is not read as a cell', async () => {
    expect(quoteTabName('Members')).toBe("'Members'");
    expect(quoteTabName('CO2')).toBe("'CO2'");
    expect(quoteTabName("Bob's tab")).toBe("'Bob''s tab'");

    // What quoting avoids: Google reads a plain CO2 as cell CO2 of the first tab.
    fake.setWorkbook({ Members: [['x']], CO2: [['tonnes'], [12]] });
    const batchGet = async (range: string) => {
      const query = new URLSearchParams({ ranges: range, valueRenderOption: 'UNFORMATTED_VALUE' });
      const response = await fetch(
        `${rootUrl}v4/spreadsheets/${fake.spreadsheetId}/values:batchGet?${query}`,
        { headers: { authorization: `Bearer ${fake.accessToken}` } },
      );
      return (await response.json()) as { valueRanges: { range: string; values?: unknown }[] };
    };
    expect((await batchGet(quoteTabName('CO2'))).valueRanges[0]).toMatchObject({
      range: "'CO2'!A1:A2",
      values: [['tonnes'], [12]],
    });
    expect((await batchGet('CO2')).valueRanges[0]).toEqual({
      range: 'Members!CO2',
      majorDimension: 'ROWS',
    });
  });

  it('reads blank cells as Google sends them and an empty tab as no rows', async () => {
    const members = [
      ['Member ID', 'Name', 'Role', null],
      ['M01', null, 'Member', ''],
      [],
      ['M02', 'Ben', null, null],
      [null, null],
    ];
    fake.setWorkbook({ ...WORKBOOK, Members: members, Tasks: [] });
    const grids = await source().readGrids();
    expect(grids.Members).toEqual([
      ['Member ID', 'Name', 'Role'],
      ['M01', '', 'Member'],
      [],
      ['M02', 'Ben'],
    ]);
    expect(grids.Members).toEqual(asGoogleReturns(members));
    expect(grids.Tasks).toEqual([]);
    expect(grids.Circulation).toEqual([]);
  });

  it('leaves out a tab the spreadsheet lacks and reads the rest', async () => {
    const { Projects: _projects, ...withoutProjects } = WORKBOOK;
    fake.setWorkbook(withoutProjects);
    const before = fake.calls;
    const grids = await source().readGrids();
    expect(fake.calls - before).toBe(2);
    expect(fake.requests.at(-1)?.ranges).not.toContain("'Projects'");
    expect(Object.keys(grids)).toEqual(TAB_NAMES.filter((tab) => tab !== 'Projects'));
    expect(grids).toEqual(withoutProjects);
  });

  it('asks once more per missing tab, and not at all once every tab is gone', async () => {
    const { Projects: _p, Settings: _s, ...rest } = WORKBOOK;
    fake.setWorkbook(rest);
    let before = fake.calls;
    expect(await source().readGrids()).toEqual(rest);
    expect(fake.calls - before).toBe(3);

    fake.setWorkbook({ Sheet1: [['nothing here']] });
    before = fake.calls;
    expect(await source().readGrids()).toEqual({});
    expect(fake.calls - before).toBe(TAB_NAMES.length);
  });

  it('also understands Google naming the missing tab without quotes', async () => {
    fake.replyNext(400, {
      error: { code: 400, message: 'Unable to parse range: Tasks', status: 'INVALID_ARGUMENT' },
    });
    const grids = await source().readGrids();
    expect(fake.requests.at(-1)?.ranges).not.toContain("'Tasks'");
    expect(grids.Tasks).toBeUndefined();
    expect(grids.Members).toEqual(WORKBOOK.Members);
  });

  it('takes the ID out of a whole sheet address', async () => {
    const address = `https://docs.google.com/spreadsheets/d/${fake.spreadsheetId}/edit#gid=0`;
    await expect(source({ spreadsheetId: address }).readGrids()).resolves.toEqual(WORKBOOK);
  });

  it('describes itself by the start of the spreadsheet ID', () => {
    expect(source().description).toBe(`Google spreadsheet ${fake.spreadsheetId.slice(0, 8)}…`);
  });

  it('refuses something that is not a spreadsheet ID', () => {
    expect(() => source({ spreadsheetId: 'https://docs.google.com/x' })).toThrow(
      /not a Google spreadsheet ID/,
    );
  });
});

describe('googleSheetsSource: failures an officer must fix (not retryable)', () => {
  it('401: the token was refused', async () => {
    const token = 'ya29.an-expired-token';
    const { error, calls } = await failure(() => source({ accessToken: token }).readGrids());
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(error.message).toMatch(/refused the access token/);
    expect(error.message).toContain(fake.spreadsheetId);
    expect(error.message).toContain('SHEETS_ACCESS_TOKEN');
    expect(error.message).not.toContain(token);
    expect(calls).toBe(1);
  });

  it('403: the sheet is not shared', async () => {
    fake.forbid();
    const { error, calls } = await failure(() => source().readGrids());
    expect(error).toMatchObject({ retryable: false, status: 403 });
    expect(error.message).toContain(`no access to spreadsheet ${fake.spreadsheetId}`);
    expect(error.message).toMatch(/share the sheet .*\(Viewer is enough\)/);
    expect(error.message).not.toContain(fake.accessToken);
    expect(calls).toBe(1);
  });

  it('404: no such spreadsheet', async () => {
    const { error } = await failure(() => source({ spreadsheetId: 'NoSuchSheet123' }).readGrids());
    expect(error).toMatchObject({ retryable: false, status: 404 });
    expect(error.message).toBe(
      'No spreadsheet with ID NoSuchSheet123: check BOARD_SPREADSHEET_ID (HTTP 404).',
    );
  });

  it("400 other than a missing tab: Google's message, asked once", async () => {
    fake.failNext(400);
    const { error, calls } = await failure(() => source().readGrids());
    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect(error.message).toContain('Request contains an invalid argument.');
    expect(error.message).toContain(fake.spreadsheetId);
    expect(calls).toBe(1);
  });

  it('no messages carry the token', async () => {
    for (const setUp of [() => fake.failNext(401), () => fake.failNext(403), () => fake.forbid()]) {
      setUp();
      const { error } = await failure(() => source().readGrids());
      expect(error.message).not.toContain(fake.accessToken);
      expect(String(error.stack)).not.toContain(fake.accessToken);
      fake.heal();
    }
  });

  it('a missing service account key file is named, and nothing is requested', async () => {
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', '/nonexistent/board-key.json');
    const { error, calls } = await failure(() => source({ accessToken: undefined }).readGrids());
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(calls).toBe(0);
  });
});

describe('googleSheetsSource: passing failures (retryable, no hidden retries)', () => {
  it.each([429, 500, 503])('%i is retryable and asked only once', async (status) => {
    fake.failNext(status, 5);
    const { error, calls } = await failure(() => source().readGrids());
    expect(error).toMatchObject({ retryable: true, status });
    expect(error.message).toContain(fake.spreadsheetId);
    expect(calls).toBe(1);
    if (status === 429) expect(error.message).toContain("Google's read quota is used up for now");
  });

  it('a slow answer times out', async () => {
    // The answer is held until the test lets it go, so only the client's own timeout (a real
    // one: googleapis aborts with AbortSignal.timeout, which fake timers do not reach) can end
    // the read. That it ended while the answer was still held is what proves the timeout.
    const hold = fake.holdNext();
    const { error, calls } = await failure(() => source({ timeoutMs: 200 }).readGrids());
    await hold.arrived;
    expect(fake.held).toBe(1);
    hold.release();
    expect(error.retryable).toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/did not answer within 200 ms/);
    expect(calls).toBe(1);
  });

  it('malformed JSON', async () => {
    fake.malformedNext();
    const { error, calls } = await failure(() => source().readGrids());
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/^Google returned an unexpected response/);
    expect(calls).toBe(1);
  });

  it('an answer of the wrong shape', async () => {
    for (const body of [
      { valueRanges: [] },
      { spreadsheetId: 'x' },
      [],
      'null',
      { valueRanges: TAB_NAMES.map(() => ({ values: 'abc' })) },
    ]) {
      fake.replyNext(200, body);
      const { error } = await failure(() => source().readGrids());
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/^Google returned an unexpected response/);
    }
  });

  it('cells other than text, numbers and booleans read as blank', async () => {
    fake.replyNext(200, {
      valueRanges: TAB_NAMES.map((_, index) =>
        index === 0 ? { values: [['a', 1, true, { formula: '=1' }, [2], null]] } : {},
      ),
    });
    const grids = await source().readGrids();
    expect(grids.Members).toEqual([['a', 1, true, null, null, null]]);
    expect(grids.Settings).toEqual([]);
  });

  it('a dropped connection', async () => {
    fake.dropNext();
    const { error, calls } = await failure(() => source().readGrids());
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/Could not reach Google Sheets .*\(ECONNRESET\)/);
    expect(calls).toBe(1);
  });

  it('nothing listening', async () => {
    const gone = new FakeSheetsServer();
    const { url, close: stop } = await gone.start();
    await stop();
    const { error } = await failure(() => source({ rootUrl: url }).readGrids());
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('reads normally once the trouble has passed', async () => {
    fake.failNext(503);
    const read = source();
    await expect(read.readGrids()).rejects.toMatchObject({ retryable: true });
    await expect(read.readGrids()).resolves.toEqual(WORKBOOK);
  });
});

describe('googleSheetsSource: end to end', () => {
  it('builds the snapshot from what it read', async () => {
    const { Projects: _projects, ...withoutProjects } = WORKBOOK;
    fake.setWorkbook(withoutProjects);
    const snapshot = buildSnapshot(await source().readGrids());
    expect(
      snapshot.members.map(({ id, name, role, termStart, status, nameInCirculation }) => ({
        id,
        name,
        role,
        termStart,
        status,
        nameInCirculation,
      })),
    ).toEqual([
      {
        id: 'M01',
        name: 'Ada Byron',
        role: 'Resident co-chair',
        termStart: '2023-11-01',
        status: 'Active',
        nameInCirculation: true,
      },
      {
        id: 'M02',
        name: 'Olu Okafor',
        role: 'Officer co-chair',
        termStart: '2023-11-01',
        status: 'Active',
        nameInCirculation: false,
      },
      {
        id: 'M03',
        name: 'Jo Patel',
        role: 'Member',
        termStart: '2023-03-15',
        status: 'Former',
        nameInCirculation: false,
      },
    ]);
    expect(snapshot.meetings.map((meeting) => [meeting.id, meeting.date])).toEqual([
      ['MTG-01', '2023-11-29'],
      ['MTG-02', '2023-12-27'],
    ]);
    // The missing tab is a data issue, not a failed read.
    expect(snapshot.unusableTabs.has('Projects')).toBe(true);
    expect(snapshot.issues.some((issue) => issue.sheet === 'Projects')).toBe(true);
  });
});

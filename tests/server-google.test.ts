import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { tokenTable } from '../server/auth';
import { ConfigError, readConfig } from '../server/config';
import { SHEETS_RETRY_POLICY } from '../server/retry';
import { SnapshotCache } from '../server/snapshot-cache';
import { googleSheetsSource } from '../server/sources/google-sheets';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { createBoardYoga } from '../server/yoga';
import { DEMO_NOW, OFFICER_TOKEN, PARTNER_TOKEN } from './support/board-server';
import { FakeSheetsServer, type RunningFakeSheets } from './support/fake-sheets-server';

const demoGrids = await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids();

/** What the snapshot cache logs for each upstream read (attempt). */
interface RefreshEvent {
  event: string;
  ok: boolean;
  attempt: number;
}

/**
 * The real server over a real socket, reading a fake Google Sheets API, with a fake clock and
 * instant retries: nothing in it waits on a timer.
 */
async function googleBackedServer(fake: RunningFakeSheets & { sheets: FakeSheetsServer }) {
  let clock = DEMO_NOW.getTime();
  const watchers = new Set<(event: RefreshEvent) => void>();
  const cache = new SnapshotCache(
    googleSheetsSource({
      spreadsheetId: fake.sheets.spreadsheetId,
      accessToken: fake.sheets.accessToken,
      rootUrl: fake.url,
      timeoutMs: 2_000,
    }),
    {
      refreshSeconds: 30,
      now: () => clock,
      sleep: async () => {},
      freshWaitMs: 0,
      log: (event) => {
        for (const watcher of [...watchers]) watcher(event as RefreshEvent);
      },
    },
  );
  const yoga = createBoardYoga({
    cache,
    tokens: tokenTable([
      [OFFICER_TOKEN, 'OFFICER'],
      [PARTNER_TOKEN, 'PARTNER'],
    ]),
    demo: false,
    now: () => new Date(clock),
  });
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    advance(seconds: number) {
      clock += seconds * 1000;
    },
    /**
     * Resolves after the next upstream read the cache logs that `matches`. Call it before
     * whatever starts that read. It resolves one macrotask turn later, because the cache
     * logs an attempt a few promise callbacks before it records the outcome; no I/O comes
     * in between, so by then the snapshot, error and status are those the read led to.
     */
    nextRead(matches: (event: RefreshEvent) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const watcher = (event: RefreshEvent) => {
          if (event.event !== 'refresh' || !matches(event)) return;
          watchers.delete(watcher);
          setImmediate(resolve);
        };
        watchers.add(watcher);
      });
    },
    async query(token: string | null, query: string) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      });
      return {
        status: response.status,
        body: (await response.json()) as {
          data?: Record<string, unknown>;
          errors?: { message: string }[];
          extensions?: { stale?: { ageSeconds: number; reason: string } };
        },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('serving a Google spreadsheet (fake Sheets API over loopback)', () => {
  let sheets: FakeSheetsServer;
  let fake: RunningFakeSheets;
  let server: Awaited<ReturnType<typeof googleBackedServer>>;

  beforeAll(async () => {
    sheets = new FakeSheetsServer({ workbook: demoGrids });
    fake = await sheets.start();
    server = await googleBackedServer({ ...fake, sheets });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  // What this counts is upstream reads, not speed: 500 real requests take 1.5 s on a quiet
  // 2-core machine and several times that on a busy one, so vitest's 5 s default is too tight.
  it('answers 500 concurrent queries with exactly one upstream read', async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, index) =>
        server.query(index % 2 ? OFFICER_TOKEN : PARTNER_TOKEN, '{ board { activeMemberCount } }'),
      ),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(
      results.every(
        (result) =>
          (result.body.data?.board as { activeMemberCount: number } | undefined)
            ?.activeMemberCount === 17,
      ),
    ).toBe(true);
    expect(sheets.calls).toBe(1);
  }, 30_000);

  it('keeps serving the last good snapshot, flagged stale, while Google fails', async () => {
    // A good snapshot to fall back on (already there when the test above has run).
    await server.query(OFFICER_TOKEN, '{ board { name } }');
    // Google does not answer the refresh until the test says so, then fails it and every retry.
    const hold = sheets.holdNext();
    sheets.failNext(503, 1_000);
    server.advance(45);
    const gaveUp = server.nextRead(
      (event) => !event.ok && event.attempt === SHEETS_RETRY_POLICY.maxAttempts,
    );
    const first = await server.query(PARTNER_TOKEN, '{ board { activeMemberCount } }');
    // Answered while Google still held the refresh's read: the request did not wait on it.
    await hold.arrived;
    expect(sheets.held).toBe(1);
    expect(first.body.data?.board).toEqual({ activeMemberCount: 17 });
    expect(first.body.extensions?.stale?.ageSeconds).toBeGreaterThanOrEqual(45);
    hold.release();
    // The clock stands still and retries are instant, so the refresh gives up after the
    // policy's last attempt.
    await gaveUp;

    // Once the refresh has failed, the reason says why, and requests still do not wait.
    const healthAs = async (token?: string) =>
      (await (
        await fetch(
          `${server.url}/health`,
          token ? { headers: { authorization: `Bearer ${token}` } } : {},
        )
      ).json()) as Record<string, unknown>;
    const health = await healthAs(OFFICER_TOKEN);
    expect(health.status).toBe('degraded');
    expect(String(health.lastRefreshError)).toMatch(/Google|503|unavailable/i);
    // Without an officer token the details (spreadsheet, file, account) are not shown.
    const open = await healthAs();
    expect(open.status).toBe('degraded');
    expect(String(open.lastRefreshError)).not.toContain(sheets.spreadsheetId);
    expect(String(open.lastRefreshError)).toContain('failed');
    const during = await server.query(OFFICER_TOKEN, '{ board { activeMemberCount } }');
    expect(during.body.data?.board).toEqual({ activeMemberCount: 17 });
    expect(during.body.extensions?.stale?.reason).toMatch(/Google|503|unavailable/i);
    const partner = await server.query(PARTNER_TOKEN, '{ board { activeMemberCount } }');
    expect(partner.body.data?.board).toEqual({ activeMemberCount: 17 });
    expect(partner.body.extensions?.stale?.reason).toBe(
      'the board could not be read again just now',
    );

    sheets.heal();
    server.advance(60);
    const recovered = server.nextRead((event) => event.ok);
    await server.query(OFFICER_TOKEN, '{ board { name } }');
    // That request got the stale snapshot at once and started a read; the next gets its result.
    await recovered;
    const after = await server.query(OFFICER_TOKEN, '{ board { name } }');
    expect(after.body.extensions?.stale).toBeUndefined();
  });

  it('gives data issues and the good rows of a malformed sheet', async () => {
    const messy = new FakeSheetsServer({
      workbook: {
        ...demoGrids,
        Members: [
          ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'],
          [
            'M1',
            'Ann Oduya',
            'Resident co-chair',
            'Resident co-chair',
            'Resident',
            45259,
            'Active',
          ],
          ['M2', 'Ben Marsh', 'Member', '#N/A', 'Provider', 45259, 'Active'],
          ['M3', 'Cy Adams', 'Member', 'ICB', 'Staff', 'someday', 'Active'],
        ],
      },
    });
    const running = await messy.start();
    const messyServer = await googleBackedServer({ ...running, sheets: messy });
    try {
      const { body } = await messyServer.query(
        OFFICER_TOKEN,
        '{ members { id } dataIssues { sheet cell severity } }',
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.members).toEqual([{ id: 'M1' }]);
      const cells = ((body.data?.dataIssues ?? []) as { sheet: string; cell: string }[])
        .filter((issue) => issue.sheet === 'Members')
        .map((issue) => issue.cell);
      expect(cells).toEqual(['D3', 'F4']);
    } finally {
      await messyServer.close();
      await running.close();
    }
  });

  it('before any good read, says clearly that the board cannot be read', async () => {
    const locked = new FakeSheetsServer({ workbook: demoGrids }).forbid();
    const running = await locked.start();
    const lockedServer = await googleBackedServer({ ...running, sheets: locked });
    try {
      const { body } = await lockedServer.query(OFFICER_TOKEN, '{ board { name } }');
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.message).toMatch(/could not be read yet.*share/i);
    } finally {
      await lockedServer.close();
      await running.close();
    }
  });

  it('answers 401 over the socket without a token', async () => {
    expect((await server.query(null, '{ board { name } }')).status).toBe(401);
  });
});

describe('configuration', () => {
  it('refuses a Google spreadsheet with no tokens configured, saying why', () => {
    expect(() => readConfig({ BOARD_SPREADSHEET_ID: 'abc' })).toThrow(ConfigError);
    expect(() => readConfig({ BOARD_SPREADSHEET_ID: 'abc' })).toThrow(/BOARD_TOKENS/);
  });

  it('reads tokens, refresh interval and listen address', () => {
    const config = readConfig({
      BOARD_TOKENS: `${OFFICER_TOKEN}:OFFICER, ${PARTNER_TOKEN}:partner`,
      BOARD_REFRESH_SECONDS: '5',
      PORT: '4100',
    });
    expect(config.tokens).toEqual([
      [OFFICER_TOKEN, 'OFFICER'],
      [PARTNER_TOKEN, 'PARTNER'],
    ]);
    expect(config).toMatchObject({ refreshSeconds: 5, port: 4100, host: '127.0.0.1', demo: true });
    expect(() => readConfig({ BOARD_TOKENS: 'short:OFFICER' })).toThrow(/16 characters/);
    expect(() => readConfig({ BOARD_TOKENS: `${OFFICER_TOKEN}:ADMIN` })).toThrow(
      /OFFICER, .*PARTNER or .*REFRESH/,
    );
    expect(() => readConfig({ BOARD_REFRESH_SECONDS: 'soon' })).toThrow(/BOARD_REFRESH_SECONDS/);
  });
});

describe('npm start', () => {
  /** Runs the real entry point and collects what it prints until `until` matches. */
  function start(env: Record<string, string>, until: RegExp) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const ready = new Promise<string>((resolve) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (until.test(output)) resolve(output);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      // An exit ends the wait too: the test's expectations then say what went wrong.
      child.on('exit', () => resolve(output));
    });
    // No timer of our own: a start-up that hangs is ended by the test's timeout, which then
    // shows what the server printed and stops it.
    onTestFailed(() => {
      console.error(`npm start printed:\n${output}`);
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { child, ready, exited };
  }

  it('serves the demo board, prints the GraphiQL URL and a token per role, and stops on SIGTERM', async () => {
    const { child, ready, exited } = start({}, /PARTNER\s+\S+/);
    const output = await ready;
    const graphiql = /GraphiQL: (http:\/\/\S+\?token=(\S+))/.exec(output);
    expect(graphiql).not.toBeNull();
    expect(output).toMatch(/OFFICER\s+officer-/);
    const base = new URL(graphiql?.[1] ?? '').origin;
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${graphiql?.[2]}` },
      body: JSON.stringify({ query: '{ board { name } }' }),
    });
    expect(await response.json()).toEqual({
      data: { board: { name: 'Commissioning Co-Production Board (demo)' } },
      // When the snapshot was read (DESIGN §9), as an ISO time.
      extensions: { asOf: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('refuses to start on a Google spreadsheet without tokens', async () => {
    const { ready, exited } = start(
      { BOARD_SPREADSHEET_ID: 'abc', BOARD_TOKENS: '' },
      /cannot start/,
    );
    expect(await ready).toContain('No access tokens are configured');
    expect(await exited).toBe(1);
  }, 30_000);
});

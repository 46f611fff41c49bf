/**
 * Issue 9, item 6 (the parts of the server): the page token reaches the GraphiQL page only,
 * CORS allows no origin unless configured, GraphiQL has a Content-Security-Policy, refused
 * requests are logged with their error codes, an aliased mutation records all its rows or none,
 * and recording on the demo board never rewrites the tracked demo file. Before the first good
 * read (issue 9 leftovers): a source that is down is said at once (503), a board that cannot be
 * opened is not read again per request, and partners are never told a file path or a
 * spreadsheet ID.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenTable } from '../server/auth';
import { ConfigError, corsOrigins, readConfig } from '../server/config';
import { protectDemoBoard } from '../server/packs/demo-copy';
import { circulationRecorder } from '../server/packs/record';
import { PARTNER_UNAVAILABLE_MESSAGE } from '../server/plugins/board-snapshot';
import { responseStore } from '../server/response-cache';
import { SnapshotCache, STILL_READING } from '../server/snapshot-cache';
import { type BoardSource, SourceError } from '../server/sources/board-source';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { readXlsxGrids } from '../server/sources/xlsx-grids';
import { type BoardServerOptions, createBoardYoga } from '../server/yoga';
import { DEMO_NOW, OFFICER_TOKEN, PARTNER_TOKEN, testServer } from './support/board-server';

const scratch = await mkdtemp(join(tmpdir(), 'board-hardening-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const tokens = tokenTable([
  [OFFICER_TOKEN, 'OFFICER'],
  [PARTNER_TOKEN, 'PARTNER'],
]);

function server(options: Partial<BoardServerOptions> & { source?: BoardSource } = {}) {
  const source = options.source ?? localWorkbookSource(DEMO_WORKBOOK_PATH);
  const cache = new SnapshotCache(source, { refreshSeconds: 30 });
  const logs: Record<string, unknown>[] = [];
  const yoga = createBoardYoga({
    cache,
    tokens,
    demo: false,
    now: () => DEMO_NOW,
    log: (line) => logs.push(line),
    recorder: circulationRecorder(source, cache, () => DEMO_NOW),
    ...options,
  });
  const graphql = async (token: string, query: string) => {
    const response = await yoga.fetch('http://board.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as {
      data?: Record<string, Record<string, unknown> | null> | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };
  return { yoga, logs, graphql };
}

describe('the page token', () => {
  it('cannot carry a query past a "#" (yoga reads the fragment, URL does not)', async () => {
    const demo = testServer();
    for (const token of [PARTNER_TOKEN, OFFICER_TOKEN]) {
      const response = await demo.yoga.fetch(
        `http://board.test/graphql?token=${token}#&query=${encodeURIComponent('{ board { name } }')}`,
        { headers: { accept: 'text/html, application/json' } },
      );
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('Co-Production Board (demo)');
    }
    // The page itself still opens with its token.
    const page = await demo.yoga.fetch(`http://board.test/graphql?token=${OFFICER_TOKEN}`, {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (yoga: ReturnType<typeof server>['yoga'], origin: string) =>
    yoga.fetch('http://board.test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
  const fromPage = (yoga: ReturnType<typeof server>['yoga'], origin: string) =>
    yoga.fetch('http://board.test/graphql', {
      method: 'POST',
      headers: {
        origin,
        'content-type': 'application/json',
        authorization: `Bearer ${OFFICER_TOKEN}`,
      },
      body: JSON.stringify({ query: '{ board { name } }' }),
    });

  it('allows no origin by default', async () => {
    const { yoga } = server();
    const before = await preflight(yoga, 'https://evil.example');
    expect(before.headers.get('access-control-allow-origin')).toBeNull();
    expect(before.headers.get('access-control-allow-credentials')).toBeNull();
    const read = await fromPage(yoga, 'https://evil.example');
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the configured origins only, never with credentials', async () => {
    const { yoga } = server({ corsOrigins: ['https://intranet.council.example'] });
    const allowed = await preflight(yoga, 'https://intranet.council.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(
      'https://intranet.council.example',
    );
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const read = await fromPage(yoga, 'https://intranet.council.example');
    expect(read.headers.get('access-control-allow-origin')).toBe(
      'https://intranet.council.example',
    );
    for (const other of ['https://evil.example', 'https://intranet.council.example.evil.example']) {
      expect((await preflight(yoga, other)).headers.get('access-control-allow-origin')).toBeNull();
      expect((await fromPage(yoga, other)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('makes up and prints tokens for the demo board only, never for a real workbook', () => {
    expect(readConfig({}).generatedTokens).toBe(true);
    expect(() => readConfig({ BOARD_WORKBOOK: 'board.xlsx' })).toThrow(ConfigError);
    expect(() => readConfig({ BOARD_WORKBOOK: 'board.xlsx' })).toThrow(
      /the workbook board\.xlsx\. Set BOARD_TOKENS/,
    );
    expect(
      readConfig({ BOARD_WORKBOOK: 'board.xlsx', BOARD_TOKENS: `${OFFICER_TOKEN}:OFFICER` })
        .generatedTokens,
    ).toBe(false);
  });

  it('reads BOARD_CORS_ORIGINS as a comma-separated list of exact origins', () => {
    expect(readConfig({}).corsOrigins).toEqual([]);
    expect(
      readConfig({ BOARD_CORS_ORIGINS: 'https://a.example, http://localhost:8080' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://localhost:8080']);
    for (const wrong of ['*', 'https://a.example/', 'https://a.example/path', 'a.example']) {
      expect(() => corsOrigins(wrong), wrong).toThrow(ConfigError);
      expect(() => corsOrigins(wrong), wrong).toThrow(/BOARD_CORS_ORIGINS/);
    }
  });
});

describe('the GraphiQL page', () => {
  it('is served with a Content-Security-Policy that allows its own scripts and nothing else', async () => {
    const { yoga } = server();
    const response = await yoga.fetch(`http://board.test/graphql?token=${OFFICER_TOKEN}`, {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    const policy = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      policy.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    const scriptSources = directives.get('script-src') ?? [];
    expect(scriptSources).not.toContain("'unsafe-inline'");
    expect(scriptSources).not.toContain("'unsafe-eval'");
    const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
      ([, body = '']) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`,
    );
    expect(inline.length).toBeGreaterThan(0);
    for (const hash of inline) expect(scriptSources).toContain(hash);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the request log', () => {
  it('names the error codes of an answer that is only errors', async () => {
    const { graphql, logs } = server();
    await graphql(PARTNER_TOKEN, '{ membershipCheck { message } }');
    await graphql(
      PARTNER_TOKEN,
      '{ meetings { actionsRaised { meeting { actionsRaised { meeting { actionsRaised { meeting { id } } } } } } } }',
    );
    await graphql(PARTNER_TOKEN, '{ board { name } }');
    // Data beside an error is not "only errors".
    await graphql(
      PARTNER_TOKEN,
      '{ meeting(id: "MT-2026-06") { id attendance { member { id } } } }',
    );
    await graphql('not-a-real-token-at-all', '{ board { name } }');
    expect(logs.map((line) => line.errors ?? null)).toEqual([
      ['FORBIDDEN'],
      ['QUERY_TOO_DEEP'],
      null,
      null,
      ['UNAUTHENTICATED'],
    ]);
    expect(JSON.stringify(logs)).not.toContain('membershipCheck');
  });
});

describe('an aliased mutation', () => {
  const circulationRows = async (path: string) =>
    readXlsxGrids(await readFile(path)).Circulation ?? [];
  const demoCopy = async (name: string) => {
    const path = join(scratch, name);
    await copyFile(DEMO_WORKBOOK_PATH, path);
    return path;
  };

  it('records none of its rows when one of them is refused', async () => {
    const path = await demoCopy('aliased-refused.xlsx');
    const before = await circulationRows(path);
    const { graphql } = server({ source: localWorkbookSource(path) });
    const result = await graphql(
      OFFICER_TOKEN,
      `mutation {
        a: recordCirculation(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { packId created }
        b: recordCirculation(meetingId: "MT-2026-10", audience: DMT) { packId created }
      }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('DMT_NOT_REQUESTED');
    expect(result.errors?.[0]?.message).toMatch(/^Nothing was recorded: .*Circulate to DMT/);
    expect(result.data ?? null).toBeNull();
    expect(await circulationRows(path)).toEqual(before);
  });

  it('records all of them when every one can be made, each answer as if asked alone', async () => {
    const path = await demoCopy('aliased-all.xlsx');
    const before = await circulationRows(path);
    const store = responseStore();
    const { graphql } = server({ source: localWorkbookSource(path), responseStore: store });
    const result = await graphql(
      OFFICER_TOKEN,
      `mutation {
        a: recordCirculation(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { packId created }
        b: recordCirculation(meetingId: "MT-2026-10", audience: SENIOR_HEAD) { packId created }
        again: recordCirculation(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { packId created }
      }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      a: { packId: 'MT-2026-10-BP-1', created: true },
      b: { packId: 'MT-2026-10-SH-1', created: true },
      again: { packId: 'MT-2026-10-BP-1', created: false },
    });
    const after = await circulationRows(path);
    expect(after.slice(before.length).map((row) => row[0])).toEqual([
      'MT-2026-10-BP-1',
      'MT-2026-10-SH-1',
    ]);
    // Asked again, both rows are found, and nothing is added.
    const repeat = await graphql(
      OFFICER_TOKEN,
      `mutation {
        a: recordCirculation(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { created }
        b: recordCirculation(meetingId: "MT-2026-10", audience: SENIOR_HEAD) { created }
      }`,
    );
    expect(repeat.data).toEqual({ a: { created: false }, b: { created: false } });
    expect(await circulationRows(path)).toHaveLength(after.length);
    // What a mutation did is never answered again from the response cache.
    expect(store.size).toBe(0);
  });

  it('says which rows were written when a write fails part-way', async () => {
    const path = await demoCopy('aliased-partial.xlsx');
    const workbook = localWorkbookSource(path);
    let writes = 0;
    const failingSecond: BoardSource = {
      description: workbook.description,
      readGrids: () => workbook.readGrids(),
      async appendRow(tab, values) {
        writes += 1;
        if (writes === 2) throw new Error('The disk is full.');
        await workbook.appendRow?.(tab, values);
      },
    };
    const { graphql } = server({ source: failingSecond });
    const result = await graphql(
      OFFICER_TOKEN,
      `mutation {
        a: recordCirculation(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { created }
        b: recordCirculation(meetingId: "MT-2026-10", audience: SENIOR_HEAD) { created }
      }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('WRITE_FAILED');
    expect(result.errors?.[0]?.message).toContain(
      'The disk is full. 1 of 2 rows had been written (MT-2026-10-BP-1); the others were not.',
    );
  });

  it('is refused field by field for a partner, and writes nothing', async () => {
    const path = await demoCopy('aliased-partner.xlsx');
    const before = await circulationRows(path);
    const { graphql } = server({ source: localWorkbookSource(path) });
    const result = await graphql(
      PARTNER_TOKEN,
      `mutation {
        a: recordCirculation(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { created }
        b: recordCirculation(meetingId: "MT-2026-10", audience: SENIOR_HEAD) { created }
      }`,
    );
    // The first refusal empties the whole (non-null) answer; graphql-js stops there.
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.errors?.every((error) => error.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(await circulationRows(path)).toEqual(before);
  });
});

describe('recording on the demo board', () => {
  it('never rewrites the demo file: it writes a copy outside it and serves that from then on', async () => {
    // A stand-in for server/demo/demo-board.xlsx, so that a broken fix cannot touch the real one.
    const original = join(scratch, 'tracked-demo-board.xlsx');
    await copyFile(DEMO_WORKBOOK_PATH, original);
    const bytes = await readFile(original);
    const copies = await mkdtemp(join(scratch, 'copies-'));
    const source = protectDemoBoard(localWorkbookSource(original), true, {
      original,
      directory: copies,
    });
    const { graphql } = server({ source });
    const mutation =
      'mutation { recordCirculation(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { packId created } }';

    const first = await graphql(OFFICER_TOKEN, mutation);
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordCirculation).toEqual({ packId: 'MT-2026-10-BP-1', created: true });
    expect((await readFile(original)).equals(bytes)).toBe(true);
    // The row went to the copy, and the board is read from the copy since.
    const [folder] = await readdir(copies);
    const copied = readXlsxGrids(await readFile(join(copies, folder ?? '', 'demo-board.xlsx')));
    expect(copied.Circulation?.at(-1)?.[0]).toBe('MT-2026-10-BP-1');
    const again = await graphql(OFFICER_TOKEN, mutation);
    expect(again.data?.recordCirculation).toEqual({ packId: 'MT-2026-10-BP-1', created: false });
    expect((await readFile(original)).equals(bytes)).toBe(true);
  });

  it('leaves any other source as it is', () => {
    const source = localWorkbookSource(join(scratch, 'board.xlsx'));
    expect(protectDemoBoard(source, false)).toBe(source);
  });
});

describe('before the first good read', () => {
  const SECRET_PATH = '/srv/boards/borough-board-private.xlsx';
  const SECRET_ID = '1SecretSpreadsheetId0123456789abcdefghij';

  /** A source that fails every read with `error`, counting the reads. */
  function failingSource(error: Error): BoardSource & { reads: number } {
    const source = {
      description: 'failing board',
      reads: 0,
      async readGrids(): Promise<never> {
        source.reads++;
        throw error;
      },
    };
    return source;
  }

  /**
   * A server whose cache sleeps on a clock the test never moves: a backoff or a wait that it
   * would sit through never ends, so an answer that comes proves nothing waited for one.
   */
  function stuckServer(source: BoardSource, cacheOptions: { firstReadWaitMs?: number } = {}) {
    let time = DEMO_NOW.getTime();
    const sleeps: ((value?: undefined) => void)[] = [];
    const cache = new SnapshotCache(source, {
      refreshSeconds: 30,
      now: () => time,
      sleep: () => new Promise<undefined>((resolve) => sleeps.push(resolve)),
      ...cacheOptions,
    });
    const yoga = createBoardYoga({ cache, tokens, demo: false, now: () => DEMO_NOW });
    const ask = async (token: string, path = '/graphql') => {
      const response = await yoga.fetch(
        `http://board.test${path}`,
        path === '/graphql'
          ? {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: '{ board { name } }' }),
            }
          : { headers: { authorization: `Bearer ${token}` } },
      );
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    return {
      ask,
      sleeps,
      advance: (ms: number) => {
        time += ms;
      },
    };
  }

  it('answers 503 at the first failed attempt, without waiting out the retries', async () => {
    // Google's own policy: ten attempts over up to 100 s. The backoff's sleep never ends here.
    const source = failingSource(new SourceError('The Sheets API is unavailable (503)', true, 503));
    const { ask, sleeps } = stuckServer(source);
    const answer = await ask(OFFICER_TOKEN);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(JSON.parse(answer.text).errors[0]).toMatchObject({
      message: 'The board could not be read yet: The Sheets API is unavailable (503)',
      extensions: { code: 'BOARD_UNAVAILABLE' },
    });
    // The retry is still waiting for its backoff, and requests meanwhile do not add reads.
    expect(sleeps).toHaveLength(1);
    expect((await ask(PARTNER_TOKEN)).status).toBe(503);
    expect(source.reads).toBe(1);
  });

  it('answers 503 "still being read" once firstReadWaitMs has passed on a read that hangs', async () => {
    const hanging: BoardSource = {
      description: 'hanging board',
      readGrids: () => new Promise(() => {}),
    };
    const { ask, sleeps } = stuckServer(hanging, { firstReadWaitMs: 1_500 });
    const pending = ask(PARTNER_TOKEN);
    await new Promise((resolve) => setImmediate(resolve));
    // The request waits on the cache's injected sleep for 1.5 s (index.ts uses 1.5 s too).
    expect(sleeps).toHaveLength(1);
    sleeps.shift()?.();
    const answer = await pending;
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).errors[0].message).toBe(STILL_READING);
  });

  it('reads a board that cannot be opened once per refresh interval, however many ask', async () => {
    const source = failingSource(
      new SourceError(
        `No spreadsheet with ID ${SECRET_ID}: check BOARD_SPREADSHEET_ID (HTTP 404).`,
        false,
        404,
      ),
    );
    const { ask, advance } = stuckServer(source);
    for (let second = 0; second < 30; second++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => ask(OFFICER_TOKEN)));
      expect(answers.every((answer) => answer.status === 503)).toBe(true);
      advance(1_000);
    }
    expect(source.reads).toBe(1);
    await ask(OFFICER_TOKEN);
    expect(source.reads).toBe(2);
  });

  it('never names the file or the spreadsheet to a partner; an officer is told', async () => {
    for (const reason of [
      `There is no readable file at ${SECRET_PATH}.`,
      `The access token has no access to spreadsheet ${SECRET_ID} (HTTP 403): share the sheet.`,
    ]) {
      const { ask } = stuckServer(failingSource(new SourceError(reason, false, 403)));
      const officer = await ask(OFFICER_TOKEN);
      expect(officer.status).toBe(503);
      expect(officer.text).toContain(reason.slice(0, 30));
      for (const path of ['/graphql', '/packs/MT-2026-10/BOROUGH_PARTNERSHIP.txt', '/']) {
        const partner = await ask(PARTNER_TOKEN, path);
        expect(partner.status, path).toBe(503);
        expect(partner.text, path).not.toContain(SECRET_PATH);
        expect(partner.text, path).not.toContain(SECRET_ID);
        expect(partner.text, path).not.toContain('/srv');
      }
      const graphql = JSON.parse((await ask(PARTNER_TOKEN)).text);
      expect(graphql.errors[0].message).toBe(PARTNER_UNAVAILABLE_MESSAGE);
    }
  });
});

/**
 * Issue 9, item 6 (the parts of the server): the page token reaches the GraphiQL page only,
 * CORS allows no origin unless configured, GraphiQL has a Content-Security-Policy, refused
 * requests are logged with their error codes, an aliased mutation records all its rows or none,
 * and recording on the demo board never rewrites the tracked demo file.
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
import { responseStore } from '../server/response-cache';
import { SnapshotCache } from '../server/snapshot-cache';
import type { BoardSource } from '../server/sources/board-source';
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

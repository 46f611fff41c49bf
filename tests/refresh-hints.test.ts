/**
 * Refresh hints (DESIGN §9, issue 15 item 1). The snapshot cache: a hint starts a read and the
 * next request sees the edit; hints arriving together cost one read (at most one more after a
 * read in flight); reads started by hints are `hintSeconds` apart; a hint while the source is
 * failing adds no upstream call. The hook: `POST /hooks/sheet-changed` takes a REFRESH token or
 * an officer's, answers 202 at once, and refuses partners; a REFRESH token can do nothing else.
 * Every answer says `extensions.asOf`, the time its snapshot was read, kept answers too. Time
 * is the test's own clock and sleep throughout: nothing waits for real time.
 */
import { describe, expect, it } from 'vitest';
import type { WorkbookGrids } from '../schema/grid';
import { boardMetrics } from '../server/plugins/metrics';
import { MAX_HINT_BODY_BYTES, REFRESH_HOOK_PATH } from '../server/plugins/refresh-hints';
import { responseStore } from '../server/response-cache';
import type { RetryPolicy } from '../server/retry';
import { SnapshotCache, type SnapshotCacheOptions } from '../server/snapshot-cache';
import { type BoardSource, SourceError } from '../server/sources/board-source';
import { createBoardYoga } from '../server/yoga';
import {
  DEMO_NOW,
  everyRoleTokens,
  OFFICER_TOKEN,
  PARTNER_TOKEN,
  REFRESH_TOKEN,
} from './support/board-server';
import { failOnUnhandledRejections, flush } from './support/settle';

const START = DEMO_NOW.getTime();
const POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxTotalMs: 20_000,
};
const QUOTA = "Google's read quota is used up for now";

function board(name: string): WorkbookGrids {
  return {
    Members: [
      ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'],
      ['M1', name, 'Member', 'Provider', 'Provider', 45259, 'Active'],
    ],
    Settings: [
      ['Key', 'Value'],
      ['Board name', name],
    ],
  };
}

interface Read {
  /** `now()` when the read was asked for. */
  readonly startedAt: number;
  resolve(grids: WorkbookGrids): void;
  reject(error: unknown): void;
}

/**
 * A cache over a source whose reads the test settles, on a clock the test moves and a sleep it
 * wakes. `answer()` settles every read in flight with the board as it is now.
 */
function setup(options: Partial<SnapshotCacheOptions> = {}) {
  let time = START;
  let sheet = board('Ann');
  const reads: Read[] = [];
  const pending: Read[] = [];
  const sleeps: { ms: number; wake: () => void }[] = [];
  const source: BoardSource = {
    description: 'held board',
    readGrids: () =>
      new Promise<WorkbookGrids>((resolve, reject) => {
        const read = { startedAt: time, resolve, reject };
        reads.push(read);
        pending.push(read);
      }),
  };
  const cache = new SnapshotCache(source, {
    refreshSeconds: 300,
    hintSeconds: 2,
    retry: POLICY,
    now: () => time,
    random: () => 0.5,
    sleep: (ms) => new Promise<void>((resolve) => sleeps.push({ ms, wake: resolve })),
    ...options,
  });
  return {
    cache,
    reads,
    sleeps,
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
    edit(name: string) {
      sheet = board(name);
    },
    /** Answers every read in flight with the sheet as it is. */
    async answer() {
      await flush();
      for (const read of pending.splice(0)) read.resolve(sheet);
      await flush();
    },
    async fail(error: unknown = new SourceError(QUOTA, true, 429)) {
      await flush();
      for (const read of pending.splice(0)) read.reject(error);
      await flush();
    },
    /** Ends every pending sleep, moving the clock on by each. */
    async wake() {
      await flush();
      for (const sleep of sleeps.splice(0)) {
        time += sleep.ms;
        sleep.wake();
      }
      await flush();
    },
  };
}

async function primed(options: Partial<SnapshotCacheOptions> = {}) {
  const t = setup(options);
  const first = t.cache.get();
  await t.answer();
  await first;
  return t;
}

failOnUnhandledRejections();

describe('SnapshotCache.hint', () => {
  it('reads the board at once, and the next request sees the edit, as of that read', async () => {
    const t = await primed();
    t.advance(10_000);
    t.edit('Bea');
    expect(t.cache.hint()).toBe('reading');
    expect(t.reads).toHaveLength(2);
    // Until the read lands, requests get the snapshot there is, still fresh (300 s interval).
    expect((await t.cache.getNow()).snapshot.members[0]?.name).toBe('Ann');
    t.advance(400);
    await t.answer();
    const served = await t.cache.getNow();
    expect(served.snapshot.members[0]?.name).toBe('Bea');
    expect(served.version).toBe(2);
    expect(served.stale).toBeNull();
    expect(served.readAt).toBe(START + 10_400);
    expect(t.cache.hintCounts()).toEqual({ received: 1, reads: 1 });
  });

  it('costs at most two reads for 100 hints at once: one now, one after it', async () => {
    const t = await primed();
    t.advance(60_000);
    const outcomes = Array.from({ length: 100 }, () => t.cache.hint());
    expect(outcomes[0]).toBe('reading');
    expect(outcomes[1]).toBe('queued');
    expect(new Set(outcomes.slice(2))).toEqual(new Set(['coalesced']));
    expect(t.reads).toHaveLength(2);
    // The read in flight may have read before the later edits: one more follows it, spaced.
    t.advance(300);
    await t.answer();
    expect(t.reads).toHaveLength(2);
    expect(t.sleeps.map((sleep) => sleep.ms)).toEqual([1_700]);
    await t.wake();
    expect(t.reads).toHaveLength(3);
    expect(t.reads[2]?.startedAt).toBe(START + 62_000);
    await t.answer();
    // Nothing more is queued: the burst cost two reads.
    await t.wake();
    expect(t.reads).toHaveLength(3);
    expect(t.cache.hintCounts()).toEqual({ received: 100, reads: 2 });
  });

  it('costs one read for a burst that arrives while nothing is in flight and the interval is over', async () => {
    const t = await primed();
    t.advance(60_000);
    t.cache.hint();
    await t.answer();
    t.advance(5_000);
    const outcomes = Array.from({ length: 10 }, () => t.cache.hint());
    // The second hint queues a read after the first's (which is in flight).
    expect(outcomes.filter((outcome) => outcome === 'reading')).toHaveLength(1);
    expect(t.reads).toHaveLength(3);
  });

  it('spaces the reads of two bursts closer together than the hint interval', async () => {
    const t = await primed();
    t.advance(60_000);
    for (let i = 0; i < 5; i++) t.cache.hint();
    t.advance(100);
    await t.answer(); // the first burst's read, then its queued second read waits for spacing
    expect(t.sleeps.map((sleep) => sleep.ms)).toEqual([1_900]);
    await t.wake();
    expect(t.reads.map((read) => read.startedAt - START)).toEqual([0, 60_000, 62_000]);
    t.advance(200);
    await t.answer();
    // A second burst 500 ms after that read started: it waits until 2 s after it.
    t.advance(300);
    for (let i = 0; i < 5; i++) expect(t.cache.hint()).not.toBe('reading');
    expect(t.reads).toHaveLength(3);
    expect(t.sleeps.map((sleep) => sleep.ms)).toEqual([1_500]);
    await t.wake();
    expect(t.reads.map((read) => read.startedAt - START)).toEqual([0, 60_000, 62_000, 64_000]);
    await t.answer();
    await t.wake();
    expect(t.reads).toHaveLength(4);
  });

  it('uses hintSeconds as the spacing (BOARD_REFRESH_HINT_SECONDS)', async () => {
    const t = await primed({ hintSeconds: 10 });
    t.advance(60_000);
    t.cache.hint();
    await t.answer();
    t.cache.hint();
    expect(t.sleeps.map((sleep) => sleep.ms)).toEqual([10_000]);
  });

  it('adds no upstream call while the source is failing: the backoff schedule stands', async () => {
    /** The reads a failing refresh makes with no hints at all, for comparison. */
    async function outage(withHints: boolean) {
      const t = await primed();
      t.advance(300_000);
      await t.cache.getNow(); // expired: the refresh starts
      for (let step = 0; step < 40; step++) {
        if (withHints) for (let i = 0; i < 10; i++) t.cache.hint();
        await t.fail();
        if (withHints) for (let i = 0; i < 10; i++) expect(t.cache.hint()).toBe('failing');
        await t.wake();
        t.advance(1_000);
        await t.cache.getNow().catch(() => {});
      }
      return t.reads.length;
    }
    const scheduled = await outage(false);
    expect(scheduled).toBeGreaterThan(2);
    expect(await outage(true)).toBe(scheduled);
  });

  it('drops a hint queued behind a read that fails, and starts none during the rest after it', async () => {
    const t = await primed({ retry: { ...POLICY, maxAttempts: 1 } });
    t.advance(60_000);
    t.cache.hint();
    t.cache.hint(); // queued behind the first
    await t.fail();
    await t.wake();
    expect(t.reads).toHaveLength(2);
    for (let second = 0; second < 10; second++) {
      t.advance(1_000);
      expect(t.cache.hint()).toBe('failing');
    }
    await t.wake();
    expect(t.reads).toHaveLength(2);
  });

  it('takes any read that starts after a hint as its read, whatever started it', async () => {
    const t = await primed();
    t.advance(60_000);
    t.cache.hint();
    await t.answer();
    expect(t.cache.hint()).toBe('queued'); // waiting for the hint interval
    // Meanwhile the server writes to the sheet and reads it again (recordCirculation).
    const written = t.cache.refreshNow();
    await t.answer();
    await written;
    await t.wake();
    expect(t.reads).toHaveLength(3);
    expect(t.cache.hintCounts()).toEqual({ received: 2, reads: 1 });
  });

  it('queues one read after a first read still in flight', async () => {
    const t = setup();
    const first = t.cache.get();
    expect(t.cache.hint()).toBe('queued');
    expect(t.cache.hint()).toBe('coalesced');
    await t.answer();
    await first;
    // The first hint read has no earlier one to be spaced from.
    expect(t.reads).toHaveLength(2);
  });
});

/** A server over a sheet the test edits, with the cache's clock and sleep the test's own. */
function hintedServer() {
  const t = setup();
  const metrics = boardMetrics();
  const store = responseStore();
  const yoga = createBoardYoga({
    cache: t.cache,
    tokens: everyRoleTokens(),
    demo: false,
    now: () => DEMO_NOW,
    metrics,
    responseStore: store,
  });
  const post = (path: string, token: string | null, body: string, type = 'application/json') =>
    yoga.fetch(`http://board.test${path}`, {
      method: 'POST',
      headers: {
        'content-type': type,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
  /** What `onBoardChange` sends (DESIGN §7). */
  const hint = (token: string | null = REFRESH_TOKEN) =>
    post(REFRESH_HOOK_PATH, token, JSON.stringify({ source: 'onBoardChange' }));
  const query = async (token: string, text = '{ board { name } members { name } }') => {
    const response = await post('/graphql', token, JSON.stringify({ query: text }));
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: { board?: { name: string }; members?: { name: string }[] } | null;
        errors?: { message: string; extensions?: { code?: string } }[];
        extensions?: Record<string, unknown>;
      },
    };
  };
  const get = (path: string, token: string) =>
    yoga.fetch(`http://board.test${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { ...t, yoga, metrics, store, post, hint, query, get };
}

describe('POST /hooks/sheet-changed', () => {
  it('answers 202 at once, and the next partner request sees the edit (not a kept answer)', async () => {
    const server = hintedServer();
    const first = server.query(PARTNER_TOKEN);
    await server.answer();
    const before = await first;
    expect(before.body.data?.board?.name).toBe('Ann');
    expect((await server.query(PARTNER_TOKEN)).body).toEqual(before.body); // kept
    expect(server.store.size).toBe(1);

    server.advance(5_000);
    server.edit('Bea');
    const response = await server.hint();
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: true });
    expect(server.reads).toHaveLength(2);
    server.advance(300);
    await server.answer();

    const after = await server.query(PARTNER_TOKEN);
    expect(after.body.data?.board?.name).toBe('Bea');
    expect(after.body.extensions).toEqual({ asOf: new Date(START + 5_300).toISOString() });
  });

  it('accepts an officer and an empty body; refuses partners, no token, GET and bad bodies', async () => {
    const server = hintedServer();
    expect((await server.post(REFRESH_HOOK_PATH, OFFICER_TOKEN, '')).status).toBe(202);
    const partner = await server.hint(PARTNER_TOKEN);
    expect(partner.status).toBe(403);
    expect(JSON.stringify(await partner.json())).toContain('REFRESH token');
    expect((await server.hint(null)).status).toBe(401);
    expect((await server.hint('not-a-token-of-this-board-000')).status).toBe(401);
    const get = await server.get(REFRESH_HOOK_PATH, REFRESH_TOKEN);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const big = await server.post(
      REFRESH_HOOK_PATH,
      REFRESH_TOKEN,
      JSON.stringify({ note: 'x'.repeat(MAX_HINT_BODY_BYTES) }),
    );
    expect(big.status).toBe(413);
    const notJson = await server.post(REFRESH_HOOK_PATH, REFRESH_TOKEN, 'edited!', 'text/plain');
    expect(notJson.status).toBe(400);
    // Only the officer's hint counted (the first read): the refused ones started nothing.
    expect(server.cache.hintCounts()).toEqual({ received: 1, reads: 1 });
  });

  it('counts hints and the reads they started in the metrics', async () => {
    const server = hintedServer();
    const first = server.query(OFFICER_TOKEN);
    await server.answer();
    await first;
    await Promise.all(Array.from({ length: 10 }, () => server.hint()));
    const scrape = await (await server.get('/metrics', OFFICER_TOKEN)).text();
    expect(scrape).toMatch(/^board_refresh_hints_total 10$/m);
    expect(scrape).toMatch(/^board_refresh_hint_reads_total 1$/m);
    expect(scrape).toMatch(/route="hooks",operation="\(none\)",role="REFRESH",outcome="ok"\} 10/);
  });
});

describe('a REFRESH token', () => {
  it('can do nothing but post hints: the API, pages, packs, metrics and sign-in are refused', async () => {
    const server = hintedServer();
    const graphql = await server.query(REFRESH_TOKEN);
    expect(graphql.status).toBe(403);
    expect(graphql.body.data).toBeUndefined();
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const path of [
      '/',
      '/reports/annual.html?from=2025-04-01&to=2026-03-31',
      '/reports/actions.csv',
      '/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html',
      '/metrics',
      `/graphql?token=${REFRESH_TOKEN}`,
    ]) {
      const response = await server.get(path, REFRESH_TOKEN);
      expect(response.status, path).toBe(403);
    }
    const page = await server.yoga.fetch(`http://board.test/graphql?token=${REFRESH_TOKEN}`, {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('GraphiQL');
    const signIn = await server.post(
      '/session',
      null,
      new URLSearchParams({ token: REFRESH_TOKEN, next: '/' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie')).toBeNull();
    // Nothing it asked for read the board.
    expect(server.reads).toHaveLength(0);
  });
});

describe('extensions.asOf', () => {
  it('is the ISO time the served snapshot was read, the same on a kept answer, before stale', async () => {
    const server = hintedServer();
    server.advance(1_234);
    const first = server.query(OFFICER_TOKEN);
    await server.answer();
    const executed = await first;
    const readAt = (await server.cache.get()).readAt;
    expect(readAt).toBe(START + 1_234);
    expect(executed.body.extensions).toEqual({ asOf: new Date(readAt).toISOString() });
    const kept = await server.query(OFFICER_TOKEN);
    expect(kept.body).toEqual(executed.body);
    expect(server.store.size).toBe(1);

    // Expired and the refresh failing: asOf stays the read's time, and stale comes after it.
    server.advance(300_000);
    await server.query(PARTNER_TOKEN);
    await server.fail();
    const stale = await server.query(PARTNER_TOKEN);
    expect(Object.keys(stale.body.extensions ?? {})).toEqual(['asOf', 'stale']);
    expect(stale.body.extensions?.asOf).toBe(new Date(readAt).toISOString());
  });
});

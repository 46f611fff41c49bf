import { describe, expect, it, vi } from 'vitest';
import type { WorkbookGrids } from '../schema/grid';
import type { RetryPolicy } from '../server/retry';
import {
  BoardNotReadError,
  SnapshotCache,
  type SnapshotCacheOptions,
  STILL_READING,
} from '../server/snapshot-cache';
import { type BoardSource, SourceError } from '../server/sources/board-source';
import { failOnUnhandledRejections, flush } from './support/settle';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Whether a promise has settled once pending callbacks have run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await flush();
  return settled;
}

function members(name: string): WorkbookGrids {
  return {
    Members: [
      ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'],
      ['M1', name, 'Member', 'Provider', 'Provider', 45259, 'Active'],
    ],
  };
}

/** A source whose every read is a deferred promise the test settles. */
class FakeSource implements BoardSource {
  readonly description = 'fake board';
  readonly calls: Deferred<WorkbookGrids>[] = [];
  readGrids(): Promise<WorkbookGrids> {
    const call = deferred<WorkbookGrids>();
    this.calls.push(call);
    return call.promise;
  }
  /** The read in flight (the latest call). */
  get last(): Deferred<WorkbookGrids> {
    const call = this.calls[this.calls.length - 1];
    if (!call) throw new Error('no read was started');
    return call;
  }
}

const QUOTA = "Google's read quota is used up for now";
const quota = () => new SourceError(QUOTA, true, 429);
const POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxTotalMs: 20_000,
};
const START = Date.UTC(2025, 0, 6, 9, 0, 0);

function setup(options: Partial<SnapshotCacheOptions> = {}) {
  let time = START;
  let slept = 0;
  const sleeps: { ms: number; done: Deferred<void> }[] = [];
  const events: Record<string, unknown>[] = [];
  const source = new FakeSource();
  const cache = new SnapshotCache(source, {
    refreshSeconds: 30,
    retry: POLICY,
    now: () => time,
    random: () => 0.5,
    sleep: (ms) => {
      const done = deferred<void>();
      sleeps.push({ ms, done });
      return done.promise;
    },
    log: (event) => events.push(event as Record<string, unknown>),
    ...options,
  });
  return {
    cache,
    source,
    sleeps,
    events,
    advance(ms: number) {
      time += ms;
    },
    slept: () => slept,
    /** Ends every pending sleep, moving the clock on by each unless told not to. */
    async wake(moveClock = true) {
      await flush();
      for (const sleep of sleeps.splice(0)) {
        if (moveClock) time += sleep.ms;
        slept += sleep.ms;
        sleep.done.resolve();
      }
      await flush();
    },
  };
}

/** A cache that has made its first good read of `grids`. */
async function primed(grids = members('Ann'), options: Partial<SnapshotCacheOptions> = {}) {
  const t = setup(options);
  const first = t.cache.get();
  t.source.last.resolve(grids);
  await first;
  return t;
}

failOnUnhandledRejections();

describe('SnapshotCache: first read', () => {
  it('500 concurrent get() calls share one read', async () => {
    const t = setup();
    const calls = Array.from({ length: 500 }, () => t.cache.get());
    await flush();
    expect(t.source.calls).toHaveLength(1);
    expect(await isSettled(Promise.all(calls))).toBe(false);
    t.source.last.resolve(members('Ann'));
    const results = await Promise.all(calls);
    expect(t.source.calls).toHaveLength(1);
    expect(t.cache.reads).toBe(1);
    expect(new Set(results.map((r) => r.snapshot)).size).toBe(1);
    expect(results[0]?.snapshot.members[0]?.name).toBe('Ann');
    expect(results.every((r) => r.version === 1 && r.stale === null)).toBe(true);
  });

  it('rejects with a clear message when the first read fails, and reads again only after the interval', async () => {
    const t = setup();
    const calls = [t.cache.get(), t.cache.getNow()];
    for (const call of calls) call.catch(() => {}); // asserted one by one below
    t.source.last.reject(
      new SourceError('The service account cannot open the spreadsheet', false, 403),
    );
    for (const call of calls) {
      await expect(call).rejects.toThrow(
        'The board could not be read yet: The service account cannot open the spreadsheet',
      );
      await expect(call).rejects.toBeInstanceOf(BoardNotReadError);
    }
    expect(t.source.calls).toHaveLength(1);
    expect(t.cache.status().lastError).toBe('The service account cannot open the spreadsheet');

    // A sheet that is not shared stays so for a while: requests meanwhile do not ask again.
    for (let second = 0; second < 29; second++) {
      t.advance(1_000);
      const tries = await Promise.allSettled(Array.from({ length: 20 }, () => t.cache.getNow()));
      for (const attempt of tries) {
        expect(attempt.status === 'rejected' && String(attempt.reason)).toContain(
          'cannot open the spreadsheet',
        );
      }
    }
    expect(t.source.calls).toHaveLength(1);

    t.advance(1_000);
    const again = t.cache.get();
    expect(t.source.calls).toHaveLength(2);
    t.source.last.resolve(members('Ann'));
    const result = await again;
    expect(result.snapshot.members).toHaveLength(1);
    expect(result.stale).toBeNull();
    expect(t.cache.status().lastError).toBeNull();
  });

  it('releases the callers of a first read at its first failed attempt; the retries go on behind', async () => {
    const t = setup();
    const call = t.cache.get();
    const request = t.cache.getNow();
    for (const caller of [call, request]) caller.catch(() => {}); // asserted below
    t.source.last.reject(quota());
    await flush();
    // Neither waits out the backoff (750 ms here, up to 100 s in all with Google's policy).
    await expect(call).rejects.toThrow(`The board could not be read yet: ${QUOTA}`);
    await expect(request).rejects.toThrow(`The board could not be read yet: ${QUOTA}`);
    expect(t.sleeps.map((s) => s.ms)).toEqual([750]);
    // During the backoff, requests are told at once and start no read of their own.
    await expect(t.cache.getNow()).rejects.toThrow(QUOTA);
    expect(t.source.calls).toHaveLength(1);
    await t.wake();
    expect(t.source.calls).toHaveLength(2);
    // And while the retry is in flight.
    await expect(t.cache.getNow()).rejects.toThrow(QUOTA);
    t.source.last.reject(new SourceError('The Sheets API is unavailable (503)', true, 503));
    await flush();
    expect(t.sleeps.map((s) => s.ms)).toEqual([1_500]);
    await t.wake();
    t.source.last.resolve(members('Ann'));
    await flush();
    const result = await t.cache.getNow();
    expect(result.version).toBe(1);
    expect(t.cache.reads).toBe(3);
  });

  it('tells a request within firstReadWaitMs that a first read which has not answered is still running', async () => {
    const t = setup({ firstReadWaitMs: 1_500 });
    const request = t.cache.getNow();
    await flush();
    expect(await isSettled(request)).toBe(false);
    // The wait runs on the injected sleep: no real time passes.
    expect(t.sleeps.map((s) => s.ms)).toEqual([1_500]);
    await t.wake();
    await expect(request).rejects.toThrow(STILL_READING);
    const error = await request.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BoardNotReadError);
    expect((error as BoardNotReadError).reason).toBeNull();
    // Still one read, which serves as soon as it answers.
    expect(t.source.calls).toHaveLength(1);
    t.source.last.resolve(members('Ann'));
    await flush();
    expect((await t.cache.getNow()).snapshot.members[0]?.name).toBe('Ann');
    expect(t.source.calls).toHaveLength(1);
  });

  it('waits firstReadWaitMs from the start of the attempt, not again for each request', async () => {
    const t = setup({ firstReadWaitMs: 1_500 });
    const said = (request: Promise<unknown>) =>
      request.then(
        () => 'answered',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    const first = said(t.cache.getNow());
    await flush();
    t.advance(1_000);
    const second = said(t.cache.getNow());
    await flush();
    // The second waits only what is left of the attempt's 1.5 s.
    expect(t.sleeps.map((s) => s.ms)).toEqual([1_500, 500]);
    await t.wake(false);
    t.advance(500);
    expect(await first).toBe(STILL_READING);
    expect(await second).toBe(STILL_READING);
    // Later requests are told at once while the attempt still runs, with no wait at all.
    t.advance(5_000);
    const later = t.cache.getNow();
    await expect(later).rejects.toThrow(STILL_READING);
    expect(t.sleeps).toEqual([]);
    expect(t.source.calls).toHaveLength(1);
    t.source.last.resolve(members('Ann'));
    await flush();
    expect((await t.cache.getNow()).snapshot.members[0]?.name).toBe('Ann');
  });

  it('gives a request the first failure at once, not after firstReadWaitMs', async () => {
    const t = setup({ firstReadWaitMs: 1_500 });
    const request = t.cache.getNow();
    t.source.last.reject(new SourceError('There is no readable file at /srv/board.xlsx', false));
    await expect(request).rejects.toThrow('There is no readable file at /srv/board.xlsx');
    // The 1.5 s wait was cut short by the failure (its sleep is never woken here).
    expect(t.slept()).toBe(0);
  });

  it('gives up a first read after the policy and reports the last error', async () => {
    const t = setup();
    const call = t.cache.get();
    call.catch(() => {}); // asserted below, once the retries are over
    for (let attempt = 1; attempt <= POLICY.maxAttempts; attempt++) {
      t.source.last.reject(quota());
      await t.wake();
    }
    await expect(call).rejects.toThrow(`The board could not be read yet: ${QUOTA}`);
    expect(t.source.calls).toHaveLength(POLICY.maxAttempts);
  });
});

describe('SnapshotCache: fresh and expired', () => {
  it('serves a fresh snapshot at once without reading', async () => {
    const t = await primed();
    t.advance(29_999);
    const calls = Array.from({ length: 500 }, () => t.cache.get());
    const results = await Promise.all(calls);
    expect(t.source.calls).toHaveLength(1);
    expect(results.every((r) => r.stale === null && r.version === 1)).toBe(true);
  });

  it('500 concurrent get() calls on an expired snapshot start exactly one read and get the new one', async () => {
    const t = await primed();
    t.advance(30_000);
    const calls = Array.from({ length: 500 }, () => t.cache.get());
    await flush();
    expect(t.source.calls).toHaveLength(2);
    expect(t.cache.status().refreshing).toBe(true);
    // Each caller waits (at most freshWaitMs) for the refresh.
    expect(await isSettled(Promise.all(calls))).toBe(false);
    expect(t.sleeps.every((s) => s.ms === 1_500)).toBe(true);
    t.source.last.resolve(members('Bea'));
    const results = await Promise.all(calls);
    expect(t.source.calls).toHaveLength(2);
    expect(results.every((r) => r.version === 2 && r.stale === null)).toBe(true);
    expect(results[0]?.snapshot.members[0]?.name).toBe('Bea');
  });

  it('serves the old snapshot flagged stale once freshWaitMs passes with the refresh still running', async () => {
    const t = await primed(members('Ann'), { freshWaitMs: 1_000 });
    t.advance(45_000);
    const call = t.cache.get();
    await flush();
    expect(t.sleeps.map((s) => s.ms)).toEqual([1_000]);
    expect(await isSettled(call)).toBe(false);
    await t.wake(); // the wait is over; the read is still pending
    const result = await call;
    expect(result.version).toBe(1);
    expect(result.snapshot.members[0]?.name).toBe('Ann');
    expect(result.stale).toEqual({ ageSeconds: 46, reason: 'refresh in progress' });
    expect(t.source.calls).toHaveLength(2);
  });

  it('serves stale at once during an outage, without waiting, while the source is retrying', async () => {
    const t = await primed();
    t.advance(31_000);
    const first = t.cache.get();
    t.source.last.reject(quota());
    // The refresh's first attempt failed: the waiting caller is released with the stale snapshot.
    const served = await first;
    expect(served.version).toBe(1);
    expect(served.stale).toEqual({ ageSeconds: 31, reason: QUOTA });

    // While the retry waits, and while the retried read is pending, callers never wait.
    // (1500: the first caller's bounded wait, cut short by the failure; 750: the backoff.)
    expect(t.sleeps.map((s) => s.ms)).toEqual([1_500, 750]);
    const duringBackoff = t.cache.get();
    expect(await isSettled(duringBackoff)).toBe(true);
    await t.wake();
    expect(t.source.calls).toHaveLength(3); // first read, failed attempt, retry
    const pendingRead = t.source.last;
    expect(await isSettled(pendingRead.promise)).toBe(false);
    const duringRead = t.cache.get();
    expect(await isSettled(duringRead)).toBe(true);
    expect(await isSettled(pendingRead.promise)).toBe(false);
    const result = await duringRead;
    expect(result.snapshot).toBe(served.snapshot);
    expect(result.stale?.reason).toBe(QUOTA);
    expect(result.stale?.ageSeconds).toBe(33); // 31 s + the 1.5 s and 0.75 s sleeps
    expect(t.sleeps).toEqual([]); // no caller started a bounded wait
    expect(t.cache.status()).toMatchObject({ refreshing: true, lastError: QUOTA });

    // The source recovers: lastError is cleared and the new snapshot is fresh.
    pendingRead.resolve(members('Bea'));
    await flush();
    const after = await t.cache.get();
    expect(after.version).toBe(2);
    expect(after.stale).toBeNull();
    expect(t.cache.status().lastError).toBeNull();
  });

  it('after a failed refresh, reads again no sooner than refreshSeconds later and still never waits', async () => {
    const t = await primed(members('Ann'), { retry: { ...POLICY, maxAttempts: 1 } });
    t.advance(30_000);
    const first = t.cache.get();
    t.source.last.reject(quota());
    expect((await first).stale).toEqual({ ageSeconds: 30, reason: QUOTA });
    expect(t.cache.status().refreshing).toBe(false);

    t.advance(29_000);
    const throttled = await Promise.all(Array.from({ length: 50 }, () => t.cache.get()));
    expect(t.source.calls).toHaveLength(2);
    expect(throttled.every((r) => r.stale?.reason === QUOTA && r.stale.ageSeconds === 59)).toBe(
      true,
    );

    t.advance(1_000);
    const next = t.cache.get();
    expect(t.source.calls).toHaveLength(3);
    expect(await isSettled(next)).toBe(true);
    expect((await next).stale).toEqual({ ageSeconds: 60, reason: QUOTA });
    t.source.last.resolve(members('Bea'));
    await flush();
    expect((await t.cache.get()).stale).toBeNull();
  });

  it('runs at most one refresh cycle per interval under load, through fresh and expired periods', async () => {
    const t = await primed();
    for (let second = 0; second < 90; second++) {
      t.advance(1_000);
      const calls = Array.from({ length: 20 }, () => t.cache.get());
      await flush();
      if (t.cache.status().refreshing) {
        t.source.last.resolve(members(`Ann ${second}`));
      }
      await t.wake(false);
      await Promise.all(calls);
    }
    // First read plus one refresh per 30 s.
    expect(t.source.calls).toHaveLength(4);
  });
});

describe('SnapshotCache: servedNow() (the early lane)', () => {
  it('is null before the first good read, and starts no read of its own then', async () => {
    const t = setup();
    expect(t.cache.servedNow()).toBeNull();
    expect(t.source.calls).toHaveLength(0);
    const first = t.cache.getNow();
    t.source.last.resolve(members('Ann'));
    await first;
    expect(t.cache.servedNow()?.snapshot.members[0]?.name).toBe('Ann');
  });

  it('serves what getNow() serves, without a promise: the old snapshot while a refresh runs', async () => {
    const t = await primed(members('Ann'), { freshWaitMs: 1_000 });
    t.advance(29_999);
    expect(t.cache.servedNow()).toMatchObject({ version: 1, stale: null });
    expect(t.source.calls).toHaveLength(1);
    // Expired: a refresh starts, and the old snapshot serves, not stale within freshWaitMs.
    t.advance(1);
    expect(t.cache.servedNow()).toMatchObject({ version: 1, stale: null });
    expect(t.source.calls).toHaveLength(2);
    expect(t.cache.servedNow()).toMatchObject({ version: 1, stale: null });
    expect(t.source.calls).toHaveLength(2);
    t.advance(1_000);
    expect(t.cache.servedNow()?.stale).toEqual({ ageSeconds: 31, reason: 'refresh in progress' });
    expect(await t.cache.getNow()).toEqual(t.cache.servedNow());
    t.source.last.resolve(members('Bea'));
    await flush();
    expect(t.cache.servedNow()).toMatchObject({ version: 2, stale: null });
    expect(t.cache.servedNow()?.snapshot.members[0]?.name).toBe('Bea');
  });
});

describe('SnapshotCache: load during an outage', () => {
  it('asks a failing source at most once per interval, however many requests arrive', async () => {
    const t = await primed(members('Ann'), { retry: { ...POLICY, maxAttempts: 1 } });
    for (let second = 0; second < 120; second++) {
      t.advance(1_000);
      const calls = Array.from({ length: 20 }, () => t.cache.get());
      await flush();
      if (t.cache.status().refreshing) t.source.last.reject(quota());
      await t.wake(false);
      const results = await Promise.all(calls);
      expect(results.every((r) => r.version === 1)).toBe(true);
    }
    // First read, then failed refreshes at 30 s, 60 s, 90 s and 120 s.
    expect(t.source.calls).toHaveLength(5);
  });
});

describe('SnapshotCache: default timers', () => {
  it('waits for a refresh on its own timer of freshWaitMs, then serves stale', async () => {
    // No sleep is injected, so the cache uses setTimeout; faking only the timers keeps
    // setImmediate (flush) real and lets the test move time on instead of waiting for it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const source = new FakeSource();
      let time = START;
      const cache = new SnapshotCache(source, {
        refreshSeconds: 30,
        retry: POLICY,
        now: () => time,
      });
      const first = cache.get();
      source.last.resolve(members('Ann'));
      await first;
      time += 30_000;
      const waiting = cache.get(); // the read stays pending; the 1.5 s wait runs on a timer
      await vi.advanceTimersByTimeAsync(1_499);
      expect(await isSettled(waiting)).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const slow = await waiting;
      expect(slow.stale).toEqual({ ageSeconds: 30, reason: 'refresh in progress' });
      const quick = cache.get();
      expect(vi.getTimerCount()).toBe(1);
      source.last.resolve(members('Bea'));
      expect((await quick).version).toBe(2);
      // The refresh settled first, so its wait's timer was cleared rather than left to run.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SnapshotCache: unchanged grids', () => {
  it('keeps the snapshot and version when the source returns the same grids object', async () => {
    const grids = members('Ann');
    const t = await primed(grids);
    const before = await t.cache.get();
    t.advance(30_000);
    const call = t.cache.get();
    t.source.last.resolve(grids);
    const after = await call;
    expect(after.snapshot).toBe(before.snapshot);
    expect(after.version).toBe(1);
    expect(after.stale).toBeNull();
    // Confirmed by a read just now: served as of that read (extensions.asOf), kept answers kept.
    expect(before.readAt).toBe(START);
    expect(after.readAt).toBe(START + 30_000);
    expect(t.cache.status().ageSeconds).toBe(0);
    expect(t.events.at(-1)).toMatchObject({ event: 'refresh', ok: true, unchanged: true });

    // Equal content in a new object is rebuilt and bumps the version.
    t.advance(30_000);
    const changed = t.cache.get();
    t.source.last.resolve(members('Ann'));
    const rebuilt = await changed;
    expect(rebuilt.version).toBe(2);
    expect(rebuilt.snapshot).not.toBe(before.snapshot);
  });
});

describe('SnapshotCache: status() and log', () => {
  it('reports age, last error, last success, reads and whether a refresh runs', async () => {
    const t = setup();
    expect(t.cache.status()).toEqual({
      ageSeconds: null,
      lastError: null,
      lastSuccessAt: null,
      reads: 0,
      refreshing: false,
    });
    const first = t.cache.get();
    expect(t.cache.status()).toMatchObject({ reads: 1, refreshing: true });
    t.source.last.resolve(members('Ann'));
    await first;
    expect(t.cache.status()).toEqual({
      ageSeconds: 0,
      lastError: null,
      lastSuccessAt: '2025-01-06T09:00:00.000Z',
      reads: 1,
      refreshing: false,
    });

    t.advance(40_500);
    const refresh = t.cache.get();
    t.source.last.reject(quota());
    await refresh;
    expect(t.cache.status()).toEqual({
      ageSeconds: 40,
      lastError: QUOTA,
      lastSuccessAt: '2025-01-06T09:00:00.000Z',
      reads: 2,
      refreshing: true,
    });
    await t.wake();
    expect(t.cache.reads).toBe(3);
  });

  it('logs each attempt as a structured event, with credentials removed from messages', async () => {
    const t = setup();
    const call = t.cache.get();
    t.source.last.reject(
      new SourceError('Request failed: Authorization: Bearer ya29.secret-token-value', true, 503),
    );
    await expect(call).rejects.toThrow('Bearer [redacted]');
    await t.wake();
    t.source.last.resolve(members('Ann'));
    await flush();
    await t.cache.get();
    expect(t.events).toEqual([
      {
        event: 'refresh',
        ok: false,
        ms: 0,
        attempt: 1,
        error: 'Request failed: Authorization: Bearer [redacted]',
      },
      { event: 'refresh', ok: true, ms: 0, attempt: 2, unchanged: false },
    ]);
    expect(JSON.stringify(t.events)).not.toContain('secret');
    expect(t.cache.status().lastError).toBeNull();
  });

  it('records a background refresh failure instead of throwing it', async () => {
    const t = await primed(members('Ann'), { retry: { ...POLICY, maxAttempts: 1 } });
    t.advance(30_000);
    const call = t.cache.get();
    t.source.last.reject(new TypeError('grid is not iterable'));
    const result = await call;
    expect(result.stale?.reason).toBe('grid is not iterable');
    expect(t.cache.status().lastError).toBe('grid is not iterable');
    // afterEach asserts no unhandled rejection happened.
  });

  it('bounds the total retry time of one refresh by the policy', async () => {
    const policy: RetryPolicy = {
      maxAttempts: 50,
      baseDelayMs: 1_000,
      maxDelayMs: 32_000,
      maxTotalMs: 60_000,
    };
    const t = setup({ retry: policy, random: () => 0.999 });
    const call = t.cache.get();
    call.catch(() => {}); // asserted below, once the retries are over
    for (let i = 0; i < 50 && t.cache.status().refreshing; i++) {
      t.source.last.reject(quota());
      await t.wake();
    }
    await expect(call).rejects.toThrow(QUOTA);
    // Waits ~1, 2, 4, 8, 16, 32 s would pass 60 s: five waits (~31 s), six reads.
    expect(t.slept()).toBeLessThanOrEqual(policy.maxTotalMs);
    expect(t.source.calls).toHaveLength(6);
    expect(t.cache.status().refreshing).toBe(false);
  });
});

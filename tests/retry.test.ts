import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryable,
  type RetryPolicy,
  SHEETS_RETRY_POLICY,
  withRetry,
} from '../server/retry';
import { SourceError } from '../server/sources/board-source';

const POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 4_000,
  maxTotalMs: 60_000,
};

/** A fake clock whose sleep records each wait and moves time on by it, at once. */
function fakeTime(random: () => number = () => 0.5) {
  let time = 0;
  const delays: number[] = [];
  const retries: { attempt: number; delayMs: number; error: unknown }[] = [];
  return {
    delays,
    retries,
    elapsed: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    hooks: {
      now: () => time,
      random,
      sleep: async (ms: number) => {
        delays.push(ms);
        time += ms;
      },
      onRetry: (error: unknown, attempt: number, delayMs: number) => {
        retries.push({ attempt, delayMs, error });
      },
    },
  };
}

/** An operation that fails with the given errors in turn, then returns 'ok'. */
function failing(errors: unknown[]) {
  let calls = 0;
  return {
    calls: () => calls,
    operation: async () => {
      const error = errors[calls];
      calls++;
      if (error !== undefined) throw error;
      return 'ok';
    },
  };
}

const quota = () => new SourceError("Google's read quota is used up for now", true, 429);

describe('backoffDelay (equal jitter)', () => {
  it('is uniform in [e/2, e) where e doubles from the base delay', () => {
    expect([1, 2, 3].map((attempt) => backoffDelay(POLICY, attempt, () => 0))).toEqual([
      500, 1_000, 2_000,
    ]);
    expect([1, 2, 3].map((attempt) => backoffDelay(POLICY, attempt, () => 0.5))).toEqual([
      750, 1_500, 3_000,
    ]);
    expect(backoffDelay(POLICY, 1, () => 0.999_999)).toBe(999);
  });

  it('caps the exponential part at maxDelayMs', () => {
    expect(backoffDelay(POLICY, 3, () => 0)).toBe(2_000);
    expect(backoffDelay(POLICY, 4, () => 0)).toBe(2_000);
    expect(backoffDelay(POLICY, 30, () => 0.999_999)).toBeLessThan(4_000);
    expect(backoffDelay(POLICY, 30, () => 0)).toBe(2_000);
  });

  it('keeps out-of-range random values within the bounds', () => {
    expect(backoffDelay(POLICY, 1, () => -1)).toBe(500);
    expect(backoffDelay(POLICY, 1, () => 7)).toBe(1_000);
  });
});

describe('SHEETS_RETRY_POLICY', () => {
  it('backs off from 1 s, doubling to a 32 s cap, within a budget of at least 75 s', () => {
    expect(SHEETS_RETRY_POLICY.baseDelayMs).toBe(1_000);
    expect(SHEETS_RETRY_POLICY.maxDelayMs).toBe(32_000);
    expect(SHEETS_RETRY_POLICY.maxTotalMs).toBeGreaterThanOrEqual(75_000);
  });

  it.each([
    ['shortest', () => 0],
    ['middle', () => 0.5],
    ['longest', () => 0.999_999],
  ])(
    'with the %s waits, keeps retrying past a one-minute quota window, within budget',
    async (_, random) => {
      const time = fakeTime(random);
      const attemptStarts: number[] = [];
      await expect(
        withRetry(
          async () => {
            attemptStarts.push(time.elapsed());
            throw quota();
          },
          SHEETS_RETRY_POLICY,
          time.hooks,
        ),
      ).rejects.toThrow('quota');
      const lastStart = attemptStarts[attemptStarts.length - 1] ?? 0;
      expect(lastStart).toBeGreaterThan(60_000);
      expect(time.elapsed()).toBeLessThanOrEqual(SHEETS_RETRY_POLICY.maxTotalMs);
      expect(attemptStarts.length).toBeLessThanOrEqual(SHEETS_RETRY_POLICY.maxAttempts);
    },
  );
});

describe('isRetryable', () => {
  it('is true only for a SourceError marked retryable', () => {
    expect(isRetryable(quota())).toBe(true);
    expect(isRetryable(new SourceError('Server error', true, 503))).toBe(true);
    expect(isRetryable(new SourceError('timed out', true))).toBe(true);
    expect(isRetryable(new SourceError('No access', false, 403))).toBe(false);
    expect(isRetryable(new Error('boom'))).toBe(false);
    expect(isRetryable('quota')).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});

describe('withRetry', () => {
  it('returns at once when the first attempt succeeds', async () => {
    const time = fakeTime();
    const op = failing([]);
    await expect(withRetry(op.operation, POLICY, time.hooks)).resolves.toBe('ok');
    expect(op.calls()).toBe(1);
    expect(time.delays).toEqual([]);
  });

  it('retries retryable errors with growing, jittered delays', async () => {
    const randoms = [0.1, 0.9, 0.3];
    const time = fakeTime(() => randoms.shift() ?? 0);
    const errors = [
      quota(),
      new SourceError('Server error', true, 503),
      new SourceError('timed out', true),
    ];
    const op = failing(errors);
    await expect(withRetry(op.operation, POLICY, time.hooks)).resolves.toBe('ok');
    expect(op.calls()).toBe(4);
    // e = 1000, 2000, 4000; wait = e/2 + r * e/2
    expect(time.delays).toEqual([550, 1_900, 2_600]);
    expect(time.retries.map((r) => [r.attempt, r.delayMs])).toEqual([
      [1, 550],
      [2, 1_900],
      [3, 2_600],
    ]);
    expect(time.retries.map((r) => r.error)).toEqual(errors);
  });

  it.each([
    ['400', new SourceError('Bad request', false, 400)],
    ['403', new SourceError('The service account has no access', false, 403)],
    ['404', new SourceError('No such spreadsheet', false, 404)],
    ['a non-SourceError', new TypeError('x is not a function')],
  ])('does not retry %s', async (_, error) => {
    const time = fakeTime();
    const op = failing([error]);
    await expect(withRetry(op.operation, POLICY, time.hooks)).rejects.toBe(error);
    expect(op.calls()).toBe(1);
    expect(time.delays).toEqual([]);
  });

  it('stops retrying at the first non-retryable error', async () => {
    const time = fakeTime();
    const denied = new SourceError('No access', false, 403);
    const op = failing([quota(), denied, quota()]);
    await expect(withRetry(op.operation, POLICY, time.hooks)).rejects.toBe(denied);
    expect(op.calls()).toBe(2);
  });

  it('stops at maxAttempts and rethrows the last error', async () => {
    const time = fakeTime();
    const errors = [quota(), quota(), quota(), quota(), quota(), quota()];
    const op = failing(errors);
    await expect(withRetry(op.operation, POLICY, time.hooks)).rejects.toBe(errors[4]);
    expect(op.calls()).toBe(POLICY.maxAttempts);
    expect(time.delays).toHaveLength(POLICY.maxAttempts - 1);
  });

  it('stops when the next wait would pass maxTotalMs, counting time spent in attempts', async () => {
    const policy: RetryPolicy = { ...POLICY, maxAttempts: 100, maxTotalMs: 10_000 };
    const time = fakeTime(() => 0.999_999);
    const op = async () => {
      time.advance(400); // each attempt takes 0.4 s
      throw quota();
    };
    await expect(withRetry(op, policy, time.hooks)).rejects.toThrow('quota');
    // waits ~1000, ~2000, ~4000 (then 4000 would end at 13.2 s > 10 s)
    expect(time.delays).toEqual([999, 1_999, 3_999]);
    expect(time.elapsed()).toBeLessThanOrEqual(policy.maxTotalMs);
  });

  it('never waits past maxTotalMs in all, whatever the jitter', async () => {
    for (const r of [0, 0.25, 0.5, 0.75, 0.999]) {
      const time = fakeTime(() => r);
      await expect(
        withRetry(
          async () => {
            throw quota();
          },
          { ...POLICY, maxAttempts: 1_000, maxTotalMs: 30_000 },
          time.hooks,
        ),
      ).rejects.toThrow();
      expect(time.elapsed()).toBeLessThanOrEqual(30_000);
    }
  });
});

/**
 * The retry policy for reading the board upstream. Pure: time, sleeping and randomness are
 * injected, so the policy can be tested without real timers.
 */
import { SourceError } from './sources/board-source';

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Backoff before the second attempt (before jitter); doubles for each further attempt. */
  baseDelayMs: number;
  /** Cap on one backoff (before jitter). */
  maxDelayMs: number;
  /** No retry starts whose backoff would end more than this long after the first attempt began. */
  maxTotalMs: number;
}

/**
 * Google Sheets: read quotas are counted per minute, so a 429 only clears once the minute
 * window moves on. The client library's own retry gives up after about 2 s; this policy keeps
 * trying for more than a minute. Backoff 1 s, 2 s, 4 s … capped at 32 s, with equal jitter
 * (so each wait is at least half of that). Even with the shortest waits the ten attempts span
 * 79.5 s, and the 100 s budget only stops retrying once more than 68 s have passed, so a retry
 * always lands after the quota window has turned over.
 */
export const SHEETS_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
  maxTotalMs: 100_000,
});

/**
 * The wait after failed attempt number `attempt` (1-based), in whole milliseconds.
 *
 * "Equal jitter" exponential backoff: with `e = min(maxDelayMs, baseDelayMs * 2^(attempt-1))`
 * the wait is `e/2 + random() * e/2`, i.e. uniform in [e/2, e). Unlike full jitter (uniform in
 * [0, e)) it never collapses to an immediate retry, so a run of retries reliably outlasts a
 * per-minute quota window, while still spreading out callers that failed together.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(ceiling / 2 + (r * ceiling) / 2);
}

export interface RetryHooks {
  sleep(ms: number): Promise<void>;
  random(): number;
  now(): number;
  /** Called before each wait, with the error of the attempt that just failed. */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
}

/** Whether trying again can help: only a `SourceError` that says so (429, 5xx, timeouts, network). */
export function isRetryable(error: unknown): boolean {
  return error instanceof SourceError && error.retryable === true;
}

/**
 * Runs `operation` until it succeeds, retrying retryable `SourceError`s with backoff. Stops at
 * `maxAttempts`, or when the next wait would end after `maxTotalMs` from the start, or at the
 * first error that is not retryable; then rethrows the last error as it is.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  const start = hooks.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
      const delayMs = backoffDelay(policy, attempt, () => hooks.random());
      if (hooks.now() - start + delayMs > policy.maxTotalMs) throw error;
      hooks.onRetry?.(error, attempt, delayMs);
      await hooks.sleep(delayMs);
    }
  }
}

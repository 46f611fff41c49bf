/**
 * For tests that drive promises by hand (held reads, a sleep the test wakes): let pending
 * callbacks run, and fail the test if a promise was rejected with nobody listening, which
 * would otherwise pass unseen.
 */
import { afterEach, beforeEach, expect } from 'vitest';

/** Lets every pending promise callback run (one macrotask turn; no real waiting). */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Registers hooks that fail each test of the file that leaves an unhandled rejection. */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await flush();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
}

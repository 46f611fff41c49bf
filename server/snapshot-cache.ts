/**
 * Holds the current board snapshot for the server and decides when to read the board again.
 *
 * - Single flight: at most one refresh cycle (one read, plus its retries) is ever in flight,
 *   however many requests arrive; they all share it.
 * - A fresh snapshot (younger than `refreshSeconds`) is served at once.
 * - An expired snapshot starts a refresh. `get()` waits for it at most `freshWaitMs`, and not at
 *   all while the source is failing: then it gives the last good snapshot with `stale` set.
 *   `getNow()`, what the server answers requests with, never waits once a good snapshot
 *   exists: the old snapshot serves until the new one is ready (flagged stale only once the
 *   refresh has taken longer than `freshWaitMs`, or failed).
 * - A refresh whose board has not changed builds nothing and keeps the version, so nothing
 *   keyed by the version (the response cache) is lost: a source says so by handing back the
 *   very same grids, or snapshot, as last time.
 * - A source that can build snapshots itself (`readSnapshot`, off the main thread) is asked
 *   for one; otherwise its grids are built here.
 * - After a failed refresh the next one starts no sooner than `refreshSeconds` after it ended,
 *   so an outage costs at most one refresh cycle per interval. The same holds before the first
 *   good read: a board that cannot be opened (not shared, no such file) is asked again once per
 *   interval, however many requests arrive meanwhile.
 * - Before the first good read there is nothing to serve: callers wait for the first attempt
 *   only, never for its retries, and get a clear error (`BoardNotReadError`) as soon as it
 *   fails; the retries go on behind. `getNow()` waits at most `firstReadWaitMs` even for an
 *   attempt that has not answered (a source that hangs).
 * - Refresh hints (`hint()`, DESIGN §9) ask for a read now. Hints arriving together cost one
 *   read: while a read is in flight, any number of hints queue one more read, after it. Reads
 *   started by hints are at least `hintSeconds` apart, and a hint while the source is failing
 *   is ignored, so hints never add to the retry and backoff schedule.
 */
import type { WorkbookGrids } from '../schema/grid';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import { type RetryPolicy, SHEETS_RETRY_POLICY, withRetry } from './retry';
import type { BoardSource } from './sources/board-source';

export interface StaleInfo {
  /** Whole seconds since the served snapshot was read. */
  ageSeconds: number;
  /** Why it was not refreshed: the last error, or "refresh in progress". */
  reason: string;
}

export interface CachedSnapshot {
  snapshot: BoardSnapshot;
  /** `now()` (ms) when the read that produced or last confirmed it ended: `extensions.asOf`. */
  readAt: number;
  /** Set whenever the snapshot is older than the refresh interval; goes to `extensions.stale`. */
  stale: StaleInfo | null;
  /** Bumped each time a new snapshot is built; unchanged grids keep it. */
  version: number;
}

export interface SnapshotCacheStatus {
  ageSeconds: number | null;
  lastError: string | null;
  lastSuccessAt: string | null;
  reads: number;
  refreshing: boolean;
}

export interface SnapshotCacheOptions {
  /** How long a snapshot serves before the board is read again (`BOARD_REFRESH_SECONDS`). */
  refreshSeconds: number;
  retry?: RetryPolicy;
  now?: () => number;
  /** Used for retry backoff and for the bounded wait on a refresh. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** How long a request waits for a refresh of an expired snapshot (default 1500 ms). */
  freshWaitMs?: number;
  /**
   * How long after a first attempt started `getNow()` waits for it, before the first good
   * read; then, and for any request after, it rejects with "still being read" until the attempt
   * answers. Default: until the attempt ends.
   * The server sets it (index.ts) so that a source that hangs costs a request seconds, not the
   * source's timeout.
   */
  firstReadWaitMs?: number;
  /** The least time between two reads started by refresh hints (`BOARD_REFRESH_HINT_SECONDS`; 2). */
  hintSeconds?: number;
  /** Structured events, e.g. `{ event: 'refresh', ok, ms, attempt, error? }`. */
  log?: (event: object) => void;
  /** Builds a snapshot from grids (tests count the builds); `buildSnapshot` by default. */
  build?: (grids: WorkbookGrids) => BoardSnapshot;
}

export const REFRESH_IN_PROGRESS = 'refresh in progress';
const DEFAULT_FRESH_WAIT_MS = 1_500;
const DEFAULT_HINT_SECONDS = 2;

export const STILL_READING =
  'The board is still being read for the first time; try again in a few seconds.';

/**
 * There is no snapshot to serve yet. `reason` is the error of the last attempt, which can name
 * a file or a spreadsheet, or null while the first attempt is still running.
 */
export class BoardNotReadError extends Error {
  override readonly name = 'BoardNotReadError';
  constructor(readonly reason: string | null) {
    super(reason === null ? STILL_READING : `The board could not be read yet: ${reason}`);
  }
}

/** What became of a refresh hint. */
export type HintOutcome =
  /** A read started for it. */
  | 'reading'
  /** A read will start once the read in flight ends, or once the hint interval has passed. */
  | 'queued'
  /** A read was already queued; this hint is served by it. */
  | 'coalesced'
  /** The source is failing: its retry and backoff schedule stands, and the hint adds nothing. */
  | 'failing';

export interface HintCounts {
  /** Hints received. */
  received: number;
  /** Refresh cycles started by hints. */
  reads: number;
}

interface Current {
  snapshot: BoardSnapshot;
  /** What the source handed over (grids, or the snapshot it built), to tell "unchanged". */
  read: WorkbookGrids | BoardSnapshot;
  /** `now()` when the read that produced (or confirmed) it finished. */
  readAt: number;
  version: number;
}

interface Cycle {
  /** Resolves when the cycle ends; never rejects. */
  done: Promise<void>;
  /** Resolves when the cycle ends or its first attempt fails, whichever is first. */
  settledOrFailing: Promise<void>;
  /** Set when `settledOrFailing` resolves. */
  answered: boolean;
  /** `now()` when it started. */
  startedAt: number;
  /** The error that ended the cycle, or null if it succeeded (or is still running). */
  error: string | null;
}

export class SnapshotCache {
  readonly #source: BoardSource;
  readonly #refreshMs: number;
  readonly #policy: RetryPolicy;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #customSleep: boolean;
  readonly #random: () => number;
  readonly #freshWaitMs: number;
  readonly #firstReadWaitMs: number;
  readonly #hintMs: number;
  readonly #log: (event: object) => void;
  readonly #build: (grids: WorkbookGrids) => BoardSnapshot;

  #current: Current | null = null;
  #cycle: Cycle | null = null;
  #lastError: string | null = null;
  #lastCycleEndedAt: number | null = null;
  #lastSuccessAt: number | null = null;
  #reads = 0;
  #version = 0;
  #hints: HintCounts = { received: 0, reads: 0 };
  /** A hint is waiting for a read that starts after it. */
  #hintQueued = false;
  /** A wait for the hint interval to pass is running. */
  #hintWaiting = false;
  /** `now()` when the last read started by a hint started. */
  #lastHintReadAt: number | null = null;

  constructor(source: BoardSource, options: SnapshotCacheOptions) {
    this.#source = source;
    this.#refreshMs = Math.max(0, options.refreshSeconds) * 1000;
    this.#policy = options.retry ?? SHEETS_RETRY_POLICY;
    this.#now = options.now ?? Date.now;
    this.#customSleep = options.sleep !== undefined;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = options.random ?? Math.random;
    this.#freshWaitMs = options.freshWaitMs ?? DEFAULT_FRESH_WAIT_MS;
    this.#firstReadWaitMs = options.firstReadWaitMs ?? Number.POSITIVE_INFINITY;
    this.#hintMs = Math.max(0, options.hintSeconds ?? DEFAULT_HINT_SECONDS) * 1000;
    this.#build = options.build ?? buildSnapshot;
    const log = options.log;
    this.#log = (event) => {
      try {
        log?.(event);
      } catch {
        // A broken logger must not break serving.
      }
    };
  }

  /** Upstream reads started (attempts, retries included). */
  get reads(): number {
    return this.#reads;
  }

  /**
   * The snapshot to serve. Rejects (`BoardNotReadError`) only while no read has ever
   * succeeded, as soon as the first attempt fails.
   */
  async get(): Promise<CachedSnapshot> {
    const current = this.#current;
    if (current === null) return this.#firstRead(Number.POSITIVE_INFINITY);

    const now = this.#now();
    if (now - current.readAt < this.#refreshMs) return this.#serve(current);

    let cycle = this.#cycle;
    if (cycle === null) {
      if (this.#resting(now)) return this.#serve(current);
      cycle = this.#startCycle();
    }
    // The source is failing (or retrying after a failure): never make a request wait on it.
    if (this.#lastError !== null) return this.#serve(current);

    await this.#waitAtMost(cycle.settledOrFailing, this.#freshWaitMs);
    return this.#serve(this.#current ?? current);
  }

  /**
   * The snapshot to serve for a request at once: like `get()`, but once a good snapshot exists
   * it never waits for a refresh (it starts one when the snapshot has expired). While that
   * refresh runs, the old snapshot is flagged stale only after `freshWaitMs`, as long as a
   * request given to `get()` would have waited for the new one.
   */
  async getNow(): Promise<CachedSnapshot> {
    return this.servedNow() ?? this.#firstRead(this.#firstReadWaitMs);
  }

  /**
   * What `getNow()` serves, without a promise, for a caller that answers in the same tick (the
   * early lane for kept answers, hit-lane.ts); null before the first good read, when only
   * `getNow()` can say why there is nothing yet.
   */
  servedNow(): CachedSnapshot | null {
    const current = this.#current;
    if (current === null) return null;
    const now = this.#now();
    if (now - current.readAt < this.#refreshMs) return this.#serve(current);
    if (this.#cycle === null && !this.#resting(now)) this.#startCycle();
    return this.#serve(current, { waitingGrace: true });
  }

  /**
   * A refresh hint: the board has just been edited (DESIGN §9). Starts a read, or queues one
   * read after the one in flight or once the hint interval has passed; never adds to what a
   * failing source is asked.
   */
  hint(): HintOutcome {
    this.#hints.received++;
    if (this.#lastError !== null) return 'failing';
    if (this.#hintQueued) return 'coalesced';
    this.#hintQueued = true;
    return this.#startHintReadIfDue() ? 'reading' : 'queued';
  }

  /** For the metrics. */
  hintCounts(): HintCounts {
    return { ...this.#hints };
  }

  /**
   * Reads the board again now and waits for the result: used after the server itself has
   * written to the sheet (recordCirculation), so that what follows sees the new row. A refresh
   * already running may have read before the write, so it is waited for and a new one started;
   * there is still only ever one in flight.
   */
  async refreshNow(): Promise<CachedSnapshot> {
    while (this.#cycle !== null) await this.#cycle.done;
    const cycle = this.#startCycle();
    await cycle.done;
    if (cycle.error !== null || this.#current === null) {
      throw new Error(`The board could not be read again: ${cycle.error ?? 'unknown error'}`);
    }
    return this.#serve(this.#current);
  }

  /** For `GET /health`. */
  status(): SnapshotCacheStatus {
    const current = this.#current;
    return {
      ageSeconds: current === null ? null : ageSeconds(this.#now() - current.readAt),
      lastError: this.#lastError,
      lastSuccessAt:
        this.#lastSuccessAt === null ? null : new Date(this.#lastSuccessAt).toISOString(),
      reads: this.#reads,
      refreshing: this.#cycle !== null,
    };
  }

  /**
   * Before the first good read: waits for the first attempt to succeed or fail (at most
   * `waitMs`), never for the retries after it, and rejects with why there is nothing yet.
   */
  async #firstRead(waitMs: number): Promise<CachedSnapshot> {
    let cycle = this.#cycle;
    if (cycle === null) {
      // A board that could not be opened is asked again once per interval, not per request.
      if (this.#resting(this.#now())) throw new BoardNotReadError(this.#lastError);
      cycle = this.#startCycle();
    }
    // A cycle that has failed once is retrying: say so at once. A new one (the first, or the
    // next after a rest) may well succeed: its first attempt is worth the wait, counted from
    // when the attempt started, so that an attempt that takes long (a workbook that unpacks
    // to the limit) makes every request wait at most the rest of that time, not each one
    // waitMs again after the last.
    const left =
      waitMs === Number.POSITIVE_INFINITY ? waitMs : waitMs - (this.#now() - cycle.startedAt);
    if (!cycle.answered) await this.#waitAtMost(cycle.settledOrFailing, left);
    if (this.#current !== null) return this.#serve(this.#current);
    throw new BoardNotReadError(this.#lastError);
  }

  /** After a failure, a full interval passes before the source is asked again. */
  #resting(now: number): boolean {
    const ended = this.#lastCycleEndedAt;
    return this.#lastError !== null && ended !== null && now - ended < this.#refreshMs;
  }

  /**
   * Starts the read a queued hint waits for, if none is in flight (the cycle's end calls this
   * again) and the hint interval has passed (else a wait is set to call it again). Whether it
   * started one.
   */
  #startHintReadIfDue(): boolean {
    if (!this.#hintQueued || this.#cycle !== null) return false;
    if (this.#lastError !== null) {
      // The read it waited for failed: the source's own schedule decides the next one.
      this.#hintQueued = false;
      return false;
    }
    const now = this.#now();
    const waitMs = this.#lastHintReadAt === null ? 0 : this.#lastHintReadAt + this.#hintMs - now;
    if (waitMs > 0) {
      if (!this.#hintWaiting) {
        this.#hintWaiting = true;
        void this.#sleep(waitMs)
          .catch(() => undefined)
          .then(() => {
            this.#hintWaiting = false;
            this.#startHintReadIfDue();
          });
      }
      return false;
    }
    this.#lastHintReadAt = now;
    this.#hints.reads++;
    this.#startCycle();
    return true;
  }

  #serve(current: Current, options: { waitingGrace?: boolean } = {}): CachedSnapshot {
    const now = this.#now();
    const ageMs = now - current.readAt;
    const cycle = this.#cycle;
    // A refresh that started less than freshWaitMs ago and has not failed: a request would
    // have waited for it, so the snapshot it is replacing is not stale yet.
    const withinGrace =
      options.waitingGrace === true &&
      cycle !== null &&
      this.#lastError === null &&
      now - cycle.startedAt < this.#freshWaitMs;
    const stale =
      ageMs >= this.#refreshMs && !withinGrace
        ? { ageSeconds: ageSeconds(ageMs), reason: this.#lastError ?? REFRESH_IN_PROGRESS }
        : null;
    return {
      snapshot: current.snapshot,
      readAt: current.readAt,
      stale,
      version: current.version,
    };
  }

  #startCycle(): Cycle {
    let resolve: () => void = () => {};
    const settledOrFailing = new Promise<void>((settle) => {
      resolve = settle;
    });
    const cycle: Cycle = {
      done: Promise.resolve(),
      settledOrFailing,
      answered: false,
      startedAt: this.#now(),
      error: null,
    };
    const signal = () => {
      cycle.answered = true;
      resolve();
    };
    this.#cycle = cycle;
    // Whatever started it, a read that starts now sees every edit hinted so far.
    this.#hintQueued = false;
    cycle.done = this.#runCycle(cycle, signal);
    return cycle;
  }

  async #runCycle(cycle: Cycle, signal: () => void): Promise<void> {
    let attempt = 0;
    try {
      const result = await withRetry(
        async () => {
          attempt++;
          this.#reads++;
          const started = this.#now();
          try {
            const previous = this.#current;
            let read: WorkbookGrids | BoardSnapshot;
            let snapshot: BoardSnapshot;
            if (this.#source.readSnapshot) {
              snapshot = await this.#source.readSnapshot();
              read = snapshot;
            } else {
              read = await this.#source.readGrids();
              snapshot =
                previous !== null && previous.read === read
                  ? previous.snapshot
                  : this.#build(read as WorkbookGrids);
            }
            const unchanged = previous !== null && previous.read === read;
            this.#log({
              event: 'refresh',
              ok: true,
              ms: this.#now() - started,
              attempt,
              unchanged,
            });
            return { read, snapshot, unchanged };
          } catch (error) {
            this.#log({
              event: 'refresh',
              ok: false,
              ms: this.#now() - started,
              attempt,
              error: errorMessage(error),
            });
            throw error;
          }
        },
        this.#policy,
        {
          sleep: (ms) => this.#sleep(ms),
          random: () => this.#random(),
          now: () => this.#now(),
          onRetry: (error) => {
            this.#lastError = errorMessage(error);
            signal();
          },
        },
      );
      const now = this.#now();
      // Only this cycle replaces the snapshot (single flight), so `previous` is still current.
      const previous = this.#current;
      const version = result.unchanged && previous !== null ? previous.version : ++this.#version;
      this.#current = { snapshot: result.snapshot, read: result.read, readAt: now, version };
      this.#lastError = null;
      this.#lastSuccessAt = now;
    } catch (error) {
      const message = errorMessage(error);
      cycle.error = message;
      this.#lastError = message;
    } finally {
      this.#cycle = null;
      this.#lastCycleEndedAt = this.#now();
      signal();
      // Hints that arrived during this read: it may have read before their edits.
      this.#startHintReadIfDue();
    }
  }

  #waitAtMost(signal: Promise<void>, ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    if (ms === Number.POSITIVE_INFINITY) return signal;
    if (this.#customSleep) {
      return Promise.race([signal, this.#sleep(ms).catch(() => undefined)]);
    }
    // Real timer: clear it once the refresh settles so it does not linger.
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      void signal.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function ageSeconds(ms: number): number {
  return Math.max(0, Math.floor(ms / 1000));
}

/** The error's message for people and logs, with anything that looks like a credential removed. */
function errorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return redact(raw.trim() || 'unknown error');
}

function redact(text: string): string {
  return text
    .replace(/\b(Bearer)\s+[^\s"',]+/gi, '$1 [redacted]')
    .replace(/\bya29\.[\w.-]+/g, '[redacted]')
    .replace(/\b(access_token|refresh_token|id_token|token|key)=[^&\s"',]+/gi, '$1=[redacted]');
}

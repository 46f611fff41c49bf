/**
 * Board snapshots read and built beside the requests, not in their way (issue #10). Reading a
 * 100,000-row board and building its snapshot costs a second or two of CPU; done on the thread
 * that answers requests, every request waited for it on every refresh. Here:
 *
 * - a worker thread reads the board from its source (the same configuration) and parses it:
 *   the costly part, on the machine's other core;
 * - it hands the parsed board over a slice at a time, when asked: each slice arrives as bytes
 *   (moved, not copied) and is deserialised here in a few milliseconds, sized to take about
 *   `sliceMs`, with requests answered between slices;
 * - the main thread links and freezes the snapshot in steps of about `sliceMs` too
 *   (`assemblySteps`), requests again answered in between;
 * - a read of a board that has not changed (the source hands back the same grids: a workbook
 *   file not modified, a Google answer with the same digest) costs the main thread nothing, and
 *   resolves to the snapshot it already serves, so nothing keyed by it is lost.
 *
 * Why not build in the worker and send the snapshot whole? Measured on this project's 2-core
 * machine for 100,000 actions: building takes 0.6-1.7 s, but deserialising the finished
 * snapshot on the receiving thread takes 0.5-1.5 s by itself, in one piece; a structured clone
 * cannot be taken in slices, and the snapshot's Maps and cross-references would have to be
 * rebuilt anyway, as identity does not survive separate messages. Deserialising the parsed
 * records in slices and linking them here costs a fraction of building, and never more than a
 * few milliseconds at a time.
 *
 * The worker starts on the first read and is not kept alive for its own sake (unref), so a
 * process that is done exits. If it dies, the read in progress fails (the snapshot cache's
 * retry policy applies) and the next read starts a new one.
 */
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { assemblySteps, type BoardSnapshot, type ParsedBoard } from '../../schema/snapshot';
import type { SourceConfig } from '../config';
import {
  type Answer,
  PARSED_LISTS,
  type ParsedList,
  type Question,
  receivedError,
  type WorkerData,
} from './protocol';

export interface SnapshotsOffThreadOptions {
  /** Roughly the longest the main thread works on a new snapshot at a time (default 4 ms). */
  readonly sliceMs?: number;
  /** What each read cost, for the refresh log: `{ event: 'snapshot', ... }`. */
  readonly log?: (event: Record<string, unknown>) => void;
}

export interface SnapshotsOffThread {
  /** Reads the board and builds its snapshot; the same snapshot object when nothing changed. */
  read(): Promise<BoardSnapshot>;
  /** Stops the worker (a later read starts another). */
  close(): Promise<void>;
}

const DEFAULT_SLICE_MS = 4;
/** Records in the first slice of each read; later slices are sized from how long it took. */
const FIRST_SLICE_RECORDS = 500;
const MAX_SLICE_RECORDS = 50_000;

export function snapshotsOffThread(
  config: SourceConfig,
  options: SnapshotsOffThreadOptions = {},
): SnapshotsOffThread {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  let worker: Worker | null = null;
  /** The one question waiting for its answer (the main thread asks one at a time). */
  let waiting: { resolve(answer: Answer): void; reject(error: Error): void } | null = null;
  /** The snapshot last built, and the worker generation it was built from. */
  let held: { generation: number; snapshot: BoardSnapshot; worker: Worker } | null = null;
  /** Reads queue behind each other (the snapshot cache makes one at a time anyway). */
  let queue: Promise<unknown> = Promise.resolve();

  const lost = (running: Worker, error: Error) => {
    if (worker !== running) return;
    worker = null;
    const pending = waiting;
    waiting = null;
    pending?.reject(error);
  };

  const start = (): Worker => {
    if (worker) return worker;
    const data: WorkerData = { config };
    const running = spawnSnapshotWorker(data);
    running.unref();
    running.on('message', (answer: Answer) => {
      const pending = waiting;
      waiting = null;
      pending?.resolve(answer);
    });
    running.on('error', (error) => lost(running, error));
    running.on('exit', (code) =>
      lost(running, new Error(`The snapshot worker stopped (exit code ${code}).`)),
    );
    worker = running;
    return running;
  };

  const ask = (running: Worker, question: Question): Promise<Answer> =>
    new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      running.postMessage(question);
    });

  async function readOnce(): Promise<BoardSnapshot> {
    const running = start();
    // While a read is in progress the worker keeps the process alive; between reads it does not.
    running.ref();
    try {
      const holding = held?.worker === running ? held.generation : null;
      const answer = await ask(running, { type: 'read', holding });
      if (answer.type === 'failed') throw receivedError(answer.error);
      if (answer.type === 'unchanged' && held) return held.snapshot;
      if (answer.type !== 'parsed') throw new Error(`Unexpected answer ${answer.type}.`);

      const handedStarted = performance.now();
      let mainMs = 0;
      let slices = 0;
      const lists = {} as Record<ParsedList, unknown[]>;
      let perSlice = FIRST_SLICE_RECORDS;
      try {
        for (const list of PARSED_LISTS) {
          const into: unknown[] = [];
          lists[list] = into;
          const length = answer.lengths[list];
          while (into.length < length) {
            const count = Math.min(perSlice, length - into.length);
            const slice = await ask(running, { type: 'slice', list, from: into.length, count });
            if (slice.type !== 'slice') throw new Error(`Unexpected answer ${slice.type}.`);
            const began = performance.now();
            const records = deserialize(Buffer.from(slice.bytes)) as unknown[];
            for (const record of records) into.push(record);
            const took = performance.now() - began;
            mainMs += took;
            slices++;
            // Next slice sized to take about sliceMs here.
            perSlice = Math.max(
              100,
              Math.min(MAX_SLICE_RECORDS, Math.floor((count * sliceMs) / Math.max(took, 0.05))),
            );
            if (records.length === 0) throw new Error(`The ${list} slice came back empty.`);
            await breathe();
          }
        }
      } finally {
        if (worker === running) await ask(running, { type: 'release' }).catch(() => undefined);
      }
      const parsed = { ...answer.head, ...lists } as unknown as ParsedBoard;
      const decodeMs = mainMs;
      const assembled = await assembleInSlices(parsed, sliceMs);
      mainMs += assembled.mainMs;
      slices += assembled.slices;
      held = { generation: answer.generation, snapshot: assembled.snapshot, worker: running };
      options.log?.({
        event: 'snapshot',
        readMs: round(answer.readMs),
        parseMs: round(answer.parseMs),
        handOverMs: round(performance.now() - handedStarted),
        mainThreadMs: round(mainMs),
        decodeMs: round(decodeMs),
        assembleMs: round(assembled.mainMs),
        slices,
      });
      return assembled.snapshot;
    } finally {
      running.unref();
    }
  }

  return {
    read() {
      const next = queue.then(readOnce, readOnce);
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      const running = worker;
      worker = null;
      held = null;
      if (running) await running.terminate();
    },
  };
}

/**
 * The worker, from the sources or from the build. From the sources (`npm start`, the tests)
 * it is TypeScript, which Node does not load by itself; a small module loads it through tsx,
 * as the process itself was. The build puts `snapshot-worker.js` beside the server bundle.
 */
function spawnSnapshotWorker(data: WorkerData): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./snapshot-worker.ts', here).href;
    return new Worker(fileURLToPath(new URL('./typescript-worker.mjs', here)), {
      workerData: { ...data, entry },
    });
  }
  return new Worker(fileURLToPath(new URL('./snapshot-worker.js', here)), { workerData: data });
}

/** Runs the assembly a step at a time, about `sliceMs` at once, with requests in between. */
async function assembleInSlices(
  parsed: ParsedBoard,
  sliceMs: number,
): Promise<{ snapshot: BoardSnapshot; mainMs: number; slices: number }> {
  const steps = assemblySteps(parsed);
  let mainMs = 0;
  let slices = 0;
  for (;;) {
    const began = performance.now();
    const until = began + sliceMs;
    let step = steps.next();
    while (!step.done && performance.now() < until) step = steps.next();
    mainMs += performance.now() - began;
    slices++;
    if (step.done) return { snapshot: step.value, mainMs, slices };
    await breathe();
  }
}

/** Lets the event loop answer requests (I/O runs before immediates do). */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

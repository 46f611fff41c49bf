/**
 * The snapshot worker: reads the board from its source and parses it (the second or so of work
 * a 100,000-row board costs), on a thread of its own, and hands the parsed board to the main
 * thread a slice at a time, when asked (protocol.ts). The main thread links and freezes it.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkbookGrids } from '../../schema/grid';
import { type ParsedBoard, parseBoard } from '../../schema/snapshot';
import { plainSourceFromConfig } from '../sources/from-config';
import {
  type Answer,
  PARSED_LISTS,
  type ParsedHead,
  type ParsedList,
  type Question,
  sentError,
  type WorkerData,
} from './protocol';

const port = parentPort;
if (!port) throw new Error('snapshot-worker.ts runs as a worker thread only.');

/**
 * Lower this thread's priority (nice 10), so that when the machine's cores are busy the thread
 * that answers requests gets them first and a refresh waits a little longer: on a 2-core
 * machine the parse would otherwise take a core from the requests. On Linux the nice value is
 * per thread, and a thread's ID is the last part of /proc/thread-self; elsewhere this is
 * skipped (setPriority would apply to the whole process).
 */
function yieldToRequests(): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread) && thread > 0 && thread !== process.pid) setPriority(thread, 10);
  } catch {
    // Not Linux, or not allowed: the refresh simply runs at the usual priority.
  }
}
yieldToRequests();
const source = plainSourceFromConfig((workerData as WorkerData).config);

/** The last board parsed and sent, and the grids it came from. */
let sent: { generation: number; grids: WorkbookGrids } | null = null;
/** The parsed board being handed over; dropped once the main thread has it. */
let handing: ParsedBoard | null = null;

const answer = (message: Answer, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

async function read(holding: number | null): Promise<void> {
  handing = null;
  const started = performance.now();
  const grids = await source.readGrids();
  const read = performance.now();
  // The source hands back the very grids it gave last time when nothing changed.
  if (sent !== null && sent.grids === grids && sent.generation === holding) {
    answer({ type: 'unchanged' });
    return;
  }
  const parsed = parseBoard(grids);
  const generation = (sent?.generation ?? 0) + 1;
  sent = { generation, grids };
  handing = parsed;
  const lists: readonly string[] = PARSED_LISTS;
  const head = Object.fromEntries(
    Object.entries(parsed).filter(([key]) => !lists.includes(key)),
  ) as ParsedHead;
  const lengths = Object.fromEntries(
    PARSED_LISTS.map((list) => [list, parsed[list].length]),
  ) as Record<ParsedList, number>;
  answer({
    type: 'parsed',
    generation,
    head,
    lengths,
    readMs: read - started,
    parseMs: performance.now() - read,
  });
}

port.on('message', (question: Question) => {
  switch (question.type) {
    case 'read':
      read(question.holding).catch((error: unknown) => {
        answer({ type: 'failed', error: sentError(error) });
      });
      return;
    case 'slice': {
      const list = (handing?.[question.list] ?? []) as readonly unknown[];
      const bytes = serialize(list.slice(question.from, question.from + question.count));
      // A fresh copy of just these bytes, moved (not copied again) to the main thread.
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      answer({ type: 'slice', bytes: buffer as ArrayBuffer }, [buffer as ArrayBuffer]);
      return;
    }
    case 'release':
      handing = null;
      answer({ type: 'released' });
      return;
  }
});

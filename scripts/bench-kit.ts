/**
 * What the benches share: boards with shuffled IDs, the server started as `npm start` runs it
 * (in a child process, so that the load generator does not measure itself), and medians.
 * Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { RawCell, WorkbookGrids } from '../schema/grid';

/**
 * The grids with the Actions rows (not the header) in a shuffled order, the same for the same
 * seed: officers add, sort and move rows, so a real board's IDs are not in order, and a bench
 * whose IDs are sorted hides the cost of sorting them.
 */
export function withShuffledActions(grids: WorkbookGrids, seed = 10): WorkbookGrids {
  const [header, ...rows] = grids.Actions ?? [];
  if (!header) return grids;
  const shuffled = [...rows];
  const random = seededRandom(seed);
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [
      shuffled[other] as readonly RawCell[],
      shuffled[index] as readonly RawCell[],
    ];
  }
  return { ...grids, Actions: [header, ...shuffled] };
}

/** mulberry32: small, fast and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The value below which `fraction` of the values lie (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}

export interface RunningServer {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  stop(): void;
}

/**
 * The board server as `npm start` runs it, on a free loopback port, with these environment
 * variables; resolves once it listens and has read the board (`GET /health` says ok). Its
 * request log goes to /dev/null, as in production a log goes somewhere that keeps up: read by
 * this process, it would take CPU from the load generator, and a full pipe would stall the
 * server (Node writes to pipes synchronously).
 */
export async function startBoardServer(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) => {
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${stderr}`)));
  });
  exited.catch(() => {});
  const deadline = performance.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (performance.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the server did not start:\n${stderr}`);
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
    const base = /GraphQL:\s+(http:\/\/[^/\s]+)\/graphql/.exec(stderr)?.[1];
    if (!base) continue;
    const health = await fetch(`${base}/health`)
      .then((response) => response.json() as Promise<{ status?: string }>)
      .catch(() => ({ status: undefined }));
    if (health.status === 'ok') return { child, base, stop: () => child.kill('SIGTERM') };
  }
}

/** Posts a GraphQL query and returns the answer's text, failing on errors. */
export async function postQuery(
  base: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ text: string; contentType: string }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"')) {
    throw new Error(`the query failed (${response.status}): ${text.slice(0, 300)}`);
  }
  return { text, contentType: response.headers.get('content-type') ?? '' };
}

/**
 * `npm run bench:abuse`: for each attack class of issue #9, the server's peak memory and the
 * latency of a normal partner query sent by another client while the attack runs.
 *
 * Three processes per class, so that none measures itself: the server (as `npm start` runs it,
 * in a child process whose peak RSS is read from /proc/<pid>/status VmHWM), the attacker (a
 * child process of this script), and the normal client (this process). Each class gets a fresh
 * server, so each peak is its own. Loopback only; every attack is bounded in count and time.
 *
 * Classes:
 * - big variables: a partner posts requests of ~4 MB of unused variables, all different;
 * - cost via variables: `actions(first: $n)` with n = 100000 passed as a variable;
 * - slow sockets: 450 sockets sending their headers a byte a second, reopened when closed;
 * - zip bomb at start: the server is started on a workbook that unpacks to 512 MB;
 * - huge sheet at start: the server is started on a workbook of 3 million cells;
 * - zip bomb swapped in: the workbook is replaced by the bomb while the server serves, and
 *   touched again and again so that every refresh must look at it.
 * Targets: peak RSS under 300 MB, normal p99 under 100 ms. `npm run bench:abuse -- slow bomb`
 * runs only the classes whose names contain one of the words.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_WORKBOOK_PATH } from '../server/sources/local-workbook';
import {
  assertLoopback,
  type LatencyResult,
  measureRequests,
  openSlowSockets,
} from './abuse-clients';
import { manyCellsXlsx, zipBombXlsx } from './synthetic-xlsx';

const TOKEN = 'partner-abuse-token-0123456789abcdef';
const ATTACK_SECONDS = 15;
const TARGET_RSS_MB = 300;
const TARGET_P99_MS = 100;
const MB = 1024 * 1024;
/** Each of the normal client's 2 connections sends the partner report every 20 ms (100/s). */
const NORMAL_INTERVAL_MS = 20;

/** The normal partner's query: what bench:server calls the partner report. */
const PARTNER_QUERY = `query PartnerReport {
  board { name activeMemberCount coChairs { name } balance { counts { constituency count } } nextMeeting { date } }
  actions(first: 50) { totalCount edges { node { id description dueDate status overdue owners { name } } } }
}`;
const COSTLY_QUERY =
  'query($n:Int){ actions(first:$n){ edges { node { id description owners { name } } } } }';

// ---------------------------------------------------------------------------------------------
// The server

interface RunningServer {
  child: ChildProcess;
  base: string;
  /** When the child printed its address, to time the first answer from. */
  startedAt: number;
  exit: Promise<string>;
}

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BOARD_TOKENS: `${TOKEN}:PARTNER`, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exit = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit ${code}`)),
  );
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 100_000) output = output.slice(-50_000);
      const match = /GraphQL:\s+(http:\/\/[^/\s]+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    void exit.then((how) =>
      reject(new Error(`server stopped (${how}) before it started:\n${output}`)),
    );
  });
  assertLoopback(base);
  return { child, base, startedAt: performance.now(), exit };
}

async function stopServer(server: RunningServer): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    const killer = setTimeout(() => server.child.kill('SIGKILL'), 12_000);
    await server.exit;
    clearTimeout(killer);
  }
}

/** Peak resident memory of the process so far (VmHWM), in MB; NaN once it has gone. */
function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

// ---------------------------------------------------------------------------------------------
// The normal client

/** True for a full answer; with `acceptErrors`, for any GraphQL answer, errors included. */
async function partnerRequest(
  base: string,
  signal: AbortSignal,
  acceptErrors: boolean,
): Promise<boolean> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    signal,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query: PARTNER_QUERY }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return acceptErrors || (response.ok && body.errors === undefined);
}

function normalLoad(
  base: string,
  seconds = ATTACK_SECONDS,
  acceptErrors = false,
): Promise<LatencyResult> {
  return measureRequests((signal) => partnerRequest(base, signal, acceptErrors), {
    count: 20_000,
    durationMs: seconds * 1000,
    concurrency: 2,
    timeoutMs: 5_000,
    intervalMs: NORMAL_INTERVAL_MS,
  });
}

// ---------------------------------------------------------------------------------------------
// The attacker (run as a child process: `bench-abuse.ts attack <kind> <base> <seconds>`)

type AttackKind = 'big-variables' | 'costly-variables' | 'slow-sockets';

async function attack(kind: AttackKind, base: string, seconds: number): Promise<object> {
  assertLoopback(base);
  const deadline = performance.now() + seconds * 1000;
  const post = async (body: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      signal: AbortSignal.timeout(30_000),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body,
    });
    const text = await response.text();
    return { status: response.status, bytes: text.length, text };
  };
  const flood = async (count: number, concurrency: number, body: (index: number) => string) => {
    let sent = 0;
    let answered = 0;
    let failed = 0;
    let largestAnswer = 0;
    let sample = '';
    const statuses: Record<number, number> = {};
    const worker = async () => {
      while (sent < count && performance.now() < deadline) {
        const index = sent++;
        try {
          const { status, bytes, text } = await post(body(index));
          answered += 1;
          sample ||= text.slice(0, 100);
          statuses[status] = (statuses[status] ?? 0) + 1;
          largestAnswer = Math.max(largestAnswer, bytes);
        } catch {
          failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { sent, answered, failed, statuses, largestAnswerBytes: largestAnswer, sample };
  };

  if (kind === 'big-variables') {
    // Every request different (as the issue's attacker did), so no cache can share entries.
    const padding = 'x'.repeat(4 * MB - 200);
    return flood(120, 4, (index) =>
      JSON.stringify({ query: PARTNER_QUERY, variables: { unused: `${index}:${padding}` } }),
    );
  }
  if (kind === 'costly-variables') {
    return flood(400, 2, () => JSON.stringify({ query: COSTLY_QUERY, variables: { n: 100_000 } }));
  }
  const slow = openSlowSockets(base, {
    count: 450,
    byteIntervalMs: 1_000,
    durationMs: seconds * 1000,
    reopen: true,
  });
  let peakOpen = 0;
  while (performance.now() < deadline) {
    peakOpen = Math.max(peakOpen, slow.open);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  slow.stop();
  return { peakOpen, closedByServer: slow.closedByServer, refused: slow.refused };
}

function runAttacker(kind: AttackKind, base: string, seconds: number): Promise<string> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), 'attack', kind, base, String(seconds)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
  return new Promise((resolve) =>
    child.once('exit', () => {
      clearTimeout(killer);
      resolve(output.trim().split('\n').pop() ?? '');
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The classes

interface Row {
  name: string;
  peakRssMb: number;
  normal: LatencyResult;
  note: string;
}

const rows: Row[] = [];
/** `npm run bench:abuse -- bomb slow` runs only the classes whose names contain a word given. */
const onlyClasses = process.argv[2] === 'attack' ? [] : process.argv.slice(2);

async function measureClass(
  name: string,
  env: Record<string, string>,
  during: (server: RunningServer) => Promise<string>,
  options: { warm?: boolean; acceptErrors?: boolean } = {},
): Promise<void> {
  if (onlyClasses.length > 0 && !onlyClasses.some((word) => name.includes(word))) return;
  const server = await startServer(env);
  try {
    if (options.warm !== false) {
      // Warm the snapshot and the JIT, as a server that has been up a while is.
      await normalLoad(server.base, 2);
    }
    const [normal, note] = await Promise.all([
      normalLoad(server.base, ATTACK_SECONDS, options.acceptErrors),
      during(server),
    ]);
    const crashed = server.child.exitCode !== null || server.child.signalCode !== null;
    const peak = peakRssMb(server.child.pid);
    rows.push({
      name,
      peakRssMb: peak,
      normal,
      note: crashed ? `SERVER DIED (${await server.exit}); ${note}` : note,
    });
    printRow(rows.at(-1) as Row);
  } finally {
    await stopServer(server);
  }
}

const verdict = (ok: boolean) => (ok ? 'ok  ' : 'OVER');

function printHeader(): void {
  console.log(
    `${'attack class'.padEnd(30)} | peak RSS (< ${TARGET_RSS_MB} MB) | normal p99 (< ${TARGET_P99_MS} ms) |   p50 | normal ok/sent | attacker`,
  );
}

function printRow(row: Row): void {
  const rss = Number.isNaN(row.peakRssMb)
    ? '   gone'
    : `${row.peakRssMb.toFixed(0).padStart(4)} MB`;
  const p99 = Number.isNaN(row.normal.p99)
    ? '     -'
    : `${row.normal.p99.toFixed(0).padStart(6)} ms`;
  const p50 = Number.isNaN(row.normal.p50) ? '    -' : `${row.normal.p50.toFixed(0).padStart(5)}`;
  console.log(
    `${row.name.padEnd(30)} | ${rss} ${verdict(row.peakRssMb < TARGET_RSS_MB)}         | ${p99} ${verdict(row.normal.p99 < TARGET_P99_MS && row.normal.failed === 0)}             | ${p50} | ${`${row.normal.ok}/${row.normal.sent}`.padStart(14)} | ${row.note}`,
  );
  if (row.normal.failures.length > 0) {
    console.log(`${''.padEnd(30)}   normal failures, e.g.: ${row.normal.failures.join('; ')}`);
  }
}

async function main(): Promise<void> {
  const [mode, kind, base, seconds] = process.argv.slice(2);
  if (mode === 'attack') {
    console.log(JSON.stringify(await attack(kind as AttackKind, base ?? '', Number(seconds))));
    return;
  }

  const folder = mkdtempSync(join(tmpdir(), 'bench-abuse-'));
  try {
    console.log(
      `bench:abuse on node ${process.version}; ${ATTACK_SECONDS} s per class; the normal client sends the partner report from 2 connections, each every ${NORMAL_INTERVAL_MS} ms`,
    );
    console.log('Building the hostile workbooks ...');
    const bombPath = join(folder, 'bomb.xlsx');
    writeFileSync(bombPath, zipBombXlsx(512 * MB));
    const hugePath = join(folder, 'huge.xlsx');
    writeFileSync(hugePath, manyCellsXlsx(300_000, 10));
    const swappedPath = join(folder, 'board.xlsx');
    printHeader();

    await measureClass('no attack (baseline)', {}, async () => 'none');

    for (const [name, kind] of [
      ['big variables (120 x 4 MB)', 'big-variables'],
      ['cost via variables (n=100000)', 'costly-variables'],
      ['slow sockets (450, reopened)', 'slow-sockets'],
    ] as const) {
      await measureClass(name, {}, async (server) =>
        runAttacker(kind, server.base, ATTACK_SECONDS),
      );
    }

    for (const [name, path] of [
      ['zip bomb at start (512 MB)', bombPath],
      ['huge sheet at start (3M cells)', hugePath],
    ] as const) {
      await measureClass(
        name,
        { BOARD_WORKBOOK: path, BOARD_REFRESH_SECONDS: '1' },
        async (server) => {
          // No board can be served from such a file: what matters is how soon, and how
          // plainly, requests are told so, and that the server stays up and small.
          const firstAnswer = await fetch(`${server.base}/graphql`, {
            method: 'POST',
            signal: AbortSignal.timeout(60_000),
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify({ query: '{ board { name } }' }),
          }).then((response) => response.json() as Promise<{ errors?: { message: string }[] }>);
          const seconds = ((performance.now() - server.startedAt) / 1000).toFixed(1);
          const message = firstAnswer.errors?.[0]?.message ?? 'no error';
          return `first answer ${seconds} s after start: "${message.slice(0, 90)}..."`;
        },
        { warm: false, acceptErrors: true },
      );
    }

    copyFileSync(DEMO_WORKBOOK_PATH, swappedPath);
    await measureClass(
      'zip bomb swapped in (512 MB)',
      { BOARD_WORKBOOK: swappedPath, BOARD_REFRESH_SECONDS: '1' },
      async () => {
        copyFileSync(bombPath, swappedPath);
        // A new modification time every 1.5 s: each is a new file to the server.
        const touches = Math.floor(ATTACK_SECONDS / 1.5);
        for (let touch = 1; touch <= touches; touch++) {
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          const when = new Date(Date.now() + touch * 1000);
          utimesSync(swappedPath, when, when);
        }
        return `file touched ${touches} times; stale answers from the last good board`;
      },
    );
    console.log(
      `Targets: peak RSS < ${TARGET_RSS_MB} MB (node + tsx alone take ~75 MB), normal p99 < ${TARGET_P99_MS} ms with no failures.`,
    );
    console.log(
      'Rows "at start" have no good board to serve: their normal requests count as answered when they get the error.',
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();

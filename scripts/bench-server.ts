/**
 * `npm run bench:server`, in two parts, on loopback.
 *
 * 1. The cached partner report (board + first 50 actions with owners) from the demo board
 *    server, started as `npm start` runs it, against the machine's ceiling: a plain `node:http`
 *    server returning the same bytes with the same content type, at 10 and 100 connections;
 *    and, to show what yoga itself costs, a bare yoga server answering the same bytes from its
 *    first hook. Each server runs in a child process of its own and autocannon in this one;
 *    they are measured in turn, 5 rounds of 5 s runs per connection count, and the medians
 *    compared, with each server's CPU time per request (read from /proc, so load from other
 *    processes on the machine counts less than in req/s). Target: at least 0.5x the plain
 *    server's req/s at 10 connections. Also the upstream reads during the load (at most one
 *    per refresh interval).
 * 2. Uncached queries on a 100,000-action board with shuffled IDs (a generated workbook): each
 *    query made different from every other by an alias, so that nothing is answered from the
 *    response cache or the parser's cache, sent one at a time; median and slowest of 15 each.
 *    Target: `actions(first: 50)` under 50 ms.
 *
 * `npm run bench:server -- cached` or `-- uncached` runs one part.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createSchema, createYoga } from 'graphql-yoga';
import {
  median,
  percentile,
  postQuery,
  type RunningServer,
  startBoardServer,
  withShuffledActions,
} from './bench-kit';
import { syntheticWorkbook } from './bench-parse';
import { gridsToXlsx } from './synthetic-xlsx';

const TOKEN = 'partner-bench-token-0123456789abcdef';
const OFFICER = 'officer-bench-token-0123456789abcdef';
const SECONDS = 5;
const RUNS = 5;
const REFRESH_SECONDS = 30;
const BIG_BOARD_ACTIONS = 100_000;
const UNCACHED_RUNS = 15;

const PARTNER_QUERY = `query PartnerReport {
  board { name activeMemberCount coChairs { name } balance { counts { constituency count } } nextMeeting { date } }
  actions(first: 50) { totalCount edges { node { id description dueDate status overdue owners { name } } } }
}`;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Microseconds of the server process's CPU (user + system) per request, where known. */
  cpuUs: number;
}

/** A process's CPU time so far in microseconds (Linux: /proc/<pid>/stat), or NaN. */
function cpuMicros(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

async function load(
  url: string,
  body: string,
  connections: number,
  server?: RunningServer,
): Promise<Load> {
  const cpuBefore = cpuMicros(server?.child.pid);
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx responses and ${result.errors} errors from ${url}`);
  }
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUs: (cpuMicros(server?.child.pid) - cpuBefore) / requests,
  };
}

/** Child mode: a plain node:http server that answers every request with one file's bytes. */
function servePlain(bodyFile: string, contentType: string): void {
  // Read once, at start: what a server with the answer in memory sends.
  const bytes = readFileSync(bodyFile);
  const server = createServer((request, response) => {
    // Read the request body as any server must before answering it.
    request.on('data', () => {});
    request.on('end', () => {
      response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
      response.end(bytes);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    console.error(`  GraphQL:  http://127.0.0.1:${port}/graphql`);
  });
}

/**
 * Child mode: graphql-yoga on node:http with nothing but one plugin that reads the body and
 * answers from `onRequest` with the same bytes. What any yoga server pays per request before
 * its own plugins do anything (the board's cached answers are given at that point too).
 */
function serveYogaFloor(bodyFile: string, contentType: string): void {
  const text = readFileSync(bodyFile, 'utf8');
  const length = String(Buffer.byteLength(text));
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { unused: Int }' }),
    logging: false,
    landingPage: false,
    plugins: [
      {
        async onRequest({ request, endResponse, fetchAPI }) {
          await request.text();
          endResponse(
            new fetchAPI.Response(text, {
              status: 200,
              headers: { 'content-type': contentType, 'content-length': length },
            }),
          );
        },
      },
    ],
  });
  const server = createServer(yoga);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    console.error(`  GraphQL:  http://127.0.0.1:${port}/graphql`);
  });
}

async function startOther(
  mode: 'plain' | 'floor',
  bodyFile: string,
  contentType: string,
): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), mode, bodyFile, contentType],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL:\s+(http:\/\/[^/\s]+)\/graphql/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`the ${mode} server exited (${code}): ${output}`)));
  });
  return { child, base, stop: () => child.kill('SIGTERM') };
}

async function upstreamReads(base: string): Promise<number> {
  const health = (await (await fetch(`${base}/health`)).json()) as { upstreamReads: number };
  return health.upstreamReads;
}

async function cachedPart(folder: string): Promise<void> {
  const board = await startBoardServer({
    BOARD_TOKENS: `${TOKEN}:PARTNER`,
    BOARD_REFRESH_SECONDS: String(REFRESH_SECONDS),
  });
  const others: RunningServer[] = [];
  try {
    const answer = await postQuery(board.base, TOKEN, PARTNER_QUERY);
    const bodyFile = join(folder, 'partner-report.json');
    writeFileSync(bodyFile, answer.text);
    const plain = await startOther('plain', bodyFile, answer.contentType);
    others.push(plain);
    const floor = await startOther('floor', bodyFile, answer.contentType);
    others.push(floor);
    const servers = { board, plain, floor } as const;
    const labels = {
      board: 'board (cached)',
      plain: 'plain node:http',
      floor: 'bare yoga',
    } as const;
    const body = JSON.stringify({ query: PARTNER_QUERY });
    // Warm all (JIT, connections), unmeasured.
    for (const server of Object.values(servers)) await load(`${server.base}/graphql`, body, 10);

    const readsBefore = await upstreamReads(board.base);
    const started = performance.now();
    console.log(
      `bench:server, part 1, on node ${process.version}: the cached partner report ` +
        `(${Buffer.byteLength(answer.text).toLocaleString('en-GB')} bytes) against a plain ` +
        'node:http server sending the same bytes (the ceiling), and a bare yoga server sending ' +
        `them from onRequest (yoga's own cost); ${RUNS} rounds of ${SECONDS} s runs, in turn`,
    );
    console.log(
      'connections | server              | req/s (median, runs)          | p50 ms | p99 ms | server CPU per request',
    );
    const ratios: string[] = [];
    for (const connections of [10, 100]) {
      const rows: Record<keyof typeof servers, Load[]> = { board: [], plain: [], floor: [] };
      const order = ['board', 'plain', 'floor'] as const;
      for (let run = 0; run < RUNS; run++) {
        // Rotate which goes first, so none always gets the quieter moment.
        for (let step = 0; step < order.length; step++) {
          const which = order[(run + step) % order.length] as keyof typeof servers;
          const server = servers[which];
          rows[which].push(await load(`${server.base}/graphql`, body, connections, server));
        }
      }
      for (const which of order) {
        const runs = rows[which];
        console.log(
          `${String(connections).padStart(11)} | ${labels[which].padEnd(19)} | ${median(
            runs.map((r) => r.rps),
          )
            .toFixed(0)
            .padStart(7)} (${runs.map((r) => r.rps.toFixed(0)).join(', ')})`.padEnd(66) +
            ` | ${String(median(runs.map((r) => r.p50))).padStart(6)} | ${String(median(runs.map((r) => r.p99))).padStart(6)} | ${median(runs.map((r) => r.cpuUs)).toFixed(0)} us`,
        );
      }
      const ratio = median(rows.board.map((r) => r.rps)) / median(rows.plain.map((r) => r.rps));
      const pairs = rows.board.map((r, index) => r.rps / (rows.plain[index]?.rps ?? Number.NaN));
      const floorRatio =
        median(rows.floor.map((r) => r.rps)) / median(rows.plain.map((r) => r.rps));
      ratios.push(
        `${connections} connections: ${ratio.toFixed(2)} (round by round ${pairs.map((p) => p.toFixed(2)).join(', ')}; bare yoga ${floorRatio.toFixed(2)})`,
      );
    }
    const elapsed = (performance.now() - started) / 1000;
    const reads = (await upstreamReads(board.base)) - readsBefore;
    console.log(`Ratio board / plain (medians): ${ratios.join('; ')}`);
    console.log(
      `Upstream reads during ${elapsed.toFixed(0)} s of load: ${reads} (refresh interval ${REFRESH_SECONDS} s: at most ${Math.ceil(elapsed / REFRESH_SECONDS)} allowed)`,
    );
    console.log('Target: ratio >= 0.5 at 10 connections; <= 1 upstream read per interval.');
  } finally {
    board.stop();
    for (const other of others) other.stop();
  }
}

/** Uncached queries: name, text (with `ALIAS` replaced per request), and who asks. */
function uncachedQueries(cursor: string, ownerId: string) {
  const page =
    'totalCount edges { node { id description dueDate status overdue owners { name } } }';
  return [
    ['actions(first: 50)', `{ ALIAS: actions(first: 50) { ${page} } }`, TOKEN],
    [
      'actions(first: 50, after: <middle>)',
      `{ ALIAS: actions(first: 50, after: "${cursor}") { ${page} } }`,
      TOKEN,
    ],
    [
      'actions(first: 50, status: [OPEN])',
      `{ ALIAS: actions(first: 50, status: [OPEN]) { ${page} } }`,
      TOKEN,
    ],
    [
      'actions(first: 50, ownerId, overdueOn)',
      `{ ALIAS: actions(first: 50, ownerId: "${ownerId}", overdueOn: "2026-01-01") { ${page} } }`,
      OFFICER,
    ],
    [
      'partner report',
      PARTNER_QUERY.replace('actions(first: 50)', 'ALIAS: actions(first: 50)'),
      TOKEN,
    ],
  ] as const;
}

async function uncachedPart(folder: string): Promise<void> {
  const path = join(folder, `board-${BIG_BOARD_ACTIONS}.xlsx`);
  writeFileSync(path, gridsToXlsx(withShuffledActions(syntheticWorkbook(BIG_BOARD_ACTIONS))));
  const board = await startBoardServer({
    BOARD_WORKBOOK: path,
    BOARD_TOKENS: `${TOKEN}:PARTNER,${OFFICER}:OFFICER`,
    BOARD_REFRESH_SECONDS: '3600',
  });
  try {
    // A cursor in the middle of the list, and an owner, for the paging and filter queries.
    const middle = JSON.parse(
      (
        await postQuery(
          board.base,
          TOKEN,
          '{ actions(first: 1, status: [DONE]) { edges { cursor } } }',
        )
      ).text,
    ) as { data: { actions: { edges: { cursor: string }[] } } };
    const cursor = middle.data.actions.edges[0]?.cursor ?? '';
    console.log(
      `bench:server, part 2: uncached queries on a board of ${BIG_BOARD_ACTIONS.toLocaleString('en-GB')} actions with shuffled IDs (read from a workbook), one at a time, each different (an alias) so nothing is answered from a cache; ${UNCACHED_RUNS} of each`,
    );
    console.log(
      'query                                   | median ms | p90 ms | slowest ms | bytes',
    );
    let serial = 0;
    const warm = async (text: string, token: string) => {
      serial++;
      await postQuery(board.base, token, text.replace('ALIAS', `warm${serial}`));
    };
    const queries = uncachedQueries(cursor, 'M3');
    for (const [, text, token] of queries) await warm(text, token);
    for (const [name, text, token] of queries) {
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run < UNCACHED_RUNS; run++) {
        serial++;
        const started = performance.now();
        const answer = await postQuery(board.base, token, text.replace('ALIAS', `q${serial}`));
        times.push(performance.now() - started);
        bytes = Buffer.byteLength(answer.text);
      }
      console.log(
        `${name.padEnd(39)} | ${median(times).toFixed(1).padStart(9)} | ${percentile(times, 0.9).toFixed(1).padStart(6)} | ${Math.max(
          ...times,
        )
          .toFixed(1)
          .padStart(10)} | ${bytes.toLocaleString('en-GB')}`,
      );
    }
    console.log(
      'Target: actions(first: 50) uncached under 50 ms (over HTTP, parse and validation included).',
    );
  } finally {
    board.stop();
  }
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'plain' || mode === 'floor') {
    (mode === 'plain' ? servePlain : serveYogaFloor)(rest[0] as string, rest[1] as string);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'bench-server-'));
  try {
    if (mode !== 'uncached') await cachedPart(folder);
    if (mode !== 'cached') await uncachedPart(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();

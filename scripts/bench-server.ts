/**
 * `npm run bench:server`: load on loopback against one server (the demo board, started as a
 * child process like `npm start`), comparing a cached partner query (board + first 50 actions
 * with owners) with `{ __typename }`, at 10 and 100 connections. Prints req/s, p50/p99
 * latency, their ratio, and the upstream reads during the run (from GET /health).
 * Targets on 2 cores: ratio >= 0.7 at both, p99 <= 20 ms at 10 connections, upstream reads
 * <= 1 per refresh interval. Bounded: 8 s per measurement, loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import autocannon from 'autocannon';

const TOKEN = 'partner-bench-token-0123456789abcdef';
const SECONDS = 8;
const REFRESH_SECONDS = 30;

const PARTNER_QUERY = `query PartnerReport {
  board { name activeMemberCount coChairs { name } balance { counts { constituency count } } nextMeeting { date } }
  actions(first: 50) { totalCount edges { node { id description dueDate status overdue owners { name } } } }
}`;
const TYPENAME_QUERY = '{ __typename }';

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      BOARD_TOKENS: `${TOKEN}:PARTNER`,
      BOARD_REFRESH_SECONDS: String(REFRESH_SECONDS),
    },
    // Request logs (stdout) are written as in production, to nowhere.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL:\s+(http:\/\/[^/\s]+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
  });
  return { child, base };
}

async function upstreamReads(base: string): Promise<number> {
  const health = (await (await fetch(`${base}/health`)).json()) as { upstreamReads: number };
  return health.upstreamReads;
}

async function load(base: string, query: string, connections: number) {
  const result = await autocannon({
    url: `${base}/graphql`,
    method: 'POST',
    connections,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query }),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${result.non2xx} non-2xx responses and ${result.errors} errors for ${query.slice(0, 40)}`,
    );
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main(): Promise<void> {
  const { child, base } = await startServer();
  try {
    // One request to check the query works, warms the snapshot and the JIT.
    const check = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: PARTNER_QUERY }),
    });
    const body = (await check.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`the partner query failed: ${JSON.stringify(body.errors)}`);
    await load(base, PARTNER_QUERY, 10);

    const readsBefore = await upstreamReads(base);
    const started = performance.now();
    console.log(
      `bench:server on node ${process.version}, ${SECONDS} s per run, loopback, demo board`,
    );
    console.log('connections | query               |   req/s | p50 ms | p99 ms');
    const ratios: string[] = [];
    for (const connections of [10, 100]) {
      const partner = await load(base, PARTNER_QUERY, connections);
      const typename = await load(base, TYPENAME_QUERY, connections);
      for (const [name, row] of [
        ['partner report', partner],
        ['{ __typename }', typename],
      ] as const) {
        console.log(
          `${String(connections).padStart(11)} | ${name.padEnd(19)} | ${row.rps.toFixed(0).padStart(7)} | ${String(row.p50).padStart(6)} | ${String(row.p99).padStart(6)}`,
        );
      }
      ratios.push(`${connections} connections: ${(partner.rps / typename.rps).toFixed(2)}`);
    }
    const elapsed = (performance.now() - started) / 1000;
    const reads = (await upstreamReads(base)) - readsBefore;
    console.log(`Throughput ratio (partner report / __typename): ${ratios.join(', ')}`);
    console.log(
      `Upstream reads during ${elapsed.toFixed(0)} s of load: ${reads} (refresh interval ${REFRESH_SECONDS} s: at most ${Math.ceil(elapsed / REFRESH_SECONDS)} allowed)`,
    );
    console.log(
      'Targets: ratio >= 0.7 at both; p99 <= 20 ms at 10 connections; <= 1 read per interval.',
    );
  } finally {
    child.kill('SIGTERM');
  }
}

await main();

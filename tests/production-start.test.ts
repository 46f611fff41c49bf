/**
 * What the Docker image runs, tested without Docker (which these machines cannot run): the
 * built server, in a folder of its own with nothing but `dist/`, package.json, the lockfile and
 * the production dependencies (`npm ci --omit=dev`, as the Dockerfile's deps stage), started with
 * plain `node` the way the image's CMD starts it. If the bundle needed a development dependency
 * (tsx, say) or a file the build does not put in dist/, it would fail here.
 *
 * The Dockerfile itself cannot be built here, so its shape is checked instead: stages, the
 * production install, a user who is not root, the health check, and that it runs what this test
 * ran.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../scripts/build';
import { DEMO_WORKBOOK_PATH } from '../server/sources/local-workbook';
import { startServerProcess } from './support/server-process';

const root = join(import.meta.dirname, '..');
const OFFICER = 'officer-token-for-the-image-0123456789';
const PARTNER = 'partner-token-for-the-image-0123456789';
const METRICS = 'metrics-token-for-the-image-0123456789';
/** npm ci of the production dependencies: about 10 s with npm's cache warm, longer cold. */
const INSTALL_TIMEOUT_MS = 240_000;

let folder: string;

beforeAll(async () => {
  // Outside the repository, so nothing resolves from its node_modules.
  folder = await mkdtemp(join(tmpdir(), 'co-production-board-image-'));
  await buildServer(join(folder, 'dist'));
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
    await copyFile(join(root, file), join(folder, file));
  }
  // npm's own cache (the one the project's installs fill) is used as it is; --prefer-offline
  // takes what it holds without asking the registry again.
  await run(
    'npm',
    ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
    folder,
  );
}, INSTALL_TIMEOUT_MS + 60_000);

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: INSTALL_TIMEOUT_MS,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${output}`)),
    );
  });
}

/** The image's environment: nothing from the developer's (no NODE_OPTIONS, no tsx). */
function imageEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', ...extra };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('the built server with production dependencies only', () => {
  it('has no development dependency installed', async () => {
    const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.entries(lock.packages)
      // Top-level packages only (`node_modules/name`, `node_modules/@scope/name`).
      .filter(
        ([path, entry]) => entry.dev === true && /^node_modules\/(@[^/]+\/)?[^/@]+$/.test(path),
      )
      .map(([path]) => path);
    expect(devOnly).toContain('node_modules/tsx');
    const present: string[] = [];
    for (const path of devOnly) if (await exists(join(folder, path))) present.push(path);
    expect(present).toEqual([]);
    expect(await exists(join(folder, 'node_modules', 'graphql-yoga'))).toBe(true);
    expect(await exists(join(folder, 'node_modules', 'prom-client'))).toBe(true);
  });

  it('serves a workbook (read by its worker thread), answers GraphQL, health and metrics, and stops on SIGTERM', async () => {
    // A board of its own, not the bundled demo: a real workbook is read by the snapshot
    // worker, a second bundle in dist/server/.
    await copyFile(DEMO_WORKBOOK_PATH, join(folder, 'board.xlsx'));
    const server = startServerProcess(['dist/server/index.js'], {
      cwd: folder,
      env: imageEnv({
        BOARD_WORKBOOK: 'board.xlsx',
        BOARD_TOKENS: `${OFFICER}:OFFICER,${PARTNER}:PARTNER`,
        METRICS_TOKEN: METRICS,
        HOST: '127.0.0.1',
      }),
    });
    const base = await server.ready();

    const health = (await (await fetch(`${base}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', upstreamReads: 1 });

    const report = () =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${PARTNER}` },
        body: JSON.stringify({
          query: 'query Report { board { name activeMemberCount } }',
          operationName: 'Report',
        }),
      });
    const answer = await report();
    expect(answer.status).toBe(200);
    const executed = await answer.text();
    expect(JSON.parse(executed)).toMatchObject({
      data: { board: { name: 'Commissioning Co-Production Board (demo)' } },
    });
    // Asked again: the kept answer (a hit, counted below), the same bytes.
    expect(await (await report()).text()).toBe(executed);
    // Both logged, one line each, as the request log writes them.
    const logged = await server.until(/"path":"\/graphql"[\s\S]*"path":"\/graphql"/);
    const lines = logged
      .split('\n')
      .filter((line) => line.includes('"path":"/graphql"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map(({ role, operation, status }) => ({ role, operation, status }))).toEqual([
      { role: 'PARTNER', operation: 'Report', status: 200 },
      { role: 'PARTNER', operation: 'Report', status: 200 },
    ]);

    const metrics = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS}` },
    });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(
      /board_http_requests_total\{route="graphql",operation="Report",role="PARTNER",outcome="ok"\} 2/,
    );
    expect(text).toMatch(/^board_response_cache_hits_total 1$/m);
    expect(text).toMatch(/^board_upstream_reads_total 1$/m);
    // Node's own figures too, in the running service.
    expect(text).toMatch(/^process_resident_memory_bytes /m);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('serves the demo board from dist/ when nothing is configured', async () => {
    const server = startServerProcess(['dist/server/index.js'], {
      cwd: folder,
      env: imageEnv({ HOST: '127.0.0.1' }),
    });
    const base = await server.ready();
    expect(server.output()).toMatch(/the demo board of fictional people/);
    const health = (await (await fetch(`${base}/health`)).json()) as { status?: string };
    expect(health.status).toBe('ok');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('answers --help and refuses bad settings with one line each, as the image would', async () => {
    const helped = startServerProcess(['dist/server/index.js', '--help'], {
      cwd: folder,
      env: imageEnv({}),
    });
    expect(await helped.exited).toBe(0);
    expect(helped.output()).toMatch(/METRICS_TOKEN/);

    const refused = startServerProcess(['dist/server/index.js'], {
      cwd: folder,
      env: imageEnv({ PORT: 'eighty', BOARD_REFRESH_SECONDS: 'soon' }),
    });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/^ {2}- PORT should be a port number/m);
    expect(refused.output()).toMatch(/^ {2}- BOARD_REFRESH_SECONDS should be/m);
    expect(refused.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});

/** The Dockerfile's instructions, by stage (continuation lines joined). */
function dockerStages(text: string) {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { from: string; name: string | null; instructions: [string, string][] }[] = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const argument = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(argument);
      stages.push({ from: match?.[1] ?? argument, name: match?.[2] ?? null, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push([keyword.toUpperCase(), argument]);
    }
  }
  return stages;
}

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const stages = dockerStages(dockerfile);
  const runtime = stages.at(-1);
  const all = (stage: (typeof stages)[number] | undefined, keyword: string) =>
    (stage?.instructions ?? []).filter(([k]) => k === keyword).map(([, argument]) => argument);

  it('builds in stages on a supported Node', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      expect(stage.name, stage.from).not.toBeNull();
      const major = Number(/^node:(\d+)/.exec(stage.from)?.[1]);
      expect(major, stage.from).toBeGreaterThanOrEqual(22);
    }
    const build = stages.find((stage) =>
      all(stage, 'RUN').some((command) => /npm run build -- --server-only/.test(command)),
    );
    expect(build, 'a stage builds the server').toBeDefined();
  });

  it('installs production dependencies only, as locked, into what runs', () => {
    const installs = stages.flatMap((stage) =>
      all(stage, 'RUN')
        .filter((command) => /\bnpm ci\b/.test(command) && /--omit=dev/.test(command))
        .map(() => stage.name),
    );
    expect(installs.length).toBe(1);
    const copies = all(runtime, 'COPY');
    expect(copies).toContain(`--from=${installs[0]} /app/node_modules ./node_modules`);
    // No stage installs with `npm install` (which would not follow the lockfile).
    expect(dockerfile).not.toMatch(/npm install\b/);
    // What the runtime stage copies is what the test above started: dist/ and package.json.
    for (const part of ['server', 'schema', 'demo']) {
      expect(
        copies.some((copy) => copy.endsWith(`/app/dist/${part} ./dist/${part}`)),
        part,
      ).toBe(true);
    }
    expect(copies.some((copy) => copy.endsWith('./package.json'))).toBe(true);
  });

  it('runs the built server as a user who is not root, with a health check on /health', () => {
    const users = all(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const healthcheck = all(runtime, 'HEALTHCHECK').join(' ');
    expect(healthcheck).toMatch(/\/health\b/);
    expect(healthcheck).toMatch(/--interval=\d+s/);
    expect(all(runtime, 'CMD').at(-1)).toBe('["node", "dist/server/index.js"]');
    // Listening on every interface, as a container must; the host sets PORT.
    expect(all(runtime, 'ENV').join(' ')).toMatch(/HOST=0\.0\.0\.0/);
  });

  it('copies only files that exist, and never sends secrets to the build', async () => {
    for (const stage of stages) {
      for (const copy of all(stage, 'COPY').filter((argument) => !argument.startsWith('--'))) {
        const sources = copy.split(/\s+/).slice(0, -1);
        for (const source of sources) {
          expect(await exists(join(root, source)), source).toBe(true);
        }
      }
    }
    const ignored = (await readFile(join(root, '.dockerignore'), 'utf8'))
      .split('\n')
      .map((line) => line.trim());
    for (const secret of ['.env', '*.key.json', 'service-account*.json', '.clasprc.json']) {
      expect(ignored, secret).toContain(secret);
    }
    for (const built of ['node_modules', 'dist', '.git']) expect(ignored, built).toContain(built);
  });
});

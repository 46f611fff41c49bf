/**
 * `npm start`: the board's GraphQL server. Reads its settings from the environment and a `.env`
 * file in the working directory (DESIGN §6), serves the bundled demo board when nothing else is
 * configured, and shuts down gracefully. Whatever stops it from starting (settings, a port in
 * use, an address that is not this machine's) is said in plain sentences, one per problem, with
 * exit status 1 and no stack trace: the fix is always in the configuration, never in the code.
 */
import { parseArgs } from 'node:util';
import { tokenTable } from './auth';
import { ConfigError, readConfig, SETTINGS, type ServerConfig } from './config';
import { ENV_FILE_NAME, type EnvFileResult, loadEnvFile } from './env-file';
import { createBoardHttpServer, listen, listenErrorMessage } from './http-server';
import { lineWriter } from './log-lines';
import { protectDemoBoard } from './packs/demo-copy';
import { circulationRecorder } from './packs/record';
import { boardMetrics } from './plugins/metrics';
import { SnapshotCache } from './snapshot-cache';
import { sourceFromConfig } from './sources/from-config';
import { createBoardServer } from './yoga';

const USAGE = 'Usage: npm start [-- --help]   (built: node dist/server/index.js [--help])';

function help(): string {
  const width = Math.max(...SETTINGS.map((setting) => setting.name.length));
  return [
    USAGE,
    '',
    "Serves the board's GraphQL API, portal, reports and packs. Without settings it serves the",
    'demo board of fictional people and prints a made-up token per role.',
    '',
    `Settings (environment variables, or NAME=value lines in ${ENV_FILE_NAME} in the working`,
    'directory; a variable set in the environment wins over the file):',
    ...SETTINGS.map((setting) => `  ${setting.name.padEnd(width)}  ${setting.meaning}`),
    '',
    'Open: GET /health. Everything else needs "Authorization: Bearer <token>";',
    'GET /metrics takes an officer token or METRICS_TOKEN; a REFRESH token may only',
    "POST /hooks/sheet-changed (the sheet's live updates).",
    'Every problem with the settings is listed at start, and the server exits with status 1.',
  ].join('\n');
}

/**
 * How long a request waits, before the board has been read once, for a first read that has not
 * answered: a source that is down fails at once and is said at once, and one that hangs is
 * said within 2 seconds instead of after its timeout (15 s) and retries.
 */
const FIRST_READ_WAIT_MS = 1_500;

// One JSON line per event on stdout, a turn's lines in one write (log-lines.ts).
const writeLine = lineWriter({ write: (text) => process.stdout.write(text) });

/** Says why the server cannot start, one problem a line, and sets exit status 1. */
function cannotStart(problems: readonly string[], notes: readonly string[] = []): void {
  console.error(
    [
      problems.length === 1
        ? `The server cannot start: ${problems[0]}`
        : `The server cannot start: ${problems.length} problems with its settings.`,
      ...(problems.length === 1 ? [] : problems.map((problem) => `  - ${problem}`)),
      ...notes.map((note) => `  Note: ${note}`),
    ].join('\n'),
  );
  process.exitCode = 1;
}

async function main(args: string[]): Promise<void> {
  let wantsHelp: boolean | undefined;
  try {
    wantsHelp = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } }).values.help;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 1;
    return;
  }
  if (wantsHelp) {
    console.log(help());
    return;
  }

  const envFile: EnvFileResult = loadEnvFile(process.env);
  let config: ServerConfig;
  try {
    config = readConfig(process.env, { checkFiles: true });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    cannotStart([...envFile.problems, ...error.problems], error.notes);
    return;
  }
  if (envFile.problems.length > 0) {
    cannotStart(envFile.problems, config.warnings);
    return;
  }

  // Reads and their failures reach /metrics through the cache's log.
  const metrics = boardMetrics({ processMetrics: true });
  // On the demo board, recordCirculation writes to a temporary copy, never the tracked file.
  const source = protectDemoBoard(sourceFromConfig(config.source), config.demo);
  const cache = new SnapshotCache(source, {
    refreshSeconds: config.refreshSeconds,
    hintSeconds: config.refreshHintSeconds,
    firstReadWaitMs: FIRST_READ_WAIT_MS,
    log: (event) => {
      metrics.snapshotEvent(event);
      writeLine({ time: new Date().toISOString(), ...event });
    },
  });
  const board = createBoardServer({
    cache,
    tokens: tokenTable(config.tokens),
    demo: config.demo,
    corsOrigins: config.corsOrigins,
    recorder: circulationRecorder(source, cache, () => new Date()),
    log: writeLine,
    metrics,
    metricsToken: config.metricsToken,
    sessions: config.sessions,
  });
  // Header, request and keep-alive timeouts and a connection cap that slow clients cannot
  // fill: see http-server.ts.
  const { server } = createBoardHttpServer(board.listener);

  let port: number;
  try {
    port = await listen(server, config.port, config.host);
  } catch (error) {
    console.error(listenErrorMessage(error, config.port, config.host));
    // A snapshot worker or a timer may still be running: nothing here is worth waiting for.
    process.exit(1);
  }

  // Read the board before the first request, so that it is answered at once. A failure here
  // is not fatal: requests get a clear error until a read succeeds (the retries go on).
  cache.get().catch((error: unknown) => {
    // The message says "The board could not be read yet: <why>" itself.
    console.error(error instanceof Error ? error.message : String(error));
  });

  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const officerToken = config.generatedTokens
    ? config.tokens.find(([, role]) => role === 'OFFICER')?.[0]
    : undefined;
  const lines = [
    `Co-Production Board server: ${source.description}${config.demo ? ' (the demo board of fictional people)' : ''}`,
    `  GraphQL:  ${base}/graphql  (send "Authorization: Bearer <token>")`,
    `  GraphiQL: ${base}/graphql${officerToken ? `?token=${officerToken}` : '?token=<officer token>'}`,
    `  Health:   ${base}/health`,
    `  Metrics:  ${base}/metrics  (an officer token${config.metricsToken ? ' or METRICS_TOKEN' : ''})`,
  ];
  if (envFile.path !== null) {
    // Names only: values can be tokens.
    lines.push(
      `  Settings from ${envFile.path}: ${envFile.applied.join(', ') || 'none'}` +
        (envFile.overridden.length > 0
          ? ` (the environment's ${envFile.overridden.join(', ')} won)`
          : ''),
    );
  }
  for (const warning of config.warnings) lines.push(`  Note: ${warning}`);
  if (config.generatedTokens) {
    lines.push(
      '  Tokens made up for this run (set BOARD_TOKENS to choose your own):',
      ...config.tokens.map(([token, role]) => `    ${role.padEnd(8)} ${token}`),
    );
  }
  console.error(lines.join('\n'));

  const shutdown = (signal: string) => {
    console.error(`${signal}: finishing open requests, then stopping.`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Do not hang forever on a client that keeps its connection open.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main(process.argv.slice(2));

/**
 * `npm start`: the board's GraphQL server. Reads its settings from the environment (DESIGN §6),
 * serves the bundled demo board when nothing else is configured, and shuts down gracefully.
 */
import { tokenTable } from './auth';
import { ConfigError, readConfig, type ServerConfig } from './config';
import { createBoardHttpServer } from './http-server';
import { protectDemoBoard } from './packs/demo-copy';
import { circulationRecorder } from './packs/record';
import { SnapshotCache } from './snapshot-cache';
import { sourceFromConfig } from './sources/from-config';
import { createBoardYoga } from './yoga';

const writeLine = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`The server cannot start: ${error.message}`);
    process.exitCode = 1;
    return;
  }

  // On the demo board, recordCirculation writes to a temporary copy, never the tracked file.
  const source = protectDemoBoard(sourceFromConfig(config.source), config.demo);
  const cache = new SnapshotCache(source, {
    refreshSeconds: config.refreshSeconds,
    log: (event) => writeLine({ time: new Date().toISOString(), ...event }),
  });
  const yoga = createBoardYoga({
    cache,
    tokens: tokenTable(config.tokens),
    demo: config.demo,
    corsOrigins: config.corsOrigins,
    recorder: circulationRecorder(source, cache, () => new Date()),
    log: writeLine,
  });
  // Header, request and keep-alive timeouts and a connection cap that slow clients cannot
  // fill: see http-server.ts.
  const { server } = createBoardHttpServer(yoga);

  // Read the board before the first request, so that it is answered at once. A failure here
  // is not fatal: requests get a clear error until a read succeeds.
  cache.get().catch((error: unknown) => {
    console.error(
      `The board could not be read yet: ${error instanceof Error ? error.message : String(error)}`,
    );
  });

  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const officerToken = config.generatedTokens
      ? config.tokens.find(([, role]) => role === 'OFFICER')?.[0]
      : undefined;
    const lines = [
      `Co-Production Board server: ${source.description}${config.demo ? ' (the demo board of fictional people)' : ''}`,
      `  GraphQL:  ${base}/graphql  (send "Authorization: Bearer <token>")`,
      `  GraphiQL: ${base}/graphql${officerToken ? `?token=${officerToken}` : '?token=<officer token>'}`,
      `  Health:   ${base}/health`,
    ];
    if (config.generatedTokens) {
      lines.push(
        '  Tokens made up for this run (set BOARD_TOKENS to choose your own):',
        ...config.tokens.map(([token, role]) => `    ${role.padEnd(8)} ${token}`),
      );
    }
    console.error(lines.join('\n'));
  });

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

await main();

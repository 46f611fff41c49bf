/**
 * Issue #9: slow and idle clients cannot starve others. The server's header, request and
 * keep-alive timeouts close slowloris and idle sockets, and its connection cap makes room for
 * newcomers by closing connections that are doing nothing, never by refusing real requests.
 * Timeouts are shortened here so that the tests run in seconds; loopback only.
 */
import type { RequestListener } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { measureRequests, openSlowSockets } from '../scripts/abuse-clients';
import {
  type BoardHttpServer,
  createBoardHttpServer,
  HTTP_LIMITS,
  type HttpServerLimits,
  listen,
} from '../server/http-server';
import { PARTNER_TOKEN, testServer } from './support/board-server';

const FAST: Partial<HttpServerLimits> = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 2_000,
  keepAliveTimeoutMs: 500,
  timeoutCheckIntervalMs: 200,
};

const running: BoardHttpServer[] = [];
afterEach(async () => {
  for (const { server } of running.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function start(
  handler: RequestListener,
  limits: Partial<HttpServerLimits>,
): Promise<{ board: BoardHttpServer; base: string }> {
  const board = createBoardHttpServer(handler, limits);
  running.push(board);
  const port = await listen(board.server, 0, '127.0.0.1');
  return { board, base: `http://127.0.0.1:${port}` };
}

const demo = testServer();

async function partnerQuery(base: string, signal: AbortSignal): Promise<boolean> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    signal,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PARTNER_TOKEN}` },
    body: JSON.stringify({ query: '{ board { name activeMemberCount } }' }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return response.ok && body.errors === undefined && body.data !== undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw socket and a promise of when (ms after opening) the server closed it. */
function rawSocket(base: string): {
  socket: Socket;
  connected: Promise<void>;
  closedAfter: Promise<number>;
} {
  const { port } = new URL(base);
  const openedAt = performance.now();
  const socket = connect({ host: '127.0.0.1', port: Number(port) });
  socket.on('error', () => {});
  socket.resume();
  return {
    socket,
    connected: new Promise((resolve) => socket.once('connect', () => resolve())),
    closedAfter: new Promise((resolve) =>
      socket.once('close', () => resolve(performance.now() - openedAt)),
    ),
  };
}

describe('the HTTP server under slow clients', () => {
  it('has timeouts and a cap a real client never meets', () => {
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(HTTP_LIMITS.requestTimeoutMs);
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(15_000);
    expect(HTTP_LIMITS.timeoutCheckIntervalMs).toBeLessThanOrEqual(
      HTTP_LIMITS.headersTimeoutMs / 5,
    );
    expect(HTTP_LIMITS.maxConnections).toBeGreaterThanOrEqual(256);
  });

  it('answers every normal request while 450 slow sockets hold the cap, then closes them all', async () => {
    const { board, base } = await start(demo.yoga, { ...FAST, maxConnections: 100 });
    const slow = openSlowSockets(base, { count: 450, byteIntervalMs: 100, durationMs: 8_000 });
    try {
      await sleep(300);
      const result = await measureRequests((signal) => partnerQuery(base, signal), {
        count: 60,
        durationMs: 5_000,
        concurrency: 3,
        timeoutMs: 3_000,
      });

      expect(result.failures).toEqual([]);
      expect(result.ok).toBe(result.sent);
      expect(result.ok).toBeGreaterThanOrEqual(30);
      // The slow sockets beyond the cap made way, and never more than the cap were open.
      expect(board.connections.displaced).toBeGreaterThanOrEqual(350);
      expect(board.connections.refused).toBe(0);

      // The header timeout (1 s, checked every 200 ms) closes the rest.
      const deadline = performance.now() + 3_000;
      while (slow.open > 0 && performance.now() < deadline) await sleep(50);
      expect(slow.open).toBe(0);
      expect(slow.closedByServer).toBe(450);
    } finally {
      slow.stop();
    }
  });

  it('closes slow sockets once the header timeout has passed, not before', async () => {
    const { base } = await start(demo.yoga, { ...FAST, maxConnections: 1_000 });
    const slow = openSlowSockets(base, { count: 450, byteIntervalMs: 100, durationMs: 6_000 });
    try {
      const deadline = performance.now() + 4_000;
      while (slow.open + slow.closedByServer < 450 && performance.now() < deadline) await sleep(20);
      while (slow.open > 0 && performance.now() < deadline) await sleep(50);

      expect(slow.closedByServer).toBe(450);
      const closedAfter = [...slow.closedAfterMs].sort((a, b) => a - b);
      // Not before the 1 s timeout, and within one check interval (200 ms) and some slack after.
      expect(closedAfter[0]).toBeGreaterThanOrEqual(900);
      expect(closedAfter.at(-1)).toBeLessThan(2_500);
    } finally {
      slow.stop();
    }
  });

  it('closes a socket that sends nothing, and an idle keep-alive one', async () => {
    const { base } = await start(demo.yoga, { ...FAST, keepAliveTimeoutMs: 300 });
    const silent = rawSocket(base);
    const idle = rawSocket(base);
    await idle.connected;
    let answered = 0;
    idle.socket.on('data', () => {
      answered = performance.now();
    });
    idle.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');

    const silentClosedAfter = await silent.closedAfter;
    await idle.closedAfter;
    const idleFor = performance.now() - answered;

    expect(silentClosedAfter).toBeGreaterThanOrEqual(900);
    expect(silentClosedAfter).toBeLessThan(2_500);
    expect(answered).toBeGreaterThan(0);
    expect(idleFor).toBeGreaterThanOrEqual(250);
    expect(idleFor).toBeLessThan(1_500);
  });

  it('makes room at the cap from connections awaiting a request before idle ones', async () => {
    const { board, base } = await start((_request, response) => response.end('ok'), {
      ...FAST,
      maxConnections: 2,
    });
    const idle = rawSocket(base);
    await idle.connected;
    const answered = new Promise((resolve) => idle.socket.once('data', resolve));
    idle.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await answered;
    const waiting = rawSocket(base);
    await waiting.connected;
    await sleep(50);

    const newcomer = rawSocket(base);
    await newcomer.connected;
    const waitingClosedAfter = await waiting.closedAfter;

    expect(waitingClosedAfter).toBeLessThan(900); // displaced, long before its header timeout
    expect(idle.socket.destroyed).toBe(false);
    expect(board.connections.displaced).toBe(1);
    newcomer.socket.destroy();
    idle.socket.destroy();
  });

  it('turns a newcomer away only when every connection is busy with a request', async () => {
    const { board, base } = await start(
      (_request, response) => {
        setTimeout(() => response.end('done'), 600);
      },
      { ...FAST, maxConnections: 3 },
    );
    const busy = await Promise.all(
      [0, 1, 2].map(async () => {
        const client = rawSocket(base);
        await client.connected;
        client.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        return client;
      }),
    );
    await sleep(100);

    const newcomer = rawSocket(base);
    const closedAfter = await newcomer.closedAfter;

    expect(closedAfter).toBeLessThan(500);
    expect(board.connections.refused).toBe(1);
    expect(busy.every((client) => !client.socket.destroyed)).toBe(true);
    for (const client of busy) client.socket.destroy();
  });
});

/**
 * Hostile and normal clients for bench:abuse and the slow-client tests. Loopback only: every
 * target is checked to be 127.0.0.1 or ::1, and every loop is bounded in count and in time.
 */
import { connect, type Socket } from 'node:net';

/** Throws unless `url` points at this machine's loopback interface. */
export function assertLoopback(url: string): URL {
  const parsed = new URL(url);
  if (!['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname)) {
    throw new Error(`refusing to send test traffic to ${parsed.hostname}: loopback only`);
  }
  return parsed;
}

export interface SlowSockets {
  /** Sockets opened that have not been closed yet, by either side. */
  readonly open: number;
  /** Sockets the server closed (or reset) before the client did. */
  readonly closedByServer: number;
  /** Sockets that failed to connect at all. */
  readonly refused: number;
  /** How long after opening each socket the server closed it, in ms. */
  readonly closedAfterMs: readonly number[];
  /** Stops sending and closes every socket still open. */
  stop(): void;
}

/**
 * Slowloris: `count` sockets that each send the start of a request, then one header byte
 * every `byteIntervalMs`, never finishing the headers. Sending stops after `durationMs` (or
 * `stop()`). With `reopen`, a socket the server closes is replaced, as a real attacker does,
 * up to `count * 10` sockets in all.
 */
export function openSlowSockets(
  url: string,
  options: { count: number; byteIntervalMs: number; durationMs: number; reopen?: boolean },
): SlowSockets {
  const target = assertLoopback(url);
  const sockets = new Set<Socket>();
  /** Only these get bytes: a byte before the request line would be a malformed request. */
  const started = new Set<Socket>();
  const closedAfterMs: number[] = [];
  let closedByServer = 0;
  let refused = 0;
  let stopped = false;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port);
  const maxOpened = options.reopen ? options.count * 10 : options.count;
  let opened = 0;

  const openOne = () => {
    opened += 1;
    const openedAt = performance.now();
    const socket = connect({ host, port });
    let connected = false;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      connected = true;
      started.add(socket);
      socket.write(`GET /health HTTP/1.1\r\nHost: ${target.host}\r\nX-Slow: `);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      started.delete(socket);
      if (stopped) return;
      if (!connected) refused += 1;
      else {
        closedByServer += 1;
        closedAfterMs.push(performance.now() - openedAt);
      }
      if (options.reopen && opened < maxOpened) openOne();
    });
  };
  for (let index = 0; index < options.count; index++) openOne();
  const drip = setInterval(() => {
    for (const socket of started) if (socket.writable) socket.write('a');
  }, options.byteIntervalMs);
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(drip);
    clearTimeout(deadline);
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    started.clear();
  };
  const deadline = setTimeout(stop, options.durationMs);
  return {
    get open() {
      return sockets.size;
    },
    get closedByServer() {
      return closedByServer;
    },
    get refused() {
      return refused;
    },
    closedAfterMs,
    stop,
  };
}

export interface LatencyResult {
  sent: number;
  ok: number;
  failed: number;
  /** A few of the failures, for the report. */
  failures: string[];
  p50: number;
  p99: number;
  max: number;
}

/**
 * A normal client: sends `request()` one after another from `concurrency` workers until
 * `count` are sent or `durationMs` has passed, each with its own timeout, and reports latency.
 * With `intervalMs`, each worker starts a request at most that often, as a dashboard would,
 * rather than as fast as it can (which would be a load test, not a normal client).
 */
export async function measureRequests(
  request: (signal: AbortSignal) => Promise<boolean>,
  options: {
    count: number;
    durationMs: number;
    concurrency?: number;
    timeoutMs?: number;
    intervalMs?: number;
  },
): Promise<LatencyResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let sent = 0;
  let failed = 0;
  const deadline = performance.now() + options.durationMs;
  const worker = async () => {
    while (sent < options.count && performance.now() < deadline) {
      sent += 1;
      const started = performance.now();
      try {
        const ok = await request(AbortSignal.timeout(options.timeoutMs ?? 10_000));
        if (!ok) throw new Error('unexpected answer');
        latencies.push(performance.now() - started);
      } catch (error) {
        failed += 1;
        if (failures.length < 3)
          failures.push(error instanceof Error ? error.message : String(error));
      }
      const wait = started + (options.intervalMs ?? 0) - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker));
  latencies.sort((a, b) => a - b);
  const at = (fraction: number) =>
    latencies.length === 0
      ? Number.NaN
      : (latencies[Math.min(latencies.length - 1, Math.ceil(fraction * latencies.length) - 1)] ??
        Number.NaN);
  return {
    sent,
    ok: latencies.length,
    failed,
    failures,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

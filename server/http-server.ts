/**
 * The Node HTTP server around the board's request handler, hardened against slow and idle
 * clients (issue #9): a client gets a bounded time to send its headers and its request, an idle
 * connection is closed, and the number of open connections is capped in a way slow clients
 * cannot use to lock others out.
 *
 * Node's own `maxConnections` refuses newcomers once the cap is reached, which hands the server
 * to whoever opens sockets first: 450 slowloris sockets would leave no room for anyone. Here a
 * newcomer at the cap instead displaces a connection that is doing nothing useful: first one
 * that has not yet sent a whole request (slowest first), then an idle keep-alive one (longest
 * idle first). Only when every connection is in the middle of a request is the newcomer turned
 * away. The header timeout then clears the slow sockets that remain.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HttpServerLimits {
  /** Time a client has to send a request's headers: slowloris sockets get no longer. */
  readonly headersTimeoutMs: number;
  /** Time a client has to send a whole request, body included (a slow body gets no longer). */
  readonly requestTimeoutMs: number;
  /** How long a keep-alive connection may sit idle after a response. */
  readonly keepAliveTimeoutMs: number;
  /** A socket with no traffic either way for this long is closed (e.g. a client not reading). */
  readonly socketIdleTimeoutMs: number;
  /** Open connections at most (see the top of this file for who gives way at the cap). */
  readonly maxConnections: number;
  /**
   * How often Node checks the header and request timeouts. Its default (30 s) would let a
   * 10 s header timeout run to 40 s; checking each second costs one pass over the sockets.
   */
  readonly timeoutCheckIntervalMs: number;
}

/**
 * Real clients send their headers in one packet within milliseconds, even on a poor mobile
 * link well under a second, so 10 s is generous, and it is what a slow socket can hold a slot
 * for. Requests are small (the body cap is far below what a slow link sends in 30 s). 5 s of
 * keep-alive is Node's default and lets a dashboard reuse its connection between polls. The
 * cap is far above what a board's partners and officers open (the load bench uses 100) and far
 * below the process's file limit (often 1,024); a connection costs tens of kilobytes, so 512
 * of them stay within the memory budget.
 */
export const HTTP_LIMITS: HttpServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  socketIdleTimeoutMs: 60_000,
  maxConnections: 512,
  timeoutCheckIntervalMs: 1_000,
};

export interface ConnectionStats {
  /** Connections open now. */
  readonly open: number;
  /** Connections closed to make room for a newcomer at the cap. */
  readonly displaced: number;
  /** Newcomers closed at once because every connection was busy with a request. */
  readonly refused: number;
}

export interface BoardHttpServer {
  readonly server: Server;
  readonly limits: HttpServerLimits;
  readonly connections: ConnectionStats;
}

export function createBoardHttpServer(
  handler: RequestListener,
  limits: Partial<HttpServerLimits> = {},
): BoardHttpServer {
  const settings: HttpServerLimits = { ...HTTP_LIMITS, ...limits };
  const server = createServer(
    {
      // Node requires the header timeout to be within the request timeout.
      headersTimeout: Math.min(settings.headersTimeoutMs, settings.requestTimeoutMs),
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      connectionsCheckingInterval: settings.timeoutCheckIntervalMs,
    },
    handler,
  );
  server.timeout = settings.socketIdleTimeoutMs;

  // Insertion-ordered, so the first entry is the one waiting (or idle) longest.
  const awaitingRequest = new Set<Socket>();
  const idle = new Set<Socket>();
  let open = 0;
  let displaced = 0;
  let refused = 0;

  const firstOther = (sockets: Set<Socket>, newcomer: Socket): Socket | undefined => {
    for (const socket of sockets) if (socket !== newcomer) return socket;
    return undefined;
  };

  server.on('connection', (socket: Socket) => {
    open += 1;
    awaitingRequest.add(socket);
    socket.once('close', () => {
      open -= 1;
      awaitingRequest.delete(socket);
      idle.delete(socket);
    });
    if (open <= settings.maxConnections) return;
    const victim = firstOther(awaitingRequest, socket) ?? firstOther(idle, socket);
    if (victim) {
      displaced += 1;
      awaitingRequest.delete(victim);
      idle.delete(victim);
      victim.destroy();
    } else {
      refused += 1;
      socket.destroy();
    }
  });

  /** Requests in progress per connection (more than one when a client pipelines). */
  const inFlight = new WeakMap<Socket, number>();
  server.on('request', (request, response) => {
    const socket = request.socket;
    awaitingRequest.delete(socket);
    idle.delete(socket);
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    // 'close' comes after the response is sent, and also when it never could be.
    response.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      // Back to waiting for the next request on this connection, as the newest idle one.
      if (left === 0 && !socket.destroyed) idle.add(socket);
    });
  });

  return {
    server,
    limits: settings,
    connections: {
      get open() {
        return open;
      },
      get displaced() {
        return displaced;
      },
      get refused() {
        return refused;
      },
    },
  };
}

/** Starts listening; resolves with the port (useful when asked for port 0). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo | null;
      resolve(address?.port ?? port);
    });
  });
}

/**
 * Why listening failed, as one sentence an officer can act on (no stack trace: the cause is
 * the configuration or the machine, never the code). Node's own messages (`listen EADDRINUSE:
 * address already in use 127.0.0.1:4000`) name the error, not what to do about it.
 */
export function listenErrorMessage(error: unknown, port: number, host: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = `port ${port} on ${host}`;
  switch (code) {
    case 'EADDRINUSE':
      return (
        `The server cannot start: ${where} is already in use (another server, or an earlier ` +
        'run still going); stop that one, or set PORT to a free port.'
      );
    case 'EACCES':
    case 'EPERM':
      return (
        `The server cannot start: this user may not listen on ${where}; use a port above 1023 ` +
        '(set PORT), and let the container host or proxy answer on 80 and 443.'
      );
    case 'EADDRNOTAVAIL':
      return (
        `The server cannot start: HOST ${host} is not an address of this machine; use ` +
        '127.0.0.1 (this machine only), 0.0.0.0 (every network, as in a container) or one of its own addresses.'
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return (
        `The server cannot start: HOST ${host} is not a name this machine can find; use ` +
        '127.0.0.1, 0.0.0.0 or one of its own addresses.'
      );
    default:
      return `The server cannot start: it cannot listen on ${where} (${error instanceof Error ? error.message : String(error)}).`;
  }
}

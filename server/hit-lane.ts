/**
 * The early lane (issue #10): a kept answer (response-cache.ts) sent straight from Node's
 * request event, before the request is made into a fetch `Request` and walks yoga's hooks.
 * Yoga alone, answering from its first hook, reaches about two thirds of what a plain
 * `node:http` server does on this machine, which leaves a partner's cached report no way to
 * reach half of it through the plugins; here a hit costs the token check, one lookup, the log
 * line and the metrics.
 *
 * Only the plainest request takes the lane, and only for its answer to be sent as yoga would
 * send it (same status, headers and bytes; the same log line and metrics). Any other request
 * goes on to yoga untouched, before a byte of its body is read:
 * - a POST to exactly the GraphQL endpoint (no query string: the page's `?token=` is yoga's);
 * - no `Origin` header: CORS (plugins/cors.ts) is yoga's, so a browser's call goes there;
 * - a JSON content type and a declared Content-Length of at most `LANE_MAX_BODY_BYTES` (no
 *   chunked body, so the size is known before reading; see there for why so small);
 * - a bearer token that grants OFFICER or PARTNER: no token, a bad one, or REFRESH is for
 *   authentication and the refresh hook to answer;
 * - a snapshot to serve at once (`servedNow`): before the first good read, yoga says why not.
 * Then the body is read, and if the store holds its answer it is sent. If not, the body is handed
 * on to yoga as `request.body`, which @whatwg-node/server takes as a body already read (as
 * behind a framework's body parser), and the request goes through every plugin as if there
 * were no lane: a miss costs one more lookup. (That is @whatwg-node/server's behaviour, not a
 * promise of yoga's: tests/hit-lane.test.ts sends misses through the lane, and would fail if an
 * upgrade stopped taking the body.)
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { bearerToken, type TokenTable } from './auth';
import type { Role } from './graphql/context';
import type { BoardMetrics } from './plugins/metrics';
import { requestLogLine } from './plugins/request-log';
import { isJsonContentType, type ResponseCache } from './response-cache';
import type { CachedSnapshot } from './snapshot-cache';

/**
 * The largest body the lane reads. A report query is a few hundred bytes, the biggest real one a
 * few kilobytes. A miss costs the handing on in proportion to its size (@whatwg-node/server
 * lists a Buffer's keys to see that it is not empty: about 5 ms for 64 KB), so bodies beyond
 * this go to yoga unread, as before the lane, and a partner cannot make misses dear.
 */
export const LANE_MAX_BODY_BYTES = 8 * 1024;

export interface HitLaneOptions {
  /** Yoga's Node listener: every request the lane does not answer. */
  readonly next: RequestListener;
  readonly endpoint: string;
  readonly tokens: TokenTable;
  /** The snapshot a request is answered from now, or null when none can be (not read yet). */
  readonly servedNow: () => Pick<CachedSnapshot, 'version' | 'stale' | 'readAt'> | null;
  readonly responses: Pick<ResponseCache, 'answerNow'>;
  readonly metrics: Pick<BoardMetrics, 'answeredEarly'>;
  readonly now: () => Date;
  readonly log?: (line: Record<string, unknown>) => void;
}

export function hitLane(options: HitLaneOptions): RequestListener {
  const { next } = options;
  return (request, response) => {
    const role = laneRole(request, options);
    if (role === null) {
      next(request, response);
      return;
    }
    const startedAt = performance.now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client that goes away mid-body gets nothing: Node closes its socket.
    request.on('error', () => {});
    request.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      let sent = false;
      try {
        sent = answered(request, response, role, body, startedAt, options);
      } catch {
        // Nothing here should throw; if something does, the pipeline answers (and a 500 is
        // logged there) rather than the process stopping. Once sent, the answer stands; one
        // left half-sent is cut off, so the client is not kept waiting for the rest.
        sent = response.headersSent;
        if (sent && !response.writableEnded) response.destroy();
      }
      if (!sent) {
        // Read already: @whatwg-node/server builds the fetch Request from this, not the stream.
        Object.assign(request, { body });
        next(request, response);
      }
    });
  };
}

/** The role of a request the lane may answer, or null when it is yoga's (see the top). */
function laneRole(request: IncomingMessage, options: HitLaneOptions): Role | null {
  const headers = request.headers;
  if (request.method !== 'POST' || request.url !== options.endpoint) return null;
  if (headers.origin !== undefined || headers['transfer-encoding'] !== undefined) return null;
  if (!isJsonContentType(headers['content-type'])) return null;
  const length = headers['content-length'];
  // Yoga refuses an empty body, and says why.
  if (length === undefined || !/^\d+$/.test(length)) return null;
  const bytes = Number(length);
  if (bytes === 0 || bytes > LANE_MAX_BODY_BYTES) return null;
  const token = bearerToken(headers.authorization ?? null);
  const role = token === null ? null : options.tokens.roleOf(token);
  return role === 'OFFICER' || role === 'PARTNER' ? role : null;
}

/** Sends the kept answer for this body if there is one; false when yoga must answer. */
function answered(
  request: IncomingMessage,
  response: ServerResponse,
  role: Role,
  body: Buffer,
  startedAt: number,
  options: HitLaneOptions,
): boolean {
  const cached = options.servedNow();
  if (cached === null) return false;
  const answer = options.responses.answerNow({
    role,
    accept: request.headers.accept ?? '',
    body: body.toString('utf8'),
    cached,
  });
  if (answer === null) return false;
  response.writeHead(200, {
    'content-type': answer.contentType,
    'content-length': String(answer.bytes.length),
  });
  response.end(answer.bytes);
  const state = {
    role,
    startedAt,
    ...(answer.operationName ? { operation: answer.operationName } : {}),
  };
  options.log?.(
    requestLogLine({
      time: options.now(),
      method: 'POST',
      path: options.endpoint,
      status: 200,
      state,
    }),
  );
  options.metrics.answeredEarly({
    operationName: answer.operationName,
    role,
    seconds: (performance.now() - startedAt) / 1000,
  });
  return true;
}

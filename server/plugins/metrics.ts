/**
 * `GET /metrics`: the server's figures for Prometheus (text format, prom-client), for a
 * council's monitoring to graph and alert on: requests by route, operation, role and outcome,
 * how long they took, reads of the sheet and their failures, the snapshot's age, refresh hints
 * and the reads they started, and answers given from the response cache.
 *
 * Who may read it: an officer token, or `METRICS_TOKEN`, a token that can read this and nothing
 * else (so the monitoring system never holds a token that reads members' details). Partners may
 * not: the figures say how the board is used, which is the council's business. Put it before
 * authentication, which would refuse `METRICS_TOKEN`, and after the request log, so that the
 * scrape itself is logged like any request.
 *
 * Each server has its own registry (never prom-client's global one), so two servers in one
 * process (tests, or two boards) keep their figures apart, and nothing leaks between tests.
 *
 * Labels stay few whatever clients send, because each distinct value is a series Prometheus
 * keeps forever: routes are a fixed list, roles are the server's, and operation names (chosen by
 * clients) are kept as sent for the first MAX_OPERATION_LABELS distinct ones, then counted as
 * "(other)".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type GraphQLError, type GraphQLFormattedError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { bearerToken } from '../auth';
import type { TokenRole } from '../graphql/context';
import type { SnapshotCache } from '../snapshot-cache';
import { type Authenticator, authenticate } from './authentication';
import { noteOperationName } from './request-log';
import type { RequestStates } from './request-state';

export const METRICS_PATH = '/metrics';

/** Distinct operation names kept as labels; later ones are counted as "(other)". */
export const MAX_OPERATION_LABELS = 50;
/** The operation label of a GraphQL request that names none, and of any other request. */
export const NO_OPERATION = '(none)';
export const OTHER_OPERATION = '(other)';

/**
 * Seconds. Hits from the response cache answer in about a millisecond, executed reports in
 * tens, a refresh-bound first request in seconds.
 */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds a read of the board takes: a local workbook in milliseconds, Google in about one. */
const READ_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type Outcome = 'ok' | 'partial' | 'client_error' | 'server_error';

/**
 * One server's figures. Made before the snapshot cache, since the cache's `log` option is how
 * reads and their errors reach it (`snapshotEvent`); the plugin then reads the cache's status
 * for the rest.
 */
export interface BoardMetrics {
  readonly registry: Registry;
  /** Give it every event of the snapshot cache's `log` (others are ignored). */
  snapshotEvent(event: object): void;
  /** Counts one answer from the response cache (its `onHit`). */
  responseCacheHit(): void;
  /**
   * Counts a request the early lane answered from the response cache before the plugins saw
   * it (hit-lane.ts), as the plugins would have: a GraphQL request, its outcome ok, its time,
   * and a hit.
   */
  answeredEarly(request: EarlyAnswered): void;
}

/** What the early lane knows of a request it answered. */
export interface EarlyAnswered {
  readonly operationName: string | null;
  readonly role: TokenRole;
  readonly seconds: number;
}

/** What the plugin records into, kept out of the public interface. */
const instrumentsOf = new WeakMap<BoardMetrics, Instruments>();

interface Instruments {
  readonly requests: Counter<'route' | 'operation' | 'role' | 'outcome'>;
  readonly latency: Histogram<'route' | 'operation'>;
  readonly executions: Counter<'type'>;
  readonly cacheHits: Counter;
  readonly readErrors: Counter;
  readonly readSeconds: Histogram<'ok'>;
  /** Operation names as labels, shared by the plugin and the early lane. */
  readonly operations: OperationLabels;
  /** Set once a cache is bound (its status is read at each scrape). */
  boundCache: MetricsCache | null;
}

/** What the metrics read from the snapshot cache (`hintCounts` when it takes hints). */
export type MetricsCache = Pick<SnapshotCache, 'status'> &
  Partial<Pick<SnapshotCache, 'hintCounts'>>;

export interface BoardMetricsOptions {
  /**
   * Also Node's own figures (memory, CPU, event-loop delay, open handles): what a running
   * service wants. Off by default, because each set watches the event loop for the life of
   * the process, which tests that make hundreds of servers have no use for.
   */
  readonly processMetrics?: boolean;
}

export function boardMetrics(options: BoardMetricsOptions = {}): BoardMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const instruments: Instruments = {
    requests: new Counter({
      name: 'board_http_requests_total',
      help: 'Requests answered, by route, GraphQL operation name, role and outcome.',
      labelNames: ['route', 'operation', 'role', 'outcome'],
      registers,
    }),
    latency: new Histogram({
      name: 'board_http_request_duration_seconds',
      help: 'Time from a request reaching the server to its response being ready.',
      labelNames: ['route', 'operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    executions: new Counter({
      name: 'board_graphql_executions_total',
      help: 'GraphQL operations executed (not answered from the response cache), by type.',
      labelNames: ['type'],
      registers,
    }),
    cacheHits: new Counter({
      name: 'board_response_cache_hits_total',
      help: 'GraphQL answers given from the response cache, without executing.',
      registers,
    }),
    readErrors: new Counter({
      name: 'board_upstream_read_errors_total',
      help: 'Reads of the board (attempts, retries included) that failed.',
      registers,
    }),
    readSeconds: new Histogram({
      name: 'board_upstream_read_duration_seconds',
      help: 'Time each read of the board took (attempts, retries included), by success.',
      labelNames: ['ok'],
      buckets: READ_BUCKETS,
      registers,
    }),
    operations: operationLabels(),
    boundCache: null,
  };
  const status = () => instruments.boundCache?.status() ?? null;
  let readsSeen = 0;
  new Counter({
    name: 'board_upstream_reads_total',
    help: 'Reads of the board started (attempts, retries included).',
    registers,
    // The cache counts its reads itself; a scrape adds what it has counted since the last.
    collect() {
      const reads = status()?.reads ?? readsSeen;
      if (reads > readsSeen) this.inc(reads - readsSeen);
      readsSeen = reads;
    },
  });
  // Counted by the cache, like its reads: a scrape adds what it has counted since the last.
  const hints = () => instruments.boundCache?.hintCounts?.() ?? null;
  let hintsSeen = 0;
  new Counter({
    name: 'board_refresh_hints_total',
    help: 'Refresh hints received (POST /hooks/sheet-changed from the sheet).',
    registers,
    collect() {
      const received = hints()?.received ?? hintsSeen;
      if (received > hintsSeen) this.inc(received - hintsSeen);
      hintsSeen = received;
    },
  });
  let hintReadsSeen = 0;
  new Counter({
    name: 'board_refresh_hint_reads_total',
    help: 'Reads of the board started by refresh hints (hints arriving together share one).',
    registers,
    collect() {
      const reads = hints()?.reads ?? hintReadsSeen;
      if (reads > hintReadsSeen) this.inc(reads - hintReadsSeen);
      hintReadsSeen = reads;
    },
  });
  new Gauge({
    name: 'board_snapshot_age_seconds',
    help: 'Seconds since the served snapshot was read (NaN before the first good read).',
    registers,
    collect() {
      this.set(status()?.ageSeconds ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'board_upstream_failing',
    help: '1 while the last read of the board failed (stale answers are being served), else 0.',
    registers,
    collect() {
      this.set(status()?.lastError ? 1 : 0);
    },
  });
  new Gauge({
    name: 'board_snapshot_refreshing',
    help: '1 while a read of the board is in flight, else 0.',
    registers,
    collect() {
      this.set(status()?.refreshing ? 1 : 0);
    },
  });

  const metrics: BoardMetrics = {
    registry,
    responseCacheHit() {
      instruments.cacheHits.inc();
    },
    answeredEarly({ operationName, role, seconds }) {
      const route = 'graphql';
      // No kept answer has a name over MAX_OPERATION_NAME_LENGTH (such requests are refused).
      const operation = instruments.operations.label(operationName ?? undefined);
      instruments.requests.inc({ route, operation, role, outcome: 'ok' });
      instruments.latency.observe({ route, operation }, seconds);
      instruments.cacheHits.inc();
    },
    snapshotEvent(event) {
      const { event: kind, ok, ms } = event as { event?: unknown; ok?: unknown; ms?: unknown };
      if (kind !== 'refresh' || typeof ok !== 'boolean') return;
      if (!ok) instruments.readErrors.inc();
      if (typeof ms === 'number') instruments.readSeconds.observe({ ok: String(ok) }, ms / 1000);
    },
  };
  instrumentsOf.set(metrics, instruments);
  return metrics;
}

export interface MetricsOptions {
  readonly metrics: BoardMetrics;
  readonly cache: MetricsCache;
  readonly states: RequestStates;
  readonly authenticators: readonly Authenticator[];
  /** `METRICS_TOKEN`: may read the metrics and nothing else. */
  readonly metricsToken?: string | null;
  /** The GraphQL endpoint's path. */
  readonly endpoint: string;
}

interface Seen {
  readonly startedAt: number;
  readonly route: string;
  errors: 'none' | 'partial' | 'only' | 'internal';
}

export function useMetrics(options: MetricsOptions): Plugin {
  const { metrics, states, endpoint } = options;
  const instruments = instrumentsOf.get(metrics);
  if (!instruments) throw new Error('useMetrics needs metrics made by boardMetrics().');
  if (instruments.boundCache !== null && instruments.boundCache !== options.cache) {
    throw new Error('One BoardMetrics per server: this one already reports another board.');
  }
  instruments.boundCache = options.cache;
  const isMetricsToken = constantTimeMatcher(options.metricsToken ?? null);
  const seen = new WeakMap<Request, Seen>();
  const operations = instruments.operations;

  return {
    // Not async: every request but the scrape passes on at once, without a promise.
    onRequest({ request, url, endResponse }) {
      const pathname = url.pathname;
      seen.set(request, {
        startedAt: performance.now(),
        route: routeOf(pathname, endpoint),
        errors: 'none',
      });
      if (pathname !== METRICS_PATH || request.method !== 'GET') return;
      const refusal = refuse(request, url);
      if (refusal) {
        endResponse(refusal);
        return;
      }
      return metrics.registry.metrics().then((text) => {
        endResponse(
          new Response(text, {
            status: 200,
            headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' },
          }),
        );
      });
    },
    onParams({ request, params }) {
      // The request log notes it too when there is one; a server without a log still needs it.
      noteOperationName(states, request, params.operationName);
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      instruments.executions.inc({ type: operation?.operation ?? 'unknown' });
    },
    onResultProcess({ request, result }) {
      const entry = seen.get(request);
      if (!entry || Symbol.asyncIterator in result) return;
      entry.errors = errorKind(Array.isArray(result) ? result : [result]);
    },
    onResponse({ request, response }) {
      const entry = seen.get(request);
      // The route as the request arrived (yoga has parsed its URL once already).
      const route = entry?.route ?? routeOf(new URL(request.url).pathname, endpoint);
      const state = states(request);
      const operation = route === 'graphql' ? operations.label(state.operation) : NO_OPERATION;
      const outcome = outcomeOf(response.status, entry?.errors ?? 'none');
      instruments.requests.inc({ route, operation, role: state.role ?? 'none', outcome });
      if (entry) {
        instruments.latency.observe(
          { route, operation },
          (performance.now() - entry.startedAt) / 1000,
        );
      }
    },
  };

  /** Null when the request may read the metrics, else the response that says why not. */
  function refuse(request: Request, url: URL): Response | null {
    const token = bearerToken(request.headers.get('authorization'));
    if (token !== null && isMetricsToken(token)) return null;
    const asking = authenticate(options.authenticators, request, url);
    if (asking.outcome === 'granted' && asking.role === 'OFFICER') return null;
    if (asking.outcome === 'granted') {
      return plain(403, 'The metrics are for officers and monitoring (METRICS_TOKEN) only.\n');
    }
    return plain(
      401,
      'Send "Authorization: Bearer <token>" with an officer token or METRICS_TOKEN.\n',
      { 'www-authenticate': 'Bearer realm="metrics"' },
    );
  }
}

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

/** Compares in constant time (both sides hashed to one length first), as auth.ts does. */
function constantTimeMatcher(expected: string | null): (token: string) => boolean {
  if (expected === null) return () => false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  const wanted = digest(expected);
  return (token) => timingSafeEqual(wanted, digest(token));
}

interface OperationLabels {
  label(name: string | undefined): string;
}

/** Operation names as labels, bounded (see the top of this file). */
function operationLabels(): OperationLabels {
  const kept = new Set<string>();
  return {
    label(name: string | undefined): string {
      // GraphQL names are letters, digits and underscores; anything else is not one.
      if (!name || !/^[_A-Za-z][_0-9A-Za-z]*$/.test(name)) return NO_OPERATION;
      if (kept.has(name)) return name;
      if (kept.size >= MAX_OPERATION_LABELS) return OTHER_OPERATION;
      kept.add(name);
      return name;
    },
  };
}

/** A fixed list, whatever path a client asks for. */
export function routeOf(pathname: string, endpoint: string): string {
  if (pathname === endpoint) return 'graphql';
  if (pathname === '/health') return 'health';
  if (pathname === METRICS_PATH) return 'metrics';
  if (pathname.startsWith('/packs/')) return 'packs';
  if (pathname.startsWith('/reports/')) return 'reports';
  if (pathname.startsWith('/hooks/')) return 'hooks';
  if (pathname.startsWith('/graphiql/')) return 'graphiql_assets';
  if (pathname === '/' || pathname.startsWith('/session')) return 'pages';
  return 'other';
}

interface ResultLike {
  readonly data?: unknown;
  readonly errors?: readonly (GraphQLError | GraphQLFormattedError)[];
}

function errorKind(results: readonly ResultLike[]): Seen['errors'] {
  const errors = results.flatMap((result) => result.errors ?? []);
  if (errors.length === 0) return 'none';
  if (errors.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
    return 'internal';
  }
  return results.some((result) => result.data != null) ? 'partial' : 'only';
}

/**
 * ok: answered in full; partial: data with some errors (a partner asking for attendance);
 * client_error: refused or invalid (4xx, or GraphQL errors only); server_error: 5xx, an
 * unexpected error, or the board not readable yet.
 */
export function outcomeOf(status: number, errors: Seen['errors']): Outcome {
  if (status >= 500 || errors === 'internal') return 'server_error';
  if (status >= 400 || errors === 'only') return 'client_error';
  return errors === 'partial' ? 'partial' : 'ok';
}

/**
 * The GraphQL server as a fetch handler (no sockets here: `index.ts` listens, tests call
 * `yoga.fetch`), composed of one-purpose plugins in `plugins/`. A request goes: request log ->
 * metrics (counts every request; `GET /metrics` for officers or METRICS_TOKEN) -> health check
 * (open) -> GraphiQL's files (open) -> sign-in and sign-out (the sign-in form for a
 * browser with no credential) -> authentication -> refresh hints (`POST /hooks/sheet-changed`;
 * a REFRESH token goes no further) -> request limits -> pack downloads -> the portal's pages and
 * CSV downloads -> one snapshot for the whole request (the context) -> response cache ->
 * armoured parse and validation -> cost with the variables' values -> resolvers (a mutation's
 * recordings all at once), with `extensions.asOf` (and `stale` when the snapshot is old), and
 * suggestions taken out of errors for those who may not introspect. Plugin order matters and is
 * the order below. In front of it all, for Node's HTTP server, the early lane sends the
 * plainest requests' kept answers before yoga sees them (hit-lane.ts).
 */
import { readFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import {
  createSchema,
  createYoga,
  type YogaInitialContext,
  type YogaServerInstance,
} from 'graphql-yoga';
import { londonToday } from '../schema/dates';
import type { TokenTable } from './auth';
import { resolvers } from './graphql/resolvers';
import { namedArgumentErrors } from './graphql/validation';
import { hitLane } from './hit-lane';
import type { CirculationRecorder } from './packs/record';
import { renderBoardGraphiql } from './pages/graphiql';
import type { PageCache } from './pages/page-cache';
import { boundedParserCache } from './parse-cache';
import { armorPlugins } from './plugins/armor';
import { useAtomicCirculation } from './plugins/atomic-circulation';
import { bearerAuthenticator, useAuthentication } from './plugins/authentication';
import {
  type BoardServerContext,
  boardContext,
  type ServedSnapshots,
  snapshotPerRequest,
} from './plugins/board-snapshot';
import { corsPolicy } from './plugins/cors';
import { useGraphiqlAssets } from './plugins/graphiql-assets';
import {
  graphiqlPage,
  pageTokenAuthenticator,
  useGraphiqlPageHeaders,
} from './plugins/graphiql-page';
import { useHealth } from './plugins/health';
import { useHideSuggestions } from './plugins/hide-suggestions';
import { type BoardMetrics, boardMetrics, useMetrics } from './plugins/metrics';
import { usePackRoutes } from './plugins/pack-routes';
import { usePages } from './plugins/pages';
import { useQueryCost } from './plugins/query-cost';
import { useRefreshHints } from './plugins/refresh-hints';
import { MAX_REQUEST_BODY_BYTES, useRequestLimits } from './plugins/request-limits';
import { noteOperationName, useRequestLog } from './plugins/request-log';
import { boardRoleOf, requestStates } from './plugins/request-state';
import {
  type SessionOptions,
  SessionStore,
  sessionAuthenticator,
  sessionOf,
  useSessionRoutes,
} from './plugins/session';
import { useSnapshotExtensions } from './plugins/stale-extension';
import { createResponseCache, type ResponseStore } from './response-cache';
import type { SnapshotCache } from './snapshot-cache';

export type { BoardServerContext } from './plugins/board-snapshot';

const GRAPHQL_ENDPOINT = '/graphql';

const typeDefs = readFileSync(new URL('../schema/graphql/board.graphql', import.meta.url), 'utf8');

export interface BoardServerOptions {
  /** Refresh hints and their figures need `hint` and `hintCounts` (a SnapshotCache has both). */
  readonly cache: ServedSnapshots &
    Pick<SnapshotCache, 'status'> &
    Partial<Pick<SnapshotCache, 'hint' | 'hintCounts' | 'servedNow'>>;
  readonly tokens: TokenTable;
  /** The bundled demo board: GraphiQL and introspection for partners too. */
  readonly demo: boolean;
  /** Writes Circulation rows for `recordCirculation`; without it the mutation says so. */
  readonly recorder?: CirculationRecorder;
  readonly now?: () => Date;
  /** One structured line per request; never a token, a query text or personal data. */
  readonly log?: (line: Record<string, unknown>) => void;
  /** Web origins allowed to call the API from a browser (`BOARD_CORS_ORIGINS`); none by default. */
  readonly corsOrigins?: readonly string[];
  /** Where answers are kept (tests pass their own to look inside); a bounded one by default. */
  readonly responseStore?: ResponseStore;
  /** The portal's sessions: how long they last, when cookies are Secure (DESIGN §8). */
  readonly sessions?: SessionOptions;
  /** Where the portal's pages are kept (tests pass their own); a bounded one by default. */
  readonly pageCache?: PageCache;
  /**
   * The figures `GET /metrics` serves (index.ts also feeds it the snapshot cache's events);
   * a registry of this server's own by default.
   */
  readonly metrics?: BoardMetrics;
  /** `METRICS_TOKEN`: a token that may read `GET /metrics` and nothing else. */
  readonly metricsToken?: string | null;
}

export type BoardYoga = YogaServerInstance<object, BoardServerContext>;

export interface BoardServer {
  /** The fetch handler, through every plugin (tests call `yoga.fetch`). */
  readonly yoga: BoardYoga;
  /**
   * What Node's HTTP server calls: kept answers from the early lane (hit-lane.ts) when the
   * cache can serve a snapshot at once, everything else through `yoga`.
   */
  readonly listener: RequestListener;
}

/** The board's server as a fetch handler only, without the early lane. */
export function createBoardYoga(options: BoardServerOptions): BoardYoga {
  return createBoardServer(options).yoga;
}

export function createBoardServer(options: BoardServerOptions): BoardServer {
  const now = options.now ?? (() => new Date());
  const today = () => londonToday(now());
  const states = requestStates();
  const snapshotOf = snapshotPerRequest(options.cache);
  const secureCookies = options.sessions?.secureCookies;
  const sessions = new SessionStore({
    now: () => now().getTime(),
    ...(options.sessions?.lifetimeSeconds
      ? { lifetimeSeconds: options.sessions.lifetimeSeconds }
      : {}),
  });
  // The bearer header first: a bad header is refused even on a page that carries ?token= or a
  // session cookie. The cookie is tried last, and only for GET pages (never POST /graphql).
  const authenticators = [
    bearerAuthenticator(options.tokens),
    pageTokenAuthenticator(options.tokens),
    sessionAuthenticator(sessions, secureCookies),
  ];
  // One schema for the API and the portal's pages, which ask it as the asker.
  const metrics = options.metrics ?? boardMetrics();
  const schema = createSchema<BoardServerContext & YogaInitialContext>({ typeDefs, resolvers });
  const responses = createResponseCache({
    snapshotOf,
    roleOf: (request) => boardRoleOf(states(request)),
    todayOf: today,
    endpoint: GRAPHQL_ENDPOINT,
    onOperationName: (request, name) => noteOperationName(states, request, name),
    onHit: () => metrics.responseCacheHit(),
    ...(options.responseStore ? { store: options.responseStore } : {}),
  });

  // Those who may not introspect get no piece of the schema from error messages either.
  const mayNotIntrospect = (request: Request) =>
    !options.demo && states(request).role === 'PARTNER';

  const yoga = createYoga<object, BoardServerContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    // Yoga's own health check answers any URL ending in this. Browsers never send a fragment,
    // so only a hand-made request can match, and it gets an empty 200 that says nothing;
    // GET /health is ours (it reports the snapshot's age).
    healthCheckEndpoint: '#built-in-health-check-off',
    landingPage: false,
    maskedErrors: true,
    logging: false,
    cors: corsPolicy(options.corsOrigins ?? []),
    // Enforced by yoga before the body is read (Content-Length) or while it arrives (chunked);
    // request-limits.ts words the 413.
    maxRequestBodySize: MAX_REQUEST_BODY_BYTES,
    parserAndValidationCache: boundedParserCache(),
    graphiql: graphiqlPage({
      tokens: options.tokens,
      demo: options.demo,
      sessionOf: (request, url) => sessionOf(sessions, request, url, secureCookies),
      today,
    }),
    // GraphiQL's files from node_modules, not a CDN: the page works with no internet.
    renderGraphiQL: renderBoardGraphiql,
    context: boardContext({ snapshotOf, states, today, recorder: options.recorder }),
    plugins: [
      ...(options.log ? [useRequestLog({ states, now, log: options.log })] : []),
      useMetrics({
        metrics,
        cache: options.cache,
        states,
        authenticators,
        metricsToken: options.metricsToken ?? null,
        endpoint: GRAPHQL_ENDPOINT,
      }),
      useHealth({ cache: options.cache, authenticators }),
      useGraphiqlAssets(),
      useSessionRoutes({ tokens: options.tokens, sessions, authenticators, secureCookies }),
      useAuthentication({ authenticators, states }),
      useRefreshHints({ cache: options.cache, states }),
      useRequestLimits(),
      usePackRoutes({ snapshotOf, states }),
      usePages({
        schema,
        snapshotOf,
        states,
        today,
        demo: options.demo,
        sessions,
        secureCookies,
        ...(options.pageCache ? { cache: options.pageCache } : {}),
      }),
      useSnapshotExtensions(),
      responses.plugin,
      ...armorPlugins(),
      namedArgumentErrors(),
      useDisableIntrospection({ isDisabled: mayNotIntrospect }),
      // Cost before the recordings: a refused mutation writes nothing.
      useQueryCost(),
      useAtomicCirculation(),
      useHideSuggestions({ hides: mayNotIntrospect }),
      useGraphiqlPageHeaders(),
    ],
  });
  // Only with `getNow` too: requests through yoga then never wait for a refresh either, so both
  // paths serve the same snapshot at any moment.
  const servedNow = options.cache.getNow && options.cache.servedNow?.bind(options.cache);
  const listener: RequestListener = servedNow
    ? hitLane({
        next: yoga,
        endpoint: GRAPHQL_ENDPOINT,
        tokens: options.tokens,
        servedNow,
        responses,
        metrics,
        now,
        ...(options.log ? { log: options.log } : {}),
      })
    : yoga;
  return { yoga, listener };
}

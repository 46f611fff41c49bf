/**
 * The GraphQL server as a fetch handler (no sockets here: `index.ts` listens, tests call
 * `yoga.fetch`), composed of one-purpose plugins in `plugins/`. A request goes: request log ->
 * health check (open) -> authentication -> request limits -> pack downloads -> one snapshot for
 * the whole request (the context) -> response cache -> armoured parse and validation -> cost
 * with the variables' values -> resolvers (a mutation's recordings all at once), with
 * `extensions.stale` when the snapshot is old, and suggestions taken out of errors for those who
 * may not introspect. Plugin order matters and is the order below.
 */
import { readFileSync } from 'node:fs';
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
import type { CirculationRecorder } from './packs/record';
import { boundedParserCache } from './parse-cache';
import { armorPlugins } from './plugins/armor';
import { useAtomicCirculation } from './plugins/atomic-circulation';
import { bearerAuthenticator, useAuthentication } from './plugins/authentication';
import {
  type BoardServerContext,
  boardContext,
  snapshotPerRequest,
} from './plugins/board-snapshot';
import { corsPolicy } from './plugins/cors';
import {
  graphiqlPage,
  pageTokenAuthenticator,
  useGraphiqlPageHeaders,
} from './plugins/graphiql-page';
import { useHealth } from './plugins/health';
import { useHideSuggestions } from './plugins/hide-suggestions';
import { usePackRoutes } from './plugins/pack-routes';
import { useQueryCost } from './plugins/query-cost';
import { MAX_REQUEST_BODY_BYTES, useRequestLimits } from './plugins/request-limits';
import { useRequestLog } from './plugins/request-log';
import { requestStates } from './plugins/request-state';
import { useStaleExtension } from './plugins/stale-extension';
import { type ResponseStore, useResponseCache } from './response-cache';
import type { SnapshotCache } from './snapshot-cache';

export type { BoardServerContext } from './plugins/board-snapshot';

const typeDefs = readFileSync(new URL('../schema/graphql/board.graphql', import.meta.url), 'utf8');

export interface BoardServerOptions {
  readonly cache: Pick<SnapshotCache, 'get' | 'status'>;
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
}

export type BoardYoga = YogaServerInstance<object, BoardServerContext>;

export function createBoardYoga(options: BoardServerOptions): BoardYoga {
  const now = options.now ?? (() => new Date());
  const today = () => londonToday(now());
  const states = requestStates();
  const snapshotOf = snapshotPerRequest(options.cache);
  // The bearer header first: a bad header is refused even on a page that carries ?token=.
  const authenticators = [
    bearerAuthenticator(options.tokens),
    pageTokenAuthenticator(options.tokens),
  ];

  // Those who may not introspect get no piece of the schema from error messages either.
  const mayNotIntrospect = (request: Request) =>
    !options.demo && states(request).role === 'PARTNER';

  return createYoga<object, BoardServerContext>({
    schema: createSchema<BoardServerContext & YogaInitialContext>({ typeDefs, resolvers }),
    graphqlEndpoint: '/graphql',
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
    graphiql: graphiqlPage({ tokens: options.tokens, demo: options.demo }),
    context: boardContext({ snapshotOf, states, today, recorder: options.recorder }),
    plugins: [
      ...(options.log ? [useRequestLog({ states, now, log: options.log })] : []),
      useHealth({ cache: options.cache, authenticators }),
      useAuthentication({ authenticators, states }),
      useRequestLimits(),
      usePackRoutes({ snapshotOf }),
      useStaleExtension(),
      useResponseCache({
        snapshotOf,
        roleOf: (request) => states(request).role,
        todayOf: today,
        ...(options.responseStore ? { store: options.responseStore } : {}),
      }),
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
}

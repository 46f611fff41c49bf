/**
 * The GraphQL server as a fetch handler (no sockets here: `index.ts` listens, tests call
 * `yoga.fetch`). Requests go: health check or authentication -> one snapshot for the whole
 * request -> armoured validation -> resolvers, with `extensions.stale` when the snapshot is old.
 */
import { readFileSync } from 'node:fs';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError } from 'graphql';
import {
  createSchema,
  createYoga,
  type Plugin,
  type YogaInitialContext,
  type YogaServerInstance,
} from 'graphql-yoga';
import { londonToday } from '../schema/dates';
import { bearerToken, type TokenTable } from './auth';
import type { BoardContext, Role } from './graphql/context';
import { resolvers } from './graphql/resolvers';
import { namedArgumentErrors } from './graphql/validation';
import type { CirculationRecorder } from './packs/record';
import { isPackPath, packResponse } from './packs/route';
import { responseCache } from './response-cache';
import type { CachedSnapshot, SnapshotCache } from './snapshot-cache';

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
}

/** The request-level context: the resolvers' context plus what the plugins need. */
export interface BoardServerContext extends BoardContext {
  readonly stale: CachedSnapshot['stale'];
}

export type BoardYoga = YogaServerInstance<object, BoardServerContext>;

export function createBoardYoga(options: BoardServerOptions): BoardYoga {
  const now = options.now ?? (() => new Date());
  const roles = new WeakMap<Request, Role>();
  const operations = new WeakMap<Request, string>();
  const started = new WeakMap<Request, number>();

  const today = () => londonToday(now());
  const results = responseCache({
    snapshots: options.cache,
    roleOf: (request) => roles.get(request),
    todayOf: today,
  });

  const armor = new EnvelopArmor({
    maxDepth: { n: 6 },
    maxAliases: { n: 15 },
    costLimit: { maxCost: 5000 },
    maxTokens: { n: 1000 },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: true },
  });

  const access: Plugin<BoardServerContext> = {
    async onRequest({ request, url, endResponse }) {
      started.set(request, performance.now());
      if (url.pathname === '/health' && request.method === 'GET') {
        const asking = bearerToken(request.headers.get('authorization'));
        const officer = asking !== null && options.tokens.roleOf(asking) === 'OFFICER';
        endResponse(health(options.cache, officer));
        return;
      }
      const token =
        bearerToken(request.headers.get('authorization')) ?? graphiqlPageToken(request, url);
      const role = token === null ? null : options.tokens.roleOf(token);
      if (role === null) {
        endResponse(unauthorised(token !== null));
        return;
      }
      roles.set(request, role);
      if (isPackPath(url.pathname) && request.method === 'GET') {
        try {
          endResponse(packResponse(url, (await results.snapshotFor(request)).snapshot));
        } catch (error) {
          endResponse(
            new Response(`${error instanceof Error ? error.message : String(error)}\n`, {
              status: 503,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            }),
          );
        }
      }
    },
    onParams({ params, request }) {
      if (params.operationName) operations.set(request, params.operationName);
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult, args }) {
          const context = args.contextValue as BoardServerContext;
          // The reason can name a file path or a spreadsheet; partners get the gist only.
          const stale =
            context.stale && context.role === 'PARTNER'
              ? { ...context.stale, reason: PARTNER_STALE_REASON }
              : context.stale;
          if (stale && !(Symbol.asyncIterator in result)) {
            setResult({ ...result, extensions: { ...result.extensions, stale } });
          }
        },
      };
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      options.log?.({
        time: now().toISOString(),
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        role: roles.get(request) ?? null,
        operation: operations.get(request) ?? null,
        ms: start === undefined ? null : Math.round((performance.now() - start) * 10) / 10,
      });
    },
  };

  return createYoga<object, BoardServerContext>({
    schema: createSchema<BoardServerContext & YogaInitialContext>({ typeDefs, resolvers }),
    graphqlEndpoint: '/graphql',
    // Yoga's own health check answers any URL ending in this; fetch URLs never hold a fragment,
    // so it never matches, and GET /health is ours (it reports the snapshot's age).
    healthCheckEndpoint: '#built-in-health-check-off',
    landingPage: false,
    maskedErrors: true,
    logging: false,
    // Yoga's GraphiQL plugin answers before ours runs, so the page checks its token itself.
    graphiql: (request) => {
      const token = graphiqlPageToken(request, new URL(request.url));
      const role = token === null ? null : options.tokens.roleOf(token);
      if (role === null || (role === 'PARTNER' && !options.demo)) return false;
      return {
        title: 'Co-Production Board',
        // The page was opened with ?token=; GraphiQL sends it as a header from then on.
        ...(token ? { headers: JSON.stringify({ Authorization: `Bearer ${token}` }) } : {}),
      };
    },
    context: async ({ request }) => {
      const role = roles.get(request) as Role;
      let cached: CachedSnapshot;
      try {
        cached = await results.snapshotFor(request);
      } catch (error) {
        throw new GraphQLError(error instanceof Error ? error.message : String(error), {
          extensions: { code: 'BOARD_UNAVAILABLE', http: { status: 503 } },
        });
      }
      return {
        role,
        snapshot: cached.snapshot,
        stale: cached.stale,
        today: today(),
        ...(options.recorder ? { recorder: options.recorder } : {}),
      };
    },
    plugins: [
      access,
      // After access (it needs the role), before armour: a cached answer was checked already.
      results.plugin,
      ...armor.protect().plugins,
      namedArgumentErrors(),
      useDisableIntrospection({
        isDisabled: (request) => !options.demo && roles.get(request) === 'PARTNER',
      }),
    ],
  });
}

/**
 * A browser cannot send a bearer header when it opens a page, so the GraphiQL page alone may
 * carry the token as `?token=`. Queries themselves always need the header.
 */
function graphiqlPageToken(request: Request, url: URL): string | null {
  const wantsPage =
    url.pathname === '/graphql' &&
    request.method === 'GET' &&
    (request.headers.get('accept') ?? '').includes('text/html') &&
    !url.searchParams.has('query');
  return wantsPage ? url.searchParams.get('token') : null;
}

function unauthorised(tokenGiven: boolean): Response {
  return Response.json(
    {
      errors: [
        {
          message: tokenGiven
            ? 'That access token is not valid.'
            : 'An access token is needed: send the header "Authorization: Bearer <token>".',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    },
    { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="co-production-board"' } },
  );
}

const PARTNER_STALE_REASON = 'the board could not be read again just now';

/**
 * Open to monitoring without a token, so the error itself (which can name a file, a
 * spreadsheet or a service account) is shown only to officers; others learn that it failed.
 */
function health(cache: BoardServerOptions['cache'], officer: boolean): Response {
  const status = cache.status();
  const lastError =
    status.lastError === null || officer
      ? status.lastError
      : 'The last read of the board failed (details in the server log, or send an officer token).';
  const state = status.ageSeconds === null ? 'starting' : status.lastError ? 'degraded' : 'ok';
  return Response.json(
    {
      status: state,
      snapshotAgeSeconds: status.ageSeconds,
      lastRefreshError: lastError,
      lastSuccessAt: status.lastSuccessAt,
      upstreamReads: status.reads,
    },
    { status: state === 'starting' && status.lastError ? 503 : 200 },
  );
}

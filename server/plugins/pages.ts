/**
 * The portal's pages and downloads (DESIGN §8): `GET /`, `/reports/annual.html`,
 * `/reports/annual.csv`, `/reports/actions.csv`. Put it after authentication (a page is made
 * for the asker's role) and beside the pack downloads. Each page comes from the request's one
 * snapshot and is kept per snapshot version, role and day (`pages/page-cache.ts`), unless the
 * snapshot is stale: then the page says so and is made afresh each time.
 *
 * The GraphiQL page is answered by yoga before any plugin runs; a browser that reaches here
 * asking for it has been refused it (a partner off the demo board), and gets a page saying why
 * instead of the API's "no query" error.
 */
import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { IsoDate } from '../../schema/dates';
import type { Role } from '../graphql/context';
import { messagePage, pageHeaders, type Viewer } from '../pages/chrome';
import { PageDataError } from '../pages/data';
import { PageCache, type RenderedPage, withGzip } from '../pages/page-cache';
import { type PageRequest, pageRoute, problemPage } from '../pages/routes';
import type { SnapshotOf } from './board-snapshot';
import { isGraphiqlPageRequest } from './graphiql-page';
import type { RequestStates } from './request-state';
import { type SessionOptions, type SessionStore, sessionOf } from './session';

export interface PagesOptions {
  /** The API's own schema: pages ask it, as the asker, for what they show. */
  readonly schema: GraphQLSchema;
  readonly snapshotOf: SnapshotOf;
  readonly states: RequestStates;
  readonly today: () => IsoDate;
  /** On the demo board partners get GraphiQL too, so the portal links to it. */
  readonly demo: boolean;
  readonly sessions: SessionStore;
  readonly secureCookies?: SessionOptions['secureCookies'];
  /** Tests pass their own to look inside. */
  readonly cache?: PageCache;
}

const encoder = new TextEncoder();

/** What builds responses: yoga's own (its `fetchAPI`), which Node writes out without a copy. */
type ResponseClass = typeof Response;

function respond(Class: ResponseClass, page: RenderedPage, request?: Request): Response {
  const headers = pageHeaders(page.contentType);
  if (page.filename) headers['content-disposition'] = `attachment; filename="${page.filename}"`;
  if (page.gzip && request && acceptsGzip(request)) {
    headers['content-encoding'] = 'gzip';
    return new Class(page.gzip, { status: page.status, headers });
  }
  return new Class(page.body, { status: page.status, headers });
}

/** `Accept-Encoding` lists gzip, and not with q=0. */
function acceptsGzip(request: Request): boolean {
  const accepted = request.headers.get('accept-encoding');
  if (!accepted) return false;
  return accepted
    .split(',')
    .some((entry) => /^\s*gzip\s*(;\s*q\s*=\s*(1(\.0*)?|0?\.\d*[1-9]\d*)\s*)?$/i.test(entry));
}

function staleWords(ageSeconds: number): string {
  const minutes = Math.max(1, Math.round(ageSeconds / 60));
  return `The board’s spreadsheet could not be read just now, so this is as it was ${minutes === 1 ? 'a minute' : `${minutes} minutes`} ago.`;
}

export function usePages(options: PagesOptions): Plugin {
  const cache = options.cache ?? new PageCache();
  return {
    // Not async: every request that is not for a page passes on at once, without a promise.
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET') return;
      const role = options.states(request).role as Role | undefined;
      if (!role) return; // authentication ran first and ended every request without one
      const viewer: Viewer = {
        role,
        session: sessionOf(options.sessions, request, url, options.secureCookies) !== null,
        graphiql: role === 'OFFICER' || options.demo,
      };
      const route = pageRoute(url.pathname);
      const graphiqlRefused = !route && isGraphiqlPageRequest(request, url);
      if (!route && !graphiqlRefused) return;
      return servePage(request, url, endResponse, fetchAPI.Response, role, viewer, route);
    },
  };

  async function servePage(
    request: Request,
    url: URL,
    endResponse: (response: Response) => void,
    Class: typeof Response,
    role: Role,
    viewer: Viewer,
    route: ReturnType<typeof pageRoute>,
  ): Promise<void> {
    let cached: Awaited<ReturnType<SnapshotOf>>;
    try {
      cached = await options.snapshotOf(request);
    } catch (error) {
      endResponse(
        respond(
          Class,
          rendered(
            503,
            messagePage({
              title: 'The board cannot be read yet',
              // The reason can name a file or a spreadsheet: officers only, as on /health.
              message: `${role === 'OFFICER' && error instanceof Error ? `${error.message} ` : ''}Try again in a minute.`,
              boardName: null,
              viewer,
            }),
          ),
        ),
      );
      return;
    }
    const pageRequest: PageRequest = {
      url,
      schema: options.schema,
      snapshot: cached.snapshot,
      role,
      today: options.today(),
      viewer,
      stale: cached.stale ? staleWords(cached.stale.ageSeconds) : null,
    };
    if (!route) {
      const page = problemPage(
        pageRequest,
        403,
        'The query editor is for officers on this board',
        'Partners read the board’s figures on the portal’s pages and downloads, or from a script with their access token (see “Reporting queries” in the README).',
      );
      endResponse(respond(Class, { ...page, body: encoder.encode(page.body) }));
      return;
    }

    cache.seen(cached.version);
    const routeKey = cached.stale ? null : route.key(pageRequest);
    const key =
      routeKey === null
        ? null
        : JSON.stringify([role, viewer.session, pageRequest.today, routeKey]);
    const hit = key === null ? undefined : cache.get(cached.version, key);
    if (hit) {
      endResponse(respond(Class, hit, request));
      return;
    }
    let page: RenderedPage;
    try {
      const outcome = await route.render(pageRequest);
      page = { ...outcome, body: encoder.encode(outcome.body) };
    } catch (error) {
      if (!(error instanceof PageDataError)) throw error;
      const problem = problemPage(
        pageRequest,
        error.status,
        'This page cannot be shown',
        error.message,
      );
      endResponse(respond(Class, { ...problem, body: encoder.encode(problem.body) }));
      return;
    }
    if (key !== null && page.status === 200) {
      page = withGzip(page);
      cache.set(cached.version, key, page);
    }
    endResponse(respond(Class, page, request));
  }
}

function rendered(status: number, body: string): RenderedPage {
  return { status, contentType: 'text/html; charset=utf-8', body: encoder.encode(body) };
}

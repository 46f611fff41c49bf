/**
 * The GraphiQL page. A browser cannot send a bearer header when it opens a page, so this page
 * alone may carry the token in its address as `?token=`, or be opened with a portal session
 * (DESIGN §8); GraphiQL then sends the token as a header, and queries themselves always need
 * the header. Yoga's GraphiQL plugin answers before the server's own plugins run, so the page
 * checks its token or session itself.
 *
 * The page (`pages/graphiql.ts`) loads GraphiQL from this server, never a CDN, and opens with
 * the example reporting queries, one tab each. It is served with a Content-Security-Policy that
 * allows exactly what it loads (its inline script by hash, its assets by address) and nothing
 * else, and with no referrer, so the token it holds cannot leave through a script injected into
 * it or a link followed from it.
 */
import { createHash } from 'node:crypto';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import type { IsoDate } from '../../schema/dates';
import type { TokenTable } from '../auth';
import type { Role } from '../graphql/context';
import { EXAMPLE_QUERIES } from '../pages/example-queries';
import { type Authenticator, tokenAuthenticator } from './authentication';

/** A GET for the GraphiQL page itself (HTML, no query), not a GET query to the API. */
export function isGraphiqlPageRequest(request: Request, url: URL): boolean {
  return (
    url.pathname === '/graphql' &&
    request.method === 'GET' &&
    (request.headers.get('accept') ?? '').includes('text/html') &&
    !url.searchParams.has('query') &&
    // Yoga reads a GET's parameters from everything after the first "?", fragment included,
    // while `url` has dropped the fragment: `?token=…#&query={…}` would be a page to this check
    // and a query to yoga, run with the page's token. Browsers never send a fragment.
    !request.url.includes('#')
  );
}

/** `?token=` of a GET for the GraphiQL page itself (HTML, no query), else null. */
export function graphiqlPageToken(request: Request, url: URL): string | null {
  return isGraphiqlPageRequest(request, url) ? url.searchParams.get('token') : null;
}

/** The page's `?token=` as a credential, for the page request only. */
export function pageTokenAuthenticator(tokens: TokenTable): Authenticator {
  return tokenAuthenticator(tokens, graphiqlPageToken);
}

export interface GraphiqlPageOptions {
  readonly tokens: TokenTable;
  /** On the demo board partners get the page too; off it, only officers. */
  readonly demo: boolean;
  /** The portal session a page request carries (its role and token), if any. */
  readonly sessionOf?: (request: Request, url: URL) => { role: Role; token: string } | null;
  /** Today, for the example queries' variables (the last 12 months, overdue today). */
  readonly today?: () => IsoDate;
}

/** The example reporting queries as GraphiQL tabs, each sending the token. */
export function exampleTabs(today: IsoDate, headers: string | undefined) {
  return EXAMPLE_QUERIES.map((example) => ({
    query: example.query,
    variables: JSON.stringify(example.variables(today), null, 2),
    ...(headers ? { headers } : {}),
  }));
}

/** Yoga's `graphiql` option: the page's settings for this request, or false for no page. */
export function graphiqlPage(options: GraphiqlPageOptions) {
  const pageToken = pageTokenAuthenticator(options.tokens);
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  return (request: Request): GraphiQLOptions | false => {
    const url = new URL(request.url);
    const found = pageToken.authenticate(request, url);
    // A bad ?token= is refused, whatever session the browser also has.
    const session =
      found.outcome === 'absent' && isGraphiqlPageRequest(request, url)
        ? (options.sessionOf?.(request, url) ?? null)
        : null;
    const role = found.outcome === 'granted' ? found.role : (session?.role ?? null);
    // A REFRESH token reads nothing: the plugins after yoga's page refuse it (403).
    if (role === null || role === 'REFRESH' || (role === 'PARTNER' && !options.demo)) return false;
    const token = found.outcome === 'granted' ? graphiqlPageToken(request, url) : session?.token;
    const headers = token ? JSON.stringify({ Authorization: `Bearer ${token}` }) : undefined;
    const tabs = exampleTabs(today(), headers);
    return {
      title: 'GraphiQL: Co-Production Board',
      ...(headers ? { headers } : {}),
      defaultTabs: tabs,
      // GraphiQL fills the variables editor from this, not from the first tab, when it opens.
      ...({ variables: tabs[0]?.variables } as Record<string, unknown>),
      // The examples' variables are what a reader changes first.
      defaultEditorToolsVisibility: 'variables',
      // Yoga's GraphiQL keeps headers in localStorage unless told not to: the token would
      // outlive the session, on whatever computer a partner signed in from.
      shouldPersistHeaders: false,
    };
  };
}

/** Adds the page's security headers. Put it anywhere: it only touches the GraphiQL page. */
export function useGraphiqlPageHeaders(): Plugin {
  return {
    // Not async: every other response passes on at once, without a promise to wait for.
    onResponse({ request, response, setResponse }) {
      if (request.method !== 'GET') return;
      const html = (response.headers.get('content-type') ?? '').startsWith('text/html');
      if (!html || new URL(request.url).pathname !== '/graphql') return;
      return withPageHeaders(request, response, setResponse);
    },
  };
}

async function withPageHeaders(
  request: Request,
  response: Response,
  setResponse: (response: Response) => void,
): Promise<void> {
  const page = await response.text();
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', graphiqlContentSecurityPolicy(page, request.url));
  headers.set('referrer-policy', 'no-referrer');
  headers.set('x-content-type-options', 'nosniff');
  // The page holds a token (in its options): no cache may keep a copy.
  headers.set('cache-control', 'no-store');
  setResponse(new Response(page, { status: response.status, headers }));
}

/**
 * A policy for this very page, read from its HTML: its inline scripts by SHA-256, and the
 * folders its scripts and styles come from: 'self', now that the assets are this server's own
 * (`pages/graphiql.ts`), editor workers included. Read from the page rather than written out,
 * so that the policy follows whatever the page loads and never allows more.
 */
export function graphiqlContentSecurityPolicy(page: string, pageUrl: string): string {
  const inlineHashes: string[] = [];
  const scriptSources = new Set<string>();
  for (const [, attributes = '', body = ''] of page.matchAll(
    /<script\b([^>]*)>([\s\S]*?)<\/script>/gi,
  )) {
    const src = attribute(attributes, 'src');
    const type = (attribute(attributes, 'type') ?? '').toLowerCase();
    // A data block (JSON) is never run, so it needs no place in the policy.
    if (type !== '' && !/^(text|application)\/javascript$|^module$/.test(type)) continue;
    if (src) scriptSources.add(source(src, pageUrl));
    else
      inlineHashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  const styleSources = new Set<string>();
  const imageSources = new Set<string>(["'self'", 'data:']);
  for (const [, attributes = ''] of page.matchAll(/<link\b([^>]*)>/gi)) {
    const href = attribute(attributes, 'href');
    const rel = (attribute(attributes, 'rel') ?? '').toLowerCase();
    if (!href) continue;
    if (rel.includes('stylesheet')) styleSources.add(source(href, pageUrl));
    else if (rel.includes('icon') && !href.startsWith('data:')) {
      imageSources.add(source(href, pageUrl));
    }
  }
  const assets = [...new Set([...scriptSources, ...styleSources])];
  return [
    "default-src 'none'",
    `script-src ${[...inlineHashes, ...scriptSources].join(' ')}`,
    // GraphiQL and its editor add style elements and attributes as they draw.
    `style-src ${[...styleSources, "'unsafe-inline'"].join(' ')}`,
    `font-src ${[...assets, 'data:'].join(' ')}`,
    `img-src ${[...imageSources].join(' ')}`,
    `connect-src ${[...new Set(["'self'", ...assets])].join(' ')}`,
    // The editor's workers are files beside the bundle.
    `worker-src ${assets.length > 0 ? assets.join(' ') : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** An attribute's value from a tag's attribute text (quoted or not), or null. */
function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(
    attributes,
  );
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

/** The folder an asset comes from, as a CSP source ('self' for this server's own). */
function source(address: string, pageUrl: string): string {
  const url = new URL('.', new URL(address, pageUrl));
  return url.origin === new URL(pageUrl).origin ? "'self'" : url.href;
}

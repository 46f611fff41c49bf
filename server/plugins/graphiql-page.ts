/**
 * The GraphiQL page. A browser cannot send a bearer header when it opens a page, so this page
 * alone may carry the token in its address as `?token=`; GraphiQL then sends it as a header,
 * and queries themselves always need the header. Yoga's GraphiQL plugin answers before the
 * server's own plugins run, so the page checks its token itself.
 *
 * The page is served with a Content-Security-Policy that allows exactly what it loads (its
 * inline scripts by hash, its assets by address) and nothing else, and with no referrer, so the
 * token in its address cannot leave through a script injected into it or a link followed from it.
 */
import { createHash } from 'node:crypto';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import type { TokenTable } from '../auth';
import { type Authenticator, tokenAuthenticator } from './authentication';

/** `?token=` of a GET for the GraphiQL page itself (HTML, no query), else null. */
export function graphiqlPageToken(request: Request, url: URL): string | null {
  const wantsPage =
    url.pathname === '/graphql' &&
    request.method === 'GET' &&
    (request.headers.get('accept') ?? '').includes('text/html') &&
    !url.searchParams.has('query') &&
    // Yoga reads a GET's parameters from everything after the first "?", fragment included,
    // while `url` has dropped the fragment: `?token=…#&query={…}` would be a page to this check
    // and a query to yoga, run with the page's token. Browsers never send a fragment.
    !request.url.includes('#');
  return wantsPage ? url.searchParams.get('token') : null;
}

/** The page's `?token=` as a credential, for the page request only. */
export function pageTokenAuthenticator(tokens: TokenTable): Authenticator {
  return tokenAuthenticator(tokens, graphiqlPageToken);
}

export interface GraphiqlPageOptions {
  readonly tokens: TokenTable;
  /** On the demo board partners get the page too; off it, only officers. */
  readonly demo: boolean;
}

/** Yoga's `graphiql` option: the page's settings for this request, or false for no page. */
export function graphiqlPage(options: GraphiqlPageOptions) {
  const pageToken = pageTokenAuthenticator(options.tokens);
  return (request: Request): GraphiQLOptions | false => {
    const url = new URL(request.url);
    const found = pageToken.authenticate(request, url);
    if (found.outcome !== 'granted' || (found.role === 'PARTNER' && !options.demo)) return false;
    const token = graphiqlPageToken(request, url);
    return {
      title: 'Co-Production Board',
      ...(token ? { headers: JSON.stringify({ Authorization: `Bearer ${token}` }) } : {}),
    };
  };
}

/** Adds the page's security headers. Put it anywhere: it only touches the GraphiQL page. */
export function useGraphiqlPageHeaders(): Plugin {
  return {
    async onResponse({ request, response, setResponse }) {
      const html = (response.headers.get('content-type') ?? '').startsWith('text/html');
      if (request.method !== 'GET' || !html || new URL(request.url).pathname !== '/graphql') {
        return;
      }
      const page = await response.text();
      const headers = new Headers(response.headers);
      headers.set('content-security-policy', graphiqlContentSecurityPolicy(page, request.url));
      headers.set('referrer-policy', 'no-referrer');
      headers.set('x-content-type-options', 'nosniff');
      // The page holds a token (in its options): no cache may keep a copy.
      headers.set('cache-control', 'no-store');
      setResponse(new Response(page, { status: response.status, headers }));
    },
  };
}

/**
 * A policy for this very page, read from its HTML: its inline scripts by SHA-256 (the second
 * holds the page's options, so its hash differs per token), and the folders its scripts and
 * styles come from (GraphiQL fetches its editor workers from the same folder and starts them
 * from blob: addresses). Read from the page rather than written out, so that serving the assets
 * from this server later (DESIGN §8) narrows the policy to 'self' with no change here.
 */
export function graphiqlContentSecurityPolicy(page: string, pageUrl: string): string {
  const inlineHashes: string[] = [];
  const scriptSources = new Set<string>();
  for (const [, attributes = '', body = ''] of page.matchAll(
    /<script\b([^>]*)>([\s\S]*?)<\/script>/gi,
  )) {
    const src = attribute(attributes, 'src');
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
    else if (rel.includes('icon')) imageSources.add(new URL(href, pageUrl).origin);
  }
  const assets = [...new Set([...scriptSources, ...styleSources])];
  return [
    "default-src 'none'",
    `script-src ${[...inlineHashes, ...scriptSources].join(' ')}`,
    // GraphiQL and its editor add style elements and attributes as they draw.
    `style-src ${[...styleSources, "'unsafe-inline'"].join(' ')}`,
    `font-src ${[...assets, 'data:'].join(' ')}`,
    `img-src ${[...imageSources].join(' ')}`,
    `connect-src ${["'self'", ...assets].join(' ')}`,
    'worker-src blob:',
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

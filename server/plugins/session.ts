/**
 * Partners' sessions (DESIGN §8): a browser cannot send a bearer header when it opens a page,
 * so `POST /session` turns a token into a session cookie, and the cookie stands in for the
 * token on GET pages only (`/`, `/reports/...`, `/packs/...` and the GraphiQL page). `POST
 * /graphql` never looks at it: another site's page can make a visitor's browser send a POST
 * with the visitor's cookies, but never with their bearer header, so nothing a page elsewhere
 * does can act as a signed-in partner (no CSRF on the API by construction). GET pages only
 * read, and `SameSite=Strict` keeps the cookie off requests another site starts anyway.
 *
 * The cookie holds only a random session ID (256 bits); the session itself stays here, in
 * memory: its role, when it ends, and the token it was made from (the GraphiQL page needs it
 * to send as a header). So signing out really ends a session (a copied cookie stops working),
 * nothing in the cookie can be forged or read, and a restart signs everyone out, as it also
 * changes partners' opaque member IDs. Sessions end a day after sign-in by default, however
 * active; a token keeps at most `SESSIONS_PER_TOKEN` sessions (its oldest give way), so however
 * often someone signs in, memory stays bounded by the token table.
 *
 * `Secure` (and the `__Host-` name, which browsers accept only over HTTPS, from this host, for
 * the whole site) is set when the request came over HTTPS: the request's own address, or
 * `X-Forwarded-Proto: https` from a proxy in front. That header is believed without asking
 * whether the proxy is trusted, because believing it can only make the cookie stricter: a client
 * that forges it against a plain-HTTP server gets a cookie its browser refuses to keep, and
 * nothing ever removes `Secure` because a header says "http". A proxy that terminates TLS
 * without sending the header is the one case it misses; `secureCookies: 'always'` covers it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { bearerToken, type TokenTable } from '../auth';
import type { Role } from '../graphql/context';
import { pageHeaders } from '../pages/chrome';
import { signInPage } from '../pages/sign-in';
import { type Authenticator, authenticate } from './authentication';
import { isGraphiqlPageRequest } from './graphiql-page';

/** A day: long enough for a working day's reading, short enough that a lost laptop's ends. */
export const SESSION_SECONDS = 24 * 60 * 60;
/** Sessions one token may hold at once (browsers and devices of the people who share it). */
export const SESSIONS_PER_TOKEN = 20;
/** A sign-in form is a token and a path: anything longer is not one. */
const MAX_FORM_BYTES = 4096;

export const COOKIE_NAME = 'board-session';
/** The name over HTTPS: browsers keep a `__Host-` cookie only if Secure, host-only, Path=/. */
export const SECURE_COOKIE_NAME = '__Host-board-session';

export interface Session {
  readonly role: Role;
  /** The token signed in with: GraphiQL sends it as the bearer header. Never logged. */
  readonly token: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

export interface SessionOptions {
  /** How long a session lasts from sign-in (default a day). */
  readonly lifetimeSeconds?: number;
  /** 'auto' (HTTPS or X-Forwarded-Proto https) or 'always' (a proxy that does not say). */
  readonly secureCookies?: 'auto' | 'always';
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

/**
 * Sessions by the SHA-256 of their ID, so the map's keys are not the cookies themselves, and
 * by token (its digest), to bound each token's number.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session & { readonly tokenKey: string }>();
  readonly #now: () => number;
  readonly #lifetimeMs: number;
  readonly #perToken: number;

  constructor(options: { now?: () => number; lifetimeSeconds?: number; perToken?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#lifetimeMs = (options.lifetimeSeconds ?? SESSION_SECONDS) * 1000;
    this.#perToken = options.perToken ?? SESSIONS_PER_TOKEN;
  }

  get lifetimeSeconds(): number {
    return this.#lifetimeMs / 1000;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** A new session for a token already checked against the token table; returns its ID. */
  start(token: string, role: Role): string {
    const now = this.#now();
    this.#sweep(now);
    const tokenKey = digest(token);
    const mine = [...this.#sessions].filter(([, session]) => session.tokenKey === tokenKey);
    // A Map iterates in insertion order: the first are the oldest.
    for (const [key] of mine.slice(0, Math.max(0, mine.length - this.#perToken + 1))) {
      this.#sessions.delete(key);
    }
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(digest(id), { role, token, tokenKey, expiresAt: now + this.#lifetimeMs });
    return id;
  }

  /** The live session with this ID, or null (an ended one is forgotten on the way). */
  get(id: string): Session | null {
    const key = digest(id);
    const session = this.#sessions.get(key);
    if (!session) return null;
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(key);
      return null;
    }
    return session;
  }

  end(id: string): void {
    this.#sessions.delete(digest(id));
  }

  /** Forgets ended sessions; run on each sign-in, so the map never holds many dead ones. */
  #sweep(now: number): void {
    for (const [key, session] of this.#sessions) {
      if (session.expiresAt <= now) this.#sessions.delete(key);
    }
  }
}

/** True when the request reached us over HTTPS (see the top of this file for the header). */
export function overHttps(
  request: Request,
  url: URL,
  mode: SessionOptions['secureCookies'] = 'auto',
): boolean {
  if (mode === 'always' || url.protocol === 'https:') return true;
  const forwarded = request.headers.get('x-forwarded-proto');
  return forwarded?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** The paths the cookie is good for: GET pages, never the API. */
export function acceptsSessionCookie(request: Request, url: URL): boolean {
  if (request.method !== 'GET') return false;
  const path = url.pathname;
  return (
    path === '/' ||
    path.startsWith('/reports/') ||
    path.startsWith('/packs/') ||
    isGraphiqlPageRequest(request, url)
  );
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The session ID from the request's cookie of the name its scheme calls for, or null. */
export function sessionIdOf(request: Request, url: URL, mode?: SessionOptions['secureCookies']) {
  const name = overHttps(request, url, mode) ? SECURE_COOKIE_NAME : COOKIE_NAME;
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    if (SESSION_ID.test(value)) return value;
  }
  return null;
}

/** Each request's session, looked up once however many plugins ask (a hash each time else). */
const sessionsOfRequests = new WeakMap<Request, Session | null>();

/** The session a GET page request carries, or null (for the API, always null). */
export function sessionOf(
  sessions: SessionStore,
  request: Request,
  url: URL,
  mode?: SessionOptions['secureCookies'],
): Session | null {
  if (!acceptsSessionCookie(request, url)) return null;
  const known = sessionsOfRequests.get(request);
  if (known !== undefined) return known;
  const id = sessionIdOf(request, url, mode);
  const session = id === null ? null : sessions.get(id);
  sessionsOfRequests.set(request, session);
  return session;
}

/** The session cookie as an authenticator, after the bearer header and the page token. */
export function sessionAuthenticator(
  sessions: SessionStore,
  mode?: SessionOptions['secureCookies'],
): Authenticator {
  return {
    authenticate(request, url) {
      const session = sessionOf(sessions, request, url, mode);
      // An ended or unknown session is no credential: the page offers to sign in again.
      return session ? { outcome: 'granted', role: session.role } : { outcome: 'absent' };
    },
  };
}

function setCookie(id: string, maxAge: number, secure: boolean): string {
  return [
    `${secure ? SECURE_COOKIE_NAME : COOKIE_NAME}=${id}`,
    'Path=/',
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie values that delete the session cookie under either name. */
function clearCookies(secure: boolean): string[] {
  return [setCookie('', 0, false), ...(secure ? [setCookie('', 0, true)] : [])];
}

/**
 * Refuses a sign-in or sign-out that another site's page started (login CSRF: being signed in
 * as someone else without knowing). Browsers say where a request comes from in Sec-Fetch-Site,
 * or at least in Origin; a request with neither (curl) is not a browser and cannot be forged
 * by another site.
 */
export function fromThisSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none';
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  try {
    return new URL(origin).host === request.headers.get('host');
  } catch {
    return false;
  }
}

/** A path to return to after signing in: one of this server's pages, nothing else. */
export function safeNext(value: string | null): string {
  if (!value || value.length > 2000 || !value.startsWith('/') || /^\/[/\\]/.test(value)) {
    return '/';
  }
  let url: URL;
  try {
    url = new URL(value, 'http://board.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://board.invalid') return '/';
  const page =
    url.pathname === '/' ||
    url.pathname === '/graphql' ||
    url.pathname.startsWith('/reports/') ||
    url.pathname.startsWith('/packs/');
  return page ? `${url.pathname}${url.search}` : '/';
}

/** The body's text, or null when it is longer than `limit` bytes (read no further than that). */
export async function limitedText(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export interface SessionRoutesOptions {
  readonly tokens: TokenTable;
  readonly sessions: SessionStore;
  /** Every way of signing in, to tell a page request that has none. */
  readonly authenticators: readonly Authenticator[];
  readonly secureCookies?: SessionOptions['secureCookies'];
}

function html(status: number, page: string, headers: Record<string, string> = {}): Response {
  return new Response(page, { status, headers: { ...pageHeaders(), ...headers } });
}

function withCookies(response: Response, cookies: readonly string[]): Response {
  for (const cookie of cookies) response.headers.append('set-cookie', cookie);
  return response;
}

function redirect(location: string, cookies: readonly string[]): Response {
  return withCookies(
    new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } }),
    cookies,
  );
}

/**
 * `POST /session`, `POST /session/end`, and the sign-in form in place of a page for a browser
 * that has no credential. Put it after the health check and before authentication.
 */
export function useSessionRoutes(options: SessionRoutesOptions): Plugin {
  const { tokens, sessions, secureCookies } = options;
  return {
    // Not async: only the sign-in and sign-out routes wait for anything.
    onRequest({ request, url, endResponse }) {
      const path = url.pathname;
      if (path === '/session' || path === '/session/end') {
        return sessionRoute(request, url, path === '/session').then(endResponse);
      }
      if (!acceptsSessionCookie(request, url)) return;
      // A bearer header is a credential, good or bad: authentication answers for it.
      if (request.headers.has('authorization')) return;
      if (authenticate(options.authenticators, request, url).outcome !== 'absent') return;
      // A browser opening a page: the form. An API client (curl) gets the plain 401 instead.
      const home = path === '/';
      if (!home && !(request.headers.get('accept') ?? '').includes('text/html')) return;
      const ended = sessionIdOf(request, url, secureCookies) !== null;
      const page = signInPage({
        next: safeNext(`${path}${url.search}`),
        notice: ended
          ? 'Your session has ended. Sign in again to carry on.'
          : url.searchParams.has('signed-out')
            ? 'You have signed out.'
            : null,
      });
      endResponse(
        withCookies(
          html(
            home ? 200 : 401,
            page,
            home ? {} : { 'www-authenticate': 'Bearer realm="co-production-board"' },
          ),
          ended ? clearCookies(overHttps(request, url, secureCookies)) : [],
        ),
      );
    },
  };

  async function sessionRoute(request: Request, url: URL, signIn: boolean): Promise<Response> {
    if (request.method !== 'POST') {
      return new Response('Use POST (the sign-in and sign-out forms on the portal).\n', {
        status: 405,
        headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    const secure = overHttps(request, url, secureCookies);
    if (!fromThisSite(request)) {
      return html(403, signInPage({ next: '/', error: 'That form came from another site.' }));
    }
    const current = sessionIdOf(request, url, secureCookies);
    if (!signIn) {
      if (current !== null) sessions.end(current);
      return redirect('/?signed-out', clearCookies(secure));
    }
    const body = await limitedText(request, MAX_FORM_BYTES);
    const form = new URLSearchParams(body ?? '');
    const next = safeNext(form.get('next'));
    // A token pasted with spaces or a "Bearer " prefix is still the token.
    const typed = (form.get('token') ?? '').trim();
    const token = bearerToken(typed) ?? typed;
    const role = body === null || token === '' ? null : tokens.roleOf(token);
    if (role === null) {
      return html(
        401,
        signInPage({
          next,
          error:
            token === ''
              ? 'Enter your access token.'
              : 'That access token is not valid. Check it with the board’s officers and try again.',
        }),
        { 'www-authenticate': 'Bearer realm="co-production-board"' },
      );
    }
    if (role === 'REFRESH') {
      // It may only ask for the board to be read again (DESIGN §9): it reads nothing.
      return html(
        403,
        signInPage({
          next,
          error:
            'That token is the spreadsheet’s live-updates token and cannot open the portal. Use the partner or officer token the board’s officers gave you.',
        }),
      );
    }
    // A new ID at every sign-in: a session ID planted before it is worth nothing after.
    if (current !== null) sessions.end(current);
    const id = sessions.start(token, role);
    return redirect(next, [setCookie(id, sessions.lifetimeSeconds, secure)]);
  }
}

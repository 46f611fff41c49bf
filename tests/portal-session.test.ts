/**
 * Issue 13 item 1, DESIGN §8: signing in to the portal. `POST /session` turns a token into an
 * HttpOnly, SameSite=Strict session cookie (Secure, under the `__Host-` name, over HTTPS or
 * behind a proxy that says so), good for GET pages only, for a day; `POST /session/end` ends it.
 * `POST /graphql` never takes the cookie, so no other site can act for a signed-in partner.
 */
import { describe, expect, it } from 'vitest';
import { tokenTable } from '../server/auth';
import { SESSIONS_PER_TOKEN, SessionStore, safeNext } from '../server/plugins/session';
import { SnapshotCache } from '../server/snapshot-cache';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { type BoardServerOptions, createBoardYoga } from '../server/yoga';
import { DEMO_NOW, OFFICER_TOKEN, PARTNER_TOKEN } from './support/board-server';
import { BASE, open, signIn } from './support/portal';

const source = localWorkbookSource(DEMO_WORKBOOK_PATH);

/** A server on the demo board whose clock the test moves. */
function portal(options: Partial<BoardServerOptions> = {}) {
  let now = DEMO_NOW.getTime();
  const yoga = createBoardYoga({
    cache: new SnapshotCache(source, { refreshSeconds: 3600 }),
    tokens: tokenTable([
      [OFFICER_TOKEN, 'OFFICER'],
      [PARTNER_TOKEN, 'PARTNER'],
    ]),
    demo: false,
    now: () => new Date(now),
    ...options,
  });
  return {
    yoga,
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

const graphql = (yoga: ReturnType<typeof portal>['yoga'], headers: Record<string, string>) =>
  yoga.fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ board { name } }' }),
  });

describe('signing in', () => {
  it('shows the sign-in form at / without a session, naming nothing of the board', async () => {
    const { yoga } = portal();
    const response = await open(yoga, '/', null);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<form method="post" action="/session">');
    expect(page).toMatch(/<input type="password" id="token" name="token"/);
    expect(page).toContain('<label for="token">Access token');
    expect(page).not.toContain('(demo)');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('offers the form, with the way back, for any page a browser opens without one', async () => {
    const { yoga } = portal();
    const response = await open(yoga, '/reports/annual.html?from=2026-01-01&to=2026-06-30', null);
    expect(response.status).toBe(401);
    const page = await response.text();
    expect(page).toContain(
      '<input type="hidden" name="next" value="/reports/annual.html?from=2026-01-01&amp;to=2026-06-30">',
    );
    // A script (no text/html) still gets the API's 401 in JSON.
    const script = await yoga.fetch(`${BASE}/reports/annual.csv`);
    expect(script.status).toBe(401);
    expect(((await script.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('turns a token into an HttpOnly, SameSite=Strict cookie for a day, and goes on to the page', async () => {
    const { yoga } = portal();
    const { response, cookie, setCookie } = await signIn(yoga, PARTNER_TOKEN, {
      next: '/reports/annual.html?from=2026-01-01&to=2026-06-30',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      '/reports/annual.html?from=2026-01-01&to=2026-06-30',
    );
    expect(setCookie).toMatch(/^board-session=[A-Za-z0-9_-]{43}; /);
    const attributes = (setCookie ?? '').split('; ').slice(1);
    expect(attributes).toEqual(['Path=/', 'Max-Age=86400', 'HttpOnly', 'SameSite=Strict']);
    expect((await open(yoga, '/', cookie)).status).toBe(200);
  });

  it('takes a token pasted with spaces or "Bearer " in front', async () => {
    const { yoga } = portal();
    expect((await signIn(yoga, `  Bearer ${OFFICER_TOKEN}  `)).cookie).not.toBeNull();
  });

  it('refuses a wrong or empty token with the form and a message tied to the field', async () => {
    const { yoga } = portal();
    const wrong = await signIn(yoga, 'not-a-real-token-at-all');
    expect(wrong.response.status).toBe(401);
    expect(wrong.setCookie).toBeNull();
    const page = await wrong.response.text();
    expect(page).toContain('That access token is not valid');
    expect(page).toContain('aria-invalid="true"');
    expect(page).toContain('aria-describedby="token-hint token-error"');
    const empty = await signIn(yoga, '');
    expect(await empty.response.text()).toContain('Enter your access token.');
  });

  it('goes back only to one of its own pages after signing in', () => {
    expect(safeNext('/reports/annual.html?from=2026-01-01')).toBe(
      '/reports/annual.html?from=2026-01-01',
    );
    expect(safeNext('/packs/MT-2026-10/DMT.html')).toBe('/packs/MT-2026-10/DMT.html');
    for (const away of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/health',
      '/session/end',
      '',
      null,
    ]) {
      expect(safeNext(away), String(away)).toBe('/');
    }
  });

  it('refuses a sign-in or sign-out that another site’s page sends', async () => {
    const { yoga } = portal();
    const attempts: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      // An older browser says where the form came from in Origin only.
      { 'sec-fetch-site': '', origin: 'https://evil.example', host: 'board.test' },
    ];
    for (const headers of attempts) {
      const { response, setCookie } = await signIn(yoga, PARTNER_TOKEN, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(setCookie).toBeNull();
    }
    const { cookie } = await signIn(yoga, PARTNER_TOKEN);
    const forced = await yoga.fetch(`${BASE}/session/end`, {
      method: 'POST',
      headers: { cookie: cookie ?? '', 'sec-fetch-site': 'cross-site' },
      redirect: 'manual',
    });
    expect(forced.status).toBe(403);
    expect((await open(yoga, '/', cookie)).status).toBe(200);
  });

  it('answers only POST at /session and /session/end', async () => {
    const { yoga } = portal();
    const response = await open(yoga, '/session', null);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('the session cookie', () => {
  it('opens the GET pages: the portal, reports, downloads and packs', async () => {
    const { yoga } = portal();
    const { cookie } = await signIn(yoga, PARTNER_TOKEN);
    for (const path of [
      '/',
      '/reports/annual.html',
      '/reports/annual.html?easyRead=1',
      '/reports/annual.csv',
      '/reports/actions.csv',
      '/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html',
      '/packs/MT-2026-10/SENIOR_HEAD.txt',
    ]) {
      expect((await open(yoga, path, cookie)).status, path).toBe(200);
    }
  });

  it('is never taken by POST /graphql, nor by a GET query: no other site can act for a partner', async () => {
    const { yoga } = portal();
    const { cookie } = await signIn(yoga, OFFICER_TOKEN);
    const post = await graphql(yoga, { cookie: cookie ?? '' });
    expect(post.status).toBe(401);
    const get = await open(yoga, '/graphql?query=%7Bboard%7Bname%7D%7D', cookie, {
      accept: 'application/json',
    });
    expect(get.status).toBe(401);
    const recorded = await yoga.fetch(`${BASE}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie ?? '' },
      body: JSON.stringify({
        query:
          'mutation { recordCirculation(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { packId } }',
      }),
    });
    expect(recorded.status).toBe(401);
    // The bearer header is what the API takes, with or without a cookie beside it.
    expect((await graphql(yoga, { authorization: `Bearer ${PARTNER_TOKEN}` })).status).toBe(200);
  });

  it('ends a day after signing in, and the page says so and forgets the cookie', async () => {
    const server = portal();
    const { cookie } = await signIn(server.yoga, PARTNER_TOKEN);
    server.advance(24 * 3600 - 60);
    expect((await open(server.yoga, '/reports/annual.html', cookie)).status).toBe(200);
    server.advance(60);
    const ended = await open(server.yoga, '/reports/annual.html', cookie);
    expect(ended.status).toBe(401);
    expect(await ended.text()).toContain('Your session has ended');
    expect(ended.headers.get('set-cookie')).toContain('board-session=; Path=/; Max-Age=0');
  });

  it('lasts as long as the server is told', async () => {
    const server = portal({ sessions: { lifetimeSeconds: 600 } });
    const { setCookie, cookie } = await signIn(server.yoga, PARTNER_TOKEN);
    expect(setCookie).toContain('Max-Age=600');
    server.advance(601);
    expect(await (await open(server.yoga, '/', cookie)).text()).toContain('Your session has ended');
  });

  it('is ended by signing out: the same cookie is refused afterwards', async () => {
    const { yoga } = portal();
    const { cookie } = await signIn(yoga, PARTNER_TOKEN);
    const out = await yoga.fetch(`${BASE}/session/end`, {
      method: 'POST',
      headers: { cookie: cookie ?? '', 'sec-fetch-site': 'same-origin' },
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/?signed-out');
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await open(yoga, '/reports/annual.html', cookie);
    expect(after.status).toBe(401);
    expect(await (await open(yoga, '/?signed-out', null)).text()).toContain('You have signed out.');
  });

  it('is replaced at each sign-in, so a session ID planted before it is worth nothing', async () => {
    const { yoga } = portal();
    const planted = await signIn(yoga, PARTNER_TOKEN);
    const mine = await signIn(yoga, OFFICER_TOKEN, { headers: { cookie: planted.cookie ?? '' } });
    expect(mine.cookie).not.toBe(planted.cookie);
    expect((await open(yoga, '/reports/annual.html', planted.cookie)).status).toBe(401);
    expect((await open(yoga, '/reports/annual.html', mine.cookie)).status).toBe(200);
  });

  it('is Secure, under the __Host- name, over HTTPS or behind a proxy that says so', async () => {
    const { yoga } = portal();
    const proxied = await signIn(yoga, PARTNER_TOKEN, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proxied.setCookie).toMatch(
      /^__Host-board-session=[\w-]{43}; Path=\/; Max-Age=86400; HttpOnly; SameSite=Strict; Secure$/,
    );
    // The cookie is read under the name its scheme calls for.
    expect(
      (await open(yoga, '/reports/annual.csv', proxied.cookie, { 'x-forwarded-proto': 'https' }))
        .status,
    ).toBe(200);
    const direct = await signIn(yoga, PARTNER_TOKEN, { base: 'https://board.test' });
    expect(direct.setCookie).toContain('; Secure');
    // A header saying "http" never takes Secure away from a request that came over HTTPS...
    const plain = await signIn(yoga, PARTNER_TOKEN, { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.setCookie).not.toContain('Secure');
    // ...and a proxy that does not say can be covered by configuration.
    const always = portal({ sessions: { secureCookies: 'always' } });
    expect((await signIn(always.yoga, PARTNER_TOKEN)).setCookie).toContain('; Secure');
  });

  it('gives each role what it may see: an officer’s figures are not withheld', async () => {
    const { yoga } = portal();
    const partner = (await signIn(yoga, PARTNER_TOKEN)).cookie;
    const officer = (await signIn(yoga, OFFICER_TOKEN)).cookie;
    const partnerPage = await (await open(yoga, '/reports/annual.html', partner)).text();
    const officerPage = await (await open(yoga, '/reports/annual.html', officer)).text();
    expect(partnerPage).toContain('not shown');
    expect(officerPage).not.toContain('not shown');
    expect(await (await open(yoga, '/', officer)).text()).toContain('signed in as an officer');
  });

  it('opens GraphiQL with the session’s token for an officer, and not for a partner off the demo', async () => {
    const { yoga } = portal();
    const officer = (await signIn(yoga, OFFICER_TOKEN)).cookie;
    const page = await open(yoga, '/graphql', officer);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Bearer ${OFFICER_TOKEN}`);
    const partner = (await signIn(yoga, PARTNER_TOKEN)).cookie;
    const refused = await open(yoga, '/graphql', partner);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(PARTNER_TOKEN);
    const demo = portal({ demo: true });
    const demoPartner = (await signIn(demo.yoga, PARTNER_TOKEN)).cookie;
    expect((await open(demo.yoga, '/graphql', demoPartner)).status).toBe(200);
  });

  it('serves packs opened with the session under a policy that allows no script', async () => {
    const { yoga } = portal();
    const { cookie } = await signIn(yoga, PARTNER_TOKEN);
    const pack = await open(yoga, '/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html', cookie);
    expect(pack.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src/);
    expect(pack.headers.get('content-security-policy')).not.toContain('script-src');
  });

  it('keeps the token in the address for the GraphiQL page only, never for the portal’s pages', async () => {
    const { yoga } = portal();
    const response = await open(yoga, `/reports/annual.html?token=${OFFICER_TOKEN}`, null);
    expect(response.status).toBe(401);
  });
});

describe('the session store', () => {
  it('keeps at most a few sessions per token, the newest', () => {
    const store = new SessionStore();
    const ids = Array.from({ length: SESSIONS_PER_TOKEN + 5 }, () =>
      store.start(PARTNER_TOKEN, 'PARTNER'),
    );
    const other = store.start(OFFICER_TOKEN, 'OFFICER');
    expect(store.size).toBe(SESSIONS_PER_TOKEN + 1);
    expect(ids.slice(0, 5).map((id) => store.get(id))).toEqual([null, null, null, null, null]);
    expect(store.get(ids.at(-1) as string)?.role).toBe('PARTNER');
    expect(store.get(other)?.role).toBe('OFFICER');
  });

  it('forgets ended sessions when someone signs in', () => {
    let now = 0;
    const store = new SessionStore({ now: () => now, lifetimeSeconds: 10 });
    store.start(PARTNER_TOKEN, 'PARTNER');
    store.start(OFFICER_TOKEN, 'OFFICER');
    now = 11_000;
    store.start(OFFICER_TOKEN, 'OFFICER');
    expect(store.size).toBe(1);
  });
});

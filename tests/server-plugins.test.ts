/**
 * The server's plugins on their own terms: how authenticators combine (so a session cookie can
 * join the bearer header later), and what the request log may and may not hold.
 */
import { describe, expect, it } from 'vitest';
import { tokenTable } from '../server/auth';
import {
  type Authenticator,
  authenticate,
  bearerAuthenticator,
} from '../server/plugins/authentication';
import { pageTokenAuthenticator } from '../server/plugins/graphiql-page';
import { OFFICER_TOKEN, PARTNER_TOKEN, testServer } from './support/board-server';

const tokens = tokenTable([
  [OFFICER_TOKEN, 'OFFICER'],
  [PARTNER_TOKEN, 'PARTNER'],
]);
const page = (token: string, header?: string) =>
  new Request(`http://board.test/graphql?token=${token}`, {
    headers: { accept: 'text/html', ...(header ? { authorization: `Bearer ${header}` } : {}) },
  });
const outcome = (authenticators: Authenticator[], request: Request) =>
  authenticate(authenticators, request, new URL(request.url));

describe('authenticators', () => {
  const both = [bearerAuthenticator(tokens), pageTokenAuthenticator(tokens)];

  it('asks the next one only when the first finds no credential', () => {
    expect(outcome(both, page(PARTNER_TOKEN))).toEqual({ outcome: 'granted', role: 'PARTNER' });
    expect(outcome(both, page(PARTNER_TOKEN, OFFICER_TOKEN))).toEqual({
      outcome: 'granted',
      role: 'OFFICER',
    });
    // A bad header is refused, even beside a good page token.
    expect(outcome(both, page(OFFICER_TOKEN, 'not-a-real-token-at-all'))).toEqual({
      outcome: 'invalid',
    });
    expect(outcome(both, new Request('http://board.test/graphql'))).toEqual({ outcome: 'absent' });
  });

  it('never takes a page token from an address with a fragment, where yoga would find a query', () => {
    const smuggled = new Request(
      `http://board.test/graphql?token=${OFFICER_TOKEN}#&query={membershipCheck{message}}`,
      { headers: { accept: 'text/html, application/json' } },
    );
    expect(outcome(both, smuggled)).toEqual({ outcome: 'absent' });
  });

  it('takes a further way of signing in as one more entry in the list', () => {
    const cookie: Authenticator = {
      authenticate: (request) =>
        request.headers.get('cookie') === 'session=ok'
          ? { outcome: 'granted', role: 'PARTNER' }
          : { outcome: 'absent' },
    };
    const signedIn = new Request('http://board.test/packs/MT-2026-10/DMT.html', {
      headers: { cookie: 'session=ok' },
    });
    expect(outcome(both, signedIn)).toEqual({ outcome: 'absent' });
    expect(outcome([...both, cookie], signedIn)).toEqual({ outcome: 'granted', role: 'PARTNER' });
  });
});

describe('request log', () => {
  it('holds method, path, status, role, operation and time, never the query or variables', async () => {
    const server = testServer();
    await server.yoga.fetch('http://board.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OFFICER_TOKEN}` },
      body: JSON.stringify({
        query: 'query Named($id: ID!) { member(id: $id) { name } }',
        operationName: 'Named',
        variables: { id: 'M16' },
      }),
    });
    await server.yoga.fetch('http://board.test/health');
    expect(server.logs).toHaveLength(2);
    expect(Object.keys(server.logs[0] ?? {})).toEqual([
      'time',
      'method',
      'path',
      'status',
      'role',
      'operation',
      'ms',
    ]);
    expect(server.logs[0]).toMatchObject({ role: 'OFFICER', operation: 'Named', status: 200 });
    expect(server.logs[1]).toMatchObject({ path: '/health', role: null, status: 200 });
    const text = JSON.stringify(server.logs);
    expect(text).not.toContain('M16');
    expect(text).not.toContain('member(');
  });
});

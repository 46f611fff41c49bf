/**
 * Issue #10, item 2: cached answers served as bytes. A hit is answered from the stored bytes
 * without executing (no resolver runs) or serialising again, with the same bytes and content
 * type as the executed answer; identical requests that miss together execute once; answers from
 * a stale snapshot are kept too, and still say `extensions.asOf` and `extensions.stale` (as each
 * role may see it);
 * errors are never kept. Over a real socket too, where the early path reads the body itself.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawCell, WorkbookGrids } from '../schema/grid';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import { tokenTable } from '../server/auth';
import { PARTNER_STALE_REASON } from '../server/plugins/stale-extension';
import { responseStore } from '../server/response-cache';
import type { CachedSnapshot } from '../server/snapshot-cache';
import { createBoardYoga } from '../server/yoga';
import { DEMO_NOW, OFFICER_TOKEN, PARTNER_TOKEN, readOnceStatus } from './support/board-server';

const HEADERS = ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'];
const grids: WorkbookGrids = {
  Members: [
    HEADERS,
    ['M1', 'Ann Oduya', 'Member', 'Provider', 'Provider', 45259, 'Active'] as RawCell[],
    ['M2', 'Ben Marsh', 'Member', 'Provider', 'Provider', 45259, 'Active'] as RawCell[],
  ],
};

/**
 * A server over one snapshot, counting executions: every resolver that answers `board` or
 * `members` reads the snapshot's settings or members, and nothing else does.
 */
function countingServer() {
  const real = buildSnapshot(grids);
  const counts = { reads: 0 };
  const snapshot = new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'settings' || property === 'members') counts.reads++;
      return Reflect.get(target, property, receiver);
    },
  }) as BoardSnapshot;
  let current: CachedSnapshot = { snapshot, readAt: DEMO_NOW.getTime(), stale: null, version: 1 };
  const store = responseStore();
  const yoga = createBoardYoga({
    cache: {
      get: async () => current,
      status: readOnceStatus,
    },
    tokens: tokenTable([
      [OFFICER_TOKEN, 'OFFICER'],
      [PARTNER_TOKEN, 'PARTNER'],
    ]),
    demo: false,
    now: () => DEMO_NOW,
    responseStore: store,
  });
  const send = async (token: string, query: string, init: { accept?: string } = {}) => {
    const response = await yoga.fetch('http://board.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(init.accept ? { accept: init.accept } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text: await response.text(),
    };
  };
  return {
    yoga,
    store,
    counts,
    send,
    setStale(stale: CachedSnapshot['stale']) {
      current = { ...current, stale };
    },
  };
}

const NAMES = '{ board { name } members { id name } }';

describe('cached answers as bytes', () => {
  it('answers a kept query without executing, with the same bytes and content type', async () => {
    const server = countingServer();
    const first = await server.send(OFFICER_TOKEN, NAMES);
    const executed = server.counts.reads;
    expect(executed).toBeGreaterThan(0);
    expect(first.status).toBe(200);
    for (let again = 0; again < 5; again++) {
      const hit = await server.send(OFFICER_TOKEN, `# asked again\n${NAMES}`);
      expect(hit).toEqual(first);
    }
    expect(server.counts.reads).toBe(executed);
    expect(server.store.size).toBe(1);
  });

  it('keys on the media type asked for, and answers each as yoga does', async () => {
    const server = countingServer();
    const json = await server.send(OFFICER_TOKEN, NAMES, { accept: 'application/json' });
    const graphql = await server.send(OFFICER_TOKEN, NAMES, {
      accept: 'application/graphql-response+json',
    });
    expect(json.contentType).toMatch(/^application\/json/);
    expect(graphql.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(await server.send(OFFICER_TOKEN, NAMES, { accept: 'application/json' })).toEqual(json);
    expect(
      await server.send(OFFICER_TOKEN, NAMES, { accept: 'application/graphql-response+json' }),
    ).toEqual(graphql);
    expect(server.store.size).toBe(2);
  });

  it('executes identical requests that miss together once', async () => {
    const server = countingServer();
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => server.send(PARTNER_TOKEN, NAMES)),
    );
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    // One execution reads the settings once and the members once.
    const alone = countingServer();
    await alone.send(PARTNER_TOKEN, NAMES);
    expect(server.counts.reads).toBe(alone.counts.reads);
  });

  it('never gives one role’s kept answer to the other', async () => {
    const server = countingServer();
    const officer = await server.send(OFFICER_TOKEN, NAMES);
    const partner = await server.send(PARTNER_TOKEN, NAMES);
    expect(officer.text).toContain('Ann Oduya');
    expect(partner.text).not.toContain('Ann Oduya');
    expect(await server.send(PARTNER_TOKEN, NAMES)).toEqual(partner);
    expect(await server.send(OFFICER_TOKEN, NAMES)).toEqual(officer);
  });

  it('keeps answers from a stale snapshot, each saying how stale, as the role may know', async () => {
    const server = countingServer();
    server.setStale({ ageSeconds: 95, reason: 'Google Sheets had a problem (HTTP 503)' });
    const executed = JSON.parse((await server.send(OFFICER_TOKEN, NAMES)).text);
    const reads = server.counts.reads;
    expect(executed.extensions.stale).toEqual({
      ageSeconds: 95,
      reason: 'Google Sheets had a problem (HTTP 503)',
    });
    server.setStale({ ageSeconds: 96, reason: 'Google Sheets had a problem (HTTP 503)' });
    const hit = JSON.parse((await server.send(OFFICER_TOKEN, NAMES)).text);
    expect(server.counts.reads).toBe(reads);
    const asOf = DEMO_NOW.toISOString();
    expect(executed.extensions.asOf).toBe(asOf);
    expect(hit).toEqual({
      ...executed,
      extensions: {
        asOf,
        stale: { ageSeconds: 96, reason: 'Google Sheets had a problem (HTTP 503)' },
      },
    });
    // asOf first, then stale, in the kept answer's bytes as in the executed one's.
    expect(Object.keys(hit.extensions)).toEqual(['asOf', 'stale']);
    expect(Object.keys(executed.extensions)).toEqual(['asOf', 'stale']);
    const partnerMiss = JSON.parse((await server.send(PARTNER_TOKEN, NAMES)).text);
    const partnerHit = JSON.parse((await server.send(PARTNER_TOKEN, NAMES)).text);
    expect(partnerHit).toEqual(partnerMiss);
    expect(partnerHit.extensions.stale).toEqual({ ageSeconds: 96, reason: PARTNER_STALE_REASON });
    // Fresh again: the kept answer no longer says stale.
    server.setStale(null);
    const before = server.counts.reads;
    const fresh = JSON.parse((await server.send(OFFICER_TOKEN, NAMES)).text);
    expect(fresh.extensions).toEqual({ asOf });
    expect(fresh.data).toEqual(executed.data);
    expect(server.counts.reads).toBe(before);
  });

  it('answers a GET from the store too (looked up once its parameters are parsed)', async () => {
    const server = countingServer();
    const get = async () => {
      const response = await server.yoga.fetch(
        `http://board.test/graphql?query=${encodeURIComponent(NAMES)}`,
        { headers: { authorization: `Bearer ${OFFICER_TOKEN}`, accept: 'application/json' } },
      );
      return { status: response.status, text: await response.text() };
    };
    const first = await get();
    const reads = server.counts.reads;
    const answers = await Promise.all([get(), get(), get()]);
    for (const answer of answers) expect(answer).toEqual(first);
    expect(server.counts.reads).toBe(reads);
  });

  it('keeps no answer that has errors, and runs it again each time', async () => {
    const server = countingServer();
    const refused = await server.send(PARTNER_TOKEN, '{ members { id } dataIssues { sheet } }');
    expect(JSON.parse(refused.text).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reads = server.counts.reads;
    await server.send(PARTNER_TOKEN, '{ members { id } dataIssues { sheet } }');
    expect(server.counts.reads).toBeGreaterThan(reads);
    expect(server.store.size).toBe(0);
  });
});

describe('cached answers over a socket', () => {
  let socketServer: Server;
  let url: string;
  let server: ReturnType<typeof countingServer>;

  beforeAll(async () => {
    server = countingServer();
    socketServer = createServer(server.yoga);
    await new Promise<void>((resolve) => socketServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(socketServer.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => socketServer.close(() => resolve())));

  const post = async (body: string, token = OFFICER_TOKEN) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    return {
      status: response.status,
      length: response.headers.get('content-length'),
      text: await response.text(),
    };
  };

  it('reads the body once and answers a hit with the kept bytes and their length', async () => {
    const first = await post(JSON.stringify({ query: NAMES }));
    const reads = server.counts.reads;
    const hit = await post(JSON.stringify({ query: NAMES, operationName: null }));
    expect(hit.text).toBe(first.text);
    expect(hit.length).toBe(String(Buffer.byteLength(hit.text)));
    expect(server.counts.reads).toBe(reads);
  });

  it('still refuses what yoga refuses, kept answer or not', async () => {
    await post(JSON.stringify({ query: NAMES }));
    const invalid = await post('{"query": "{ board { name } }"');
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('POST body sent invalid JSON.');
    const unknown = await post(JSON.stringify({ query: NAMES, variable: { x: 1 } }));
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).errors[0].message).toContain('Unexpected parameter "variable"');
    const longName = await post(
      JSON.stringify({
        query: `query ${'N'.repeat(101)} ${NAMES}`,
        operationName: 'N'.repeat(101),
      }),
    );
    expect(longName.status).toBe(400);
    expect(JSON.parse(longName.text).errors[0].extensions.code).toBe('OPERATION_NAME_TOO_LONG');
    const noToken = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: NAMES }),
    });
    expect(noToken.status).toBe(401);
  });

  it('answers a miss after reading its body (the parsed body is handed to yoga)', async () => {
    const query = '{ members { name } }';
    const miss = await post(JSON.stringify({ query, variables: {} }));
    expect(miss.status).toBe(200);
    expect(JSON.parse(miss.text).data.members).toHaveLength(2);
    const mutation = await post(
      JSON.stringify({
        query: 'mutation { recordCirculation(meetingId: "X", audience: DMT) { created } }',
      }),
    );
    expect(mutation.status).toBe(200);
    expect(JSON.parse(mutation.text).errors).toBeDefined();
  });
});

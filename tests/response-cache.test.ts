import { describe, expect, it } from 'vitest';
import type { RawCell, WorkbookGrids } from '../schema/grid';
import { buildSnapshot } from '../schema/snapshot';
import { tokenTable } from '../server/auth';
import { BoundedLru } from '../server/bounded-lru';
import { partnerMemberId } from '../server/graphql/access';
import { normalisedOperation, type ResponseStore, responseStore } from '../server/response-cache';
import type { CachedSnapshot } from '../server/snapshot-cache';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { createBoardYoga } from '../server/yoga';
import {
  DEMO_NOW,
  OFFICER_TOKEN,
  PARTNER_TOKEN,
  readOnceStatus,
  testServer,
} from './support/board-server';

const HEADERS = ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'];
const row = (id: string, name: string): RawCell[] => [
  id,
  name,
  'Member',
  'Provider',
  'Provider',
  45259,
  'Active',
];
const board = (...rows: RawCell[][]): WorkbookGrids => ({ Members: [HEADERS, ...rows] });

/** A snapshot cache whose current snapshot the test swaps, counting how often it is asked. */
function switchableCache(grids: WorkbookGrids) {
  let current: CachedSnapshot = {
    snapshot: buildSnapshot(grids),
    readAt: DEMO_NOW.getTime(),
    stale: null,
    version: 1,
  };
  return {
    set(next: WorkbookGrids, stale: CachedSnapshot['stale'] = null) {
      current = {
        snapshot: buildSnapshot(next),
        readAt: current.readAt + 1_000,
        stale,
        version: current.version + 1,
      };
    },
    get: async () => current,
    status: readOnceStatus,
  };
}

const names = '{ members { id name } }';

describe('response cache', () => {
  it('never gives an officer’s answer to a partner', async () => {
    const server = testServer({ cache: switchableCache(board(row('M1', 'Ann Oduya'))) });
    const officer = await server.query(OFFICER_TOKEN, names);
    const partner = await server.query(PARTNER_TOKEN, names);
    expect(officer.body.data).toEqual({ members: [{ id: 'M1', name: 'Ann Oduya' }] });
    // Partners get an opaque ID for every member (DESIGN §4: no sheet IDs of members who did not consent).
    expect(partner.body.data).toEqual({
      members: [{ id: partnerMemberId('M1'), name: 'Member (Provider)' }],
    });
  });

  it('answers from the new snapshot as soon as there is one', async () => {
    const cache = switchableCache(board(row('M1', 'Ann Oduya')));
    const server = testServer({ cache });
    expect((await server.query(OFFICER_TOKEN, names)).body.data).toEqual({
      members: [{ id: 'M1', name: 'Ann Oduya' }],
    });
    cache.set(board(row('M1', 'Ann Oduya'), row('M2', 'Ben Marsh')));
    expect((await server.query(OFFICER_TOKEN, names)).body.data).toEqual({
      members: [
        { id: 'M1', name: 'Ann Oduya' },
        { id: 'M2', name: 'Ben Marsh' },
      ],
    });
  });

  it('still flags a stale answer to a query whose fresh answer was kept', async () => {
    const cache = switchableCache(board(row('M1', 'Ann Oduya')));
    const server = testServer({ cache });
    const first = await server.query(OFFICER_TOKEN, names);
    const again = await server.query(OFFICER_TOKEN, names);
    expect(again.body).toEqual(first.body);
    cache.set(board(row('M1', 'Ann Oduya')), { ageSeconds: 95, reason: 'Google is not answering' });
    const stale = await server.query(OFFICER_TOKEN, names);
    expect(stale.body.extensions?.stale).toEqual({
      ageSeconds: 95,
      reason: 'Google is not answering',
    });
  });
});

/** The demo board's server with a response store the test can look into. */
function serverWithStore(store: ResponseStore) {
  const current = localWorkbookSource(DEMO_WORKBOOK_PATH)
    .readGrids()
    .then((grids) => ({
      snapshot: buildSnapshot(grids),
      readAt: DEMO_NOW.getTime(),
      stale: null,
      version: 1,
    }));
  const yoga = createBoardYoga({
    cache: {
      get: () => current,
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
  return async (body: Record<string, unknown>) => {
    const response = await yoga.fetch('http://board.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PARTNER_TOKEN}` },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown[] };
  };
}

describe('response cache memory', () => {
  it('keeps one entry for requests that differ only in unused variables, comments and spacing', async () => {
    const store = responseStore();
    const send = serverWithStore(store);
    const answers = new Set<string>();
    for (let index = 0; index < 100; index += 1) {
      const body = await send({
        query: `# request ${index}\nquery Report${index % 3}($n: Int) {${' '.repeat(index)}actions(first: $n) { totalCount edges { node { id } } } # ${'x'.repeat(index)}\n}`,
        variables: { n: 5, [`unused${index}`]: 'x'.repeat(1000) },
      });
      expect(body.errors).toBeUndefined();
      answers.add(JSON.stringify(body));
    }
    expect(answers.size).toBe(1);
    expect(store.size).toBe(1);
    // A variable the operation does use still makes a different answer, and a second entry.
    await send({
      query: 'query($n: Int) { actions(first: $n) { totalCount edges { node { id } } } }',
      variables: { n: 6 },
    });
    expect(store.size).toBe(2);
  });

  it('keys on the operation run, not the others in the document or unused fragments', () => {
    const one = normalisedOperation('query A { board { name } }', 'A');
    const two = normalisedOperation(
      'query Other { members { id } } query A { ...F }  fragment F on Query { board { name } }',
      'A',
    );
    expect(one?.printed).toBe('{\n  board {\n    name\n  }\n}');
    expect(two?.printed).toContain('fragment F on Query');
    expect(two?.printed).not.toContain('members');
    expect(normalisedOperation('query A { a } query B { b }', undefined)).toBeNull();
  });

  it('stays under its byte bound with many distinct big answers', async () => {
    const maxBytes = 512 * 1024;
    const store = responseStore({ maxBytes, maxEntryBytes: 64 * 1024 });
    const send = serverWithStore(store);
    let kept = 0;
    for (let first = 60; first < 100; first += 1) {
      const body = await send({
        query:
          'query($first: Int) { actions(first: $first) { edges { node { id description dueDate status } } } }',
        variables: { first },
      });
      expect(body.errors).toBeUndefined();
      expect(store.bytes).toBeLessThanOrEqual(maxBytes);
      kept = Math.max(kept, store.size);
    }
    // Each answer weighs 20 to 40 KB: several are kept, and the oldest made room for the newest.
    expect(kept).toBeGreaterThan(1);
    expect(store.size).toBeLessThan(40);
  });

  it('refuses an entry bigger than its share, and evicts the least recently used', () => {
    const lru = new BoundedLru<string>({
      maxBytes: 100,
      maxEntryBytes: 40,
      sizeOf: (_key, value) => value.length,
    });
    expect(lru.set('huge', 'x'.repeat(41))).toBe(false);
    lru.set('a', 'a'.repeat(30));
    lru.set('b', 'b'.repeat(30));
    lru.set('c', 'c'.repeat(30));
    expect(lru.get('a')).toBeDefined(); // a is now the most recently used
    lru.set('d', 'd'.repeat(30));
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.get('d')].map(Boolean)).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(lru.bytes).toBe(90);
  });
});

import { describe, expect, it } from 'vitest';
import type { RawCell, WorkbookGrids } from '../schema/grid';
import { buildSnapshot } from '../schema/snapshot';
import type { CachedSnapshot } from '../server/snapshot-cache';
import { OFFICER_TOKEN, PARTNER_TOKEN, testServer } from './support/board-server';

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
  let current: CachedSnapshot = { snapshot: buildSnapshot(grids), stale: null, version: 1 };
  return {
    set(next: WorkbookGrids, stale: CachedSnapshot['stale'] = null) {
      current = { snapshot: buildSnapshot(next), stale, version: current.version + 1 };
    },
    get: async () => current,
    status: () => ({
      ageSeconds: 0,
      lastError: null,
      lastSuccessAt: null,
      reads: 1,
      refreshing: false,
    }),
  };
}

const names = '{ members { id name } }';

describe('response cache', () => {
  it('never gives an officer’s answer to a partner', async () => {
    const server = testServer({ cache: switchableCache(board(row('M1', 'Ann Oduya'))) });
    const officer = await server.query(OFFICER_TOKEN, names);
    const partner = await server.query(PARTNER_TOKEN, names);
    expect(officer.body.data).toEqual({ members: [{ id: 'M1', name: 'Ann Oduya' }] });
    expect(partner.body.data).toEqual({ members: [{ id: 'M1', name: 'Member (Provider)' }] });
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

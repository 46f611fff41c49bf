/**
 * Issue #10, item 3: refresh off the request path.
 * - A Google read whose answer has not changed hands back the same grids, so the snapshot cache
 *   builds nothing, keeps its version, and the response cache keeps its answers.
 * - `getNow()` (what requests are answered with) never waits for a refresh once there is a
 *   snapshot: the old one serves until the new one is ready.
 * - Snapshots read and parsed in a worker thread and linked here in slices are the snapshot
 *   `buildSnapshot` makes, frozen the same way; an unchanged board resolves to the same object;
 *   a failed read in the worker is the same `SourceError` (retryable or not) as on this thread.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonToday } from '../schema/dates';
import type { WorkbookGrids } from '../schema/grid';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import { gridsToXlsx } from '../scripts/synthetic-xlsx';
import { tokenTable } from '../server/auth';
import { snapshotsOffThread } from '../server/refresh/snapshots-off-thread';
import { responseStore } from '../server/response-cache';
import { SnapshotCache } from '../server/snapshot-cache';
import { SourceError } from '../server/sources/board-source';
import { sourceFromConfig } from '../server/sources/from-config';
import { googleSheetsSource } from '../server/sources/google-sheets';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { createBoardYoga } from '../server/yoga';
import { DEMO_NOW, OFFICER_TOKEN } from './support/board-server';
import { FakeSheetsServer, type RunningFakeSheets } from './support/fake-sheets-server';

const demoGrids = await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids();
const scratch = await mkdtemp(join(tmpdir(), 'board-refresh-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The demo board with the first member renamed: a changed board. */
function renamed(name: string): WorkbookGrids {
  const [header, first, ...rest] = demoGrids.Members ?? [];
  return {
    ...demoGrids,
    Members: [header ?? [], [first?.[0] ?? null, name, ...(first ?? []).slice(2)], ...rest],
  };
}

describe('a refresh whose board has not changed', () => {
  let sheets: FakeSheetsServer;
  let fake: RunningFakeSheets;
  beforeAll(async () => {
    sheets = new FakeSheetsServer({ workbook: demoGrids });
    fake = await sheets.start();
  });
  afterAll(() => fake.close());

  const google = () =>
    googleSheetsSource({
      spreadsheetId: sheets.spreadsheetId,
      accessToken: sheets.accessToken,
      rootUrl: fake.url,
    });

  it('gives back the grids it gave last time when Google answers the same', async () => {
    const source = google();
    const first = await source.readGrids();
    expect(await source.readGrids()).toBe(first);
    sheets.setWorkbook(renamed('Someone Else'));
    const changed = await source.readGrids();
    expect(changed).not.toBe(first);
    expect(changed.Members?.[1]?.[1]).toBe('Someone Else');
    sheets.setWorkbook(demoGrids);
  });

  it('builds no snapshot and keeps the response cache', async () => {
    let clock = DEMO_NOW.getTime();
    let builds = 0;
    const refreshes: Record<string, unknown>[] = [];
    let refreshed: () => void = () => {};
    const cache = new SnapshotCache(google(), {
      refreshSeconds: 30,
      now: () => clock,
      build: (grids) => {
        builds++;
        return buildSnapshot(grids);
      },
      log: (event) => {
        refreshes.push(event as Record<string, unknown>);
        refreshed();
      },
    });
    const store = responseStore();
    const yoga = createBoardYoga({
      cache,
      tokens: tokenTable([[OFFICER_TOKEN, 'OFFICER']]),
      demo: false,
      now: () => new Date(clock),
      responseStore: store,
    });
    const ask = async (query: string) => {
      const response = await yoga.fetch('http://board.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${OFFICER_TOKEN}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as {
        data?: { members?: { name: string }[] };
        extensions?: { asOf?: string };
      };
    };
    const nextRefresh = () =>
      new Promise<void>((resolve) => {
        refreshed = () => setImmediate(resolve);
      });
    const query = '{ members { name } }';

    const before = await ask(query);
    expect(builds).toBe(1);
    expect(store.size).toBe(1);

    // Expired: the request is answered at once, and the refresh finds the same board.
    clock += 31_000;
    const done = nextRefresh();
    expect(await ask(query)).toEqual(before);
    await done;
    expect(refreshes.at(-1)).toMatchObject({ event: 'refresh', ok: true, unchanged: true });
    expect(builds).toBe(1);
    expect((await cache.get()).version).toBe(1);
    expect(store.size).toBe(1);
    // The kept answer, now as of the read that found the board unchanged.
    expect(await ask(query)).toEqual({
      ...before,
      extensions: { asOf: new Date(clock).toISOString() },
    });
    expect(before.extensions?.asOf).toBe(DEMO_NOW.toISOString());

    // A changed board is built, gets a new version, and the kept answers go.
    sheets.setWorkbook(renamed('Someone Else'));
    clock += 31_000;
    const rebuilt = nextRefresh();
    await ask(query);
    await rebuilt;
    expect(builds).toBe(2);
    expect((await cache.get()).version).toBe(2);
    const after = await ask(query);
    expect(after.data?.members?.[0]?.name).toBe('Someone Else');
    sheets.setWorkbook(demoGrids);
  });
});

describe('getNow', () => {
  /** A source whose reads the test answers. */
  function heldSource() {
    const pending: ((grids: WorkbookGrids) => void)[] = [];
    return {
      pending,
      source: {
        description: 'held',
        readGrids: () => new Promise<WorkbookGrids>((resolve) => pending.push(resolve)),
      },
    };
  }

  it('never waits for a refresh once there is a snapshot, and says stale only after the wait', async () => {
    const held = heldSource();
    let clock = DEMO_NOW.getTime();
    const cache = new SnapshotCache(held.source, {
      refreshSeconds: 30,
      freshWaitMs: 1_500,
      now: () => clock,
    });
    const first = cache.getNow();
    held.pending.shift()?.(demoGrids);
    const old = await first;
    clock += 30_000;
    const during = await cache.getNow();
    expect(during.snapshot).toBe(old.snapshot);
    // Within the time a request used to wait for the refresh, the snapshot is not called stale.
    expect(during.stale).toBeNull();
    expect(held.pending).toHaveLength(1);
    clock += 1_500;
    const later = await cache.getNow();
    expect(later.snapshot).toBe(old.snapshot);
    expect(later.stale).toEqual({ ageSeconds: 31, reason: 'refresh in progress' });
    held.pending.shift()?.(renamed('New Name'));
    await new Promise((resolve) => setImmediate(resolve));
    const fresh = await cache.getNow();
    expect(fresh.version).toBe(2);
    expect(fresh.stale).toBeNull();
  });
});

describe('snapshots off the main thread', () => {
  it('are the snapshot buildSnapshot makes, frozen, and the same object while unchanged', async () => {
    const path = join(scratch, 'demo-copy.xlsx');
    await copyFile(DEMO_WORKBOOK_PATH, path);
    const offThread = snapshotsOffThread({ kind: 'workbook', path }, { sliceMs: 1 });
    try {
      const snapshot = await offThread.read();
      const expected = buildSnapshot(await localWorkbookSource(path).readGrids());
      expect(isDeepStrictEqual(snapshot, expected)).toBe(true);
      expectLinkedAndFrozen(snapshot);
      expect(await offThread.read()).toBe(snapshot);

      await writeFile(path, gridsToXlsx(renamed('Changed In The File')));
      const changed = await offThread.read();
      expect(changed).not.toBe(snapshot);
      expect(changed.members[0]?.name).toBe('Changed In The File');
      expectLinkedAndFrozen(changed);
    } finally {
      await offThread.close();
    }
  });

  it('read a Google spreadsheet in the worker, with its errors as they are here', async () => {
    const sheets = new FakeSheetsServer({ workbook: demoGrids });
    const fake = await sheets.start();
    const offThread = snapshotsOffThread({
      kind: 'google',
      spreadsheetId: sheets.spreadsheetId,
      accessToken: sheets.accessToken,
      rootUrl: fake.url,
    });
    try {
      const snapshot = await offThread.read();
      expect(isDeepStrictEqual(snapshot, buildSnapshot(demoGrids))).toBe(true);
      expect(await offThread.read()).toBe(snapshot);

      sheets.failNext(503);
      const failed = await offThread.read().catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(SourceError);
      expect(failed).toMatchObject({ retryable: true, status: 503 });
      sheets.forbid();
      const refused = await offThread.read().catch((error: unknown) => error);
      expect(refused).toMatchObject({ retryable: false, status: 403 });
      sheets.heal();
      // Still the snapshot the main thread holds: nothing changed in the sheet.
      expect(await offThread.read()).toBe(snapshot);
    } finally {
      await offThread.close();
      await fake.close();
    }
  });

  it('serve the server: requests are answered from the old snapshot while a read is held', async () => {
    const sheets = new FakeSheetsServer({ workbook: demoGrids });
    const fake = await sheets.start();
    let clock = DEMO_NOW.getTime();
    const source = sourceFromConfig({
      kind: 'google',
      spreadsheetId: sheets.spreadsheetId,
      accessToken: sheets.accessToken,
      rootUrl: fake.url,
    });
    expect(source.readSnapshot).toBeTypeOf('function');
    const cache = new SnapshotCache(source, { refreshSeconds: 30, now: () => clock });
    try {
      const first = await cache.getNow();
      expect(first.snapshot.members.length).toBeGreaterThan(0);
      const hold = sheets.holdNext();
      sheets.setWorkbook(renamed('Read In The Worker'));
      clock += 31_000;
      const during = await cache.getNow();
      await hold.arrived;
      expect(during.snapshot).toBe(first.snapshot);
      expect(cache.status().refreshing).toBe(true);
      hold.release();
      while (cache.status().refreshing) await new Promise((resolve) => setTimeout(resolve, 10));
      const after = await cache.getNow();
      expect(after.version).toBe(2);
      expect(after.snapshot.members[0]?.name).toBe('Read In The Worker');
    } finally {
      await fake.close();
    }
  });
});

describe('today, once per hour of asking', () => {
  it('is London’s date at every hour around the clock changes, as a new formatter says', () => {
    const formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // Around the spring and autumn changes of 2026, and a summer midnight (23:30 UTC is 00:30 BST).
    const starts = [Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 9, 24, 20), Date.UTC(2026, 6, 1, 20)];
    for (const start of starts) {
      for (let minutes = 0; minutes < 10 * 60; minutes += 15) {
        const instant = new Date(start + minutes * 60_000);
        expect(londonToday(instant)).toBe(formatter.format(instant));
      }
    }
  });
});

function expectLinkedAndFrozen(snapshot: BoardSnapshot): void {
  const action = snapshot.actions[0];
  expect(action && snapshot.actionById.get(action.id)).toBe(action);
  expect(snapshot.actionsInIdOrder).toContain(action);
  expect(Object.isFrozen(snapshot)).toBe(true);
  expect(Object.isFrozen(snapshot.members[0])).toBe(true);
  expect(Object.isFrozen(snapshot.actions[0]?.ownerIds)).toBe(true);
  expect(Object.isFrozen(snapshot.settings)).toBe(true);
  expect(() => (snapshot.memberById as Map<string, unknown>).set('X', {})).toThrow(/read-only/);
}

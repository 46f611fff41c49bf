/**
 * Issue #9: a local workbook that failed to read (a zip bomb, a damaged file) is read once, not
 * once per request, and read again as soon as the file changes.
 */
import { copyFile, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipBombXlsx } from '../scripts/synthetic-xlsx';
import { SnapshotCache } from '../server/snapshot-cache';
import { SourceError } from '../server/sources/board-source';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { WORKBOOK_LIMITS } from '../server/sources/xlsx-grids';
import { PARTNER_TOKEN, testServer } from './support/board-server';

const MB = 1024 * 1024;
const folder = await mkdtemp(join(tmpdir(), 'local-workbook-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

const limits = { ...WORKBOOK_LIMITS, maxInflatedBytes: MB };

async function rejection(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('the read succeeded');
}

describe('localWorkbookSource', () => {
  it('reads a failed workbook once for many requests, and again once the file changes', async () => {
    const path = join(folder, 'board.xlsx');
    await writeFile(path, zipBombXlsx(4 * MB));
    const source = localWorkbookSource(path, { limits });

    const first = await rejection(source.readGrids());
    expect(first.retryable).toBe(false);
    expect(first.message).toMatch(
      /^The workbook board\.xlsx is too large to read: its sheets unpack to more than 1 MB \(the limit\)/,
    );
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await rejection(source.readGrids())).message).toBe(first.message);
    }
    expect(source.fileReads).toBe(1);

    // Replaced by a good board: read again, and then not again while it stays the same.
    await copyFile(DEMO_WORKBOOK_PATH, path);
    const grids = await source.readGrids();
    expect(grids.Members?.length).toBeGreaterThan(10);
    expect(await source.readGrids()).toBe(grids);
    expect(source.fileReads).toBe(2);

    // Broken again, then touched without a change of size: each change is one read.
    await writeFile(path, zipBombXlsx(4 * MB));
    await rejection(source.readGrids());
    expect(source.fileReads).toBe(3);
    const later = new Date(Date.now() + 60_000);
    await utimes(path, later, later);
    await rejection(source.readGrids());
    await rejection(source.readGrids());
    expect(source.fileReads).toBe(4);
  });

  it('serves requests before the first good read from that one failed read', async () => {
    const path = join(folder, 'served.xlsx');
    await writeFile(path, zipBombXlsx(4 * MB));
    const source = localWorkbookSource(path, { limits });
    const server = testServer({
      cache: new SnapshotCache(source, { refreshSeconds: 30 }),
    });

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => server.query(PARTNER_TOKEN, '{ board { name } }')),
    );
    for (let index = 0; index < 10; index++) {
      const answer = await server.query(PARTNER_TOKEN, '{ board { name } }');
      answers.push(answer);
    }

    for (const answer of answers) expect(answer.body.errors?.length).toBeGreaterThan(0);
    expect(source.fileReads).toBe(1);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const path = join(folder, 'huge.xlsx');
    await writeFile(path, new Uint8Array(2 * MB));
    const source = localWorkbookSource(path, { limits: { ...WORKBOOK_LIMITS, maxFileBytes: MB } });

    const error = await rejection(source.readGrids());

    expect(error.message).toMatch(
      /^The workbook huge\.xlsx is too large to read: the file is 2 MB, more than 1 MB \(the limit\)/,
    );
    await rejection(source.readGrids());
    expect(source.fileReads).toBe(0);
  });

  it('still reads the demo board as before', async () => {
    const source = localWorkbookSource(DEMO_WORKBOOK_PATH);
    const grids = await source.readGrids();
    expect(Object.keys(grids)).toContain('Actions');
    expect(source.fileReads).toBe(1);
  });
});

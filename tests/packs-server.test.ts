import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../schema/packs/sha256';
import { buildSnapshot } from '../schema/snapshot';
import { tokenTable } from '../server/auth';
import { circulationRecorder } from '../server/packs/record';
import { SnapshotCache } from '../server/snapshot-cache';
import type { BoardSource } from '../server/sources/board-source';
import { googleSheetsSource } from '../server/sources/google-sheets';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { readXlsxGrids } from '../server/sources/xlsx-grids';
import { createBoardYoga } from '../server/yoga';
import { DEMO_NOW, OFFICER_TOKEN, PARTNER_TOKEN, testServer } from './support/board-server';
import { FakeSheetsServer } from './support/fake-sheets-server';

const scratch = await mkdtemp(join(tmpdir(), 'board-packs-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A copy of the demo workbook that a test may write to. */
async function demoCopy(name: string): Promise<string> {
  const path = join(scratch, name);
  await copyFile(DEMO_WORKBOOK_PATH, path);
  return path;
}

/** The real server over `source`, with the recorder that writes Circulation rows. */
function writableServer(source: BoardSource) {
  const cache = new SnapshotCache(source, { refreshSeconds: 30 });
  const yoga = createBoardYoga({
    cache,
    tokens: tokenTable([
      [OFFICER_TOKEN, 'OFFICER'],
      [PARTNER_TOKEN, 'PARTNER'],
    ]),
    demo: false,
    recorder: circulationRecorder(source, cache, () => DEMO_NOW),
    now: () => DEMO_NOW,
  });
  return {
    async mutate(token: string, meetingId: string, audience: string) {
      const response = await yoga.fetch('http://board.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation { recordCirculation(meetingId: "${meetingId}", audience: ${audience}) { packId meetingId audience generatedAt sha256 created } }`,
        }),
      });
      return (await response.json()) as {
        data?: { recordCirculation: Record<string, unknown> } | null;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
    },
  };
}

const demo = testServer();
const download = (path: string, token: string | null = OFFICER_TOKEN) =>
  demo.yoga.fetch(`http://board.test${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('GET /packs/<meetingId>/<AUDIENCE>', () => {
  it('needs a token', async () => {
    expect((await download('/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html', null)).status).toBe(401);
  });

  it('serves HTML and text with the SHA-256 of the content', async () => {
    const html = await download('/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html', PARTNER_TOKEN);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const content = await html.text();
    expect(content).toMatch(/^<!doctype html>/i);
    expect(html.headers.get('x-pack-sha256')).toBe(sha256Hex(content));

    const text = await download('/packs/MT-2026-10/SENIOR_HEAD.txt');
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).not.toContain('<');
    const easy = await download('/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html?easyRead=true');
    expect(await easy.text()).not.toEqual(content);
  });

  it('refuses the DMT pack unless the meeting is marked for the DMT, and explains', async () => {
    const refused = await download('/packs/MT-2026-10/DMT.html');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/Circulate to DMT/);
    expect((await download('/packs/MT-2026-07/DMT.html')).status).toBe(200);
  });

  it('says clearly when the meeting is unknown or not held, or the address is wrong', async () => {
    const unknown = await download('/packs/MT-1999-01/SENIOR_HEAD.html');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('MT-1999-01');
    const planned = await download('/packs/MT-2026-11/SENIOR_HEAD.html');
    expect(planned.status).toBe(409);
    expect(await planned.text()).toMatch(/held/i);
    const broken = await download('/packs/%E0%A4%A/SENIOR_HEAD.html');
    expect(broken.status).toBe(400);
    expect((await download('/packs/MT-2026-10/%ZZ.html')).status).toBe(400);
    const wrong = await download('/packs/MT-2026-10/MAYOR.html');
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('BOROUGH_PARTNERSHIP, SENIOR_HEAD, DMT');
  });
});

describe('circulationPack query', () => {
  it('gives the pack with its hash, and refuses with the reason', async () => {
    const { body } = await demo.query(
      PARTNER_TOKEN,
      '{ circulationPack(meetingId: "MT-2026-10", audience: SENIOR_HEAD, format: TEXT) { meetingId audience format easyRead content sha256 } }',
    );
    expect(body.errors).toBeUndefined();
    const pack = body.data?.circulationPack as { content: string; sha256: string; format: string };
    expect(pack.format).toBe('TEXT');
    expect(pack.sha256).toBe(sha256Hex(pack.content));
    const refused = await demo.query(
      OFFICER_TOKEN,
      '{ circulationPack(meetingId: "MT-2026-10", audience: DMT) { sha256 } }',
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('DMT_NOT_REQUESTED');
  });
});

describe('recordCirculation', () => {
  it('appends one row to the Circulation tab of a local workbook, atomically, once', async () => {
    const path = await demoCopy('record-local.xlsx');
    const before = readXlsxGrids(await readFile(path));
    const server = writableServer(localWorkbookSource(path));

    const first = await server.mutate(OFFICER_TOKEN, 'MT-2026-10', 'BOROUGH_PARTNERSHIP');
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordCirculation).toMatchObject({
      packId: 'MT-2026-10-BP-1',
      meetingId: 'MT-2026-10',
      audience: 'BOROUGH_PARTNERSHIP',
      generatedAt: '2026-11-22T12:00:00',
      created: true,
    });
    const after = readXlsxGrids(await readFile(path));
    expect(after.Circulation).toEqual([
      ...(before.Circulation ?? []),
      [
        'MT-2026-10-BP-1',
        'MT-2026-10',
        'Borough Partnership',
        '2026-11-22 12:00:00',
        first.data?.recordCirculation.sha256,
      ],
    ]);
    // Nothing else in the workbook changed.
    for (const tab of Object.keys(before).filter((name) => name !== 'Circulation')) {
      expect(after[tab], tab).toEqual(before[tab]);
    }
    expect(buildSnapshot(after).issues).toEqual(buildSnapshot(before).issues);
    // No temporary file is left behind.
    expect((await readdir(scratch)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const again = await server.mutate(OFFICER_TOKEN, 'MT-2026-10', 'BOROUGH_PARTNERSHIP');
    expect(again.data?.recordCirculation).toMatchObject({
      packId: 'MT-2026-10-BP-1',
      created: false,
    });
    expect(readXlsxGrids(await readFile(path)).Circulation).toHaveLength(
      (before.Circulation?.length ?? 0) + 1,
    );
  });

  it('records different audiences, one after the other, even when asked at once', async () => {
    const path = await demoCopy('record-concurrent.xlsx');
    const server = writableServer(localWorkbookSource(path));
    const results = await Promise.all([
      server.mutate(OFFICER_TOKEN, 'MT-2026-10', 'SENIOR_HEAD'),
      server.mutate(OFFICER_TOKEN, 'MT-2026-10', 'SENIOR_HEAD'),
      server.mutate(OFFICER_TOKEN, 'MT-2026-07', 'DMT'),
    ]);
    expect(results.map((result) => result.data?.recordCirculation.created)).toEqual([
      true,
      false,
      true,
    ]);
    const rows = readXlsxGrids(await readFile(path)).Circulation ?? [];
    expect(rows.slice(1).map((row) => row[0])).toEqual(['MT-2026-10-SH-1', 'MT-2026-07-DMT-1']);
  });

  it('is for officers only, and refuses a pack that cannot be made', async () => {
    const server = writableServer(localWorkbookSource(await demoCopy('record-refused.xlsx')));
    const partner = await server.mutate(PARTNER_TOKEN, 'MT-2026-10', 'SENIOR_HEAD');
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const dmt = await server.mutate(OFFICER_TOKEN, 'MT-2026-10', 'DMT');
    expect(dmt.errors?.[0]?.extensions?.code).toBe('DMT_NOT_REQUESTED');
  });

  it('appends the row through the Sheets API in Google mode', async () => {
    const demoGrids = await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids();
    const sheets = new FakeSheetsServer({ workbook: demoGrids });
    const running = await sheets.start();
    try {
      const source = googleSheetsSource({
        spreadsheetId: sheets.spreadsheetId,
        accessToken: sheets.accessToken,
        rootUrl: running.url,
      });
      const server = writableServer(source);
      const result = await server.mutate(OFFICER_TOKEN, 'MT-2026-10', 'BOROUGH_PARTNERSHIP');
      expect(result.errors).toBeUndefined();
      expect(sheets.appends).toEqual([
        {
          tab: 'Circulation',
          valueInputOption: 'RAW',
          values: [
            [
              'MT-2026-10-BP-1',
              'MT-2026-10',
              'Borough Partnership',
              '2026-11-22 12:00:00',
              result.data?.recordCirculation.sha256,
            ],
          ],
        },
      ]);
      const again = await server.mutate(OFFICER_TOKEN, 'MT-2026-10', 'BOROUGH_PARTNERSHIP');
      expect(again.data?.recordCirculation.created).toBe(false);
      expect(sheets.appends).toHaveLength(1);
    } finally {
      await running.close();
    }
  });
});

describe('npm run pack', () => {
  it('writes the pack to a file and prints its hash', async () => {
    const out = join(scratch, 'pack.txt');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/pack.ts',
        'MT-2026-10',
        'senior-head',
        '--text',
        '--out',
        out,
      ],
      { env: { ...process.env, BOARD_WORKBOOK: '', BOARD_SPREADSHEET_ID: '' } },
    );
    const content = await readFile(out, 'utf8');
    expect(stdout).toContain(`SHA-256 ${sha256Hex(content)}`);
    expect(content).toMatch(/Senior Head/);
  }, 30_000);

  it('explains a refused pack and exits 1', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/cli/pack.ts', 'MT-2026-10', 'DMT'],
      {
        env: { ...process.env, BOARD_WORKBOOK: '', BOARD_SPREADSHEET_ID: '' },
      },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Circulate to DMT/),
    });
  }, 30_000);
});

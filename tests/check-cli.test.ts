/**
 * `npm run check` reads the board the way the server and `npm run pack` do: from
 * BOARD_SPREADSHEET_ID (here a fake Sheets API over loopback) or BOARD_WORKBOOK, unless a
 * workbook is named on the command line. Exit status: 1 errors, 0 none, 2 unreadable.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookGrids } from '../schema/grid';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { FakeSheetsServer, type RunningFakeSheets } from './support/fake-sheets-server';

const demoGrids = await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids();

/** The demo board with its impossible due date (Actions!F58) corrected, so it reads apart. */
const googleBoard: WorkbookGrids = {
  ...demoGrids,
  Actions: (demoGrids.Actions ?? []).map((row, index) =>
    index === 57 ? row.map((cell, column) => (column === 5 ? '28/02/2025' : cell)) : row,
  ),
};

/** No board configured in the environment the tests run in, unless a test sets one. */
const NO_BOARD = {
  BOARD_WORKBOOK: '',
  BOARD_SPREADSHEET_ID: '',
  SHEETS_ACCESS_TOKEN: '',
  SHEETS_API_ROOT_URL: '',
  GOOGLE_APPLICATION_CREDENTIALS: '',
};

async function check(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/cli/check.ts', '--today', '2026-11-22', ...args],
      { env: { ...process.env, ...NO_BOARD, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run check', () => {
  let sheets: FakeSheetsServer;
  let fake: RunningFakeSheets;
  let google: Record<string, string>;

  beforeAll(async () => {
    sheets = new FakeSheetsServer({ workbook: googleBoard });
    fake = await sheets.start();
    google = {
      BOARD_SPREADSHEET_ID: sheets.spreadsheetId,
      SHEETS_ACCESS_TOKEN: sheets.accessToken,
      SHEETS_API_ROOT_URL: fake.url,
    };
  });
  afterAll(() => fake.close());

  it('reads a Google board through BOARD_SPREADSHEET_ID, as the server does', async () => {
    const before = sheets.calls;
    const result = await check([], google);
    expect(result.code).toBe(1);
    expect(sheets.calls - before).toBe(1);
    expect(result.stdout).toContain('Actions!E145');
    expect(result.stdout).not.toContain('Actions!F58');
  }, 30_000);

  it('exits 2 with Google’s reason when the spreadsheet cannot be read', async () => {
    const result = await check([], { ...google, BOARD_SPREADSHEET_ID: 'NoSuchSheet123' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/BOARD_SPREADSHEET_ID/);
  }, 30_000);

  it('checks a workbook named on the command line, whatever the environment says', async () => {
    const before = sheets.calls;
    const result = await check([DEMO_WORKBOOK_PATH], google);
    expect(result.code).toBe(1);
    expect(sheets.calls).toBe(before);
    expect(result.stdout).toContain('Actions!F58');
  }, 30_000);

  it('reads BOARD_WORKBOOK, and refuses a contradictory environment with exit 2', async () => {
    const workbook = await check([], { BOARD_WORKBOOK: DEMO_WORKBOOK_PATH });
    expect(workbook.code).toBe(1);
    expect(workbook.stdout).toContain('Actions!F58');
    const both = await check([], { ...google, BOARD_WORKBOOK: DEMO_WORKBOOK_PATH });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
  }, 30_000);
});

describe('the officer’s commands, as command-line users expect', () => {
  it('check --help says how to use it and exits 0', async () => {
    const result = await check(['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run check --');
    expect(result.stdout).toContain('--json');
    expect(result.stdout).toContain('Exit status');
  }, 30_000);

  it('check --json gives the same problems as the terminal report, for scripts', async () => {
    const text = await check([DEMO_WORKBOOK_PATH], {});
    const json = await check([DEMO_WORKBOOK_PATH, '--json'], {});
    expect(json.code).toBe(text.code);
    const report = JSON.parse(json.stdout) as {
      errors: number;
      problems: {
        rule: string | null;
        severity: string;
        sheet: string | null;
        cell: string | null;
        message: string;
      }[];
    };
    expect(report.problems.length).toBeGreaterThan(0);
    for (const problem of report.problems) {
      expect(Object.keys(problem).sort()).toEqual(['cell', 'message', 'rule', 'severity', 'sheet']);
      // Every problem is a line of the terminal report, on its cell.
      const where = problem.cell ? `${problem.sheet}!${problem.cell}  ` : '';
      expect(text.stdout).toContain(`${where}${problem.message}`);
    }
    expect(report.problems.filter((problem) => problem.severity === 'error')).toHaveLength(
      report.errors,
    );
    // Exactly the demo board's deliberate imperfections (README, "The demo board"), by tab.
    expect(
      report.problems.map((problem) => [problem.rule, `${problem.sheet}!${problem.cell}`]),
    ).toEqual([
      ['R5', 'Members!G10'],
      ['R3', 'Members!M17'],
      ['R8', 'Meetings!I33'],
      ['R11', 'Meetings!H38'],
      ['R16', 'Attendance!B358'],
      [null, 'Actions!F58'],
      [null, 'Actions!E145'],
      ['R6', 'Projects!I4'],
      ['R16', 'Involvement!J139'],
      ['R17', 'Feedback!I12'],
      ['R17', 'Feedback!J18'],
    ]);
  }, 30_000);
});

const TSX_LOADER = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;

describe('npm run pack', () => {
  async function pack(args: string[], cwd: string) {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        // Run from another folder, so tsx is named by its path rather than found from there.
        ['--import', TSX_LOADER, join(process.cwd(), 'server/cli/pack.ts'), ...args],
        { env: { ...process.env, ...NO_BOARD }, cwd },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('writes into packs/ by default, or where --out says, and explains itself with --help', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'board-pack-'));
    try {
      const written = await pack(['MT-2026-10', 'SENIOR_HEAD'], folder);
      expect(written.code, written.stderr).toBe(0);
      expect(await readdir(join(folder, 'packs'))).toEqual(['MT-2026-10-SENIOR_HEAD.html']);
      const out = join(folder, 'mail', 'pack.txt');
      const text = await pack(['MT-2026-10', 'SENIOR_HEAD', '--text', '--out', out], folder);
      expect(text.code, text.stderr).toBe(0);
      expect(await readFile(out, 'utf8')).toContain('MT-2026-10');
      const help = await pack(['--help'], folder);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('packs/');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps packs/ out of git', async () => {
    const ignored = await readFile(join(process.cwd(), '.gitignore'), 'utf8');
    expect(ignored.split('\n')).toContain('/packs/');
  });
});

/**
 * Issue #9: a huge sheet or a zip bomb cannot block the server. The reader's limits (inflated
 * bytes in all, per part, cells, one token, the file) are checked while reading, each refusal
 * names its limit, and the server's reader gives the event loop back while it works.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { manyCellsXlsx, packageXlsx, zipBombXlsx, zipParts } from '../scripts/synthetic-xlsx';
import { DEMO_WORKBOOK_PATH } from '../server/sources/local-workbook';
import {
  readXlsxGrids,
  readXlsxGridsInSlices,
  WORKBOOK_LIMITS,
  type WorkbookLimits,
  WorkbookTooLargeError,
} from '../server/sources/xlsx-grids';
import { worksheetXml } from './support/xlsx-fixture';

const MB = 1024 * 1024;

function limits(overrides: Partial<WorkbookLimits>): WorkbookLimits {
  return { ...WORKBOOK_LIMITS, ...overrides };
}

async function refusal(read: () => unknown): Promise<WorkbookTooLargeError> {
  try {
    await read();
  } catch (error) {
    if (error instanceof WorkbookTooLargeError) return error;
    throw error;
  }
  throw new Error('the workbook was read, not refused');
}

/** Both ways of reading: straight through (fflate, tests and fixtures) and in slices (the
 * server and the check command: node:zlib on the thread pool). Each must hold the limits. */
const READERS = [
  ['straight through', readXlsxGrids],
  ['in slices', readXlsxGridsInSlices],
] as const;

function sheetOf(rows: string): Uint8Array {
  return packageXlsx([{ name: 'Actions', xml: worksheetXml(rows) }]);
}

it('has limits a board of 100,000 actions passes several times over', () => {
  expect(WORKBOOK_LIMITS.maxInflatedBytes).toBe(200 * MB);
  expect(WORKBOOK_LIMITS.maxCells).toBe(2_000_000);
  expect(WORKBOOK_LIMITS.maxPartBytes).toBeLessThanOrEqual(WORKBOOK_LIMITS.maxInflatedBytes);
});

describe.each(READERS)('workbook limits, read %s', (_mode, read) => {
  it('stops a zip bomb that lies about its size early, naming the limit and the file', async () => {
    // 64 MB of rows compressed to ~220 KB; its zip entry claims 64 KB.
    const bomb = zipBombXlsx(64 * MB);
    expect(bomb.length).toBeLessThan(MB);
    await read(zipBombXlsx(MB)); // warms the reader up, so the time below is the read's own

    const started = performance.now();
    const error = await refusal(() =>
      read(bomb, {
        fileName: 'board.xlsx',
        limits: limits({ maxInflatedBytes: MB }),
      }),
    );
    const elapsedMs = performance.now() - started;

    expect(error.limit).toBe('inflated');
    expect(error.message).toMatch(
      /^The workbook board\.xlsx is too large to read: its sheets unpack to more than 1 MB \(the limit\)\. .*check that it is the right file/,
    );
    // Parsing all 64 MB takes seconds; stopping after 1 MB takes a small fraction of one.
    expect(elapsedMs).toBeLessThan(1_500);
  });

  it('refuses a part that unpacks past the one-part limit, whether or not it says so', async () => {
    const honest = sheetOf('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(40_000));
    const lying = zipBombXlsx(4 * MB);
    const small = limits({ maxPartBytes: MB });

    for (const bytes of [honest, lying]) {
      const error = await refusal(() => read(bytes, { limits: small }));
      expect(error.limit).toBe('part');
      expect(error.message).toMatch(
        /^This Excel workbook is too large to read: the sheet "(Actions|Members)" unpacks to more than 1 MB \(the limit for one part\)/,
      );
    }
  });

  it('refuses a part that claims to unpack to gigabytes without allocating them', async () => {
    const claim = packageXlsx(
      [{ name: 'Actions', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }],
      undefined,
      { declaredSizes: { 'xl/worksheets/sheet1.xml': 0xfffffff0 } },
    );

    const error = await refusal(() => read(claim));

    expect(error.limit).toBe('part');
    expect(error.message).toMatch(/the sheet "Actions" unpacks to more than 150 MB/);
  });

  it('refuses a workbook over the cell limit, counting cells over all sheets', async () => {
    const workbook = manyCellsXlsx(2_000, 10);

    expect((await read(workbook, { limits: limits({ maxCells: 20_000 }) })).Actions).toHaveLength(
      2_000,
    );
    const error = await refusal(() =>
      read(workbook, { fileName: 'big.xlsx', limits: limits({ maxCells: 15_000 }) }),
    );
    expect(error.limit).toBe('cells');
    expect(error.message).toMatch(
      /^The workbook big\.xlsx is too large to read: its sheets hold more than 15,000 cells \(the limit; the sheet "Actions" went past it\)\. .*delete the sheets, rows and columns the board does not need/,
    );
  });

  it('counts the blank rows and cells a grid must hold, before holding them', async () => {
    // A few bytes that ask for a million rows in each of three sheets, and 16,384 columns in
    // each of 200 rows: 3 million and 3.3 million cells of memory.
    const deep = packageXlsx(
      ['A', 'B', 'C'].map((name) => ({
        name,
        xml: worksheetXml('<row r="1000000"><c r="A1000000"><v>1</v></c></row>'),
      })),
    );
    let wide = '';
    for (let row = 1; row <= 200; row++)
      wide += `<row r="${row}"><c r="XFD${row}"><v>1</v></c></row>`;

    for (const bytes of [deep, sheetOf(wide)]) {
      const started = performance.now();
      expect((await refusal(() => read(bytes))).limit).toBe('cells');
      expect(performance.now() - started).toBeLessThan(1_500);
    }
  });

  it('refuses one endless text or tag before re-scanning it becomes quadratic', async () => {
    const small = limits({ maxTokenChars: 100_000 });
    const endlessText = sheetOf(
      `<row r="1"><c r="A1" t="str"><v>${'x'.repeat(500_000)}</v></c></row>`,
    );
    const endlessTag = sheetOf(`<row r="1" ${'a="1" '.repeat(100_000)}/>`);
    // Comments split one value into texts each under the limit; the value is still too long.
    const splitText = sheetOf(
      `<row r="1"><c r="A1" t="str"><v>${`${'y'.repeat(50_000)}<!-- -->`.repeat(10)}</v></c></row>`,
    );

    for (const bytes of [endlessText, endlessTag, splitText]) {
      const error = await refusal(() => read(bytes, { limits: small }));
      expect(error.limit).toBe('token');
      expect(error.message).toMatch(
        /one cell or tag in the sheet "Actions" holds more than 100,000 characters \(the limit; Excel allows 32,767 in a cell\)/,
      );
    }
    // Under the default limit, a long cell is read as it is.
    expect((await read(endlessText)).Actions?.[0]?.[0]).toHaveLength(500_000);
  });

  it('refuses a file over the file-size limit before reading a part', async () => {
    const bytes = zipParts({ 'xl/media/photo.png': new Uint8Array(3 * MB).fill(7) }, { level: 0 });

    const error = await refusal(() => read(bytes, { limits: limits({ maxFileBytes: MB }) }));

    expect(error.limit).toBe('file');
    expect(error.message).toMatch(/the file is 3 MB, more than 1 MB \(the limit\)/);
  });
});

describe('reading in slices', () => {
  it('reads the demo board to the same grids as straight through', async () => {
    const bytes = new Uint8Array(await readFile(DEMO_WORKBOOK_PATH));

    expect(await readXlsxGridsInSlices(bytes)).toEqual(readXlsxGrids(bytes));
  });

  it('reads in slices to the same grids, letting timers run while it reads', async () => {
    const workbook = manyCellsXlsx(10_000, 10);
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 1);
    const started = performance.now();
    try {
      const grids = await readXlsxGridsInSlices(workbook, { sliceMs: 5 });
      const elapsedMs = performance.now() - started;
      expect(grids).toEqual(readXlsxGrids(workbook));
      // Straight through, a timer could not fire once until the read was over.
      expect(ticks).toBeGreaterThanOrEqual(Math.min(5, Math.floor(elapsedMs / 20)));
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });

  it('refuses a bomb in slices too, with the same message', async () => {
    await expect(
      readXlsxGridsInSlices(zipBombXlsx(8 * MB), {
        fileName: 'board.xlsx',
        limits: limits({ maxInflatedBytes: MB }),
      }),
    ).rejects.toThrow(
      /The workbook board\.xlsx is too large to read: its sheets unpack to more than 1 MB/,
    );
  });
});

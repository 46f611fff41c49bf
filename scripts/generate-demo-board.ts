/**
 * Writes the demo board workbook (`npm run demo:generate`):
 *
 *   tsx scripts/generate-demo-board.ts [--as-of yyyy-mm-dd] [--out path]
 *
 * The content comes from `demoBoardRows` (scripts/demo-board-data.ts) and is the same for the
 * same as-of date; `tests/demo-board.test.ts` checks that the shipped file matches it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import writeExcelFile, { type Sheet } from 'write-excel-file/node';
import { type IsoDate, isIsoDate } from '../schema/dates';
import { BOARD_LAYOUT } from '../schema/layout';
import { columnWidths, demoBoardRows } from './demo-board-data';

export { type DemoBoardRows, demoBoardRows, UNKNOWN_MEMBER_ID } from './demo-board-data';

/** The day the shipped demo workbook is generated for (the default of `--as-of`). */
export const DEMO_AS_OF: IsoDate = '2026-11-22';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_BOARD_PATH = resolve(ROOT, 'server/demo/demo-board.xlsx');

/** The workbook's sheets, in the layout's tab order, headers frozen. */
export function demoBoardSheets(asOf: IsoDate): Sheet<Buffer>[] {
  const rows = demoBoardRows(asOf);
  return BOARD_LAYOUT.map((spec) => ({
    sheet: spec.name,
    data: rows[spec.name],
    columns: columnWidths(spec),
    stickyRowsCount: 1,
  }));
}

/**
 * The demo workbook as .xlsx bytes. The zip entries are re-stamped with the as-of date (noon,
 * local time, so the stored DOS time is the same in every time zone): regenerating the file
 * for the same date gives the same bytes, and the shipped file only changes when its content does.
 */
export async function demoBoardXlsx(asOf: IsoDate): Promise<Uint8Array> {
  const written = await writeExcelFile(demoBoardSheets(asOf)).toBuffer();
  const [year, month, day] = asOf.split('-').map(Number) as [number, number, number];
  return zipSync(unzipSync(new Uint8Array(written)), {
    level: 6,
    mtime: new Date(year, month - 1, day, 12),
  });
}

interface Options {
  readonly asOf: IsoDate;
  readonly out: string;
}

function parseArguments(args: readonly string[]): Options {
  let asOf = DEMO_AS_OF;
  let out = DEMO_BOARD_PATH;
  for (let index = 0; index < args.length; index++) {
    const [flag, inline] = (args[index] as string).split(/=(.*)/s, 2) as [string, string?];
    const value = inline ?? args[++index];
    if (flag === '--as-of' && value !== undefined && isIsoDate(value)) asOf = value;
    else if (flag === '--out' && value) out = resolve(value);
    else {
      throw new Error(
        `Unexpected argument "${args[index] ?? flag}". Usage: tsx scripts/generate-demo-board.ts [--as-of yyyy-mm-dd] [--out path]`,
      );
    }
  }
  return { asOf, out };
}

async function main(): Promise<void> {
  const { asOf, out } = parseArguments(process.argv.slice(2));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await demoBoardXlsx(asOf));
  const rows = demoBoardRows(asOf);
  const counts = BOARD_LAYOUT.map((spec) => `${spec.name} ${rows[spec.name].length - 1}`);
  console.log(`Wrote the demo board as of ${asOf} to ${out} (${counts.join(', ')}).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

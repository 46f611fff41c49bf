/**
 * `npm run check -- [path.xlsx] [--today yyyy-mm-dd]`: prints a board workbook's data issues
 * and membership findings for officers. Exit status 1 when there are errors, 0 otherwise,
 * 2 when the workbook cannot be read at all.
 */
import { parseArgs } from 'node:util';
import { isIsoDate, londonToday } from '../../schema/dates';
import { membershipCheck } from '../../schema/rules';
import { buildSnapshot } from '../../schema/snapshot';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../sources/local-workbook';
import { formatCheckReport } from './check-report';

const USAGE = 'Usage: npm run check -- [path/to/board.xlsx] [--today yyyy-mm-dd]';

async function main(args: string[]): Promise<number> {
  let options: { values: { today?: string | undefined }; positionals: string[] };
  try {
    options = parseArgs({ args, allowPositionals: true, options: { today: { type: 'string' } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const today = options.values.today ?? londonToday(new Date());
  if (!isIsoDate(today)) {
    console.error(`--today needs a date written yyyy-mm-dd, not "${today}".`);
    return 2;
  }
  if (options.positionals.length > 1) {
    console.error(`Give one workbook at most.\n${USAGE}`);
    return 2;
  }
  const path = options.positionals[0] ?? DEMO_WORKBOOK_PATH;
  const source = localWorkbookSource(path);
  let grids: Awaited<ReturnType<typeof source.readGrids>>;
  try {
    grids = await source.readGrids();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const snapshot = buildSnapshot(grids);
  const report = formatCheckReport(snapshot, membershipCheck(snapshot, today), {
    source: path === DEMO_WORKBOOK_PATH ? 'the demo board' : source.description,
    today,
  });
  console.log(report.text);
  return report.errors > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));

/**
 * `npm run check -- [path.xlsx] [--today yyyy-mm-dd] [--json]`: prints a board's data issues
 * and membership findings for officers. Without a path it checks the board the server would
 * serve (BOARD_SPREADSHEET_ID, BOARD_WORKBOOK, or the demo board). Exit status 1 when there
 * are errors, 0 otherwise, 2 when the board cannot be read at all.
 */
import { parseArgs } from 'node:util';
import { isIsoDate, londonToday } from '../../schema/dates';
import type { WorkbookGrids } from '../../schema/grid';
import { membershipCheck } from '../../schema/rules';
import { buildSnapshot } from '../../schema/snapshot';
import { loadEnvFile } from '../env-file';
import { type ConfiguredSource, configuredSource } from '../sources/from-config';
import { checkReportJson, formatCheckReport } from './check-report';

const USAGE = 'Usage: npm run check -- [path/to/board.xlsx] [--today yyyy-mm-dd] [--json]';
const HELP = `${USAGE}

Checks a board workbook against the terms of reference and prints every problem, grouped by
tab, with the cell to fix (Actions!F58) and the rule (R5) where there is one.

  path/to/board.xlsx   a board downloaded as .xlsx; without it, the board the server would
                       serve: BOARD_SPREADSHEET_ID (with GOOGLE_APPLICATION_CREDENTIALS or
                       SHEETS_ACCESS_TOKEN), else BOARD_WORKBOOK, else the demo board,
                       set in the environment or in .env as for npm start
  --today yyyy-mm-dd   check as on another day (default: today in London)
  --json               the same problems as JSON (rule, severity, sheet, cell, message)
  --help               this text

Exit status: 0 no errors (warnings allowed), 1 errors, 2 the board could not be read.`;

async function main(args: string[]): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (options.values.help) {
    console.log(HELP);
    return 0;
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
  // The same .env as the server's, so that the check reads the board the server would serve.
  const envFile = loadEnvFile(process.env);
  if (envFile.problems.length > 0) {
    console.error(envFile.problems.join('\n'));
    return 2;
  }
  // The board the server would serve (as `npm run pack` reads it), or the workbook named here.
  let board: ConfiguredSource;
  let grids: WorkbookGrids;
  try {
    board = configuredSource(process.env, options.positionals[0]);
    grids = await board.source.readGrids();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const snapshot = buildSnapshot(grids);
  const findings = membershipCheck(snapshot, today);
  const context = { source: board.demo ? 'the demo board' : board.source.description, today };
  if (options.values.json) {
    const report = checkReportJson(snapshot, findings, context);
    console.log(JSON.stringify(report, null, 2));
    return report.errors > 0 ? 1 : 0;
  }
  const report = formatCheckReport(snapshot, findings, context);
  console.log(report.text);
  return report.errors > 0 ? 1 : 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      today: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));

/**
 * `npm run bench:parse`: for workbooks with 10,000 and 100,000 action rows, their IDs shuffled
 * (officers sort and move rows, and sorted IDs would hide the cost of ordering them):
 * 1. the whole read, as the server and `npm run check` do it: the .xlsx file read from disk and
 *    into grids, parsed, validated and built into a snapshot (issue #10: reading the file is as
 *    much work as the rest, and was left out before);
 * 2. parse + validate + snapshot alone, from grids in memory, with the peak memory of one build;
 *    targets (issue #2): <= 100 ms per 10k rows, < 300 MB peak at 100k rows, on 2 cores;
 * 3. reading the .xlsx into grids: in slices, as the server and `npm run check` read
 *    (readXlsxGridsInSlices), and straight through, as tests do (readXlsxGrids), so that the
 *    reader's limits (issue #9) can be seen to cost nothing;
 * 4. `npm run check` itself (server/cli/check.ts, as a process of its own) on 300,000 shuffled
 *    actions: wall time and that process's peak memory; target (issue #10): under 10 s and
 *    600 MB. The board keeps only the Actions columns a board fills most (ID, meeting, action,
 *    owners, due date, status), so that 300,000 rows stay within the reader's 2 million cells.
 * Each measurement runs in a child process of its own, so that its peak memory (max RSS) is
 * its own; times are medians of 5 runs after a warm-up.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RawCell, RawGrid, WorkbookGrids } from '../schema/grid';
import { buildSnapshot } from '../schema/snapshot';
import { readXlsxGrids, readXlsxGridsInSlices } from '../server/sources/xlsx-grids';
import { withShuffledActions } from './bench-kit';
import { gridsToXlsx } from './synthetic-xlsx';

const SIZES = [10_000, 100_000];
const RUNS = 5;
const CHECK_ACTIONS = 300_000;
const CHECK_RUNS = 3;
/** Reports the process's peak memory on exit (loaded into the `check` process measured). */
const PEAK_REPORTER = `process.on('exit', () => process.stderr.write('PEAK ' + process.resourceUsage().maxRSS + '\\n'));`;

/** A board with `actionRows` actions, with the mix of cell forms real sheets have. */
export function syntheticWorkbook(actionRows: number): WorkbookGrids {
  const members: RawCell[][] = [
    [
      'Member ID',
      'Name',
      'Role',
      'Category',
      'Constituency',
      'Service areas',
      'Term start',
      'Status',
    ],
  ];
  for (let index = 1; index <= 20; index++) {
    members.push([
      `M${index}`,
      `Member ${index}`,
      index === 1 ? 'Resident co-chair' : index === 2 ? 'Officer co-chair' : 'Member',
      index === 1 ? 'Resident co-chair' : index === 2 ? 'Commissioning team' : 'Provider',
      index % 2 ? 'Resident' : 'Provider',
      'Dementia, Carers',
      45_259,
      'Active',
    ]);
  }
  const meetings: RawCell[][] = [['Meeting ID', 'Date', 'Status', 'Topics', 'Minute-taker']];
  for (let month = 0; month < 36; month++) {
    meetings.push([
      `MT-${month}`,
      45_259 + month * 30,
      'Held',
      'Dementia; Carers',
      `M${3 + (month % 18)}`,
    ]);
  }
  const statuses = ['Open', 'in progress', 'DONE', 'Dropped'];
  const actions: RawCell[][] = [
    [
      'Action ID',
      'Meeting ID',
      'Project ID',
      'Action',
      'Owner',
      'Due date',
      'Status',
      'Last followed up',
      'Follow-up note',
      'Completed on',
    ],
  ];
  for (let index = 0; index < actionRows; index++) {
    const serial = 45_259 + (index % 1000);
    actions.push([
      `A-${index}`,
      `MT-${index % 36}`,
      null,
      `Write to the providers about item ${index} and report back to the board`,
      index % 7 === 0 ? null : `M${1 + (index % 20)}, M${1 + ((index + 5) % 20)}`,
      index % 3 === 0 ? `${1 + (index % 28)}/${1 + (index % 12)}/2025` : serial,
      statuses[index % 4] ?? 'Open',
      index % 2 === 0 ? serial + 3 : null,
      index % 5 === 0 ? 'Chased by email' : null,
      index % 4 === 2 ? serial + 10 : null,
    ]);
  }
  const grids: Record<string, RawGrid> = {
    Members: members,
    Meetings: meetings,
    Attendance: [['Meeting ID', 'Member ID', 'Attendance']],
    Actions: actions,
    Projects: [['Project ID', 'Name', 'Stage', 'Phase', 'Status']],
    Tasks: [['Task ID', 'Project ID', 'Task', 'Phase', 'Responsible', 'Status']],
    Circulation: [['Pack ID', 'Meeting ID', 'Audience', 'Generated at']],
    Settings: [['Key', 'Value']],
  };
  return grids;
}

/** The bench's board: `syntheticWorkbook` with its action rows shuffled (the same each run). */
function benchWorkbook(actionRows: number): WorkbookGrids {
  return withShuffledActions(syntheticWorkbook(actionRows));
}

/** Median time of several builds (after a JIT warm-up on a small board). */
function measureTime(actionRows: number): object {
  const grids = benchWorkbook(actionRows);
  buildSnapshot(syntheticWorkbook(1_000));
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    buildSnapshot(grids);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)] ?? 0;
  return { medianMs, msPer10k: (medianMs / actionRows) * 10_000 };
}

/** Peak memory of one build, as a server does it: the grids, then the snapshot from them. */
function measureMemory(actionRows: number): object {
  const baselineMb = process.resourceUsage().maxRSS / 1024;
  const snapshot = buildSnapshot(benchWorkbook(actionRows));
  return {
    actions: snapshot.actions.length,
    baselineMb,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * Median time of reading an .xlsx file into grids, in slices as the server and `npm run check`
 * read (node:zlib unpacking on the thread pool) and straight through as tests do (fflate), and
 * the peak memory of the first read.
 */
async function measureXlsxRead(path: string): Promise<object> {
  const bytes = new Uint8Array(readFileSync(path));
  const baselineMb = process.resourceUsage().maxRSS / 1024;
  const grids = await readXlsxGridsInSlices(bytes);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const median = async (read: () => unknown) => {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      await read();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? 0;
  };
  return {
    slicedMs: await median(() => readXlsxGridsInSlices(bytes)),
    straightMs: await median(() => readXlsxGrids(bytes)),
    fileMb: bytes.length / 1024 / 1024,
    rows: grids.Actions?.length ?? 0,
    baselineMb,
    peakMb,
  };
}

/**
 * The whole read of a workbook file as `npm run check` and the server do it (on one thread):
 * the file from disk, unpacked into grids in slices, parsed and built into a snapshot. Median
 * of several runs, each part timed too, and the peak memory of the first.
 */
async function measureWholeRead(path: string): Promise<object> {
  const baselineMb = process.resourceUsage().maxRSS / 1024;
  const once = async () => {
    const started = performance.now();
    const bytes = new Uint8Array(await readFile(path));
    const grids = await readXlsxGridsInSlices(bytes);
    const read = performance.now();
    const snapshot = buildSnapshot(grids);
    const built = performance.now();
    return { totalMs: built - started, readMs: read - started, buildMs: built - read, snapshot };
  };
  const first = await once();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const runs: Awaited<ReturnType<typeof once>>[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await once());
  const median = (pick: (run: Awaited<ReturnType<typeof once>>) => number) =>
    runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? 0;
  return {
    totalMs: median((run) => run.totalMs),
    readMs: median((run) => run.readMs),
    buildMs: median((run) => run.buildMs),
    actions: first.snapshot.actions.length,
    baselineMb,
    peakMb,
  };
}

function inChild(
  mode: 'time' | 'memory' | 'xlsx' | 'whole',
  argument: number | string,
): Record<string, number> {
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), mode, String(argument)],
    { encoding: 'utf8' },
  );
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}

function main(): void {
  const [mode, size] = process.argv.slice(2);
  if (mode === 'xlsx' && size) {
    measureXlsxRead(size).then((result) => console.log(JSON.stringify(result)));
    return;
  }
  if (mode === 'whole' && size) {
    measureWholeRead(size).then((result) => console.log(JSON.stringify(result)));
    return;
  }
  if (mode === 'time' || mode === 'memory') {
    const rows = Number(size);
    console.log(JSON.stringify(mode === 'time' ? measureTime(rows) : measureMemory(rows)));
    return;
  }
  console.log(
    `bench:parse on node ${process.version}, ${RUNS} timed runs per size (median), action IDs shuffled`,
  );
  const folder = mkdtempSync(join(tmpdir(), 'bench-parse-'));
  const paths = new Map<number, string>();
  for (const rows of SIZES) {
    const path = join(folder, `board-${rows}.xlsx`);
    writeFileSync(path, gridsToXlsx(benchWorkbook(rows)));
    paths.set(rows, path);
  }
  try {
    console.log(
      'action rows | .xlsx file | whole read: file + grids + parse + snapshot | per 10k rows | of which file into grids | parse+snapshot | peak memory (max RSS)',
    );
    for (const rows of SIZES) {
      const whole = inChild('whole', paths.get(rows) as string);
      console.log(
        `${rows.toLocaleString('en-GB').padStart(11)} | ${(statSync(paths.get(rows) as string).size / 1024 / 1024).toFixed(1).padStart(7)} MB | ${whole.totalMs?.toFixed(0).padStart(40)} ms | ${(((whole.totalMs ?? 0) / rows) * 10_000).toFixed(1).padStart(9)} ms | ${whole.readMs?.toFixed(0).padStart(21)} ms | ${whole.buildMs?.toFixed(0).padStart(11)} ms | ${whole.peakMb?.toFixed(0)} MB (process baseline ${whole.baselineMb?.toFixed(0)} MB; ${whole.actions?.toLocaleString('en-GB')} actions read)`,
      );
    }
    parseAlone();
    xlsxReads(paths);
    checkCommand(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Table 2: parse + validate + snapshot from grids in memory. */
function parseAlone(): void {
  console.log(
    'action rows | parse+validate+snapshot | per 10k rows | peak memory (max RSS) of one build',
  );
  for (const rows of SIZES) {
    const time = inChild('time', rows);
    const memory = inChild('memory', rows);
    console.log(
      `${rows.toLocaleString('en-GB').padStart(11)} | ${time.medianMs?.toFixed(0).padStart(20)} ms | ${time.msPer10k
        ?.toFixed(1)
        .padStart(
          9,
        )} ms | ${memory.peakMb?.toFixed(0)} MB (process baseline ${memory.baselineMb?.toFixed(0)} MB; ${memory.actions?.toLocaleString('en-GB')} actions read)`,
    );
  }
  console.log('Targets (parse + snapshot): <= 100 ms per 10k rows; < 300 MB peak at 100k rows.');
}

/** Table 3: the .xlsx files read into grids, in slices and straight through. */
function xlsxReads(paths: ReadonlyMap<number, string>): void {
  console.log(
    'action rows | .xlsx file | read into grids: in slices (server, check) | straight through | peak memory of one read',
  );
  for (const rows of SIZES) {
    const path = paths.get(rows) as string;
    const read = inChild('xlsx', path);
    console.log(
      `${rows.toLocaleString('en-GB').padStart(11)} | ${read.fileMb?.toFixed(1).padStart(7)} MB | ${read.slicedMs?.toFixed(0).padStart(35)} ms | ${read.straightMs?.toFixed(0).padStart(13)} ms | ${read.peakMb?.toFixed(0)} MB (process baseline ${read.baselineMb?.toFixed(0)} MB)`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

/** Table 4: `npm run check` on a 300,000-action board, as a process of its own. */
function checkCommand(folder: string): void {
  const path = join(folder, `board-${CHECK_ACTIONS}.xlsx`);
  const full = benchWorkbook(CHECK_ACTIONS);
  const kept = ['Action ID', 'Meeting ID', 'Action', 'Owner', 'Due date', 'Status'];
  const header = full.Actions?.[0] ?? [];
  const columns = kept.map((name) => header.indexOf(name));
  const lean = {
    ...full,
    Actions: (full.Actions ?? []).map((row) => columns.map((at) => row[at] ?? null)),
  };
  writeFileSync(path, gridsToXlsx(lean));
  const reporter = join(folder, 'peak.mjs');
  writeFileSync(reporter, PEAK_REPORTER);
  const runs: { ms: number; peakMb: number }[] = [];
  for (let run = 0; run < CHECK_RUNS; run++) {
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', pathToFileURL(reporter).href, 'server/cli/check.ts', path],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const ms = performance.now() - started;
    // Exit status 1 (errors found) is a finished check; 2 means the board could not be read.
    if (result.status !== 0 && result.status !== 1) {
      throw new Error(`npm run check failed (${result.status}): ${result.stderr.slice(0, 500)}`);
    }
    const peak = /PEAK (\d+)/.exec(result.stderr)?.[1];
    runs.push({ ms, peakMb: Number(peak) / 1024 });
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(
    `npm run check on ${CHECK_ACTIONS.toLocaleString('en-GB')} shuffled actions (${(statSync(path).size / 1024 / 1024).toFixed(1)} MB file): ${(median(runs.map((r) => r.ms)) / 1000).toFixed(1)} s (median of ${CHECK_RUNS}: ${runs.map((r) => (r.ms / 1000).toFixed(1)).join(', ')} s), peak memory ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB`,
  );
  console.log('Target: under 10 s and 600 MB.');
}

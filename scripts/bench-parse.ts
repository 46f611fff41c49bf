/**
 * `npm run bench:parse`: parse + validate + snapshot time and peak memory for workbooks with
 * 10,000 and 100,000 action rows. Each size runs in its own child process so that its peak
 * memory (max RSS, which includes the raw grids as a source would hand them over) is its own.
 * Targets (issue #2): <= 100 ms per 10k rows, < 300 MB peak at 100k rows, on 2 cores.
 * Then the same boards saved as .xlsx files and read into grids, the step before parsing for a
 * local workbook: in slices, as the server and `npm run check` read (readXlsxGridsInSlices),
 * and straight through, as tests do (readXlsxGrids), so that the reader's limits (issue #9)
 * can be seen to cost nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawCell, RawGrid, WorkbookGrids } from '../schema/grid';
import { buildSnapshot } from '../schema/snapshot';
import { readXlsxGrids, readXlsxGridsInSlices } from '../server/sources/xlsx-grids';
import { gridsToXlsx } from './synthetic-xlsx';

const SIZES = [10_000, 100_000];
const RUNS = 5;

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

/** Median time of several builds (after a JIT warm-up on a small board). */
function measureTime(actionRows: number): object {
  const grids = syntheticWorkbook(actionRows);
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
  const snapshot = buildSnapshot(syntheticWorkbook(actionRows));
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

function inChild(
  mode: 'time' | 'memory' | 'xlsx',
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
  if (mode === 'time' || mode === 'memory') {
    const rows = Number(size);
    console.log(JSON.stringify(mode === 'time' ? measureTime(rows) : measureMemory(rows)));
    return;
  }
  console.log(`bench:parse on node ${process.version}, ${RUNS} timed runs per size (median)`);
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
  console.log('Targets: <= 100 ms per 10k rows; < 300 MB peak at 100k rows.');

  console.log(
    'action rows | .xlsx file | read into grids: in slices (server, check) | straight through | peak memory of one read',
  );
  const folder = mkdtempSync(join(tmpdir(), 'bench-parse-'));
  try {
    for (const rows of SIZES) {
      const path = join(folder, `board-${rows}.xlsx`);
      writeFileSync(path, gridsToXlsx(syntheticWorkbook(rows)));
      const read = inChild('xlsx', path);
      console.log(
        `${rows.toLocaleString('en-GB').padStart(11)} | ${read.fileMb?.toFixed(1).padStart(7)} MB | ${read.slicedMs?.toFixed(0).padStart(35)} ms | ${read.straightMs?.toFixed(0).padStart(13)} ms | ${read.peakMb?.toFixed(0)} MB (process baseline ${read.baselineMb?.toFixed(0)} MB)`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

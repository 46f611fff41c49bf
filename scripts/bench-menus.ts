/**
 * `npm run bench:menus`: builds the Apps Script bundle and runs each menu item and global of
 * the co-chairs' meeting cycle in the fake spreadsheet, on the demo board with 100 and with
 * 10,000 actions, printing for each the Spreadsheet service calls, the cells moved, the other
 * services' calls, the time in the fake, and the expected time in a real spreadsheet.
 * Target (issues 4 and 12): Spreadsheet calls the same at both sizes; under 30 s at 10,000.
 *
 * In real Apps Script each service call is a round trip to Google, so calls, not JavaScript,
 * decide how long an item takes. The estimate uses published per-call figures:
 *  - Spreadsheet calls: 100 ms each. Peralta's measurements of Apps Script service calls
 *    (ziritione.org, "Google Apps Script APIs performance", 100 runs) average 30-64 ms a call;
 *    100 ms is a round, cautious figure above them.
 *  - Cells moved by getValues/setValues/getFormulas/getNotes: 12.5 µs a cell, from one
 *    setValues of 4,000 cells in under 50 ms (Stack Overflow, "What is faster: ScriptDb or
 *    SpreadsheetApp?", measured in Apps Script).
 *  - SpreadsheetApp.flush(): 610 ms each, from the same measurement.
 *  - Gmail and MailApp calls: 500 ms each (no published figure found: an assumption, five
 *    Spreadsheet calls' worth, as each sends or stores a message).
 *  - Properties, Lock and Script (trigger) calls: 60 ms each (Peralta: setProperty 62 ms).
 *  - JavaScript: three times the time in the fake, as Apps Script's shared V8 is slower than
 *    Node on this machine (an assumption).
 */
import { boardWithActions } from '../tests/support/apps-script/boards';
import { type Session, session } from '../tests/support/apps-script/session';

const SIZES = [100, 10_000];
const TARGET_MS = 30_000;
const MS = { spreadsheet: 100, cell: 0.0125, flush: 610, mail: 500, other: 60, jsFactor: 3 };

interface Item {
  readonly label: string;
  /** Gets the board ready (earlier steps of the cycle), not measured. */
  readonly before?: (started: Session) => void;
  readonly run: (started: Session) => void;
}

const followUp = (started: Session) => started.click('followUpActions');
const ITEMS: readonly Item[] = [
  { label: 'Check membership', run: (s) => s.click('checkMembership') },
  { label: 'Follow up actions', run: followUp },
  {
    label: 'Save follow-up to actions',
    before: (started) => {
      followUp(started);
      // Three edits across the list, as in a meeting: one write whatever their rows.
      const sheet = started.fake.spreadsheet.sheet('Follow-up');
      const rows = sheet.getLastRow();
      sheet.typeInto(2, 7, 'Done');
      sheet.typeInto(Math.floor(rows / 2), 10, 'Chased in the meeting');
      sheet.typeInto(rows, 10, 'Report back in January');
    },
    run: (s) => s.click('saveFollowUpToActions'),
  },
  {
    label: 'draftFollowUpEmails',
    before: followUp,
    run: (s) => s.bundle.call('draftFollowUpEmails'),
  },
  { label: 'Turn on weekly reminders', run: (s) => s.click('turnOnWeeklyReminders') },
  {
    label: 'sendActionReminders',
    before: (started) => {
      started.fake.mailQuota.remaining = 1_500;
    },
    run: (s) => s.bundle.call('sendActionReminders'),
  },
  { label: 'Prepare circulation pack', run: (s) => s.click('prepareCirculationPack') },
  {
    label: 'previewCirculationPack',
    run: (s) => s.bundle.call('previewCirculationPack', 'MT-2026-10', 'Borough Partnership'),
  },
  {
    label: 'draftCirculationPack',
    run: (s) => s.bundle.call('draftCirculationPack', 'MT-2026-10', 'Borough Partnership'),
  },
];

interface Result {
  readonly label: string;
  readonly actions: number;
  readonly spreadsheet: number;
  readonly flushes: number;
  readonly cells: number;
  readonly mail: number;
  readonly other: number;
  readonly ms: number;
  readonly expectedMs: number;
}

async function measure(actions: number, item: Item): Promise<Result> {
  const started = await session(boardWithActions(actions));
  item.before?.(started);
  const { log } = started.fake;
  log.reset();
  const begin = performance.now();
  item.run(started);
  const ms = performance.now() - begin;
  const spreadsheet = log.total('Spreadsheet');
  const flushes = log.counts.get('Spreadsheet/SpreadsheetApp.flush') ?? 0;
  const mail = log.total('Gmail') + log.total('Mail');
  const other = log.total('Properties') + log.total('Lock') + log.total('Script');
  const expectedMs =
    (spreadsheet - flushes) * MS.spreadsheet +
    flushes * MS.flush +
    log.cells * MS.cell +
    mail * MS.mail +
    other * MS.other +
    ms * MS.jsFactor;
  return {
    label: item.label,
    actions,
    spreadsheet,
    flushes,
    cells: log.cells,
    mail,
    other,
    ms,
    expectedMs,
  };
}

const results: Result[] = [];
for (const item of ITEMS) {
  for (const actions of SIZES) results.push(await measure(actions, item));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log('Apps Script menus in the fake spreadsheet (demo board with generated actions)\n');
console.log(
  'item                          actions  Spreadsheet calls  cells moved  Gmail/Mail  other  fake ms  expected real',
);
for (const r of results) {
  console.log(
    `${r.label.padEnd(29)} ${String(r.actions).padStart(7)}  ${String(r.spreadsheet).padStart(17)}  ${String(r.cells).padStart(11)}  ${String(r.mail).padStart(10)}  ${String(r.other).padStart(5)}  ${r.ms.toFixed(0).padStart(7)}  ${seconds(r.expectedMs).padStart(13)}`,
  );
}

let failed = false;
console.log('');
for (const item of ITEMS) {
  const [small, large] = SIZES.map(
    (actions) => results.find((r) => r.label === item.label && r.actions === actions) as Result,
  ) as [Result, Result];
  // A new Follow-up tab is grown past Sheets' default 1,000 rows once: one call, any size.
  const grown = large.spreadsheet - small.spreadsheet;
  const steady = grown === 0 || (item.label === 'Follow up actions' && grown === 1);
  console.log(
    `${item.label}: ${small.spreadsheet} and ${large.spreadsheet} Spreadsheet calls (${
      steady ? 'independent of row count' : 'GROW with row count'
    }${grown === 1 ? '; +1 adds rows to the new Follow-up tab' : ''}); ${large.actions.toLocaleString('en-GB')} actions: ${large.ms.toFixed(0)} ms in the fake, about ${seconds(large.expectedMs)} in a real spreadsheet (target < ${seconds(TARGET_MS)}).`,
  );
  if (!steady || large.expectedMs >= TARGET_MS) failed = true;
}
if (failed) process.exitCode = 1;

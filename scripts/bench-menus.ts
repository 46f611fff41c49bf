/**
 * `npm run bench:menus`: builds the Apps Script bundle and runs "Follow up actions" and "Check
 * membership" in the fake spreadsheet on the demo board with 100 and with 10,000 actions,
 * printing the Spreadsheet service calls and the wall time of each run.
 * Target (issue 4): calls independent of the number of rows, under 2 s at 10,000 actions.
 *
 * Each Spreadsheet call is a round trip in real Apps Script (tens of milliseconds), so the
 * call count, not the JavaScript time, is what decides how long a menu item takes in a sheet.
 */
import { boardWithActions } from '../tests/support/apps-script/boards';
import { session } from '../tests/support/apps-script/session';

const SIZES = [100, 10_000];
const ITEMS = [
  { label: 'Follow up actions', functionName: 'followUpActions' },
  { label: 'Check membership', functionName: 'checkMembership' },
] as const;
const TARGET_MS = 2_000;

interface Result {
  readonly label: string;
  readonly actions: number;
  readonly calls: number;
  readonly ms: number;
}

async function measure(actions: number, item: (typeof ITEMS)[number]): Promise<Result> {
  const started = await session(boardWithActions(actions));
  started.fake.ui.answer('NO'); // Follow up actions: no Gmail drafts in the benchmark
  started.fake.log.reset();
  const begin = performance.now();
  started.click(item.functionName);
  const ms = performance.now() - begin;
  return { label: item.label, actions, calls: started.fake.spreadsheetCalls(), ms };
}

const results: Result[] = [];
for (const item of ITEMS) {
  for (const actions of SIZES) results.push(await measure(actions, item));
}

console.log('Apps Script menus in the fake spreadsheet (first run on a fresh board)\n');
console.log('item                 actions   Spreadsheet calls   wall ms');
for (const result of results) {
  console.log(
    `${result.label.padEnd(20)} ${String(result.actions).padStart(7)}   ${String(result.calls).padStart(17)}   ${result.ms.toFixed(0).padStart(7)}`,
  );
}

let failed = false;
for (const item of ITEMS) {
  const [small, large] = SIZES.map(
    (actions) => results.find((r) => r.label === item.label && r.actions === actions) as Result,
  ) as [Result, Result];
  // A new Follow-up tab is grown past Sheets' default 1,000 rows once: one call, any size.
  const grown = large.calls - small.calls;
  const steady = grown === 0 || (item.functionName === 'followUpActions' && grown === 1);
  console.log(
    `\n${item.label}: calls ${steady ? 'independent of row count' : 'GROW with row count'}${
      grown === 1 ? ' (+1 to add rows to the new Follow-up tab)' : ''
    }; ${large.actions.toLocaleString('en-GB')} actions in ${large.ms.toFixed(0)} ms (target < ${TARGET_MS} ms).`,
  );
  if (!steady || large.ms >= TARGET_MS) failed = true;
}
if (failed) process.exitCode = 1;

/**
 * "Set up board sheets" in the built bundle: the shared layout (schema/layout.ts) made real in
 * an empty spreadsheet and completed in a board that lacks a column, never moving or deleting
 * data, and the same after a second run.
 */
import { describe, expect, it } from 'vitest';
import type { RawGrid } from '../schema/grid';
import { BOARD_LAYOUT, FEEDBACK_TAB, INVOLVEMENT_TAB, TAB_NAMES } from '../schema/layout';
import { DEFAULT_SETTINGS } from '../schema/settings';
import { buildSnapshot } from '../schema/snapshot';
import { demoGrids, smallBoard } from './support/apps-script/boards';
import { gridsOf, londonDate, session } from './support/apps-script/session';

/**
 * Every cell of `before` is still there in `after`, in the same place; the rows gained no
 * cells but blanks (only the header row gains the headers of added columns).
 */
function expectUntouched(
  name: string,
  before: readonly (readonly unknown[])[],
  after: readonly (readonly unknown[])[],
): void {
  expect(after, name).toHaveLength(before.length);
  after.forEach((row, index) => {
    const old = before[index] ?? [];
    expect(row.slice(0, old.length), `${name} row ${index + 1}`).toEqual(old);
    if (index > 0) expect(row.slice(old.length).every((cell) => cell === '')).toBe(true);
  });
}

async function emptySpreadsheet() {
  const started = await session(null);
  started.fake.spreadsheet.addSheet('Sheet1');
  return started;
}

describe('Set up board sheets on an empty spreadsheet', () => {
  it('creates every tab of the layout with its headers, and the default settings', async () => {
    const started = await emptySpreadsheet();
    started.click('setUpBoardSheets');
    const { spreadsheet } = started.fake;
    expect(spreadsheet.sheets.map((sheet) => sheet.name)).toEqual([
      'Sheet1',
      ...BOARD_LAYOUT.map((spec) => spec.name),
    ]);
    expect(spreadsheet.sheets.map((sheet) => sheet.name)).toContain('Reminders sent');
    for (const spec of BOARD_LAYOUT) {
      expect(started.tab(spec.name)[0]).toEqual(spec.columns.map((column) => column.header));
    }
    expect(started.tab('Settings').slice(1, 4)).toEqual([
      ['Board name', 'Commissioning Co-Production Board'],
      ['First meeting', londonDate('2023-11-29')],
      ['Meeting pattern', 'last Wednesday'],
    ]);
    const snapshot = buildSnapshot(gridsOf(started.fake));
    expect(snapshot.unusableTabs.size).toBe(0);
    expect(snapshot.settings).toEqual(DEFAULT_SETTINGS);
    expect(snapshot.issues).toEqual([]);
    expect(spreadsheet.unlockedWrites).toEqual([]);
  });

  it('freezes, bolds and protects (warning only) each header row', async () => {
    const started = await emptySpreadsheet();
    started.click('setUpBoardSheets');
    for (const { name } of BOARD_LAYOUT) {
      const sheet = started.fake.spreadsheet.sheet(name);
      const width = sheet.getLastColumn();
      expect(sheet.frozenRows).toBe(1);
      expect(sheet.fontWeights.get(`1,${width}`)).toBe('bold');
      expect(sheet.protections.map((p) => [p.range.getA1Notation(), p.warningOnly])).toEqual([
        [`A1:${String.fromCharCode(64 + width)}1`, true],
      ]);
    }
  });

  it('gives every enumerated column a dropdown and every date column a date format', async () => {
    const started = await emptySpreadsheet();
    started.click('setUpBoardSheets');
    const sheet = (name: string) => started.fake.spreadsheet.sheet(name);
    const listAt = (name: string, cell: string) =>
      (sheet(name).validations.get(cell) as unknown as { values: string[] } | undefined)?.values;
    expect(listAt('Members', '2,3')).toEqual(['Resident co-chair', 'Officer co-chair', 'Member']);
    expect(listAt('Members', '1000,16')).toEqual(['Active', 'Former']);
    expect(listAt('Members', '2,17')).toEqual(['Yes', 'No']); // Name in circulation
    expect(listAt('Members', '2,18')).toEqual(['Yes', 'No']); // Reminders
    expect(listAt('Members', '2,12')).toBeUndefined(); // Communication needs: free text
    expect(sheet('Reminders sent').numberFormats.get('2,1')).toBe('dd/mm/yyyy hh:mm');
    expect(listAt('Actions', '500,7')).toEqual(['Open', 'In progress', 'Done', 'Dropped']);
    expect(listAt('Attendance', '2,3')).toEqual(['Present', 'Apologies', 'Absent']);
    expect(listAt('Members', '2,1')).toBeUndefined();
    expect(sheet('Actions').numberFormats.get('2,6')).toBe('dd/mm/yyyy');
    expect(sheet('Meetings').numberFormats.get('2,3')).toBe('hh:mm');
    expect(sheet('Circulation').numberFormats.get('2,4')).toBe('dd/mm/yyyy hh:mm');
    expect(sheet('Actions').numberFormats.get('1,6')).toBeUndefined();
  });

  it('formats the Involvement and Feedback tabs: dropdowns, dates, hours and pounds', async () => {
    const started = await emptySpreadsheet();
    started.click('setUpBoardSheets');
    const sheet = (name: string) => started.fake.spreadsheet.sheet(name);
    const listAt = (name: string, cell: string) =>
      (sheet(name).validations.get(cell) as unknown as { values: string[] } | undefined)?.values;
    const formatAt = (name: string, cell: string) => sheet(name).numberFormats.get(cell);
    expect(listAt('Involvement', '2,6')).toEqual([
      'Board meeting',
      'Co-planning',
      'Co-design',
      'Co-delivery',
      'Co-evaluation',
      'Preparation',
      'Training',
      'Other',
    ]);
    expect(listAt('Involvement', '1000,10')).toEqual([
      'Not claimed',
      'Claimed',
      'Paid',
      'Declined',
    ]);
    expect(listAt('Involvement', '2,2')).toBeUndefined(); // Member ID
    expect(formatAt('Involvement', '2,3')).toBe('dd/mm/yyyy'); // Date
    expect(formatAt('Involvement', '2,7')).toBe('0.0#'); // Hours
    expect(formatAt('Involvement', '2,8')).toBe('[$£]#,##0.00'); // Payment
    expect(formatAt('Involvement', '1000,9')).toBe('[$£]#,##0.00'); // Expenses
    expect(formatAt('Involvement', '1,8')).toBeUndefined(); // not the header
    expect(formatAt('Involvement', '2,11')).toBeUndefined(); // Training or recognition
    expect(listAt('Feedback', '2,8')).toEqual(['Open', 'Acted on', 'Not acted on']);
    expect(formatAt('Feedback', '2,2')).toBe('dd/mm/yyyy'); // Date raised
    expect(formatAt('Feedback', '2,10')).toBe('dd/mm/yyyy'); // Reported back on
    expect(listAt('Feedback', '2,6')).toBeUndefined(); // Raised by: a constituency or IDs
  });

  it('shades overdue actions with a conditional format on the Actions tab', async () => {
    const started = await emptySpreadsheet();
    started.click('setUpBoardSheets');
    const rules = started.state() as { name: string; rules: unknown[] }[];
    expect(rules.find((sheet) => sheet.name === 'Actions')?.rules).toEqual([
      {
        formula:
          '=AND(N("Board check: overdue actions")=0,ISNUMBER($F2),$F2<TODAY(),TRIM($G2)<>"Done",TRIM($G2)<>"Dropped")',
        background: '#f4c7c3',
        ranges: ['A2:J1000'],
      },
    ]);
  });

  it('leaves the same spreadsheet when run twice', async () => {
    const started = await emptySpreadsheet();
    started.click('setUpBoardSheets');
    const once = started.state();
    started.click('setUpBoardSheets');
    expect(started.state()).toEqual(once);
  });
});

describe('Set up board sheets on a board in use', () => {
  it('adds a missing column after the last used one, moving and changing no data', async () => {
    const grids = demoGrids();
    const actions = (grids.Actions as RawGrid).map((row) => row.filter((_, index) => index !== 7));
    const started = await session({ ...grids, Actions: actions });
    const sheet = started.fake.spreadsheet.sheet('Actions');
    sheet.setValue(5, 11, 'memo to self'); // a stray cell to the right of the table
    const before = started.tab('Actions');
    started.click('setUpBoardSheets');
    const after = started.tab('Actions');
    expect(after[0]?.slice(9)).toEqual(['', '', 'Last followed up']);
    expect(after[4]?.[10]).toBe('memo to self');
    after.forEach((row, index) => {
      const old = before[index] ?? [];
      expect(row.slice(0, old.length)).toEqual(old);
      if (index > 0) expect(row.slice(old.length).every((cell) => cell === '')).toBe(true);
    });
    expect(started.fake.ui.alerts.at(-1)?.prompt).toContain(
      'Actions: added "Last followed up" at the end of row 1.',
    );
    expect(started.fake.ui.alerts.at(-1)?.prompt).toContain(
      'Meetings: every header is in place (row 1).',
    );
  });

  it('adds the Reminders column and the Reminders sent tab to a board made before them', async () => {
    const { 'Reminders sent': _, ...grids } = demoGrids();
    const headers = (grids.Members as RawGrid)[0] ?? [];
    const later = new Set(['Communication needs', 'Reminders'].map((h) => headers.indexOf(h)));
    const members = (grids.Members as RawGrid).map((row) => row.filter((_, i) => !later.has(i)));
    const started = await session({ ...grids, Members: members });
    started.click('setUpBoardSheets');
    expect(started.tab('Members')[0]?.slice(-3)).toEqual([
      'Notes',
      'Communication needs',
      'Reminders',
    ]);
    expect(started.tab('Reminders sent')).toEqual([['Sent at', 'Member ID', 'Action IDs', 'Week']]);
    // A blank Reminders cell is Yes: every owner keeps getting reminders until they say No.
    const snapshot = buildSnapshot(gridsOf(started.fake));
    expect(snapshot.members.every((member) => member.reminders)).toBe(true);
    const prompt = started.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toContain(
      'Members: added "Communication needs", "Reminders" at the end of row 1.',
    );
    expect(prompt).toContain('Reminders sent: created, with its 4 headers.');
  });

  it('leaves the demo board the same when run twice, and its values untouched', async () => {
    const started = await session();
    const names = TAB_NAMES.filter((name) => name in demoGrids());
    const values = names.map((name) => started.tab(name));
    started.click('setUpBoardSheets');
    // (Columns the layout has gained since the demo was made are added, blank, at the end.)
    names.forEach((name, index) => {
      expectUntouched(name, values[index] ?? [], started.tab(name));
    });
    const once = started.state();
    started.click('setUpBoardSheets');
    expect(started.state()).toEqual(once);
  });
});

describe('Set up board sheets on a board made before Involvement and Feedback', () => {
  it('adds both tabs and Communication needs, leaving every existing cell as it was', async () => {
    const started = await session(smallBoard());
    const before = new Map(Object.keys(smallBoard()).map((name) => [name, started.tab(name)]));
    started.click('setUpBoardSheets');
    expect(started.fake.spreadsheet.sheets.map((sheet) => sheet.name)).toEqual([
      'Members',
      'Meetings',
      'Attendance',
      'Settings',
      'Actions',
      'Projects',
      'Tasks',
      'Circulation',
      'Involvement',
      'Feedback',
      'Reminders sent',
    ]);
    expect(started.tab('Involvement')).toEqual([INVOLVEMENT_TAB.columns.map((c) => c.header)]);
    expect(started.tab('Feedback')).toEqual([FEEDBACK_TAB.columns.map((c) => c.header)]);

    // Members gains Communication needs after its last column; no cell moves or changes.
    const members = started.tab('Members');
    expect(members[0]?.at(-1)).toBe('Communication needs');
    for (const [name, old] of before) expectUntouched(name, old, started.tab(name));
    const prompt = started.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toContain('Members: added "Communication needs" at the end of row 1.');
    expect(prompt).toContain('Involvement: created, with its 12 headers.');
    expect(prompt).toContain('Feedback: created, with its 10 headers.');
    expect(prompt).toContain('hours and pounds columns have number formats');

    // The server reads the board as before, with the new tabs usable and empty.
    const snapshot = buildSnapshot(gridsOf(started.fake));
    expect(snapshot.unusableTabs.size).toBe(0);
    expect(snapshot.issues).toEqual([]);
    expect(snapshot.members.map((member) => member.communicationNeeds)).toEqual(
      new Array(7).fill(null),
    );
    expect(started.fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('changes nothing when run a second time', async () => {
    const started = await session(smallBoard());
    started.click('setUpBoardSheets');
    const once = started.state();
    started.click('setUpBoardSheets');
    expect(started.state()).toEqual(once);
    const prompt = started.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toContain('Members: every header is in place (row 1).');
    expect(prompt).toContain('Involvement: every header is in place (row 1).');
    expect(prompt).toContain('Feedback: every header is in place (row 1).');
  });
});

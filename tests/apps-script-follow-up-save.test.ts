/**
 * The follow-up round trip (issue 12): the co-chairs edit Status and Follow-up note in the
 * Follow-up tab in the meeting, "Save follow-up to actions" writes them to the Actions tab
 * (with Last followed up and Completed on), and "Follow up actions" run again in between never
 * loses an edit. Their own columns keep formulas and checkboxes as rows move.
 */
import { describe, expect, it } from 'vitest';
import { boardWithActions, DEMO_TODAY } from './support/apps-script/boards';
import { londonDate, type Session, session, sidebarText } from './support/apps-script/session';

const COLUMN = { status: 7, note: 10 } as const; // Follow-up tab, 1-based
const ACTIONS = { status: 6, lastFollowedUp: 7, note: 8, completedOn: 9 } as const; // 0-based

function followUpRow(started: Session, actionId: string): number {
  const index = started.tab('Follow-up').findIndex((row) => row[0] === actionId);
  if (index < 1) throw new Error(`${actionId} is not in the Follow-up tab`);
  return index + 1;
}

function actionRow(started: Session, actionId: string): unknown[] {
  const row = started.tab('Actions').find((cells) => cells[0] === actionId);
  if (!row) throw new Error(`${actionId} is not in the Actions tab`);
  return row;
}

/** Types into the Follow-up tab as a co-chair would (through Sheets' own input rules). */
function edit(started: Session, actionId: string, column: number, value: string): void {
  started.fake.spreadsheet
    .sheet('Follow-up')
    .typeInto(followUpRow(started, actionId), column, value);
}

describe('Save follow-up to actions', () => {
  it('writes a co-chair’s Done and note to the Actions tab, with Last followed up and Completed on', async () => {
    const started = await session();
    started.click('followUpActions');
    const before = started.tab('Actions');
    edit(started, 'A019', COLUMN.status, 'Done');
    edit(started, 'A019', COLUMN.note, 'Circulated by email on 20 November');
    started.click('saveFollowUpToActions');

    const a019 = actionRow(started, 'A019');
    expect(a019[ACTIONS.status]).toBe('Done');
    expect(a019[ACTIONS.note]).toBe('Circulated by email on 20 November');
    expect(a019[ACTIONS.lastFollowedUp]).toEqual(londonDate(DEMO_TODAY));
    expect(a019[ACTIONS.completedOn]).toEqual(londonDate(DEMO_TODAY));
    // No other action changed.
    const after = started.tab('Actions');
    after.forEach((row, index) => {
      if (row[0] !== 'A019') expect(row).toEqual(before[index]);
    });
    // The list is made again from the saved board: A019 is done, so it is no longer there.
    expect(started.tab('Follow-up').map((row) => row[0])).not.toContain('A019');
    expect(started.tab('Follow-up')).toHaveLength(20);
    expect(sidebarText(started)).toContain(
      'Saved the follow-up of 1 action to the Actions tab (A019): Status and Follow-up note as edited, and "Last followed up" 22 Nov 2026; 1 action now Done has "Completed on" today.',
    );
    expect(started.fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('keeps edits that were not saved when Follow up actions runs again (the reported loss)', async () => {
    const started = await session();
    started.click('followUpActions');
    edit(started, 'A037', COLUMN.status, 'Done');
    edit(started, 'A037', COLUMN.note, 'Done at the October meeting');
    const actions = started.tab('Actions');

    started.click('followUpActions');
    const row = started.tab('Follow-up')[followUpRow(started, 'A037') - 1];
    expect(row?.[COLUMN.status - 1]).toBe('Done');
    expect(row?.[COLUMN.note - 1]).toBe('Done at the October meeting');
    expect(started.tab('Actions')).toEqual(actions);
    expect(sidebarText(started)).toContain(
      'Not saved yet 1 row of the Follow-up tab has a Status or note the Actions tab does not have yet.',
    );

    started.click('saveFollowUpToActions');
    expect(actionRow(started, 'A037')[ACTIONS.status]).toBe('Done');
    expect(actionRow(started, 'A037')[ACTIONS.note]).toBe('Done at the October meeting');
  });

  it('stamps Last followed up only on the actions whose follow-up was saved, on the day saved', async () => {
    const started = await session();
    started.click('followUpActions');
    const before = started.tab('Actions');
    edit(started, 'A102', COLUMN.note, 'Cllr Rahmani to report in January');
    started.click('saveFollowUpToActions');
    const changed = started
      .tab('Actions')
      .filter((row, index) => JSON.stringify(row) !== JSON.stringify(before[index]))
      .map((row) => [row[0], row[ACTIONS.status], row[ACTIONS.lastFollowedUp], row[ACTIONS.note]]);
    expect(changed).toEqual([
      ['A102', 'Open', londonDate(DEMO_TODAY), 'Cllr Rahmani to report in January'],
    ]);
  });

  it('does not save over a change made in the Actions tab since the list was made, and says where', async () => {
    const started = await session();
    started.click('followUpActions');
    edit(started, 'A019', COLUMN.status, 'Done');
    // Meanwhile an officer drops the same action in the Actions tab.
    const actionsSheet = started.fake.spreadsheet.sheet('Actions');
    const actionsRow = started.tab('Actions').findIndex((row) => row[0] === 'A019') + 1;
    actionsSheet.setValue(actionsRow, ACTIONS.status + 1, 'Dropped');

    started.click('saveFollowUpToActions');
    expect(actionRow(started, 'A019')[ACTIONS.status]).toBe('Dropped');
    expect(sidebarText(started)).toContain(
      `Follow-up!G2 : A019 was changed to Dropped in the Actions tab ( Actions!G${actionsRow} ) after the list was made, so "Done" was not saved over it.`,
    );
    expect(sidebarText(started)).toMatch(/^Nothing was saved: /);
    // The co-chair's value is still there to settle, kept below the list.
    const row = started.tab('Follow-up')[followUpRow(started, 'A019') - 1];
    expect(row?.[COLUMN.status - 1]).toBe('Done');
    expect(row?.[3]).toBe('No longer to follow up (kept for your notes)');
  });

  it('names a Status that is not one of the statuses, and does not save it', async () => {
    const started = await session();
    started.click('followUpActions');
    edit(started, 'A019', COLUMN.status, 'Finished');
    started.click('saveFollowUpToActions');
    expect(actionRow(started, 'A019')[ACTIONS.status]).toBe('In progress');
    expect(sidebarText(started)).toContain(
      'Follow-up!G2 : "Finished" is not a status (Open, In progress, Done, Dropped), so it was not saved.',
    );
  });

  it('accepts a status typed in any case, and saves it as the board writes it', async () => {
    const started = await session();
    started.click('followUpActions');
    edit(started, 'A019', COLUMN.status, 'done');
    started.click('saveFollowUpToActions');
    expect(actionRow(started, 'A019')[ACTIONS.status]).toBe('Done');
  });

  it('keeps notes as typed, even ones Sheets would read as a formula or a number', async () => {
    const started = await session();
    started.click('followUpActions');
    edit(started, 'A019', COLUMN.note, "'=Chase the ICB first");
    edit(started, 'A037', COLUMN.note, "'+44 20 7946 0115 after 2pm");
    edit(started, 'A102', COLUMN.note, "'007");
    started.click('saveFollowUpToActions');
    expect(actionRow(started, 'A019')[ACTIONS.note]).toBe('=Chase the ICB first');
    expect(actionRow(started, 'A037')[ACTIONS.note]).toBe('+44 20 7946 0115 after 2pm');
    expect(actionRow(started, 'A102')[ACTIONS.note]).toBe('007');
    const actions = started.fake.spreadsheet.sheet('Actions');
    expect([...actions.formulas.keys()]).toEqual([]);
    // And the Follow-up tab shows them as text too, after the refresh.
    const list = started.fake.spreadsheet.sheet('Follow-up');
    expect([...list.formulas.keys()]).toEqual([]);
    expect(started.tab('Follow-up')[followUpRow(started, 'A019') - 1]?.[COLUMN.note - 1]).toBe(
      '=Chase the ICB first',
    );
  });

  it('keeps the co-chairs’ own formulas and checkboxes with their action as rows move', async () => {
    const started = await session();
    started.click('followUpActions');
    const sheet = started.fake.spreadsheet.sheet('Follow-up');
    const [discussed, words] = [15, 16];
    sheet.setValue(1, discussed, 'Discussed');
    sheet.setValue(1, words, 'Words');
    started.fake.spreadsheet.rangeOf(sheet.range(2, discussed, 20, 1)).insertCheckboxes();
    const a037 = followUpRow(started, 'A037');
    sheet.setValue(a037, discussed, true);
    sheet.setFormula(a037, words, `=COUNTA(SPLIT(B${a037}," "))`, 12);

    // A019, first in the list, is closed and saved: every row below it moves up one.
    edit(started, 'A019', COLUMN.status, 'Done');
    started.click('saveFollowUpToActions');
    const moved = followUpRow(started, 'A037');
    expect(moved).toBe(a037 - 1);
    expect(sheet.value(moved, discussed)).toBe(true);
    expect(sheet.formulas.get(`${moved},${words}`)).toBe(`=COUNTA(SPLIT(B${moved}," "))`);
    expect(sheet.value(moved, words)).toBe(12);
    // Every listed row still has its checkbox, ticked or not.
    for (let row = 2; row <= 20; row++) {
      expect(
        (sheet.validations.get(`${row},${discussed}`) as unknown as { checkbox?: boolean })
          ?.checkbox,
        `row ${row}`,
      ).toBe(true);
    }
    // Running the list again keeps them where they are.
    started.click('followUpActions');
    expect(sheet.value(followUpRow(started, 'A037'), discussed)).toBe(true);
  });

  it('changes nothing more when saved twice', async () => {
    const started = await session();
    started.click('followUpActions');
    edit(started, 'A019', COLUMN.status, 'Done');
    started.click('saveFollowUpToActions');
    const once = started.state();
    started.click('saveFollowUpToActions');
    expect(started.state()).toEqual(once);
    expect(sidebarText(started)).toContain('There were no edits to save');
  });

  it('says to make the list first when there is no Follow-up tab', async () => {
    const started = await session();
    started.click('saveFollowUpToActions');
    expect(started.fake.ui.alerts[0]?.prompt).toMatch(/^There is no Follow-up tab to save yet\./);
  });

  it('makes the same Spreadsheet calls for 100 and for 10,000 actions', async () => {
    const calls: Record<string, number>[] = [];
    for (const count of [100, 10_000]) {
      const started = await session(boardWithActions(count));
      started.click('followUpActions');
      const rows = started.tab('Follow-up');
      const sheet = started.fake.spreadsheet.sheet('Follow-up');
      // Three edits far apart in the list: one write to the Actions tab all the same.
      for (const index of [1, Math.floor(rows.length / 2), rows.length - 1]) {
        sheet.typeInto(index + 1, COLUMN.note, `Chased on ${index}`);
      }
      started.fake.log.reset();
      started.click('saveFollowUpToActions');
      calls.push(started.fake.log.byMethod('Spreadsheet'));
      expect(sidebarText(started)).toContain('Saved the follow-up of 3 actions');
    }
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[0]?.['Range.setValues']).toBe(2); // the Actions tab, then the refreshed list
  }, 60_000);
});

/**
 * Bad data and bad moments in the built bundle: each menu item answers with a dialog naming
 * the tab and cell to fix (or what to do), never a stack trace, and writes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { RawGrid } from '../schema/grid';
import { demoGrids } from './support/apps-script/boards';
import { session } from './support/apps-script/session';

const STACK_LINE = /\n\s+at |\.ts:\d+|Code\.js/;

describe('dialogs on bad data', () => {
  it('Follow up actions names the cell when the Actions tab has no Status header', async () => {
    const grids = demoGrids();
    const actions = (grids.Actions as RawGrid).map((row, index) =>
      index === 0 ? row.map((cell) => (cell === 'Status' ? 'State' : cell)) : row,
    );
    const { fake, click, state } = await session({ ...grids, Actions: actions });
    const before = state();
    click('followUpActions');
    expect(fake.ui.alerts).toHaveLength(1);
    expect(fake.ui.alerts[0]?.title).toBe('Follow up actions');
    expect(fake.ui.alerts[0]?.prompt).toBe(
      'Actions!K1: The Actions tab cannot be read: it has no "Status" header in row 1. Add it (for example in K1); headers may be in any order.\n\nFix that cell, then run this menu item again.',
    );
    expect(state()).toEqual(before);
  });

  it('Plan next meeting says which tab is missing', async () => {
    const { Meetings: _, ...grids } = demoGrids();
    const { fake, click } = await session(grids);
    click('planNextMeeting');
    expect(fake.ui.alerts[0]?.prompt).toMatch(
      /^Meetings!A1: The workbook has no "Meetings" tab\. Add it with the headers Meeting ID, Date, Status \(the menu item "Set up board sheets" does this\)\./,
    );
  });

  it('a global called by a dialog or trigger names the cell to fix in its error', async () => {
    const grids = demoGrids();
    const actions = (grids.Actions as RawGrid).map((row, index) =>
      index === 0 ? row.map((cell) => (cell === 'Status' ? 'State' : cell)) : row,
    );
    const { bundle } = await session({ ...grids, Actions: actions });
    expect(() => bundle.call('sendActionReminders')).toThrow(
      /^Actions!K1: The Actions tab cannot be read: it has no "Status" header/,
    );
  });

  it('Record attendance asks for a selection when no meeting is coming up', async () => {
    const { fake, click } = await session(demoGrids(), new Date('2027-06-01T12:00:00Z'));
    click('recordAttendance');
    expect(fake.ui.alerts[0]?.prompt).toBe(
      'There is no meeting from today on in the Meetings tab. Select the row of the meeting to record in the Meetings tab, or use "Plan next meeting" first.',
    );
  });

  it('a failing service becomes a plain message, with the stack only in the log', async () => {
    const { fake, click, state } = await session();
    const before = state();
    fake.spreadsheet.getSheets = () => {
      throw new Error('Service Spreadsheets timed out while accessing document.');
    };
    click('checkMembership');
    const prompt = fake.ui.alerts[0]?.prompt ?? '';
    expect(prompt).toBe(
      'This could not be finished: Service Spreadsheets timed out while accessing document.\n\nNothing was deleted. If it happens again, tell the officer who looks after the board spreadsheet.',
    );
    expect(prompt).not.toMatch(STACK_LINE);
    expect(fake.consoleLines.join('\n')).toContain('Service Spreadsheets timed out');
    expect(state()).toEqual(before);
  });

  it('waits for the document lock, and says so when someone else holds it', async () => {
    const { fake, click, state } = await session();
    const before = state();
    fake.spreadsheet.lockHeld = true; // another co-chair's run is writing
    click('followUpActions');
    expect(fake.ui.alerts[0]?.prompt).toBe(
      'Someone else is updating the board sheets right now. Wait a minute and try again.',
    );
    expect(state()).toEqual(before);
    expect(fake.log.byMethod('Lock')).toEqual({
      'Lock.waitLock': 1,
      'LockService.getDocumentLock': 1,
    });
  });

  it('every item that writes holds the lock while it writes, and releases it', async () => {
    const { fake, click, bundle } = await session(demoGrids(), new Date('2026-12-31T12:00:00Z'));
    fake.ui.answer('New project', '');
    const items = [
      'setUpBoardSheets',
      'checkMembership',
      'planNextMeeting',
      'recordAttendance',
      'followUpActions',
      'saveFollowUpToActions',
      'startCommissioningProject',
    ];
    for (const item of items) {
      click(item);
      expect(fake.spreadsheet.lockHeld, item).toBe(false);
    }
    // The globals that write: the weekly trigger and the pack's draft.
    bundle.call('sendActionReminders');
    bundle.call('draftCirculationPack', 'MT-2026-10', 'Borough Partnership');
    expect(fake.spreadsheet.lockHeld).toBe(false);
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
    expect(fake.log.byMethod('Lock')['Lock.releaseLock']).toBe(items.length + 2);
    expect(fake.ui.alerts.map((alert) => alert.prompt).join('\n')).not.toMatch(STACK_LINE);
  });
});

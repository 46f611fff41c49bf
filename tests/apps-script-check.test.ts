/**
 * "Check membership" in the built bundle: the demo board's deliberate imperfections, in a
 * dialog that names each cell to fix, and as notes on those cells that a later run replaces
 * or clears without touching the officers' own notes.
 */
import { describe, expect, it } from 'vitest';
import { boardWithActions } from './support/apps-script/boards';
import { dialogText, session } from './support/apps-script/session';

describe('Check membership on the demo board', () => {
  it('shows the rule findings and data issues in plain words with the cell to fix', async () => {
    const { fake, click } = await session();
    click('checkMembership');
    expect(fake.ui.dialogs).toHaveLength(1);
    expect(fake.ui.dialogs[0]?.title).toBe('Check membership');
    expect(fake.ui.dialogs[0]?.modal).toBe(true);
    const text = dialogText(fake.ui.dialogs[0]?.html ?? '');
    expect(text).toContain(
      'Commissioning Co-Production Board (demo): check on Sunday 22 November 2026. 6 errors and 5 warnings.',
    );
    const expected = [
      'Members tab Error Members!G10 (also G20) R5: 2 active members represent the self-advocacy group "Northside Speak Up": Daniel Frostwick (M09) and Leon Whitacre (M19).',
      'Warning Members!M17 R3: The term of Yusuf Demirel (M16) as resident co-chair ends on Thursday 14 January 2027 (in 53 days)',
      'Meetings tab Error Meetings!I33 R8: Hannah Osei-Bonsu (M18) (officer co-chair) sent apologies',
      'Error Meetings!H38 R11: The meeting on Wednesday 25 November 2026 (MT-2026-11) has no Minute-taker',
      'Attendance tab Warning Attendance!B358 R16: Grace Nwachukwu (M20) was present at the meeting on Wednesday 29 July 2026 (MT-2026-07) but has no Involvement entry for it',
      'Actions tab Warning Actions!F58 Due date: "31/02/2025" is not a real date (no such day).',
      'Error Actions!E145 Owner: "M21" is not a Member ID in the Members tab.',
      'Projects tab Warning Projects!I4 R6: Project Supported living for adults with learning disabilities (P03) is Active but no resident',
      'Involvement tab Warning Involvement!J139 R16: The payment of £40 to Leon Whitacre (M19)',
      'Feedback tab Error Feedback!I12 R17: Feedback FB11 ("Online meetings should have live captions.") is Not acted on but has no Reason',
      'Error Feedback!J18 R17: Feedback FB17',
      'Figures R1: 17 of 20 places filled. R6: Residents 7, Providers 1, Staff 3, Council 4, Other 2',
      'R18: Joseph Amankwah (M14) needs information in Audio',
      'R18: Grace Nwachukwu (M20) needs information in BSL',
    ];
    let position = 0;
    for (const part of expected) {
      const found = text.indexOf(part, position);
      expect(found, part).toBeGreaterThanOrEqual(position);
      position = found;
    }
  });

  it('puts a note on each offending cell', async () => {
    const { fake, click } = await session();
    click('checkMembership');
    const notes = (tab: string) => Object.fromEntries(fake.spreadsheet.sheet(tab).notes);
    expect(Object.keys(notes('Members')).sort()).toEqual(['10,7', '17,13', '20,7']);
    expect(notes('Members')['10,7']).toMatch(
      /^Board check: Error \(R5\): 2 active members represent the self-advocacy group "Northside Speak Up"/,
    );
    expect(notes('Members')['20,7']).toBe(notes('Members')['10,7']);
    expect(notes('Members')['17,13']).toMatch(
      /^Board check: Warning \(R3\): The term of Yusuf Demirel/,
    );
    expect(Object.keys(notes('Meetings'))).toEqual(['33,9', '38,8']);
    expect(notes('Meetings')['38,8']).toMatch(
      /^Board check: Error \(R11\): The meeting on Wednesday 25 November 2026/,
    );
    expect(notes('Actions')).toEqual({
      '58,6':
        'Board check: Warning: Due date: "31/02/2025" is not a real date (no such day). The cell is treated as blank.',
      '145,5':
        'Board check: Error: Owner: "M21" is not a Member ID in the Members tab. Only members on the roster can be recorded (no substitutions).',
    });
    expect(Object.keys(notes('Attendance'))).toEqual(['358,2']);
    expect(Object.keys(notes('Projects'))).toEqual(['4,9']);
    expect(Object.keys(notes('Involvement'))).toEqual(['139,10']);
    expect(Object.keys(notes('Feedback'))).toEqual(['12,9', '18,10']);
    expect(notes('Feedback')['12,9']).toMatch(/^Board check: Error \(R17\): Feedback FB11/);
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it("keeps officers' own notes, and clears its notes that no longer apply", async () => {
    const { fake, click } = await session();
    const members = fake.spreadsheet.sheet('Members');
    const meetings = fake.spreadsheet.sheet('Meetings');
    members.notes.set('10,7', 'Checked with the group lead in May.');
    members.notes.set('2,1', 'Board check: Error (R2): an old finding that was fixed.');
    members.notes.set('3,2', 'Prefers to be called Gray.');
    click('checkMembership');
    expect(members.note(10, 7)).toMatch(
      /^Checked with the group lead in May\.\n\nBoard check: Error \(R5\): 2 active members/,
    );
    expect(members.note(2, 1)).toBe('');
    expect(members.note(3, 2)).toBe('Prefers to be called Gray.');

    meetings.setValue(38, 8, 'M10'); // the officer nominates a minute-taker
    click('checkMembership');
    expect(meetings.note(38, 8)).toBe('');
    expect(meetings.note(33, 9)).toMatch(/^Board check: Error \(R8\)/);
    expect(members.note(10, 7)).toMatch(/^Checked with the group lead in May\.\n\nBoard check: /);
  });

  it('leaves the same sheet when run twice', async () => {
    const { click, state } = await session();
    click('checkMembership');
    const once = state();
    click('checkMembership');
    expect(state()).toEqual(once);
  });
});

describe('Check membership at scale', () => {
  it('makes the same Spreadsheet calls for 100 and for 10,000 actions', async () => {
    const calls: Record<string, number>[] = [];
    for (const count of [100, 10_000]) {
      const { fake, click } = await session(boardWithActions(count));
      click('checkMembership');
      calls.push(fake.log.byMethod('Spreadsheet'));
      expect(dialogText(fake.ui.dialogs[0]?.html ?? '')).toContain(
        'Actions!F4 Due date: "31/02/2025" is not a real date',
      );
    }
    expect(calls[1]).toEqual(calls[0]);
    // One read of each of the board's ten tabs (Settings to Feedback), whatever their size.
    expect(calls[0]?.['Range.getValues']).toBe(10);
    expect(calls[0]?.['Range.getNotes']).toBe(10);
  });
});

/**
 * The menu on sheets as they really are (issue 12): Yes/No columns turned into checkboxes
 * (FALSE down to row 1,000, so the data range runs there), and text that Sheets would turn
 * into a formula, a number or a date if written as is. First the fake is shown to behave as
 * Sheets does, so that these tests would catch a handler that forgets.
 */
import { describe, expect, it } from 'vitest';
import { needsPlainText, plainTextRanges } from '../apps-script/text-cells';
import { demoGrids } from './support/apps-script/boards';
import { CallLog } from './support/apps-script/call-log';
import { FakeSpreadsheet } from './support/apps-script/fake-spreadsheet';
import { dialogText, londonDate, type Session, session } from './support/apps-script/session';

const AFTER_DECEMBER_MEETING = new Date('2026-12-31T12:00:00Z');

describe('the fake spreadsheet behaves as Sheets does', () => {
  const sheet = () => new FakeSpreadsheet(new CallLog()).addSheet('Tab');

  it('stores text as if typed: = makes a formula, 007 a number, 2026-11 a date, TRUE a boolean', () => {
    const tab = sheet();
    tab.getRange(1, 1, 1, 6).setValues([['=A2', '007', '2026-11', 'TRUE', '- chased', 'plain']]);
    expect(tab.formulas.get('1,1')).toBe('=A2');
    expect(tab.value(1, 2)).toBe(7);
    expect(tab.value(1, 3)).toEqual(londonDate('2026-11-01'));
    expect(tab.value(1, 4)).toBe(true);
    expect(tab.formulas.get('1,5')).toBe('=- chased');
    expect(tab.value(1, 6)).toBe('plain');
  });

  it('keeps text in a plain-text cell, and a leading apostrophe only outside one', () => {
    const tab = sheet();
    tab.getRange(1, 1, 1, 2).setNumberFormat('@');
    tab.getRange(1, 1, 2, 2).setValues([
      ['=A2', "'007"],
      ["'=A2", "'007"],
    ]);
    expect([tab.value(1, 1), tab.value(1, 2)]).toEqual(['=A2', "'007"]);
    expect([tab.value(2, 1), tab.value(2, 2)]).toEqual(['=A2', '007']);
    expect(tab.formulas.size).toBe(0);
  });

  it('refuses a ragged block, and runs the data range to the last checkbox', () => {
    const tab = sheet();
    expect(() => tab.getRange(1, 1, 2, 2).setValues([['a', 'b'], ['c']])).toThrow(
      'The number of rows or columns in the data does not match the range',
    );
    tab.setValue(1, 1, 'Header');
    tab.getRange(2, 2, 999, 1).insertCheckboxes();
    expect(tab.value(1000, 2)).toBe(false);
    expect(tab.getDataRange().getA1Notation()).toBe('A1:B1000');
  });

  it('moves a row whole when sorting, formulas adjusted to their new row', () => {
    const tab = sheet();
    tab.getRange(1, 1, 3, 1).setValues([[3], [1], [2]]);
    tab.setFormula(1, 2, '=A1*2', 6);
    tab.getRange(1, 3, 1, 1).insertCheckboxes();
    tab.getRange(1, 1, 3, 3).sort({ column: 1, ascending: true });
    expect([tab.value(3, 1), tab.formulas.get('3,2'), tab.value(3, 2)]).toEqual([3, '=A3*2', 6]);
    expect((tab.validations.get('3,3') as unknown as { checkbox: boolean }).checkbox).toBe(true);
    expect(tab.validations.get('1,3')).toBeUndefined();
  });
});

describe('text the menu writes stays text (DESIGN §7)', () => {
  it('knows which strings Sheets would not keep as written', () => {
    for (const text of [
      '=SUM(A1)',
      '+44 20 7946 0000',
      '-3',
      '@Hannah',
      "'quoted",
      '007',
      '2026-11',
      '29 Nov 2023',
      '2pm',
      '1,200',
      '50%',
      '1e5',
      'TRUE',
    ]) {
      expect(needsPlainText(text), text).toBe(true);
    }
    for (const text of [
      'A019',
      'MT-2026-11',
      'Generated action 12: report back',
      'Q3 review',
      'Open',
      '',
    ]) {
      expect(needsPlainText(text), text).toBe(false);
    }
    expect(
      plainTextRanges(
        [
          ['=x', 'a'],
          ['007', 'b'],
          ['c', '+1'],
        ],
        5,
        2,
      ),
    ).toEqual(['B5:B6', 'C7']);
  });

  it('"Start commissioning project" keeps a name and area exactly as typed', async () => {
    const { fake, click, tab } = await session();
    fake.ui.answer('=IMPORTRANGE("elsewhere")', '2026-11');
    click('startCommissioningProject');
    const row = tab('Projects').at(-1);
    expect(row?.slice(0, 3)).toEqual(['P05', '=IMPORTRANGE("elsewhere")', '2026-11']);
    expect(fake.spreadsheet.sheet('Projects').formulas.size).toBe(0);

    fake.ui.answer('007', '');
    click('startCommissioningProject');
    expect(tab('Projects').at(-1)?.[1]).toBe('007');
  });
});

/** The demo board with its Yes/No columns as checkboxes down to row 1,000, as officers do. */
async function withCheckboxes(now?: Date): Promise<Session> {
  const started = await session(demoGrids(), now);
  const { spreadsheet } = started.fake;
  for (const [tab, header] of [
    ['Members', 'Name in circulation'],
    ['Members', 'Reminders'],
    ['Meetings', 'Circulate to DMT'],
  ] as const) {
    const sheet = spreadsheet.sheet(tab);
    const rows = sheet.contents();
    const column = (rows[0] as string[]).indexOf(header) + 1;
    const yes = rows.map((row) => row[column - 1] === 'Yes');
    const blankIsYes = header === 'Reminders';
    spreadsheet.rangeOf(sheet.range(2, column, 999, 1)).insertCheckboxes();
    rows.forEach((row, index) => {
      if (index === 0 || row[0] === '') return;
      const ticked = yes[index] || (blankIsYes && row[column - 1] === '');
      if (ticked) sheet.setValue(index + 1, column, true);
    });
  }
  spreadsheet.unlockedWrites.length = 0;
  return started;
}

describe('Yes/No columns as checkboxes (FALSE down to row 1,000)', () => {
  it('Check membership finds what it finds on the plain demo board, no more', async () => {
    const plain = await session();
    plain.click('checkMembership');
    const boxed = await withCheckboxes();
    expect(boxed.fake.spreadsheet.sheet('Members').getDataRange().getA1Notation()).toBe('A1:S1000');
    boxed.click('checkMembership');
    expect(dialogText(boxed.fake.ui.dialogs[0]?.html ?? '')).toBe(
      dialogText(plain.fake.ui.dialogs[0]?.html ?? ''),
    );
    expect(dialogText(boxed.fake.ui.dialogs[0]?.html ?? '')).toContain('6 errors and 5 warnings.');
  });

  it('Plan next meeting adds the meeting after the last real row, with an unticked box', async () => {
    const started = await withCheckboxes(AFTER_DECEMBER_MEETING);
    started.click('planNextMeeting');
    const meetings = started.fake.spreadsheet.sheet('Meetings');
    expect(meetings.value(40, 1)).toBe('MT-2027-01');
    expect(meetings.value(40, 10)).toBe(false);
    expect(meetings.value(41, 1)).toBe('');
    expect(dialogText(started.fake.ui.dialogs.at(-1)?.html ?? '')).toContain(
      'to the Meetings tab (row 40)',
    );
  });

  it('Record attendance adds rows after the last real row of the Attendance tab', async () => {
    const started = await withCheckboxes();
    const before = started.fake.spreadsheet.sheet('Attendance').getLastRow();
    started.click('recordAttendance');
    const attendance = started.fake.spreadsheet.sheet('Attendance');
    expect(attendance.value(before + 1, 1)).toBe('MT-2026-11');
  });

  it('Set up board sheets leaves checkbox columns as checkboxes, and other Yes/No ones as dropdowns', async () => {
    const started = await withCheckboxes();
    started.click('setUpBoardSheets');
    const members = started.fake.spreadsheet.sheet('Members');
    const header = members.contents()[0] as string[];
    const named = header.indexOf('Name in circulation') + 1;
    for (const row of [2, 500, 1000]) {
      expect(
        (members.validations.get(`${row},${named}`) as unknown as { checkbox?: boolean }).checkbox,
      ).toBe(true);
    }
    expect(members.value(5, named)).toBeTypeOf('boolean');
    const meetings = started.fake.spreadsheet.sheet('Meetings');
    expect((meetings.validations.get('2,10') as unknown as { checkbox?: boolean }).checkbox).toBe(
      true,
    );

    // On the plain demo board the same columns get the Yes/No dropdown, as before.
    const plain = await session();
    plain.click('setUpBoardSheets');
    const rule = plain.fake.spreadsheet.sheet('Members').validations.get(`2,${named}`);
    expect((rule as unknown as { values: string[] }).values).toEqual(['Yes', 'No']);
  });
});

/**
 * "Record attendance" proposing Involvement rows (R16) in the built bundle, on a small board of
 * one member of each kind: one row per member marked Present whose involvement is recorded
 * (`recordsInvolvement`: not Staff or Council), never twice, and attendance still recorded
 * when the board has no Involvement tab yet.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isoDateToSerial } from '../schema/dates';
import type { RawGrid, WorkbookGrids } from '../schema/grid';
import { recordsInvolvement } from '../schema/involvement';
import { CONSTITUENCIES } from '../schema/layout';
import { buildSnapshot } from '../schema/snapshot';
import { smallBoard, tabGrid } from './support/apps-script/boards';
import { FakeRange } from './support/apps-script/fake-range';
import { gridsOf, londonDate, session } from './support/apps-script/session';

const OCTOBER = 'the meeting on Wednesday 28 October 2026 (MT-2026-10)';
/** The Meetings row of October's meeting, to select it. */
const OCTOBER_ROW = 2;

function boardWithInvolvement(entries: RawGrid = tabGrid('Involvement', [])): WorkbookGrids {
  return { ...smallBoard(), Involvement: entries };
}

/** A proposed row as the Involvement tab holds it, in the layout's column order. */
function proposedRow(entryId: string, memberId: string): unknown[] {
  const date = londonDate('2026-10-28');
  return [
    entryId,
    memberId,
    date,
    'MT-2026-10',
    '',
    'Board meeting',
    2.5,
    '',
    '',
    'Not claimed',
    '',
    '',
  ];
}

async function octoberSelected(grids: WorkbookGrids) {
  const started = await session(grids);
  started.fake.spreadsheet.select('Meetings', OCTOBER_ROW, 1);
  return started;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('recordsInvolvement', () => {
  it('is every constituency except Staff and Council', () => {
    expect(CONSTITUENCIES.filter((constituency) => recordsInvolvement({ constituency }))).toEqual([
      'Resident',
      'Provider',
      'Other',
    ]);
  });
});

describe('Record attendance proposes Involvement rows', () => {
  it('adds one row per present non-staff member, with the meeting, its length and Not claimed', async () => {
    const { fake, click, tab } = await octoberSelected(boardWithInvolvement());
    const attendance = tab('Attendance');
    click('recordAttendance');
    expect(tab('Attendance')).toEqual(attendance);
    // Ada (Resident), Dev (Provider), Fay (Other); not Cara (apologies), Ben and Gus (Staff),
    // nor Eve (Council).
    expect(tab('Involvement').slice(1)).toEqual([
      proposedRow('E0001', 'M01'),
      proposedRow('E0002', 'M04'),
      proposedRow('E0003', 'M06'),
    ]);
    expect(fake.ui.alerts.at(-1)?.prompt).toBe(
      [
        `Every member invited to ${OCTOBER} already has a row in the Attendance tab.`,
        `Added 3 rows to Involvement (rows 2 to 4) for those at ${OCTOBER} who are not staff or council: Ada Achebe, Dev Desai and Fay Fox. Fill in payments and expenses.`,
      ].join('\n\n'),
    );
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
    // The server reads the rows as the entries R16 looks for, with nothing to fix.
    const snapshot = buildSnapshot(gridsOf(fake));
    expect(snapshot.issues.filter((issue) => issue.sheet === 'Involvement')).toEqual([]);
    expect(snapshot.involvementByMeeting.get('MT-2026-10')?.map((entry) => entry.memberId)).toEqual(
      ['M01', 'M04', 'M06'],
    );
    expect(snapshot.involvement.every((entry) => entry.date === '2026-10-28')).toBe(true);
  });

  it("uses Settings' meeting length when the meeting has none", async () => {
    const grids = boardWithInvolvement();
    const meetings = (grids.Meetings as RawGrid).map((row, index) =>
      index === 1 ? row.map((cell) => (cell === 2.5 ? null : cell)) : row,
    );
    const { click, tab } = await octoberSelected({ ...grids, Meetings: meetings });
    click('recordAttendance');
    expect(
      tab('Involvement')
        .slice(1)
        .map((row) => row[6]),
    ).toEqual([2, 2, 2]);
  });

  it('adds nothing when run again, however often', async () => {
    const { fake, click, state } = await octoberSelected(boardWithInvolvement());
    click('recordAttendance');
    const once = state();
    click('recordAttendance');
    click('recordAttendance');
    expect(state()).toEqual(once);
    expect(fake.ui.alerts.at(-1)?.prompt).toBe(
      [
        `Every member invited to ${OCTOBER} already has a row in the Attendance tab.`,
        `Every resident, carer or other non-staff member marked Present at ${OCTOBER} already has a row in the Involvement tab.`,
        'Nothing was added.',
      ].join('\n\n'),
    );
  });

  it('respects entries already there, even half filled in, and numbers after them', async () => {
    const entries = tabGrid('Involvement', [
      {
        'Entry ID': 'E0007',
        'Member ID': 'M01',
        Date: isoDateToSerial('2026-09-30'),
        'Meeting ID': 'MT-2026-09',
        Activity: 'Board meeting',
      },
      // Dev's entry for October as Preparation: any entry for the meeting counts.
      {
        'Entry ID': 'E0008',
        'Member ID': 'M04',
        Date: isoDateToSerial('2026-10-27'),
        'Meeting ID': 'MT-2026-10',
        Activity: 'Preparation',
        Hours: 1,
      },
      // Fay's, typed in by an officer who has not got to the Date and Activity yet.
      { 'Entry ID': 'E0009', 'Member ID': 'm06 ', 'Meeting ID': 'mt-2026-10' },
    ]);
    const { fake, click, tab } = await octoberSelected(boardWithInvolvement(entries));
    const before = tab('Involvement');
    click('recordAttendance');
    const after = tab('Involvement');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([proposedRow('E0010', 'M01')]);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain(
      `Added 1 row to Involvement (row 5) for those at ${OCTOBER} who are not staff or council: Ada Achebe.`,
    );
  });

  it('waits for attendance to be filled in, and proposes nothing for staff and council', async () => {
    const { fake, click, tab } = await session(boardWithInvolvement());
    click('recordAttendance'); // November's meeting: its Attendance rows are added blank
    expect(
      tab('Attendance')
        .slice(8)
        .map((row) => row[1]),
    ).toEqual(['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07']);
    expect(tab('Involvement')).toHaveLength(1);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain(
      'Nobody is marked Present at the meeting on Wednesday 25 November 2026 (MT-2026-11) yet. Once the Attendance cells are filled in, run this again',
    );

    const attendance = fake.spreadsheet.sheet('Attendance');
    attendance.setValue(10, 3, 'Present'); // Ben, Staff
    attendance.setValue(13, 3, 'Present'); // Eve, Council
    click('recordAttendance');
    expect(tab('Involvement')).toHaveLength(1);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain(
      'Everyone marked Present at the meeting on Wednesday 25 November 2026 (MT-2026-11) is Staff or Council, so no Involvement rows are needed.',
    );
  });
});

describe('Record attendance on a board without an Involvement tab', () => {
  it('records attendance, says to run Set up board sheets, and changes nothing else', async () => {
    const { fake, click, tab } = await session(smallBoard());
    const names = fake.spreadsheet.sheets.map((sheet) => sheet.name);
    const others = ['Members', 'Meetings', 'Settings'].map((name) => tab(name));
    const attendance = tab('Attendance');
    click('recordAttendance');
    expect(tab('Attendance').slice(0, attendance.length)).toEqual(attendance);
    expect(tab('Attendance').slice(attendance.length)).toHaveLength(7);
    const prompt = fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toContain('Added 7 rows to the Attendance tab (rows 9 to 15)');
    expect(prompt).toContain(
      'The workbook has no "Involvement" tab, so no Involvement rows (R16) were added for the members who were there who are not staff or council. Add the tab (the menu item "Set up board sheets" does this), then run "Record attendance" again',
    );
    expect(fake.spreadsheet.sheets.map((sheet) => sheet.name)).toEqual(names);
    expect(['Members', 'Meetings', 'Settings'].map((name) => tab(name))).toEqual(others);
  });

  it('with attendance complete, changes nothing and says why no involvement was added', async () => {
    const { fake, click, state } = await octoberSelected(smallBoard());
    const before = state();
    click('recordAttendance');
    expect(state()).toEqual(before);
    const prompt = fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toContain('The workbook has no "Involvement" tab');
    expect(prompt).toContain('Set up board sheets');
    expect(prompt.endsWith('Nothing was added.')).toBe(true);
  });

  it('gets its Involvement rows once Set up board sheets has added the tab', async () => {
    const { fake, click, tab } = await octoberSelected(smallBoard());
    click('setUpBoardSheets');
    fake.spreadsheet.select('Meetings', OCTOBER_ROW, 1);
    click('recordAttendance');
    expect(
      tab('Involvement')
        .slice(1)
        .map((row) => row[1]),
    ).toEqual(['M01', 'M04', 'M06']);
    const sheet = fake.spreadsheet.sheet('Involvement');
    expect(sheet.numberFormats.get('2,3')).toBe('dd/mm/yyyy');
    expect(sheet.numberFormats.get('2,7')).toBe('0.0#');
  });
});

describe('Record attendance reads and writes each tab once', () => {
  it('makes one getValues per tab it reads and one setValues per tab it writes', async () => {
    const grids = boardWithInvolvement();
    // Gus has no Attendance row yet, so both tabs are written.
    const attendance = (grids.Attendance as RawGrid).slice(0, -1);
    const started = await octoberSelected({ ...grids, Attendance: attendance });
    const reads = vi.spyOn(FakeRange.prototype, 'getValues');
    const writes = vi.spyOn(FakeRange.prototype, 'setValues');
    started.click('recordAttendance');
    const sheets = (spy: { mock: { contexts: unknown[] } }) =>
      spy.mock.contexts.map((range) => (range as FakeRange).sheet.name).sort();
    expect(sheets(reads)).toEqual(['Attendance', 'Involvement', 'Meetings', 'Members', 'Settings']);
    expect(sheets(writes)).toEqual(['Attendance', 'Involvement']);
    expect(started.tab('Attendance').at(-1)?.slice(0, 2)).toEqual(['MT-2026-10', 'M07']);
    expect(started.tab('Involvement')).toHaveLength(4);
    expect(started.fake.spreadsheet.unlockedWrites).toEqual([]);
  });
});

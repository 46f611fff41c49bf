/**
 * "Follow up actions" in the built bundle, on the demo board as of 22 November 2026: the R12
 * list in the Follow-up tab, `Last followed up` stamped, and Gmail drafts (never sends) in
 * plain or easy-read words. Running it twice changes nothing more; its Spreadsheet calls do
 * not grow with the number of actions.
 */
import { describe, expect, it } from 'vitest';
import { followUp } from '../schema/rules';
import { buildSnapshot } from '../schema/snapshot';
import { boardWithActions, DEMO_TODAY, demoGrids } from './support/apps-script/boards';
import { londonDate, session } from './support/apps-script/session';

const HEADERS = [
  'Action ID',
  'Action',
  'Owners',
  'Reasons',
  'Due date',
  'Days overdue',
  'Status',
  'Raised at meeting',
  'Project ID',
  'Follow-up note',
  'For meeting',
];
const LAST_FOLLOWED_UP = 7; // column H of the demo's Actions tab

describe('Follow up actions on the demo board', () => {
  it('writes the R12 list to the Follow-up tab: Action ID first, overdue first, reasons and owners', async () => {
    const { fake, click, tab } = await session();
    fake.ui.answer('NO');
    click('followUpActions');

    const rows = tab('Follow-up');
    expect(rows[0]).toEqual(HEADERS);
    const expected = followUp(buildSnapshot(demoGrids()), DEMO_TODAY);
    expect(rows.slice(1).map((row) => row[0])).toEqual(
      expected.items.map((item) => item.action.id),
    );
    expect(rows).toHaveLength(21);
    expect(rows[1]).toEqual([
      'A019',
      'Circulate the draft service specification for physical disabilities to members a week before the next meeting',
      'Kwabena Mensah-Hart (M07)',
      'Overdue by 942 days',
      londonDate('2024-04-24'),
      942,
      'In progress',
      'MT-2024-03',
      '',
      '',
      'MT-2026-11',
    ]);
    const byId = new Map(rows.map((row) => [row[0], row]));
    expect(byId.get('A143')?.slice(2, 4)).toEqual(['', 'Overdue by 39 days; No owner']);
    expect(byId.get('A144')?.[2]).toBe('M21 (not in the Members tab), Tomasz Adeyemi-Wolski (M05)');
    expect(byId.get('A141')?.[2]).toBe('Hannah Osei-Bonsu (M18), Fergus Lindqvist (M13)');
    expect(byId.get('A150')?.[3]).toBe('Due before the next meeting (30 Dec 2026); No owner');
    expect(byId.get('A152')?.slice(3, 6)).toEqual(['No due date', '', '']);
    const overdue = rows.slice(1).map((row) => String(row[3]).startsWith('Overdue'));
    expect(overdue.indexOf(false)).toBe(14);
    expect(overdue.slice(14)).not.toContain(true);
  });

  it('stamps Last followed up with today on each listed action and leaves every other cell', async () => {
    const { fake, click, tab } = await session();
    const before = tab('Actions');
    fake.ui.answer('NO');
    click('followUpActions');
    const after = tab('Actions');

    const listed = new Set(
      tab('Follow-up')
        .slice(1)
        .map((row) => row[0]),
    );
    expect(listed.size).toBe(20);
    after.forEach((row, index) => {
      const old = before[index] as unknown[];
      if (listed.has(row[0])) {
        expect(row[LAST_FOLLOWED_UP]).toEqual(londonDate(DEMO_TODAY));
        expect([...row.slice(0, 7), ...row.slice(8)]).toEqual([
          ...old.slice(0, 7),
          ...old.slice(8),
        ]);
      } else {
        expect(row).toEqual(old);
      }
    });
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('tells the co-chair what it did, naming the cells of bad action rows', async () => {
    const { fake, click } = await session();
    fake.ui.answer('NO');
    click('followUpActions');
    const prompt = fake.ui.alerts[0]?.prompt ?? '';
    expect(prompt).toContain(
      '20 actions to follow up at the meeting on Wednesday 25 November 2026 (MT-2026-11), 14 of them overdue.',
    );
    expect(prompt).toContain('"Last followed up" is now 22 Nov 2026');
    expect(prompt).toContain('Actions!F58: Due date: "31/02/2025" is not a real date');
    expect(prompt).toContain('Actions!E145: Owner: "M21" is not a Member ID');
    expect(fake.ui.alerts[0]?.buttons).toBe('YES_NO');
  });

  it('leaves the same sheet when run twice', async () => {
    const { fake, click, state } = await session();
    fake.ui.answer('NO');
    click('followUpActions');
    const once = state();
    fake.ui.answer('NO');
    click('followUpActions');
    expect(state()).toEqual(once);
  });

  it('rewrites the Follow-up tab whole, clearing rows a longer earlier list left', async () => {
    const { fake, click, tab } = await session();
    fake.spreadsheet.addSheet('Follow-up', [['Action ID'], ...Array(40).fill(['old'])]);
    fake.ui.answer('NO');
    click('followUpActions');
    const rows = tab('Follow-up');
    expect(rows).toHaveLength(21);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.flat()).not.toContain('old');
  });

  it('keeps the columns co-chairs added, with their action, and never drops their notes', async () => {
    const { fake, click, tab } = await session();
    fake.ui.answer('NO');
    click('followUpActions');
    const first = tab('Follow-up');
    const listedId = String(first[5]?.[0]);
    const sheet = fake.spreadsheet.sheet('Follow-up');
    const notes = HEADERS.length + 1;
    sheet.setValue(1, notes, 'Co-chair notes');
    sheet.setValue(6, notes, 'Chase at the meeting');
    // A row for an action that is no longer open, with a note: the note must survive.
    sheet.setValue(first.length + 1, 1, 'A-GONE');
    sheet.setValue(first.length + 1, notes, 'Ask how it went');

    click('followUpActions');
    const rows = tab('Follow-up');
    expect(rows[0]?.[notes - 1]).toBe('Co-chair notes');
    expect(rows.find((row) => row[0] === listedId)?.[notes - 1]).toBe('Chase at the meeting');
    const gone = rows.find((row) => row[0] === 'A-GONE');
    expect(gone?.[notes - 1]).toBe('Ask how it went');
    expect(gone?.[HEADERS.indexOf('Reasons')]).toMatch(/no longer to follow up/i);
    expect(rows).toHaveLength(first.length + 1);
  });
});

describe('Gmail drafts for the owners', () => {
  it('are made only when the co-chair says yes, one per owner with an email, never sent', async () => {
    const { fake, click } = await session();
    fake.ui.answer('NO');
    click('followUpActions');
    expect(fake.drafts).toEqual([]);

    fake.ui.answer('YES');
    click('followUpActions');
    const owners = [
      'M07',
      'M15',
      'M12',
      'M04',
      'M06',
      'M05',
      'M19',
      'M18',
      'M13',
      'M11',
      'M20',
      'M09',
    ];
    expect(fake.drafts.map((draft) => draft.to.split('@')[0])).toEqual([
      'kwabena.mensah-hart',
      'bernadette.clarkson',
      'cllr.ayesha.rahmani',
      'priya.raman',
      'margaret.olawale',
      'tomasz.adeyemi-wolski',
      'leon.whitacre',
      'hannah.osei-bonsu',
      'fergus.lindqvist',
      'simon.adairson',
      'grace.nwachukwu',
      'daniel.frostwick',
    ]);
    expect(owners).toHaveLength(fake.drafts.length);
    expect(fake.log.byMethod('Gmail')).toEqual({ 'GmailApp.createDraft': 12 });
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/^Created 12 Gmail drafts \(not sent\)/);
  });

  it('list each standard owner’s actions with IDs, due dates and how late they are', async () => {
    const { fake, click } = await session();
    fake.ui.answer('YES');
    click('followUpActions');
    const margaret = fake.drafts.find((draft) => draft.to.startsWith('margaret.olawale'));
    expect(margaret?.subject).toBe(
      'Actions to follow up before the board meeting on Wednesday 25 November 2026',
    );
    expect(margaret?.body).toMatch(/^Dear Margaret,\n/);
    expect(margaret?.body.match(/^- A\d{3}: /gm)).toEqual([
      '- A134: ',
      '- A147: ',
      '- A149: ',
      '- A152: ',
    ]);
    expect(margaret?.body).toContain('123 days overdue');
    expect(margaret?.body).toContain('Yusuf Demirel and Hannah Osei-Bonsu, co-chairs');
    const councillor = fake.drafts.find((draft) => draft.to.startsWith('cllr.'));
    expect(councillor?.body).toMatch(/^Dear Cllr Rahmani,\n/);
  });

  it('give easy-read owners short sentences, one action each, without codes', async () => {
    const { fake, click } = await session();
    fake.ui.answer('YES');
    click('followUpActions');
    const leon = fake.drafts.find((draft) => draft.to.startsWith('leon.whitacre'));
    expect(leon?.subject).toBe('Your actions for the Co-Production Board');
    const body = leon?.body ?? '';
    expect(body).toMatch(/^Hello Leon\.\n/);
    expect(body).toContain('You have 2 actions to tell us about.');
    expect(body).not.toMatch(/\bA\d{3}\b|\bMT-/);
    const paragraphs = body.split('\n\n').filter((paragraph) => paragraph.startsWith('Action '));
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toMatch(
      /^Action 1: .+\.\nThis was due on Wednesday 26 August 2026\.\nIt is late\.$/,
    );
    expect(paragraphs[1]).toMatch(/^Action 2: .+\.\nThis action has no date yet\.$/);
    // Short sentences: apart from the actions' own words, no line is longer than 12 words.
    const ownLines = body.split('\n').filter((line) => !line.startsWith('Action '));
    for (const line of ownLines) expect(line.split(/\s+/).length).toBeLessThanOrEqual(12);
  });

  it('are not made again for the same meeting and the same actions', async () => {
    const { fake, click } = await session();
    fake.ui.answer('YES');
    click('followUpActions');
    fake.ui.answer('YES');
    click('followUpActions');
    expect(fake.drafts).toHaveLength(12);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('No new drafts were created.');
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('Already drafted earlier');
  });
});

describe('Follow up actions at scale', () => {
  it('makes the same Spreadsheet calls for 100 and for 10,000 actions', async () => {
    const firstRuns: Record<string, number>[] = [];
    const secondRuns: Record<string, number>[] = [];
    for (const count of [100, 10_000]) {
      const { fake, click, tab } = await session(boardWithActions(count));
      for (const runs of [firstRuns, secondRuns]) {
        fake.ui.answer('NO');
        fake.log.reset();
        click('followUpActions');
        runs.push(fake.log.byMethod('Spreadsheet'));
      }
      expect(tab('Follow-up').length).toBeGreaterThan(count / 3);
    }
    expect(secondRuns[1]).toEqual(secondRuns[0]);
    // The first run on the big board also grows the new Follow-up tab past Sheets' default
    // 1,000 rows: one call, however many rows it adds.
    const { 'Sheet.insertRowsAfter': grown, ...rest } = firstRuns[1] as Record<string, number>;
    expect(grown).toBe(1);
    expect(rest).toEqual(firstRuns[0]);
    // The board's tabs, plus the Follow-up tab itself (to keep the co-chairs' own columns).
    expect(secondRuns[0]?.['Range.getValues']).toBe(5);
    expect(secondRuns[0]?.['Range.setValues']).toBe(2);
  });
});

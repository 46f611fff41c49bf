/**
 * "Follow up actions" in the built bundle, on the demo board as of 22 November 2026: the R12
 * list in the Follow-up tab, a sidebar of what needs attention with links to the rows, and
 * Gmail drafts (never sends) from the sidebar's button (`draftFollowUpEmails`) in each owner's
 * format. Running it twice changes nothing more; its Spreadsheet calls do not grow with the
 * number of actions. (The round trip of edits back to the Actions tab is in
 * apps-script-follow-up-save.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { followUp } from '../schema/rules';
import { buildSnapshot } from '../schema/snapshot';
import { boardWithActions, DEMO_TODAY, demoGrids } from './support/apps-script/boards';
import { londonDate, session, sidebarLinks, sidebarText } from './support/apps-script/session';

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
  // Hidden: what the tool listed, so the co-chairs' edits can be told apart (issue 12).
  'Status when listed',
  'Note when listed',
  'List order',
];

describe('Follow up actions on the demo board', () => {
  it('writes the R12 list to the Follow-up tab: Action ID first, overdue first, reasons and owners', async () => {
    const { click, tab } = await session();
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
      'In progress',
      '',
      1,
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

  it('leaves the Actions tab as it was: making the list is not following up (issue 12)', async () => {
    const { click, tab, fake } = await session();
    const before = tab('Actions');
    click('followUpActions');
    expect(tab('Actions')).toEqual(before);
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('is readable in a meeting: frozen bold header, wrapped text, widths, a Status dropdown, a filter', async () => {
    const { fake, click } = await session();
    click('followUpActions');
    const sheet = fake.spreadsheet.sheet('Follow-up');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.fontWeights.get('1,1')).toBe('bold');
    for (const column of [2, 3, 4, 10]) expect(sheet.wraps.get(`5,${column}`)).toBe(true);
    expect(sheet.verticalAlignments.get('5,2')).toBe('top');
    expect(sheet.columnWidths.get(2)).toBeGreaterThanOrEqual(300);
    expect([...sheet.hiddenColumns].sort()).toEqual([12, 13, 14]);
    expect(sheet.numberFormats.get('2,5')).toBe('dd/mm/yyyy');
    const status = sheet.validations.get('21,7') as unknown as { values: string[] };
    expect(status.values).toEqual(['Open', 'In progress', 'Done', 'Dropped']);
    // Sortable and filterable by owner (or anything else) from the header.
    expect(sheet.filter?.range.getA1Notation()).toBe('A1:N21');
  });

  it('shows a sidebar of what needs attention, by owner, with links to the rows and the cells to fix', async () => {
    const started = await session();
    started.click('followUpActions');
    expect(started.fake.ui.alerts).toEqual([]);
    expect(started.fake.ui.sidebars.map((sidebar) => sidebar.title)).toEqual(['Follow-up']);
    const text = sidebarText(started);
    expect(text).toContain(
      '20 actions to follow up at the meeting on Wednesday 25 November 2026 (MT-2026-11), 14 of them overdue.',
    );
    expect(text).toContain('Change Status and Follow-up note there in the meeting');
    expect(text).toContain('Actions!F58 : Due date: "31/02/2025" is not a real date');
    expect(text).toContain('Actions!E145 : Owner: "M21" is not a Member ID');
    expect(text).toMatch(/No owner A143 : Overdue by 39 days; No owner/);
    expect(text).toContain('Kwabena Mensah-Hart (M07) A019 : Overdue by 942 days');
    expect(text).toContain('Create Gmail drafts');
    expect(text).toContain('Grace Nwachukwu (M20)'); // BSL: for an officer to arrange

    const followUpId = started.fake.spreadsheet.sheet('Follow-up').id;
    const actionsId = started.fake.spreadsheet.sheet('Actions').id;
    const links = sidebarLinks(started);
    expect(links).toContainEqual({ gid: followUpId, range: 'A2', text: 'A019' });
    expect(links).toContainEqual({ gid: actionsId, range: 'F58', text: 'Actions!F58' });
    // Every link to the list points at the row that action is on.
    const rows = started.tab('Follow-up');
    for (const link of links.filter((candidate) => candidate.gid === followUpId)) {
      expect(rows[Number(link.range.slice(1)) - 1]?.[0]).toBe(link.text);
    }
    expect(started.fake.ui.sidebars[0]?.html).toContain('<base target="_top">');
  });

  it('leaves the same sheet when run twice', async () => {
    const { click, state } = await session();
    click('followUpActions');
    const once = state();
    click('followUpActions');
    expect(state()).toEqual(once);
  });

  it('clears the rows a longer earlier list left', async () => {
    const { fake, click, tab } = await session();
    fake.spreadsheet.addSheet('Follow-up', [['Action ID'], ...Array(40).fill(['old'])]);
    click('followUpActions');
    const rows = tab('Follow-up');
    expect(rows).toHaveLength(21);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.flat()).not.toContain('old');
  });

  it('keeps the columns co-chairs added, with their action, and never drops their notes', async () => {
    const { fake, click, tab } = await session();
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
  it('are made only from the sidebar’s button, one per owner with an email, never sent', async () => {
    const { fake, click, bundle } = await session();
    click('followUpActions');
    expect(fake.drafts).toEqual([]);

    const made = bundle.call('draftFollowUpEmails') as { message: string };
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
      'daniel.frostwick',
    ]);
    expect(fake.log.byMethod('Gmail')).toEqual({
      'GmailApp.createDraft': 11,
    });
    expect(fake.mails).toEqual([]);
    expect(made.message).toMatch(/^Created 11 Gmail drafts \(not sent\)/);
    // R18: BSL cannot be drafted; the officer is told instead (it was a 12th draft before),
    // with the member's Communication needs.
    expect(made.message).toContain(
      'Prefer Audio, BSL or Braille, so an officer needs to arrange their update: Grace Nwachukwu (M20): BSL; communication needs: Deaf, BSL user',
    );
  });

  it('list each standard owner’s actions with IDs, due dates and how late they are', async () => {
    const { fake, click, bundle } = await session();
    click('followUpActions');
    bundle.call('draftFollowUpEmails');
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
    expect(margaret?.htmlBody).toBeNull();
    expect(margaret?.name).toBe('Commissioning Co-Production Board (demo)');
    const councillor = fake.drafts.find((draft) => draft.to.startsWith('cllr.'));
    expect(councillor?.body).toMatch(/^Dear Cllr Rahmani,\n/);
  });

  it('give large-print owners the same words in large type (R18)', async () => {
    const { fake, click, bundle } = await session();
    click('followUpActions');
    bundle.call('draftFollowUpEmails');
    const kwabena = fake.drafts.find((draft) => draft.to.startsWith('kwabena.'));
    expect(kwabena?.body).toMatch(/^Dear Kwabena,\n/);
    expect(kwabena?.htmlBody).toContain('font-size:18pt');
    expect(kwabena?.htmlBody).toContain('<li style="margin-bottom:.6em">A019: Circulate the draft');
    expect(kwabena?.htmlBody).toContain('lang="en-GB"');
  });

  it('give easy-read owners short sentences, one action each, without codes, in large type', async () => {
    const { fake, click, bundle } = await session();
    click('followUpActions');
    bundle.call('draftFollowUpEmails');
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
    expect(leon?.htmlBody).toContain('font-size:18pt');
  });

  it('are not made again for the same meeting and actions, the same day or the next', async () => {
    const { fake, click, bundle } = await session();
    click('followUpActions');
    bundle.call('draftFollowUpEmails');
    const again = bundle.call('draftFollowUpEmails') as { message: string };
    expect(fake.drafts).toHaveLength(11);
    expect(again.message).toContain('No new drafts were created.');
    expect(again.message).toContain('Already drafted by you earlier');

    // The next day every "N days overdue" has grown by one: the drafts are still the same.
    const tomorrow = await session(demoGrids(), new Date('2026-11-23T12:00:00Z'));
    tomorrow.fake.userProperties.set(fake.user, fake.propertiesOf(fake.user));
    tomorrow.click('followUpActions');
    const nextDay = tomorrow.bundle.call('draftFollowUpEmails') as { created: string[] };
    expect(nextDay.created).toEqual([]);
    expect(tomorrow.fake.drafts).toEqual([]);
  });

  it('are drafted again for an owner whose list of actions changed', async () => {
    const { fake, click, bundle } = await session();
    click('followUpActions');
    bundle.call('draftFollowUpEmails');
    // Margaret's A149 is closed in the meeting (in the tab, not saved yet): she is asked anew.
    const rows = fake.spreadsheet.sheet('Follow-up');
    const row = fake.spreadsheet
      .sheet('Follow-up')
      .contents()
      .findIndex((cells) => cells[0] === 'A149');
    rows.setValue(row + 1, 7, 'Done');
    const again = bundle.call('draftFollowUpEmails') as { created: string[] };
    expect(again.created).toEqual(['Margaret Olawale (M06)']);
    expect(fake.drafts.at(-1)?.body.match(/^- A\d{3}: /gm)).toEqual([
      '- A134: ',
      '- A147: ',
      '- A152: ',
    ]);
  });

  it('are each co-chair’s own: the second co-chair gets drafts in their Gmail too', async () => {
    const { fake, click, bundle } = await session();
    click('followUpActions');
    bundle.call('draftFollowUpEmails');
    fake.user = 'hannah.osei-bonsu@example.org';
    const second = bundle.call('draftFollowUpEmails') as { created: string[]; message: string };
    expect(second.created).toHaveLength(11);
    expect(second.message).not.toContain('Already drafted');
    expect(fake.draftsOf('yusuf.demirel@example.org')).toHaveLength(11);
    expect(fake.draftsOf('hannah.osei-bonsu@example.org')).toHaveLength(11);
    // Nothing about it is kept where every editor shares it.
    expect([...fake.documentProperties.values.keys()]).toEqual([]);
  });

  it('say what to do when there is no Follow-up list yet', async () => {
    const { bundle } = await session();
    expect(() => bundle.call('draftFollowUpEmails')).toThrow(
      'There is no Follow-up tab yet. Use "Follow up actions" first',
    );
  });
});

describe('Follow up actions at scale', () => {
  it('makes the same Spreadsheet calls for 100 and for 10,000 actions', async () => {
    const firstRuns: Record<string, number>[] = [];
    const secondRuns: Record<string, number>[] = [];
    for (const count of [100, 10_000]) {
      const { fake, click, tab } = await session(boardWithActions(count));
      for (const runs of [firstRuns, secondRuns]) {
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
    // The board's tabs, plus the Follow-up tab itself (to keep the co-chairs' edits and columns).
    expect(secondRuns[0]?.['Range.getValues']).toBe(5);
    expect(secondRuns[0]?.['Range.getFormulas']).toBe(1);
    expect(secondRuns[0]?.['Range.setValues']).toBe(1);
    expect(secondRuns[0]?.['Range.sort']).toBe(1);
  }, 60_000);
});

/**
 * The co-chairs' meeting cycle end to end (issue 12), on the demo board in the fake
 * spreadsheet, as the menu and its dialogs would run it: plan the meeting, record attendance,
 * follow up the actions, edit the list in the meeting, save it, draft the owners' emails, send
 * the weekly reminders, prepare the pack and draft it. Run twice: the second run adds nothing
 * anywhere (sheet, Gmail, email, triggers), and the pack logged is the server's own.
 */
import { describe, expect, it } from 'vitest';
import { gridsOf, type Session, session, sidebarText } from './support/apps-script/session';
import { gridsSource, OFFICER_TOKEN, testServer } from './support/board-server';

/** One pass of the cycle; returns what each step answered. */
function meetingCycle(started: Session) {
  const { fake, click, bundle } = started;
  click('planNextMeeting');
  click('recordAttendance');
  click('followUpActions');
  // In the meeting: the co-chairs mark one action done and note another, in the Follow-up tab.
  const list = fake.spreadsheet.sheet('Follow-up');
  const rowOf = (id: string) => list.contents().findIndex((row) => row[0] === id) + 1;
  if (rowOf('A019') > 0) list.typeInto(rowOf('A019'), 7, 'Done');
  if (rowOf('A037') > 0)
    list.typeInto(rowOf('A037'), 10, 'Bernadette to bring the draft in December');
  click('saveFollowUpToActions');
  const drafts = bundle.call('draftFollowUpEmails') as { created: string[] };
  click('turnOnWeeklyReminders');
  const reminders = bundle.call('sendActionReminders') as { sent: string[] };
  click('prepareCirculationPack');
  const preview = bundle.call('previewCirculationPack', 'MT-2026-10', 'Borough Partnership') as {
    sha256: string;
  };
  const pack = bundle.call('draftCirculationPack', 'MT-2026-10', 'Borough Partnership') as {
    packId: string;
    sha256: string;
    draftCreated: boolean;
    rowAdded: boolean;
  };
  return { drafts, reminders, preview, pack };
}

describe('the meeting cycle on the demo board', () => {
  it('runs end to end, and a second run adds nothing anywhere', async () => {
    const started = await session();
    const { fake, tab } = started;
    const attendanceBefore = tab('Attendance').length;

    const first = meetingCycle(started);
    expect(tab('Meetings')[37]?.[7]).toBe('M10'); // MT-2026-11 got its minute-taker
    expect(tab('Attendance').length).toBeGreaterThan(attendanceBefore);
    const a019 = tab('Actions').find((row) => row[0] === 'A019');
    expect(a019?.[6]).toBe('Done');
    expect(tab('Actions').find((row) => row[0] === 'A037')?.[8]).toBe(
      'Bernadette to bring the draft in December',
    );
    expect(tab('Follow-up').map((row) => row[0])).not.toContain('A019');
    expect(first.drafts.created.length).toBeGreaterThan(5);
    expect(first.reminders.sent.length).toBeGreaterThan(5);
    expect(first.pack).toMatchObject({
      packId: 'MT-2026-10-BP-1',
      draftCreated: true,
      rowAdded: true,
    });
    expect(first.pack.sha256).toBe(first.preview.sha256);
    expect(fake.triggers).toHaveLength(1);

    const after = {
      state: started.state(),
      drafts: fake.drafts.length,
      mails: fake.mails.length,
      triggers: fake.triggers.length,
    };
    const second = meetingCycle(started);
    expect(started.state()).toEqual(after.state);
    expect(fake.drafts).toHaveLength(after.drafts);
    expect(fake.mails).toHaveLength(after.mails);
    expect(fake.triggers).toHaveLength(after.triggers);
    expect(second.drafts.created).toEqual([]);
    expect(second.reminders.sent).toEqual([]);
    expect(second.pack).toMatchObject({
      packId: 'MT-2026-10-BP-1',
      draftCreated: false,
      rowAdded: false,
    });
    expect(sidebarText(started)).toContain('There were no edits to save');
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);

    // The pack logged in the sheet is the server's for this same board, to the byte.
    const server = testServer({ source: gridsSource(gridsOf(fake)) });
    const { body } = await server.query(
      OFFICER_TOKEN,
      '{ circulationPack(meetingId: "MT-2026-10", audience: BOROUGH_PARTNERSHIP) { sha256 } }',
    );
    const logged = tab('Circulation')[1]?.[4];
    const pack = body.data?.circulationPack as { sha256: string } | undefined;
    expect(pack?.sha256).toBe(logged);
    expect(tab('Circulation')).toHaveLength(2);
    expect(tab('Reminders sent').length).toBe(1 + first.reminders.sent.length);
  }, 60_000);
});

/**
 * Meeting invitations (issue 14, R7, R18) in the built bundle: `draftMeetingInvitations`, the
 * button of "Plan next meeting"'s dialog, drafts one Gmail invitation (never sent) per invitee
 * of a Planned meeting with an email address, in their preferred format; Audio, BSL and Braille
 * invitees and those with no email are listed for an officer instead; a second call, by anyone,
 * drafts nothing; a Cancelled, Held or unknown meeting drafts nothing and says why.
 */
import { describe, expect, it, vi } from 'vitest';
import { isoDateToSerial } from '../schema/dates';
import type { RawCell, WorkbookGrids } from '../schema/grid';
import { tabGrid } from './support/apps-script/boards';
import { FakeRange } from './support/apps-script/fake-range';
import { dialogText, type Session, session } from './support/apps-script/session';

const VENUE = 'Civic Centre <b>Room 2</b> & "Annex"';
const TOPICS = ['Mental health', 'Carers', '<i>Housing</i> & repairs'];
const MINUTES = 'https://example.org/minutes/MT-2026-10';

/**
 * Ten members: the two co-chairs, one member of each format, one with no email, one whose
 * service area is not on the agenda, one former member; four meetings of each status.
 */
function invitationBoard(): WorkbookGrids {
  const member = (
    id: string,
    name: string,
    format: string,
    areas: string | null,
    more: Record<string, RawCell> = {},
  ): Record<string, RawCell> => ({
    'Member ID': id,
    Name: name,
    Role: 'Member',
    Category: 'Self-representative',
    Constituency: 'Resident',
    'Service areas': areas,
    Email: `${name.split(' ')[0]?.toLowerCase()}@example.org`,
    'Preferred format': format,
    'Term start': isoDateToSerial('2026-01-01'),
    Status: 'Active',
    ...more,
  });
  const meeting = (
    id: string,
    date: string,
    status: string,
    more: Record<string, RawCell> = {},
  ): Record<string, RawCell> => ({
    'Meeting ID': id,
    Date: isoDateToSerial(date),
    'Start time': 14 / 24,
    Status: status,
    ...more,
  });
  return {
    Members: tabGrid('Members', [
      member('M01', 'Ada Achebe', 'Standard', null, {
        Role: 'Resident co-chair',
        Category: 'Resident co-chair',
      }),
      member('M02', 'Ben Brook', 'Standard', 'All', {
        Role: 'Officer co-chair',
        Category: 'Commissioning team',
        Constituency: 'Staff',
      }),
      member('M03', 'Cara Cole', 'Large print', 'Mental health'),
      member('M04', 'Dev Desai', 'Easy read', 'Mental health, Learning disabilities'),
      member('M05', 'Eve Evans', 'BSL', 'Mental health', {
        'Communication needs': 'A <b>BSL</b> interpreter at every meeting',
      }),
      member('M06', 'Fay Fox', 'Audio', 'Carers', {
        'Communication needs': 'Papers as audio recordings',
      }),
      member('M07', 'Gus Gray', 'Braille', 'All'),
      member('M08', 'Hal Hart', 'Standard', 'Carers', { Email: null }),
      member('M09', 'Ivy Ince', 'Standard', 'Housing'),
      member('M10', 'Jo Jones', 'Standard', 'All', {
        Status: 'Former',
        'Term end': isoDateToSerial('2026-06-30'),
      }),
    ]),
    Meetings: tabGrid('Meetings', [
      meeting('MT-2026-09', '2026-09-30', 'Cancelled', { Venue: 'Library', Format: 'In person' }),
      meeting('MT-2026-10', '2026-10-28', 'Held', {
        Venue: 'Library',
        Format: 'In person',
        'Minute-taker': 'M03',
        'Minutes link': MINUTES,
      }),
      meeting('MT-2026-11', '2026-11-25', 'Planned', {
        'Length (hours)': 2.5,
        Venue: VENUE,
        Format: 'Hybrid',
        Topics: TOPICS.join(', '),
        'Minute-taker': 'M03',
      }),
      meeting('MT-2026-12', '2026-12-30', 'Planned'),
    ]),
    Settings: [
      ['Key', 'Value'],
      ['Board name', 'Test Co-Production Board'],
      ['Meeting pattern', 'last Wednesday'],
      ['Meeting length (hours)', 2],
    ],
  };
}

interface Made {
  created: string[];
  alreadyInvited: string[];
  withoutEmail: string[];
  forOfficer: string[];
  message: string;
}

const invite = ({ bundle }: Session, meetingId: unknown) =>
  bundle.call('draftMeetingInvitations', meetingId) as Made;

const draftTo = ({ fake }: Session, who: string) => {
  const draft = fake.drafts.find((candidate) => candidate.to === `${who}@example.org`);
  if (!draft) throw new Error(`No draft to ${who}`);
  return draft;
};

describe('draftMeetingInvitations', () => {
  it('drafts one invitation per invitee with an email, in their format, and sends nothing', async () => {
    const started = await session(invitationBoard());
    const made = invite(started, 'MT-2026-11');
    const { fake } = started;
    // R7: the co-chairs first, then members whose areas meet the topics, by name; Active only.
    expect(fake.drafts.map((draft) => draft.to)).toEqual([
      'ada@example.org',
      'ben@example.org',
      'cara@example.org',
      'dev@example.org',
    ]);
    expect(fake.log.byMethod('Gmail')).toEqual({ 'GmailApp.createDraft': 4 });
    expect(fake.mails).toEqual([]);
    expect(fake.drafts.every((draft) => draft.name === 'Test Co-Production Board')).toBe(true);
    expect(made.created).toEqual([
      'Ada Achebe (M01)',
      'Ben Brook (M02)',
      'Cara Cole (M03)',
      'Dev Desai (M04)',
    ]);
    expect(made.message).toMatch(
      /^Created 4 Gmail drafts \(not sent\) of the invitation to the meeting on Wednesday 25 November 2026 \(MT-2026-11\)/,
    );
    expect(fake.spreadsheet.lockHeld).toBe(false);
    expect(fake.log.byMethod('Lock')['Lock.releaseLock']).toBe(1);
  });

  it('lists Audio, BSL and Braille invitees with their needs, and those with no email, and drafts them nothing', async () => {
    const started = await session(invitationBoard());
    const made = invite(started, 'MT-2026-11');
    expect(made.forOfficer).toEqual([
      'Eve Evans (M05): BSL; communication needs: A <b>BSL</b> interpreter at every meeting.',
      'Fay Fox (M06): Audio; communication needs: Papers as audio recordings.',
      'Gus Gray (M07): Braille; no communication needs recorded.',
    ]);
    expect(made.withoutEmail).toEqual(['Hal Hart (M08)']);
    expect(made.message).toContain(
      'No email address in the Members tab, so no draft: Hal Hart (M08).',
    );
    expect(made.message).toContain(
      'Prefer Audio, BSL or Braille, so an officer needs to arrange their invitation: Eve Evans (M05): BSL;',
    );
    const to = started.fake.drafts.map((draft) => draft.to);
    for (const who of ['eve', 'fay', 'gus', 'ivy', 'jo'])
      expect(to).not.toContain(`${who}@example.org`);
  });

  it('says when, where, what about, the last minutes and who to tell (R8 for a co-chair)', async () => {
    const started = await session(invitationBoard());
    invite(started, 'MT-2026-11');
    const cara = draftTo(started, 'cara');
    expect(cara.subject).toBe('Invitation: Test Co-Production Board, Wednesday 25 November 2026');
    expect(cara.body).toMatch(/^Dear Cara,\n/);
    expect(cara.body).toContain('- Date: Wednesday 25 November 2026\n');
    expect(cara.body).toContain('- Time: 2pm to 4:30pm (2 and a half hours)\n');
    expect(cara.body).toContain(`- Where: ${VENUE}, or join online (a hybrid meeting)\n`);
    expect(cara.body).toContain(`- Topics: ${TOPICS.join(', ')}\n`);
    expect(cara.body).toContain(
      `The minutes of the last meeting, on Wednesday 28 October 2026, are here: ${MINUTES}`,
    );
    expect(cara.body).toContain(
      'If you cannot come, please send your apologies to the co-chairs, Ada Achebe and Ben Brook, before the meeting.',
    );
    // A co-chair who cannot come nominates a deputy (R8), and tells the other co-chair.
    const ada = draftTo(started, 'ada');
    expect(ada.body).toContain(
      'If you cannot come, please nominate a deputy co-chair for this meeting and tell Ben Brook who it is before the meeting.',
    );
    expect(ada.body).toContain('Ada Achebe and Ben Brook, co-chairs\nTest Co-Production Board');
  });

  it('gives Standard clear HTML with a text alternative, and Large print the same words in large type', async () => {
    const started = await session(invitationBoard());
    invite(started, 'MT-2026-11');
    const ben = draftTo(started, 'ben');
    const cara = draftTo(started, 'cara');
    expect(ben.htmlBody).toContain('font-size:12pt');
    expect(ben.htmlBody).toContain('lang="en-GB"');
    expect(ben.body).not.toMatch(/<p|<li/);
    expect(cara.htmlBody).toContain('font-size:18pt');
    expect(cara.htmlBody).not.toContain('font-size:12pt');
    expect(cara.htmlBody).toContain(
      '<li style="margin-bottom:.6em">Date: Wednesday 25 November 2026</li>',
    );
    // The same words in the HTML as in the text alternative, for each format.
    for (const draft of [ben, cara]) {
      const words = dialogText((draft.htmlBody ?? '').replace(/<head>[\s\S]*<\/head>/, ''));
      expect(words).toBe(draft.body.replace(/^- /gm, '').replace(/\s+/g, ' ').trim());
    }
  });

  it('gives Easy read short sentences, no codes, in large type', async () => {
    const started = await session(invitationBoard());
    invite(started, 'MT-2026-11');
    const dev = draftTo(started, 'dev');
    expect(dev.subject).toBe('You are invited to the Co-Production Board');
    expect(dev.htmlBody).toContain('font-size:18pt');
    const body = dev.body;
    expect(body).toMatch(/^Hello Dev\.\n/);
    expect(body).toContain(
      'The meeting is on Wednesday 25 November 2026.\nIt starts at 2pm.\nIt ends at 4:30pm.',
    );
    expect(body).toContain('You can come to the room.\nOr you can join online.');
    expect(body).toContain('Can you not come?\nPlease tell Ada or Ben.');
    // The parts the product writes: the sheet's own words taken out, no codes, and no sentence
    // over 20 words (none over 12, as the follow-up drafts).
    let own = body;
    for (const value of [VENUE, ...TOPICS, MINUTES]) own = own.split(value).join('X');
    expect(own).not.toMatch(/\bMT-|\bM\d{2}\b/);
    const sentences = own
      .split(/[.!?:]\s+|\n/)
      .map((text) => text.replace(/^- /, '').trim())
      .filter((text) => text !== '');
    expect(sentences.length).toBeGreaterThan(10);
    for (const text of sentences) expect(text.split(/\s+/).length, text).toBeLessThanOrEqual(12);
  });

  it('escapes the HTML of every sheet value: venue, topics, board and member names', async () => {
    const started = await session(invitationBoard());
    invite(started, 'MT-2026-11');
    for (const draft of started.fake.drafts) {
      const html = draft.htmlBody ?? '';
      expect(html).not.toContain('<b>');
      expect(html).not.toContain('<i>');
      expect(html).toContain('Civic Centre &lt;b&gt;Room 2&lt;/b&gt; &amp; &quot;Annex&quot;');
      expect(html).toContain('&lt;i&gt;Housing&lt;/i&gt; &amp; repairs');
    }
  });

  it('drafts nothing the second time, whoever calls it', async () => {
    const started = await session(invitationBoard());
    invite(started, 'MT-2026-11');
    const { fake } = started;
    const properties = new Map(fake.documentProperties.values);
    const again = invite(started, 'MT-2026-11');
    expect(fake.drafts).toHaveLength(4);
    expect(again.created).toEqual([]);
    expect(again.message).toContain('No new invitation drafts were created');
    expect(again.message).toContain(
      'Already drafted for this meeting (by you or another officer), so not made again: Ada Achebe (M01), Ben Brook (M02), Cara Cole (M03) and Dev Desai (M04).',
    );
    // The other co-chair: an invitation is the board's, once per meeting, not each user's.
    fake.user = 'ben@example.org';
    expect(invite(started, 'MT-2026-11').created).toEqual([]);
    expect(fake.drafts).toHaveLength(4);
    expect(fake.documentProperties.values).toEqual(properties);
    expect([...properties.keys()]).toEqual(['meetingInvitations:MT-2026-11']);
  });

  it('invites a member added to the meeting later, and only them', async () => {
    const started = await session(invitationBoard());
    invite(started, 'MT-2026-11');
    const members = started.fake.spreadsheet.sheet('Members');
    const rows = members.contents();
    const areas = (rows[0] as string[]).indexOf('Service areas') + 1;
    const ivy = rows.findIndex((row) => row[0] === 'M09') + 1;
    members.setValue(ivy, areas, 'Housing, Mental health');
    const again = invite(started, 'MT-2026-11');
    expect(again.created).toEqual(['Ivy Ince (M09)']);
    expect(started.fake.drafts.map((draft) => draft.to).at(-1)).toBe('ivy@example.org');
  });

  it('reads each tab it needs once, the Meetings tab included, and writes no cell', async () => {
    const started = await session(invitationBoard());
    const before = started.state();
    const reads = vi.spyOn(FakeRange.prototype, 'getValues');
    const writes = vi.spyOn(FakeRange.prototype, 'setValues');
    started.fake.log.reset();
    invite(started, 'MT-2026-11');
    const sheets = reads.mock.contexts.map((range) => (range as FakeRange).sheet.name).sort();
    expect(sheets).toEqual(['Meetings', 'Members', 'Settings']);
    expect(writes).not.toHaveBeenCalled();
    expect(started.fake.log.byMethod('Properties')).toEqual({
      'DocumentProperties.getProperty': 1,
      'DocumentProperties.setProperty': 1,
      'PropertiesService.getDocumentProperties': 1,
    });
    expect(started.state()).toEqual(before);
    reads.mockRestore();
    writes.mockRestore();
  });

  it('drafts nothing for a Cancelled, Held, unknown or unplaced meeting, and says why', async () => {
    const started = await session(invitationBoard());
    const answers = ['MT-2026-09', 'MT-2026-10', 'MT-1999-01', 'MT-2026-12', '', 42].map(
      (id) => invite(started, id).message,
    );
    expect(answers).toEqual([
      'The meeting on Wednesday 30 September 2026 (MT-2026-09) is Cancelled in the Meetings tab (row 2), so no invitations were drafted.',
      'The meeting on Wednesday 28 October 2026 (MT-2026-10) has been held (its Status is Held, row 3), so no invitations were drafted.',
      'There is no meeting "MT-1999-01" in the Meetings tab, so no invitations were drafted.',
      'The meeting on Wednesday 30 December 2026 (MT-2026-12) has no Venue or Format in the Meetings tab (row 5). Add where it is, then create the invitations; none were drafted.',
      'No meeting was given, so no invitations were drafted.',
      'No meeting was given, so no invitations were drafted.',
    ]);
    expect(started.fake.drafts).toEqual([]);
    expect(started.fake.log.byMethod('Properties')).toEqual({});
  });
});

describe('Plan next meeting offers the invitations', () => {
  it('has a button that calls draftMeetingInvitations for the meeting, and lists who an officer reaches', async () => {
    const started = await session(invitationBoard());
    started.click('planNextMeeting');
    const dialog = started.fake.ui.dialogs.at(-1);
    expect(dialog?.title).toBe('Plan next meeting');
    const html = dialog?.html ?? '';
    expect(html).toContain('data-meeting="MT-2026-11"');
    expect(html).toContain(".draftMeetingInvitations(b.getAttribute('data-meeting'))");
    expect(html).not.toContain('<b>BSL</b>');
    const text = dialogText(html);
    expect(text).toContain(
      'The meeting on Wednesday 25 November 2026 (MT-2026-11) is already in the Meetings tab (row 4), with a minute-taker. Nothing was changed.',
    );
    expect(text).toContain('Create invitation drafts');
    expect(text).toContain('4 drafts as the sheet stands');
    expect(text).toContain('No email address in the Members tab: Hal Hart (M08).');
    expect(text).toContain(
      'Eve Evans (M05): BSL; communication needs: A <b>BSL</b> interpreter at every meeting. Fay Fox (M06): Audio;',
    );
    expect(text).not.toContain('first: the invitations say where');
    // Opening the dialog drafts nothing.
    expect(started.fake.drafts).toEqual([]);
  });
});

/**
 * What a pack may say and to whom: redaction as partners see the board, the DMT rule (R13),
 * the audience wording, and each reason a pack is refused, with its code and message.
 */
import { describe, expect, it } from 'vitest';
import { AUDIENCES } from '../schema/layout';
import { circulatedName, PackError, type PackRequest } from '../schema/packs';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import { visibleName } from '../server/graphql/access';
import type { BoardContext } from '../server/graphql/context';
import {
  allFormats,
  demoGrids,
  demoSnapshot,
  GOLDEN_MEETING,
  packFor,
  withCell,
  withHeaderRenamed,
  withoutTab,
} from './packs-fixtures';
import { attendanceSection } from './support/partner-sweep';

/** The demo grids with one Settings value set (added when the key is not there). */
function withSetting(key: string, value: string | number) {
  const grids = demoGrids();
  const settings = (grids.Settings ?? []).filter((row) => row[0] !== key);
  return { ...grids, Settings: [...settings, [key, value]] };
}

/** Plain text with its line wrapping undone, to find a sentence wherever the lines broke. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function refusal(board: BoardSnapshot, request: Partial<PackRequest>): PackError {
  try {
    packFor(board, request);
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error('The pack was made but should have been refused');
}

describe('redaction: packs go outside the board', () => {
  const board = demoSnapshot();
  const packs = AUDIENCES.filter((audience) => audience !== 'DMT').flatMap((audience) =>
    allFormats(board, { audience }),
  );
  const attendanceNotes = board.attendance.flatMap((row) => (row.notes ? [row.notes] : []));
  const followUpNotes = board.actions.flatMap((action) =>
    action.followUpNote ? [action.followUpNote] : [],
  );

  it("never includes a member's email, phone or notes, nor attendance or follow-up notes", () => {
    const secrets = [
      ...board.members.flatMap((member) => [member.email, member.phone, member.notes]),
      ...attendanceNotes,
      ...followUpNotes,
    ].filter((secret): secret is string => secret !== null);
    expect(secrets.length).toBeGreaterThan(40);
    for (const pack of packs) {
      for (const secret of secrets) expect(pack.content).not.toContain(secret);
      expect(pack.content).not.toMatch(/@example\.org|020 7946/);
    }
  });

  it('names only members whose Name in circulation is Yes; others read as role and category', () => {
    const withheld = board.members.filter((member) => !member.nameInCirculation);
    expect(withheld.map((member) => member.id)).toContain('M05');
    for (const pack of packs) {
      for (const member of withheld) expect(pack.content).not.toContain(member.name);
    }
    // M05 took the minutes and owns actions; M20 came and owns one; both withheld.
    const html = packFor(board).content;
    expect(html).toContain('<dt>Minutes taken by</dt><dd>Member (Social worker)</dd>');
    expect(html).toContain('Member (Carer or advocate)');
    for (const name of ['Yusuf Demirel', 'Hannah Osei-Bonsu', 'Margaret Olawale']) {
      expect(html).toContain(name);
    }
  });

  it('shows a co-chair who has not consented by their role alone', () => {
    const grids = withCell('Members', 'M16', 'Name in circulation', 'No');
    const html = packFor(buildSnapshot(grids)).content;
    expect(html).not.toContain('Yusuf Demirel');
    expect(html).toContain('Resident co-chair and Hannah Osei-Bonsu (officer co-chair)');
  });

  it('lists a deputy co-chair who stood in among those who chaired', () => {
    const text = packFor(board, { meetingId: 'MT-2026-03', format: 'TEXT' }).content;
    expect(oneLine(text)).toContain(
      'Chaired by: Hannah Osei-Bonsu (officer co-chair) and Joseph Amankwah (deputy co-chair)',
    );
  });

  it('counts attendees who have not consented, never listing them, and withholds small counts', () => {
    const withheldLabels = [
      ...new Set(board.members.filter((m) => !m.nameInCirculation).map(circulatedName)),
    ];
    for (const meeting of board.meetings.filter((m) => m.status === 'Held')) {
      for (const pack of allFormats(board, { meetingId: meeting.id })) {
        const section = attendanceSection(pack.content, pack.easyRead, pack.format === 'HTML');
        expect(section.length, meeting.id).toBeGreaterThan(100);
        for (const label of withheldLabels) expect(section, meeting.id).not.toContain(label);
      }
    }
    const text = oneLine(packFor(board, { format: 'TEXT' }).content);
    // MT-2026-10: M15 alone sent apologies, M08 and M11 were absent; three unnamed came.
    expect(text).toContain('Total 7 not shown not shown');
    expect(text).toContain('Yusuf Demirel; and 3 members not named.');
    expect(text).toContain('Apologies: any members not named (how many is not shown).');
    expect(text).toContain('"Not shown" stands for a figure that would count fewer than 3 members');
    // With a smallest group of 2, the two absent can be counted (and the note says 2).
    const two = buildSnapshot(withSetting('Smallest reported group', 2));
    const changed = oneLine(packFor(two, { format: 'TEXT' }).content);
    expect(changed).not.toBe(text);
    expect(changed).not.toContain('fewer than 3');
  });

  it('names people exactly as the GraphQL API names them to partners', () => {
    const partner = { role: 'PARTNER' } as BoardContext;
    for (const member of board.members) {
      expect(circulatedName(member)).toBe(visibleName(partner, member));
    }
  });
});

describe('the DMT rule (R13)', () => {
  it('refuses a DMT pack for a meeting whose Circulate to DMT is not Yes, saying why', () => {
    const error = refusal(demoSnapshot(), { audience: 'DMT' });
    expect(error.code).toBe('DMT_NOT_REQUESTED');
    expect(error.message).toContain('the Senior Head has not asked for it');
    expect(error.message).toContain('set "Circulate to DMT" to Yes');
    expect(error.message).toContain(`(${GOLDEN_MEETING})`);
  });

  it('makes the DMT pack once the meeting is marked, and always for the other audiences', () => {
    const marked = buildSnapshot(withCell('Meetings', GOLDEN_MEETING, 'Circulate to DMT', 'Yes'));
    expect(packFor(marked, { audience: 'DMT' }).content).toContain('For the Adult Social Care DMT');
    expect(packFor(demoSnapshot(), { meetingId: 'MT-2026-07', audience: 'DMT' }).audience).toBe(
      'DMT',
    );
    for (const audience of ['Borough Partnership', 'Senior Head'] as const) {
      expect(packFor(demoSnapshot(), { audience }).audience).toBe(audience);
    }
  });
});

describe('audience wording', () => {
  const marked = buildSnapshot(withCell('Meetings', GOLDEN_MEETING, 'Circulate to DMT', 'Yes'));
  const expected = {
    'Borough Partnership': 'For the Haringey Borough Partnership',
    'Senior Head': 'For the Senior Head of Commissioning, Brokerage and Quality Assurance',
    DMT: 'For the Adult Social Care DMT',
  } as const;

  for (const audience of AUDIENCES) {
    it(`addresses ${audience} in every format`, () => {
      const [html, easyHtml, text, easyText] = allFormats(marked, { audience });
      expect(html?.content).toContain(`<p class="audience">${expected[audience]}</p>`);
      expect(text?.content).toContain(`\n${expected[audience]}\n`);
      const plain = expected[audience].replace('For t', 't');
      expect(easyHtml?.content).toContain(`This report is for ${plain}.`);
      expect(oneLine(easyText?.content ?? '')).toContain(`This report is for ${plain}.`);
      const others = AUDIENCES.filter((other) => other !== audience).map((o) => expected[o]);
      for (const other of others) expect(html?.content).not.toContain(other);
    });
  }
});

describe('refusals', () => {
  it('UNKNOWN_MEETING for a Meeting ID not in the Meetings tab', () => {
    const error = refusal(demoSnapshot(), { meetingId: 'MT-1999-01' });
    expect(error.code).toBe('UNKNOWN_MEETING');
    expect(error.message).toBe(
      'There is no meeting "MT-1999-01" in the Meetings tab. Check the Meeting ID.',
    );
  });

  it('MEETING_NOT_HELD for a planned or cancelled meeting', () => {
    const planned = refusal(demoSnapshot(), { meetingId: 'MT-2026-11' });
    expect(planned.code).toBe('MEETING_NOT_HELD');
    expect(planned.message).toMatch(/^Packs are for held meetings; this one is Planned: /);
    expect(planned.message).toContain('set its Status to Held');
    const cancelled = refusal(demoSnapshot(), { meetingId: 'MT-2024-12' });
    expect(cancelled.code).toBe('MEETING_NOT_HELD');
    expect(cancelled.message).toMatch(/^Packs are for held meetings; this one is Cancelled: /);
  });

  it('BOARD_DATA_UNUSABLE naming the tab and the missing header', () => {
    const cases = [
      { grids: withHeaderRenamed('Attendance', 'Attendance', 'Came?'), says: 'The Attendance tab' },
      { grids: withHeaderRenamed('Meetings', 'Status', 'State'), says: 'The Meetings tab' },
      { grids: withHeaderRenamed('Projects', 'Stage', 'Step'), says: 'The Projects tab' },
      { grids: withoutTab('Tasks'), says: 'The workbook has no "Tasks" tab' },
    ];
    for (const { grids, says } of cases) {
      const error = refusal(buildSnapshot(grids), {});
      expect(error.code).toBe('BOARD_DATA_UNUSABLE');
      expect(error.message).toContain(says);
    }
    const error = refusal(buildSnapshot(withHeaderRenamed('Actions', 'Status', 'State')), {});
    expect(error.message).toBe(
      'The Actions tab cannot be read: it has no "Status" header, so the pack cannot be made. Add the header to the tab, then try again.',
    );
  });

  it('is a PackError with a name, so callers can tell it from a bug', () => {
    const error = refusal(demoSnapshot(), { meetingId: 'nope' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PackError');
  });
});

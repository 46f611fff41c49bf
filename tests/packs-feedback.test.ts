/**
 * Issue 14 items 2 and 6: "You said, we did" in every pack (feedback reported back since the
 * last meeting, never naming who raised it), and each project's people by constituency, with
 * the small-number rule partners' figures follow everywhere else.
 */
import { describe, expect, it } from 'vitest';
import { AUDIENCES } from '../schema/layout';
import { partnerProjectPeople } from '../schema/packs/content-feedback';
import { projectPeople } from '../schema/project-constituencies';
import { isSmallGroup } from '../schema/small-numbers';
import { buildSnapshot } from '../schema/snapshot';
import {
  allFormats,
  demoGrids,
  demoSnapshot,
  packFor,
  withCell,
  withFeedback,
} from './packs-fixtures';

/** Text with its line wrapping undone, to find a sentence wherever the lines broke. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

// MT-2026-10 was held on 28 October 2026; the held meeting before it on 30 September 2026.
const FEEDBACK = [
  {
    'Feedback ID': 'F01',
    'Date raised': '2026-09-02',
    'Project ID': 'P04',
    'You said': 'Carers want short breaks they can book at a weekend',
    'Raised by': 'Resident',
    'We did': 'Weekend breaks were added to the draft service specification',
    Status: 'Acted on',
    'Reported back on': '2026-10-05',
  },
  {
    'Feedback ID': 'F02',
    'Date raised': '2026-09-20',
    'You said': 'Meet in the evening so that people who work can come',
    'Raised by': 'M08',
    'We did': 'The co-chairs looked at evening meetings',
    Status: 'Not acted on',
    Reason: 'The civic centre closes at 6pm and online-only meetings shut some residents out',
    'Reported back on': '2026-10-28',
  },
  {
    'Feedback ID': 'F03',
    'Date raised': '2026-08-01',
    'You said': 'Send the papers a week before the meeting',
    'Raised by': 'Provider',
    'We did': 'Papers now go out seven days before',
    Status: 'Acted on',
    'Reported back on': '2026-09-30',
  },
  {
    'Feedback ID': 'F04',
    'Date raised': '2026-10-01',
    'You said': 'Put the easy read on the website',
    'We did': 'It is on the website',
    Status: 'Acted on',
    'Reported back on': '2026-10-29',
  },
  {
    'Feedback ID': 'F05',
    'Date raised': '2026-10-10',
    'You said': 'The hearing loop in room 2 does not work',
    Status: 'Open',
  },
  {
    'Feedback ID': 'F06',
    'Date raised': '2026-09-15',
    'You said': 'Travel expenses take too long to pay',
    'Raised by': 'M15, M20',
    'We did': 'Finance agreed to pay within 14 days from January',
    Status: 'Open',
    'Reported back on': '2026-10-10',
  },
];

describe('"You said, we did" (issue 14 item 2)', () => {
  const board = buildSnapshot(withFeedback(FEEDBACK));
  const [html, easyHtml, text, easyText] = allFormats(board).map((pack) => pack.content);

  it('lists what was reported back after the last held meeting, through this meeting, in order', () => {
    const section = html?.split('<h2>You said, we did</h2>')[1]?.split('<h2>')[0] ?? '';
    expect(section).toContain('<caption>You said, we did (3)</caption>');
    const said = [...section.matchAll(/<th scope="row" data-label="You said">([^<]+)/g)].map(
      (match) => match[1]?.trim(),
    );
    expect(said).toEqual([
      'Carers want short breaks they can book at a weekend',
      'Travel expenses take too long to pay',
      'Meet in the evening so that people who work can come',
    ]);
    for (const pack of [html, easyHtml, text, easyText]) {
      // F03 went back on the last meeting's day, F04 the day after this one, F05 not yet.
      expect(pack).not.toContain('Send the papers a week before');
      expect(pack).not.toContain('Put the easy read on the website');
      expect(pack).not.toContain('hearing loop');
    }
    const before = packFor(board, { meetingId: 'MT-2026-09', format: 'TEXT' }).content;
    expect(oneLine(before)).toContain('You said: Send the papers a week before the meeting');
    expect(before).not.toContain('Carers want short breaks');
  });

  it('gives the reason for an item not acted on, and says which are still open', () => {
    expect(html).toContain(
      '<td data-label="Outcome">Not acted on. Reason: The civic centre closes at 6pm and online-only meetings shut some residents out.</td>',
    );
    expect(html).toContain('<td data-label="Outcome">Still open</td>');
    expect(oneLine(text ?? '')).toContain(
      "Outcome: Acted on. Reported back on 5 October 2026. Raised by: Residents. Project: Carers' short breaks.",
    );
    const easy = oneLine(easyText ?? '');
    expect(easy).toContain(
      '- You said: Carers want short breaks they can book at a weekend. Residents told us this.',
    );
    expect(easy).toContain('We did: Weekend breaks were added to the draft service specification.');
    expect(easy).toContain(
      'We did: The co-chairs looked at evening meetings. We could not do what you asked. This is why: The civic centre closes at 6pm and online-only meetings shut some residents out.',
    );
    expect(easy).toContain(
      'We did: Finance agreed to pay within 14 days from January. We are still working on this.',
    );
  });

  it('never names who raised an item: a constituency at most, never a Member ID or name', () => {
    // Raised by a constituency, or by members: their constituencies, as the API tells partners.
    expect(text?.match(/Raised by: Residents\./g)).toHaveLength(3);
    const raisers = ['M08', 'M15', 'M20'].map((id) => board.memberById.get(id));
    for (const pack of AUDIENCES.filter((a) => a !== 'DMT').flatMap((audience) =>
      allFormats(board, { audience }),
    )) {
      // From the heading to the next one (pictures' drawings have "M15" in their paths).
      const section = (pack.content.split('You said, we did')[1] ?? '')
        .split(/<h2>|\n(?:Our next meeting|Next meeting)\n/)[0]
        ?.replace(/<svg[\s\S]*?<\/svg>/g, '');
      expect(section?.length).toBeGreaterThan(200);
      for (const member of raisers) {
        expect(section).not.toContain(member?.name);
        expect(section).not.toMatch(new RegExp(`\\b${member?.id}\\b`));
      }
      expect(section).not.toContain('Member (Reference group)');
      expect(section).not.toContain('Member (Carer or advocate)');
    }
  });

  it('says so when nothing was reported back, and when the Feedback tab cannot be read', () => {
    const none = buildSnapshot(withFeedback([]));
    const [plain, easy] = [false, true].map(
      (easyRead) => packFor(none, { format: 'TEXT', easyRead }).content,
    );
    expect(oneLine(plain ?? '')).toContain(
      'No feedback was reported back since the last meeting on 30 September 2026.',
    );
    expect(oneLine(easy ?? '')).toContain(
      'We have nothing new to tell you since our last meeting on 30 September 2026.',
    );
    const { Feedback: _gone, ...withoutFeedback } = withFeedback([]);
    const missing = packFor(buildSnapshot(withoutFeedback), { format: 'TEXT' }).content;
    expect(oneLine(missing)).toContain("The board's Feedback tab could not be read");
  });

  it('changes the hash when feedback reported back changes, and not for feedback outside the period', () => {
    const base = packFor(board).sha256;
    const changed = FEEDBACK.map((row) =>
      row['Feedback ID'] === 'F01' ? { ...row, 'We did': 'Something else' } : row,
    );
    expect(packFor(buildSnapshot(withFeedback(changed))).sha256).not.toBe(base);
    const outside = FEEDBACK.map((row) =>
      row['Feedback ID'] === 'F04' ? { ...row, 'We did': 'Something else' } : row,
    );
    expect(packFor(buildSnapshot(withFeedback(outside))).sha256).toBe(base);
  });
});

describe("each project's people by constituency (issue 14 item 6)", () => {
  const board = demoSnapshot();

  it('shows the counts per constituency when every figure is safe to show', () => {
    // P04 (Carers' short breaks): three residents who have not consented, one who has (Other).
    const html = packFor(board).content;
    expect(html).toContain('<td data-label="Members by constituency">Residents 3, Other 1</td>');
    const easy = oneLine(packFor(board, { easyRead: true, format: 'TEXT' }).content);
    expect(easy).toContain(
      "Carers' short breaks ~~~~~~~~~~~~~~~~~~~~ This project is about Carers. The project is at the Planning stage. This means working out what people need. We are getting ready to start. People from these groups work on this project: - Residents: 3 people. - Other groups: 1 person. 1 job is done.",
    );
  });

  it('withholds a count of 1 or 2 members who have not consented, and any total that gives it away', () => {
    // P01: the lead (Council, named), a resident who is named, two staff who are not.
    const html = packFor(board).content;
    expect(html).toContain(
      '<td data-label="Members by constituency">Residents 1, Staff not shown, Council 1; total not shown</td>',
    );
    expect(html).toContain(
      '&quot;Not shown&quot; stands for a figure that would count fewer than 3',
    );
    // Once the two staff agree to be named, the figures are shown.
    let grids = withCell('Members', 'M05', 'Name in circulation', 'Yes');
    grids = withCell('Members', 'M10', 'Name in circulation', 'Yes', grids);
    expect(packFor(buildSnapshot(grids)).content).toContain(
      '<td data-label="Members by constituency">Residents 1, Staff 2, Council 1</td>',
    );
  });

  it('never shows a figure, or a total less the figures shown, that counts 1 or 2 of those people', () => {
    const smallest = board.settings.smallestReportedGroup;
    let checked = 0;
    for (const grids of [demoGrids(), withCell('Members', 'M10', 'Name in circulation', 'Yes')]) {
      const snapshot = buildSnapshot(grids);
      for (const project of snapshot.projects) {
        const people = projectPeople(project, snapshot.memberById);
        const unnamed = (constituency: string) =>
          people.filter((p) => p.constituency === constituency && !p.nameInCirculation).length;
        const shown = partnerProjectPeople(snapshot, project);
        const hidden = shown.byConstituency.filter((row) => row.members === null);
        for (const row of shown.byConstituency) {
          if (row.members === null) continue;
          expect(isSmallGroup(unnamed(row.constituency), smallest)).toBe(false);
          expect(row.members).toBe(
            people.filter((p) => p.constituency === row.constituency).length,
          );
          checked++;
        }
        if (shown.total !== null && hidden.length > 0) {
          const behind = hidden.reduce((sum, row) => sum + unnamed(row.constituency), 0);
          expect(isSmallGroup(behind, smallest)).toBe(false);
        }
      }
    }
    expect(checked).toBeGreaterThan(8);
  });
});

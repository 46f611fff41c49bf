/**
 * Issue 14 item 4: easy read that meets the guidance (Mencap; Inclusion Europe's "Information
 * for all"): a picture beside each key sentence, hidden from screen readers; the board's hard
 * words explained when the pack uses them; short sentences, with a tested maximum; and who
 * checked the wording, when Settings says.
 */
import { describe, expect, it } from 'vitest';
import { AUDIENCES } from '../schema/layout';
import { collectPackContent, type PackContent } from '../schema/packs/content';
import { documentTexts, type EasyReadDocument, easyReadDocument } from '../schema/packs/easy-read';
import { GLOSSARY } from '../schema/packs/glossary';
import { PICTURE_CREDIT } from '../schema/packs/pictures';
import { PICTURE_DRAWINGS } from '../schema/packs/pictures.generated';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';
import {
  demoSnapshot,
  packFor,
  withCell,
  withFeedback,
  withoutSetting,
  withSetting,
} from './packs-fixtures';

/** The most words an easy-read sentence of the pack's own may have. */
const MAX_WORDS = 20;

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** A Feedback tab for the demo board, so the packs' "You said, we did" has something in it. */
const FEEDBACK = withFeedback([
  {
    'Feedback ID': 'F01',
    'Date raised': '2026-09-02',
    'You said':
      'We would like the papers sent out at least a week before each meeting so that we have time to read them with our support workers',
    'Raised by': 'Resident',
    'We did': 'Papers now go out seven days before',
    Status: 'Acted on',
    'Reported back on': '2026-10-05',
  },
  {
    'Feedback ID': 'F02',
    'Date raised': '2026-09-20',
    'You said': 'Meet in the evening',
    'We did': 'The co-chairs looked at it',
    Status: 'Not acted on',
    Reason: 'The civic centre closes at 6pm',
    'Reported back on': '2026-10-28',
  },
  {
    'Feedback ID': 'F03',
    'Date raised': '2026-06-02',
    'You said': 'Travel expenses take too long',
    Status: 'Open',
    'Reported back on': '2026-07-01',
  },
]);

/** Every held meeting's easy-read document, for every audience that may have its pack. */
function everyEasyRead(board: BoardSnapshot) {
  return board.meetings
    .filter((meeting) => meeting.status === 'Held')
    .flatMap((meeting) =>
      AUDIENCES.filter((audience) => audience !== 'DMT' || meeting.circulateToDmt).map(
        (audience) => {
          const content = collectPackContent(board, meeting, audience);
          return { meeting, audience, content, document: easyReadDocument(content) };
        },
      ),
    );
}

function allSentences(document: EasyReadDocument): string[] {
  const footer = document.footer.flatMap((block) => (block.kind === 'p' ? [block.text] : []));
  return [...documentTexts(document.intro, document.sections), ...footer];
}

/**
 * Text the pack quotes from the sheet (action and task descriptions, who is responsible,
 * names, project names, venue, topics, feedback, the board's name, who checked the pack):
 * every string of the pack's facts except the sheet's fixed values and the pack's own times.
 */
function quotedSheetText(content: PackContent): string[] {
  const ours = new Set(['id', 'time', 'status', 'stage', 'phase', 'format', 'constituency']);
  const found: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (!ours.has(key) && !/^\d{4}-\d{2}-\d{2}$/.test(value)) found.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [inner, item] of Object.entries(value)) walk(item, inner);
    }
  };
  walk(content, '');
  // Longest first, so a name inside a longer quotation goes with it.
  return [...new Set(found)].filter((text) => text.length > 0).sort((a, b) => b.length - a.length);
}

/** The pack's own sentences in `text`: each quotation from the sheet counts as one word. */
function ownSentences(text: string, quoted: readonly string[]): string[] {
  let own = text;
  for (const quotation of quoted) own = own.split(quotation).join('QUOTED');
  return own.split(/(?<=[.!?:])\s+/).filter((sentence) => sentence.trim() !== '');
}

const words = (sentence: string) => sentence.trim().split(/\s+/).length;

describe('short sentences', () => {
  it(`has no sentence of its own over ${MAX_WORDS} words, in any held meeting's pack, for any audience`, () => {
    const boards = [
      demoSnapshot(),
      buildSnapshot(
        withSetting('Easy read checked by', 'the Haringey Speak Up self-advocates', FEEDBACK),
      ),
    ];
    let sentences = 0;
    let longest = '';
    for (const board of boards) {
      const packs = everyEasyRead(board);
      expect(packs.length).toBeGreaterThan(70);
      for (const { meeting, audience, content, document } of packs) {
        const quoted = quotedSheetText(content);
        for (const text of allSentences(document)) {
          for (const sentence of ownSentences(text, quoted)) {
            sentences++;
            if (words(sentence) > words(longest)) longest = sentence;
            expect(words(sentence), `${meeting.id} ${audience}: "${sentence}"`).toBeLessThanOrEqual(
              MAX_WORDS,
            );
          }
        }
      }
    }
    expect(sentences).toBeGreaterThan(5000);
    // The longest is well inside the limit; a new sentence near it should be split.
    console.log(`Longest own sentence (${words(longest)} words): ${longest}`);
    expect(words(longest)).toBeLessThanOrEqual(15);
  });

  it('counts quoted sheet text as one word, and nothing else', () => {
    const content = collectPackContent(
      demoSnapshot(),
      demoSnapshot().meetingById.get('MT-2026-10') as NonNullable<
        ReturnType<BoardSnapshot['meetingById']['get']>
      >,
      'Borough Partnership',
    );
    const quoted = quotedSheetText(content);
    expect(quoted).toContain('Civic Centre, Committee Room 2');
    expect(quoted).not.toContain('Reviewing');
    expect(ownSentences('We met at Civic Centre, Committee Room 2.', quoted)).toEqual([
      'We met at QUOTED.',
    ]);
  });
});

describe('pictures beside key sentences', () => {
  const board = buildSnapshot(FEEDBACK);

  it('puts a picture, hidden from screen readers, beside a key sentence in every section', () => {
    for (const meetingId of ['MT-2026-10', 'MT-2026-07', 'MT-2023-11']) {
      const html = packFor(board, { meetingId, easyRead: true }).content;
      const pictures = html.match(/<svg class="picture"[^>]*>/g) ?? [];
      expect(pictures.length, meetingId).toBeGreaterThan(15);
      for (const svg of pictures) {
        expect(svg).toContain('aria-hidden="true" focusable="false"');
        expect(svg).not.toMatch(/role=|aria-label|<title/);
      }
      // Each picture is the first thing in its sentence's paragraph, the words beside it.
      const pictured = html.match(/<p class="pictured"><svg class="picture"[\s\S]*?<\/p>/g) ?? [];
      expect(pictured.length).toBe(pictures.length);
      for (const paragraph of pictured) {
        expect(paragraph).toMatch(/<\/svg><span>[^<]{8,}<\/span><\/p>$/);
      }
      const main = html.split('<main>')[1]?.split('</main>')[0] ?? '';
      for (const section of main.split('<h2>').slice(1)) {
        expect(section, `${meetingId}: ${section.slice(0, 40)}`).toContain('class="pictured"');
      }
    }
  });

  it('ships only the pictures the packs use, and credits them as the licence asks', () => {
    const used = new Set<string>();
    const grids = withCell('Meetings', 'MT-2026-10', 'Format', 'Hybrid', FEEDBACK);
    for (const snapshot of [board, buildSnapshot(grids)]) {
      for (const { content, document } of everyEasyRead(snapshot)) {
        expect(content.boardName).not.toBe('');
        const blocks = [
          ...document.intro,
          ...document.sections.flatMap((s) => s.blocks),
          ...document.footer,
        ];
        for (const block of blocks) {
          if (block.kind === 'p' && block.picture) used.add(block.picture);
          if (block.kind === 'list') {
            for (const item of block.items.flat()) {
              if (typeof item !== 'string') used.add(item.picture);
            }
          }
        }
      }
    }
    expect([...used].sort()).toEqual(Object.keys(PICTURE_DRAWINGS).sort());
    const easyHtml = packFor(board, { easyRead: true }).content;
    const footer = easyHtml.split('<footer>')[1] ?? '';
    expect(footer).toContain(`<p>${PICTURE_CREDIT}</p>`);
    expect(PICTURE_CREDIT).toBe(
      'The pictures are from Tabler Icons, copyright 2020-2026 Paweł Kuna, MIT licence.',
    );
    expect(oneLine(packFor(board, { easyRead: true, format: 'TEXT' }).content)).toContain(
      PICTURE_CREDIT,
    );
    expect(packFor(board).content).not.toContain('class="picture"');
  });
});

describe("the board's words, explained", () => {
  const glossaryOf = (text: string, heading: string) =>
    text.split(heading)[1]?.split(/<\/main>|This report was made|Made from the board/)[0] ?? '';
  const outside = (text: string, heading: string) => text.split(heading)[0] ?? '';

  it('explains exactly the words the pack uses, in every format', () => {
    const board = demoSnapshot();
    const checks = [
      { easyRead: true, format: 'HTML', heading: '<h2>Words we use</h2>' },
      { easyRead: true, format: 'TEXT', heading: 'Words we use\n' },
      { easyRead: false, format: 'HTML', heading: '<h2>Words used in this pack</h2>' },
      { easyRead: false, format: 'TEXT', heading: 'Words used in this pack\n' },
    ] as const;
    for (const { easyRead, format, heading } of checks) {
      for (const request of [
        { meetingId: 'MT-2026-10' },
        { meetingId: 'MT-2026-07', audience: 'DMT' },
        { meetingId: 'MT-2026-07', audience: 'Senior Head' },
      ] as const) {
        const content = packFor(board, { ...request, easyRead, format }).content;
        const listed = glossaryOf(content, heading);
        const rest = outside(content, heading);
        for (const entry of GLOSSARY) {
          const term = format === 'HTML' ? `<dt>${entry.term}</dt>` : `${entry.term}`;
          const label = `${request.meetingId} ${format} ${easyRead} ${entry.term}`;
          if (entry.pattern.test(rest.replace(/<[^>]+>/g, ' '))) {
            expect(listed, label).toContain(easyRead ? entry.easyRead[0] : entry.term);
          } else {
            expect(listed, label).not.toContain(easyRead ? entry.easyRead[0] : term);
          }
        }
      }
    }
    const dmt = packFor(board, { meetingId: 'MT-2026-07', audience: 'DMT', easyRead: true });
    expect(dmt.content).toContain('DMT means Directorate Management Team.');
    const partnership = packFor(board, { meetingId: 'MT-2026-07', easyRead: true });
    expect(partnership.content).not.toContain('DMT means');
  });

  it('adds a word when the sheet starts using it', () => {
    const before = packFor(demoSnapshot(), { easyRead: true, format: 'TEXT' }).content;
    expect(before).not.toContain('Procurement means');
    const grids = withCell('Actions', 'A149', 'Action', 'Start the procurement of day services');
    const [easy, plain] = [true, false].map(
      (easyRead) => packFor(buildSnapshot(grids), { easyRead, format: 'TEXT' }).content,
    );
    expect(easy).toContain('- Procurement\n  Procurement means choosing who will run a service.');
    expect(oneLine(plain ?? '')).toContain(
      'Procurement: The rules and steps the council follows to choose who will run a service.',
    );
  });

  it('keeps every easy-read explanation short', () => {
    for (const entry of GLOSSARY) {
      for (const sentence of entry.easyRead) expect(words(sentence)).toBeLessThanOrEqual(12);
    }
  });
});

describe('Easy read checked by', () => {
  it('says who checked the easy read, in the easy-read pack only, when Settings says', () => {
    const board = buildSnapshot(
      withSetting('Easy read checked by', 'Haringey Speak Up self-advocates'),
    );
    const checked = 'This easy read was checked by Haringey Speak Up self-advocates.';
    const unchecked = buildSnapshot(withoutSetting('Easy read checked by'));
    const [easyHtml, easyText] = (['HTML', 'TEXT'] as const).map(
      (format) => packFor(board, { easyRead: true, format }).content,
    );
    expect(easyHtml?.split('<footer>')[1]).toContain(checked);
    expect(easyText).toContain(checked);
    for (const format of ['HTML', 'TEXT'] as const) {
      expect(packFor(board, { format }).content).not.toContain('easy read was checked by');
      expect(packFor(unchecked, { format, easyRead: true }).content).not.toContain(
        'easy read was checked by',
      );
    }
  });
});

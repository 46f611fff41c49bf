/**
 * The shape of each format: an accessible, self-contained HTML document (one h1, headings in
 * order, lang, scoped header cells, captions, a chart with a text alternative, print styles),
 * an easy-read variant without tables, a plain-text email body, and sheet text that can never
 * become markup.
 */
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../schema/snapshot';
import { allFormats, demoSnapshot, GOLDEN_MEETING, packFor, withCell } from './packs-fixtures';

function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
}

function expectAccessibleDocument(html: string): void {
  expect(
    html.startsWith('<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">'),
  ).toBe(true);
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(html).toMatch(/<title>[^<]+<\/title>/);
  const levels = headingLevels(html);
  expect(levels.filter((level) => level === 1)).toHaveLength(1);
  expect(levels[0]).toBe(1);
  levels.forEach((level, index) => {
    if (index > 0) expect(level - (levels[index - 1] ?? 1)).toBeLessThanOrEqual(1);
  });
  expect(html).toContain('@media print');
  expect(html).toMatch(/<main>[\s\S]*<\/main>\n<footer>/);
  // Self-contained: nothing to fetch, so it reads the same offline or as an attachment.
  expect(html).not.toMatch(/<(script|link|img|iframe)\b|\bsrc=|url\(/i);
  // The chart is one image named by its title and described by the same numbers as the text.
  expect(html).toMatch(
    /<svg class="chart" role="img" aria-labelledby="status-chart-title status-chart-description"/,
  );
  expect(html).toMatch(/<title id="status-chart-title">[^<]+<\/title>/);
  expect(html).toMatch(/<desc id="status-chart-description">[^<]+<\/desc>/);
}

describe('the standard HTML pack', () => {
  const html = packFor(demoSnapshot()).content;

  it('is a complete, accessible, self-contained document', () => {
    expectAccessibleDocument(html);
    expect(html).toContain('<h1>Action points from the meeting on Wednesday 28 October 2026</h1>');
  });

  it('gives every table a caption and every header cell a scope', () => {
    const tables = html.match(/<table( class="stack")?>\n<caption>[^<]+<\/caption>/g) ?? [];
    expect(tables.length).toBe((html.match(/<table/g) ?? []).length);
    expect(tables.length).toBeGreaterThanOrEqual(5);
    const headerCells = html.match(/<th\b[^>]*>/g) ?? [];
    expect(headerCells.length).toBeGreaterThan(20);
    for (const cell of headerCells) expect(cell).toMatch(/scope="(col|row)"/);
  });

  it('has the sections of a pack, with the follow-up numbers also in text', () => {
    const sections = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((match) => match[1]);
    expect(sections).toEqual([
      'The meeting',
      'Attendance',
      'Actions agreed at this meeting',
      'Follow-up of earlier actions',
      'Project updates',
      'You said, we did',
      'Next meeting',
      'Words used in this pack',
    ]);
    expect(html).toContain(
      '<figcaption>Earlier actions by status. Open: 9, In progress: 6, Done: 1, Dropped: 0.</figcaption>',
    );
    expect(html).toContain(
      '<desc id="status-chart-description">Open: 9. In progress: 6. Done: 1. Dropped: 0.</desc>',
    );
    // Each cell names its column, for the one-card-a-row layout on a phone (issue 13).
    expect(html).toContain('<th scope="row" data-label="Ref">A019</th>');
    expect(html).toContain('<td class="number" data-label="Days overdue">917</td>');
  });
});

describe('the easy-read pack', () => {
  const html = packFor(demoSnapshot(), { easyRead: true }).content;
  const text = packFor(demoSnapshot(), { easyRead: true, format: 'TEXT' }).content;

  it('is an accessible document in large type, with lists and no tables', () => {
    expectAccessibleDocument(html);
    expect(html).not.toContain('<table');
    const base = /body \{ font-size: ([\d.]+)rem;/.exec(html);
    expect(Number(base?.[1])).toBeGreaterThanOrEqual(1.4);
    expect(html).toContain('<ul>');
  });

  it('says one thing per short sentence', () => {
    const sentences = [...html.matchAll(/<(?:p|li)>([^<]+)<\/(?:p|li)>/g)].map((m) => m[1] ?? '');
    expect(sentences.length).toBeGreaterThan(30);
    // Action descriptions come from the sheet; the pack's own sentences stay short.
    const own = sentences.filter((sentence) => !/^(Who:|It is|Do it by)/.test(sentence));
    const long = own.filter((sentence) => sentence.split(' ').length > 15);
    expect(long.length / own.length).toBeLessThan(0.15);
    expect(text).toContain('9 things are not started yet.');
    expect(text).toContain('It is 917 days late.');
  });
});

describe('the plain-text pack', () => {
  const text = packFor(demoSnapshot(), { format: 'TEXT' }).content;

  it('is an email body with no markup, lines of at most 78 characters where words allow', () => {
    expect(text).not.toMatch(/<[a-z]/i);
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.split('\n')) {
      if (line.length > 78) expect(line.trim().split(' ').at(-1)?.length).toBeGreaterThan(40);
    }
  });

  it('has the same sections as the HTML pack', () => {
    for (const heading of [
      'The meeting',
      'Attendance',
      'Actions agreed at this meeting',
      'Follow-up of earlier actions',
      'Project updates',
      'You said, we did',
      'Next meeting',
      'Words used in this pack',
    ]) {
      expect(text).toContain(`\n${heading}\n${'-'.repeat(heading.length)}\n`);
    }
    expect(text).toContain('917 days overdue');
  });
});

describe('sheet text is untrusted', () => {
  const hostile = '<script>alert("x")</script> & <b onclick=\'y\'>';
  let grids = withCell('Actions', 'A149', 'Action', hostile);
  grids = withCell('Meetings', GOLDEN_MEETING, 'Minutes link', 'javascript:alert(1)', grids);
  grids = withCell('Meetings', GOLDEN_MEETING, 'Venue', 'Hall "A"\u0007\nRoom <2>', grids);
  const board = buildSnapshot(grids);

  it('is escaped in HTML, and only http(s) links become links', () => {
    for (const easyRead of [false, true]) {
      const html = packFor(board, { easyRead }).content;
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<b onclick');
      expect(html).not.toContain('javascript:');
      expect(html).not.toContain('\u0007');
      expect(html).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick=&#39;y&#39;&gt;',
      );
      expect(html).toContain('Hall &quot;A&quot; Room &lt;2&gt;');
    }
  });

  it('is kept as written, on one line, in plain text', () => {
    const text = packFor(board, { format: 'TEXT' }).content;
    expect(text).toContain('A149: <script>alert("x")</script> & <b onclick=\'y\'>');
    expect(text).toContain('Venue:            Hall "A" Room <2>');
    expect(text).not.toContain('javascript:');
  });
});

describe('every held meeting of the demo board', () => {
  const board = demoSnapshot();
  const held = board.meetings.filter((meeting) => meeting.status === 'Held');

  it('gives a well-formed pack in every format, from the first meeting to the last', () => {
    expect(held.length).toBeGreaterThan(30);
    for (const meeting of held) {
      const [html, easyHtml, text, easyText] = allFormats(board, { meetingId: meeting.id });
      expectAccessibleDocument(html?.content ?? '');
      expectAccessibleDocument(easyHtml?.content ?? '');
      expect(easyHtml?.content).not.toContain('<table');
      expect(text?.content).toContain(`meeting ${meeting.id}.`);
      expect(easyText?.content).toContain(`Meeting number: ${meeting.id}.`);
    }
  });

  it("says when the next meeting is only the board's pattern, not yet in the Meetings tab", () => {
    let grids = withCell('Meetings', 'MT-2026-11', 'Status', 'Cancelled');
    grids = withCell('Meetings', 'MT-2026-12', 'Status', 'Cancelled', grids);
    const text = packFor(buildSnapshot(grids), { format: 'TEXT' }).content;
    expect(text).toContain(
      "The next meeting is due on Wednesday 25 November 2026, on the board's usual\nmeeting day.",
    );
  });
});

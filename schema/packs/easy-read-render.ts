/**
 * Lays out the easy-read document: as an HTML page in large type, with lists and no tables,
 * or as plain text with one sentence to a line.
 */
import { formatLongDate } from '../dates';
import { statusChartSvg } from './chart';
import type { PackContent } from './content';
import { type EasyBlock, easyReadDocument, sentenceText } from './easy-read';
import { EASY_READ_CHART } from './easy-read-words';
import { escapeHtml as e } from './escape';
import { htmlDocument } from './page';
import { type PictureName, pictureSvg } from './pictures';
import { bullet, underlined, wrap } from './text-layout';

export function renderEasyReadHtml(content: PackContent): string {
  const document = easyReadDocument(content);
  const block = (item: EasyBlock): string => {
    switch (item.kind) {
      case 'p':
        return item.picture === undefined
          ? `<p>${e(item.text)}</p>`
          : pictured(item.text, item.picture);
      case 'list': {
        const items = item.items.map((sentences) => {
          const [only] = sentences;
          if (sentences.length === 1 && typeof only === 'string') return `<li>${e(only)}</li>`;
          const inner = sentences.map((text) =>
            typeof text === 'string' ? `<p>${e(text)}</p>` : pictured(text.text, text.picture),
          );
          return `<li>${inner.join('')}</li>`;
        });
        // A list whose items have pictures lines its sentences up with the pictured ones.
        const things = item.items.some((sentences) => sentences.some((s) => typeof s !== 'string'));
        return `<ul${things ? ' class="things"' : ''}>\n${items.join('\n')}\n</ul>`;
      }
      case 'link':
        return `<p><a href="${e(item.href)}">${e(item.text)}</a></p>`;
      case 'chart':
        return statusChartSvg(content.followUp.statusCounts, EASY_READ_CHART);
    }
  };
  const main = [
    `<p class="board">${e(content.boardName)}</p>`,
    `<h1>Our meeting on ${formatLongDate(content.meeting.date)}</h1>`,
    ...document.intro.map(block),
    ...document.sections.flatMap((section) => [
      `<h${section.level}>${e(section.heading)}</h${section.level}>`,
      ...section.blocks.map(block),
    ]),
  ].join('\n');
  const footer = document.footer.map(block).join('\n');
  return htmlDocument({ title: document.title, easyRead: true, main, footer });
}

/** A key sentence with its picture on the left; the picture is hidden from screen readers. */
function pictured(text: string, picture: PictureName): string {
  return `<p class="pictured">${pictureSvg(picture)}<span>${e(text)}</span></p>`;
}

export function renderEasyReadText(content: PackContent): string {
  const document = easyReadDocument(content);
  const lines = (item: EasyBlock): string[] => {
    switch (item.kind) {
      case 'p':
        return wrap(item.text);
      case 'list':
        // Items of several sentences need a blank line between them to read as separate things.
        return item.items.flatMap((sentences) => [
          ...bullet(...(sentences.map(sentenceText) as [string])),
          ...(sentences.length > 1 ? [''] : []),
        ]);
      case 'link':
        return wrap(`${item.text}: ${item.href}`);
      case 'chart':
        return [];
    }
  };
  const blocks: string[][] = [
    [
      content.boardName,
      ...underlined(`Our meeting on ${formatLongDate(content.meeting.date)}`, '='),
    ],
    document.intro.flatMap(lines),
    ...document.sections.map((section) => [
      ...underlined(section.heading, section.level === 2 ? '-' : '~'),
      ...section.blocks.flatMap(lines),
    ]),
    document.footer.flatMap(lines),
  ];
  return `${blocks.map((block) => trimBlankEnd(block).join('\n')).join('\n\n')}\n`;
}

function trimBlankEnd(lines: readonly string[]): readonly string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return lines.slice(0, end);
}

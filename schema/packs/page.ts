/**
 * The HTML document around a pack: complete, self-contained (inline CSS, no external requests,
 * so it reads the same offline, in an email attachment or printed), British English, and
 * styled for screen and print. Colours keep text contrast at 4.5:1 or more.
 */
import { escapeHtml } from './escape';

const BASE_CSS = `
:root { color-scheme: light; }
body { margin: 0; padding: 0 1.5rem; background: #ffffff; color: #1b1b1b; font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; line-height: 1.5; }
main, footer { max-width: 62rem; margin: 0 auto; padding: 1rem 0; }
h1, h2, h3 { line-height: 1.25; }
h2 { margin-top: 2.5rem; padding-top: 0.5rem; border-top: 4px solid #1d4f91; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; }
.board { margin: 1rem 0 0; font-weight: bold; color: #1d4f91; }
.audience { font-weight: bold; }
.chart { display: block; width: 100%; height: auto; }
footer { border-top: 1px solid #595959; color: #4a4a4a; }
`;

const STANDARD_CSS = `
body { font-size: 1.0625rem; }
h1 { font-size: 2rem; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
.audience { font-size: 1.2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.25rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
dl.glossary dt { font-weight: bold; margin-top: 0.5rem; }
dl.glossary dd { margin: 0 0 0.25rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #595959; padding: 0.4rem 0.55rem; text-align: left; vertical-align: top; }
thead th, tfoot th, tfoot td { background: #e8eef6; }
.number { text-align: right; }
.nowrap { white-space: nowrap; }
.project { display: block; color: #4a4a4a; font-size: 0.95rem; }
.chart { max-width: 32rem; }
figure { margin: 1rem 0; }
figcaption { margin-top: 0.5rem; }
@media screen and (max-width: 40rem) {
  body { padding: 0 0.75rem; }
  h1 { font-size: 1.6rem; }
  table { font-size: 0.9375rem; }
  th, td { padding: 0.3rem 0.3rem; }
  dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0; }
  dl.facts dd { margin-bottom: 0.4rem; }
  table.stack, table.stack caption, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; }
  table.stack thead { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  table.stack tr { border: 1px solid #595959; margin: 0 0 0.75rem; }
  table.stack th, table.stack td { border: 0; padding: 0.2rem 0.5rem; text-align: left; white-space: normal; }
  table.stack th { background: #e8eef6; border-bottom: 1px solid #595959; }
  table.stack [data-label]::before { content: attr(data-label) ": "; font-weight: bold; }
}
@media print {
  body { font-size: 10.5pt; }
  body { padding: 0; }
  main, footer { max-width: none; padding: 0; }
  h2 { border-top-color: #000000; break-after: avoid; }
  h3, caption { break-after: avoid; }
  tr, figure, dl.facts { break-inside: avoid; }
  thead { display: table-header-group; }
  thead th, tfoot th, tfoot td { background: none; }
  /* Eight project columns fit the width of A4 only with tighter cells and slightly smaller type. */
  th, td { padding: 0.25rem 0.3rem; }
  table.stack { font-size: 9.5pt; }
}
`;

const EASY_READ_CSS = `
body { font-size: 1.5rem; line-height: 1.6; }
main, footer { max-width: 46rem; }
h1 { font-size: 2.25rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.9rem; }
h3 { font-size: 1.6rem; margin: 2rem 0 0.5rem; }
p { margin: 0.6rem 0; }
ul { padding-left: 1.5rem; }
li { margin: 0.9rem 0; }
li p { margin: 0.2rem 0; }
li p:first-child { font-weight: bold; }
.chart { max-width: 46rem; margin: 1rem 0; }
/* Pictures in a column on the left, every sentence in the column beside it. */
:root { --picture: 3.5rem; --gap: 1rem; }
.pictured { display: flex; align-items: center; gap: var(--gap); min-height: var(--picture); }
.picture { flex: none; width: var(--picture); height: var(--picture); color: #1d4f91; }
main > p:not(.board):not(.pictured), main > ul, main > .chart, footer > p:not(.pictured) { margin-left: calc(var(--picture) + var(--gap)); }
ul.things { list-style: none; padding-left: 0; margin-left: 0; }
ul.things > li { border-top: 1px solid #8a8a8a; padding-top: 0.5rem; }
ul.things > li > p:not(.pictured) { margin-left: calc(var(--picture) + var(--gap)); }
main > ul.things { margin-left: 0; }
main > .chart { width: calc(100% - var(--picture) - var(--gap)); }
li .pictured { margin: 0.4rem 0; }
@media screen and (max-width: 30rem) {
  :root { --picture: 2.75rem; --gap: 0.75rem; }
  body { padding: 0 0.75rem; }
  h1 { font-size: 1.9rem; }
  h2 { font-size: 1.6rem; }
  h3 { font-size: 1.4rem; }
}
@media print {
  body { font-size: 16pt; }
  body { padding: 0; }
  main, footer { max-width: none; padding: 0; }
  h2 { border-top-color: #000000; break-after: avoid; }
  h3 { break-after: avoid; }
  li, .pictured { break-inside: avoid; }
  .picture { color: #000000; }
}
`;

const PRINT_LINKS_CSS = `
@media print {
  a { color: #000000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; word-break: break-all; }
}
`;

export function htmlDocument(options: {
  readonly title: string;
  readonly easyRead: boolean;
  readonly main: string;
  readonly footer: string;
}): string {
  const css = BASE_CSS + (options.easyRead ? EASY_READ_CSS : STANDARD_CSS) + PRINT_LINKS_CSS;
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<main>\n${options.main}\n</main>`,
    `<footer>\n${options.footer}\n</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

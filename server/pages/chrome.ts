/**
 * What every page of the portal shares: one complete HTML document (British English, no script,
 * no request beyond itself, so a page reads the same offline, saved or printed), the site's
 * header with its navigation and sign-out button, and the styles for screen, phone and A4 print.
 * Text keeps 4.5:1 contrast or more; focus is always visible; nothing is wider than a phone.
 *
 * The pages' Content-Security-Policy allows their one style sheet by hash and nothing else: no
 * script of any kind can run on a page, even one smuggled into a sheet cell past the escaping.
 */
import { createHash } from 'node:crypto';
import { escapeHtml as e } from '../../schema/packs/escape';
import type { Role } from '../graphql/context';

const CSS = `
:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #ffffff; color: #1b1b1b; font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; font-size: 1.0625rem; line-height: 1.5; overflow-wrap: break-word; }
a { color: #1d4f91; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 3px; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; box-shadow: 0 0 0 6px #ffdd00; }
.skip { position: absolute; left: 0.5rem; top: -4rem; background: #ffffff; padding: 0.5rem 1rem; z-index: 1; }
.skip:focus { top: 0.5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.site { background: #1d4f91; color: #ffffff; }
.site-inner { max-width: 64rem; margin: 0 auto; padding: 0.75rem 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; }
.site a { color: #ffffff; }
.site-name { margin: 0; font-weight: bold; font-size: 1.1rem; flex: 1 1 16rem; }
.site-name a { text-decoration: none; }
.site-name a:hover { text-decoration: underline; }
.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0; }
.site nav a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
.site a:focus-visible, .site button:focus-visible { outline-color: #ffffff; box-shadow: 0 0 0 6px #1b1b1b; }
.site form { margin: 0; }
.site button { font: inherit; color: #1d4f91; background: #ffffff; border: 2px solid #ffffff; border-radius: 4px; padding: 0.2rem 0.75rem; cursor: pointer; }
main { display: block; max-width: 64rem; margin: 0 auto; padding: 1rem 1rem 2rem; }
footer.page-footer { max-width: 64rem; margin: 0 auto; padding: 1rem; border-top: 1px solid #595959; color: #4a4a4a; font-size: 0.95rem; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 2rem; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.5rem; margin: 2.25rem 0 0.75rem; padding-top: 0.5rem; border-top: 4px solid #1d4f91; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
.lede { font-size: 1.15rem; max-width: 46rem; }
.notice { border-left: 6px solid #a4370b; background: #fbf0ea; padding: 0.75rem 1rem; margin: 1rem 0; }
.notice.good { border-left-color: #2b6b34; background: #edf5ee; }
.error-message { color: #8a2c09; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #595959; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e8eef6; }
.number { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.not-shown { font-style: italic; color: #4a4a4a; }
dl.facts { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.3rem 1.25rem; margin: 0.5rem 0 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
ul.figures { list-style: none; padding: 0; margin: 0.75rem 0 1rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: 0.75rem; }
ul.figures li { border: 1px solid #595959; border-top: 6px solid #1d4f91; padding: 0.5rem 0.75rem; }
ul.figures .figure { display: block; font-size: 2rem; font-weight: bold; line-height: 1.1; }
ul.links { padding-left: 1.25rem; }
ul.links li { margin: 0.35rem 0; }
.chart { display: block; width: 100%; height: auto; max-width: 30rem; }
figure { margin: 0.5rem 0 1rem; }
figcaption { margin-top: 0.5rem; color: #4a4a4a; }
.pair { display: grid; gap: 0 2rem; }
@media (min-width: 40rem) {
  .pair { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; }
}
/* A table of four columns needs more than half an A4 page: side by side on wide screens only. */
@media (max-width: 56rem) {
  .pair.wide-table { grid-template-columns: minmax(0, 1fr); }
}
@media (max-width: 30rem) {
  main { padding-left: 0.75rem; padding-right: 0.75rem; }
  h1 { font-size: 1.6rem; }
  table { font-size: 0.9375rem; }
  th, td { padding: 0.3rem 0.3rem; }
}
form.period { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: flex-end; margin: 0.75rem 0 1rem; }
label { display: block; font-weight: bold; margin-bottom: 0.25rem; }
.hint { display: block; font-weight: normal; color: #4a4a4a; font-size: 0.95rem; }
input[type="date"], input[type="password"], input[type="text"] { font: inherit; padding: 0.35rem 0.5rem; border: 2px solid #1b1b1b; border-radius: 0; max-width: 100%; }
input[type="password"] { width: 26rem; }
input[aria-invalid="true"] { border-color: #8a2c09; border-width: 3px; }
.check { display: flex; gap: 0.5rem; align-items: center; }
.check label { margin: 0; font-weight: normal; }
input[type="checkbox"] { width: 1.4rem; height: 1.4rem; margin: 0; accent-color: #1d4f91; }
button.primary { font: inherit; font-weight: bold; color: #ffffff; background: #2b6b34; border: 2px solid #1e4d25; border-radius: 4px; padding: 0.45rem 1.25rem; cursor: pointer; }
button.primary:hover { background: #1e4d25; }
.packs ul { list-style: none; margin: 0; padding: 0; }
.packs li { margin: 0.15rem 0; }
.packs a { display: inline-block; padding: 0.2rem 0; }
.packs .audience { font-weight: bold; }
details > summary { cursor: pointer; color: #1d4f91; text-decoration: underline; margin: 0.5rem 0; }
.easy-read { font-size: 1.5rem; line-height: 1.6; }
.easy-read main { max-width: 48rem; }
.easy-read h1 { font-size: 2.25rem; }
.easy-read h2 { font-size: 1.9rem; }
.easy-read p, .easy-read li { max-width: 40rem; }
.easy-read .chart { max-width: 30rem; }
.easy-read ul.says { padding-left: 1.5rem; }
.easy-read ul.says li { margin: 0.6rem 0; }
@page { size: A4; margin: 15mm 14mm; }
@media print {
  body { font-size: 10.5pt; }
  .easy-read { font-size: 15pt; }
  .site, .skip, .no-print, form { display: none !important; }
  main, footer.page-footer { max-width: none; padding: 0; }
  a { color: #000000; text-decoration: none; }
  h2 { border-top-color: #000000; break-after: avoid; page-break-after: avoid; }
  h3, caption { break-after: avoid; page-break-after: avoid; }
  tr, figure, dl.facts, ul.figures li, .chart { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  thead th { background: none; }
  .pair { break-inside: auto; }
  .chart { max-width: 15cm; }
}
`;

const STYLE_HASH = createHash('sha256').update(CSS, 'utf8').digest('base64');

/** The pages' policy: their own style sheet, forms to this server, and nothing else at all. */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every page gets: it holds one role's view of the board, so no cache may keep it. */
export function pageHeaders(contentType = 'text/html; charset=utf-8'): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': PAGE_CONTENT_SECURITY_POLICY,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    vary: 'Cookie, Authorization, Accept-Encoding',
  };
}

export type NavItem = 'portal' | 'annual' | 'graphiql' | null;

export interface Viewer {
  readonly role: Role;
  /** Signed in with a session (a sign-out button makes sense), not a bearer header. */
  readonly session: boolean;
  /** GraphiQL is open to this viewer (officers; partners on the demo board). */
  readonly graphiql: boolean;
}

export interface PageOptions {
  readonly title: string;
  readonly boardName: string | null;
  readonly viewer: Viewer | null;
  readonly current: NavItem;
  readonly main: string;
  readonly footer?: string;
  readonly easyRead?: boolean;
}

function header(options: PageOptions): string {
  const { viewer } = options;
  const link = (item: Exclude<NavItem, null>, href: string, label: string) =>
    `<li><a href="${href}"${options.current === item ? ' aria-current="page"' : ''}>${label}</a></li>`;
  const nav = viewer
    ? [
        '<nav aria-label="Portal">',
        '<ul>',
        link('portal', '/', 'Portal'),
        link('annual', '/reports/annual.html', 'Annual report'),
        ...(viewer.graphiql ? [link('graphiql', '/graphql', 'GraphiQL')] : []),
        '</ul>',
        '</nav>',
        ...(viewer.session
          ? [
              '<form method="post" action="/session/end"><button type="submit">Sign out</button></form>',
            ]
          : []),
      ]
    : [];
  const name = e(options.boardName ?? 'Co-Production Board');
  return [
    '<header class="site">',
    '<div class="site-inner">',
    `<p class="site-name">${viewer ? `<a href="/">${name}</a>` : name}</p>`,
    ...nav,
    '</div>',
    '</header>',
  ].join('\n');
}

export function pageDocument(options: PageOptions): string {
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${e(options.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    `<body${options.easyRead ? ' class="easy-read"' : ''}>`,
    '<a class="skip" href="#main">Skip to the main content</a>',
    header(options),
    `<main id="main">\n${options.main}\n</main>`,
    options.footer ? `<footer class="page-footer">\n${options.footer}\n</footer>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A page that says what went wrong and what to do, with the way back. */
export function messagePage(options: {
  readonly title: string;
  readonly message: string;
  readonly boardName: string | null;
  readonly viewer: Viewer | null;
  /** HTML after the message (a form to try again). */
  readonly more?: string;
}): string {
  return pageDocument({
    title: options.title,
    boardName: options.boardName,
    viewer: options.viewer,
    current: null,
    main: [
      `<h1>${e(options.title)}</h1>`,
      `<p>${e(options.message)}</p>`,
      ...(options.more ? [options.more] : []),
      '<p><a href="/">Back to the portal</a></p>',
    ].join('\n'),
  });
}

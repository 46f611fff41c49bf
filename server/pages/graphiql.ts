/**
 * GraphiQL from this server, with no CDN (DESIGN §8): the page is a few lines of HTML, and the
 * GraphiQL bundle, its styles and its editor's workers are served from `/graphiql/<version>/`
 * out of `@graphql-yoga/render-graphiql` (the same build yoga's own page loads from a CDN). That
 * package's own renderer inlines all 9 MB of it into every page; served as files instead, a
 * browser fetches them once and keeps them (their address changes with their content), the
 * page can be `no-store` (it holds a token) without making anyone download 9 MB again, and the
 * page's Content-Security-Policy allows scripts from 'self' and one fixed inline script by hash.
 *
 * The page's options (the token's header, the example tabs) travel in a JSON data block that no
 * browser runs as script, read by that one fixed script; `<` is escaped in it so no value can
 * close the block.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { GraphiQLOptions } from 'graphql-yoga';
import { escapeHtml as e } from '../../schema/packs/escape';

export const GRAPHIQL_ASSETS_PATH = '/graphiql/';

export interface GraphiqlAsset {
  readonly contentType: string;
  readonly body: Uint8Array<ArrayBuffer>;
  /** The same bytes gzipped, for the browsers that say they take it (all do). */
  readonly gzip: Uint8Array<ArrayBuffer>;
}

export interface GraphiqlAssets {
  /** A hash of the bundle: part of every asset's address. */
  readonly version: string;
  readonly files: ReadonlyMap<string, GraphiqlAsset>;
}

/** Monaco's worker labels and the files that hold them. */
const WORKERS = {
  editorWorkerService: 'editor.worker.js',
  json: 'json.worker.js',
  graphql: 'graphql.worker.js',
} as const;

let loading: Promise<GraphiqlAssets> | undefined;

/** Loaded on first use: the bundle is 9 MB of text, and most requests never need it. */
export function graphiqlAssets(): Promise<GraphiqlAssets> {
  loading ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle) => {
    const text = (contentType: string, content: string): GraphiqlAsset => {
      const body = new TextEncoder().encode(content);
      return { contentType, body, gzip: new Uint8Array(gzipSync(body, { level: 6 })) };
    };
    const icon = /^data:([^;,]+);base64,(.*)$/.exec(bundle.favicon);
    const iconBody = new Uint8Array(Buffer.from(icon?.[2] ?? '', 'base64'));
    const files = new Map<string, GraphiqlAsset>([
      ['graphiql.js', text('text/javascript; charset=utf-8', bundle.js)],
      ['graphiql.css', text('text/css; charset=utf-8', bundle.css)],
      [
        WORKERS.editorWorkerService,
        text('text/javascript; charset=utf-8', bundle.editorWorkerService),
      ],
      [WORKERS.json, text('text/javascript; charset=utf-8', bundle.jsonWorker)],
      [WORKERS.graphql, text('text/javascript; charset=utf-8', bundle.graphqlWorker)],
      [
        'favicon.ico',
        {
          contentType: icon?.[1] ?? 'image/x-icon',
          body: iconBody,
          gzip: new Uint8Array(gzipSync(iconBody)),
        },
      ],
    ]);
    const version = createHash('sha256')
      .update(bundle.js)
      .update(bundle.css)
      .update(bundle.editorWorkerService)
      .update(bundle.jsonWorker)
      .update(bundle.graphqlWorker)
      .digest('hex')
      .slice(0, 16);
    return { version, files };
  });
  return loading;
}

/**
 * The one inline script: it tells the editor where its workers are and starts GraphiQL with
 * the options from the data block. Fixed text, so its hash in the policy never changes.
 */
export const GRAPHIQL_START_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var workers = ${JSON.stringify(WORKERS)};
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (moduleId, label) {
      return config.assets + (workers[label] || workers.editorWorkerService);
    },
  };
  var root = document.getElementById('root');
  // GraphiQL's tabs are list items with the role "tab" that hold two buttons (select and
  // close): a control inside a control, which assistive technology cannot announce, in a
  // tablist that also holds the "new tab" button (WCAG 4.1.2). So the list becomes a toolbar of
  // buttons, the list items only hold them, and the open query's button says it is the current
  // one. Idempotent, so it can follow every change GraphiQL makes.
  function fixTabs() {
    var list = root.querySelector('ul[role="tablist"]');
    if (list) {
      list.setAttribute('role', 'toolbar');
      list.setAttribute('aria-label', 'Queries');
    }
    var items = root.querySelectorAll('li.graphiql-tab');
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var button = item.querySelector('.graphiql-tab-button');
      if (!button) continue;
      if (item.getAttribute('role') !== 'presentation') item.setAttribute('role', 'presentation');
      if (item.hasAttribute('aria-selected')) {
        button.setAttribute('aria-current', item.getAttribute('aria-selected') === 'true' ? 'true' : 'false');
        item.removeAttribute('aria-selected');
      }
    }
  }
  new MutationObserver(fixTabs).observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-selected', 'role'],
  });
  YogaGraphiQL.renderYogaGraphiQL(root, config.options);
})();`;

/**
 * Fixes to GraphiQL's own styles for WCAG 2.1 AA (1.4.3, text contrast 4.5:1): its title's grey
 * on grey is 4.3:1, and the editor's light theme colours some tokens (numbers, comments,
 * variables...) at 3.3:1 to 4.4:1 on GraphiQL's grey panes; each gets the darkest shade of its
 * own hue that reaches 4.6:1. The classes are Monaco's token colours in this build of GraphiQL
 * (pinned by the lockfile); axe-core in tests/browser-portal.test.ts checks a page with a query
 * and an answer in it, so an upgrade that renumbers them fails there. Plus a heading for the page
 * that only assistive technology sees.
 */
const GRAPHIQL_PAGE_CSS = `
.graphiql-logo, .graphiql-logo span { color: #3e4759 !important; }
.graphiql-container .mtk3 { color: #6c6c6c; }
.graphiql-container .mtk4 { color: #615dca; }
.graphiql-container .mtk5, .graphiql-container .mtk16 { color: #db0000; }
.graphiql-container .mtk8 { color: #087c52; }
.graphiql-container .mtk19 { color: #5f6e7e; }
.graphiql-container .mtk20 { color: #c200c2; }
.graphiql-container .mtk22 { color: #496c9e; }
.graphiql-container .mtk23 { color: #007676; }
.board-visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

/** JSON that can sit inside a `<script type="application/json">` element. */
function dataBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/** Yoga's `renderGraphiQL` option: the page for these options, loading this server's assets. */
export async function renderBoardGraphiql(options: GraphiQLOptions): Promise<string> {
  const { version } = await graphiqlAssets();
  const assets = `${GRAPHIQL_ASSETS_PATH}${version}/`;
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${e(options.title ?? 'GraphiQL')}</title>`,
    `<link rel="icon" href="${assets}favicon.ico">`,
    `<link rel="stylesheet" href="${assets}graphiql.css">`,
    `<style>${GRAPHIQL_PAGE_CSS}</style>`,
    '</head>',
    '<body id="body" class="no-focus-outline">',
    '<noscript>GraphiQL needs JavaScript. The portal’s pages work without it: <a href="/">open the portal</a>.</noscript>',
    // GraphiQL draws into a main landmark, under a heading, as every page has.
    `<header><h1 class="board-visually-hidden">${e(options.title ?? 'GraphiQL')}</h1></header>`,
    '<main id="root"></main>',
    `<script type="application/json" id="graphiql-config">${dataBlock({ assets, options })}</script>`,
    `<script src="${assets}graphiql.js"></script>`,
    `<script>${GRAPHIQL_START_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

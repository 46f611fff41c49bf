/**
 * `GET /graphiql/<version>/<file>`: GraphiQL's own files, served from node_modules so that the
 * GraphiQL page works with no internet (`pages/graphiql.ts`). Open, like `GET /health`: they
 * are the published GraphiQL bundle and say nothing of the board, and a browser opening the
 * page with `?token=` has no other credential to send for them. Their address holds a hash of
 * their content, so they can be kept for a year. Put it before authentication.
 */
import type { Plugin } from 'graphql-yoga';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssets } from '../pages/graphiql';

export function useGraphiqlAssets(): Plugin {
  return {
    // Not async: every other request passes on at once, without a promise to wait for.
    onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH) || request.method !== 'GET') return;
      return serveAsset(request, url, endResponse);
    },
  };
}

async function serveAsset(
  request: Request,
  url: URL,
  endResponse: (response: Response) => void,
): Promise<void> {
  const [version, name, ...rest] = url.pathname.slice(GRAPHIQL_ASSETS_PATH.length).split('/');
  const assets = await graphiqlAssets();
  const file = name && rest.length === 0 ? assets.files.get(name) : undefined;
  if (!file || version !== assets.version) {
    endResponse(
      new Response('No such file: GraphiQL loads its files from the address its page gives.\n', {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      }),
    );
    return;
  }
  const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
  endResponse(
    new Response(gzip ? file.gzip : file.body, {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        vary: 'Accept-Encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
    }),
  );
}

/**
 * `npm run build`: the server bundle (`dist/server/index.js`, run with `node`, with its snapshot
 * worker `snapshot-worker.js` beside it) and the Apps Script bundle (`dist/apps-script/`,
 * pushed with clasp). The server keeps its npm packages external; the SDL and the demo board
 * are copied to where the code looks for them, relative to the bundle (`../schema/graphql/`,
 * `../demo/`), as they are relative to the sources.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildAppsScript } from './build-apps-script';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildServer(outDir = join(root, 'dist')): Promise<string> {
  const entry = join(outDir, 'server', 'index.js');
  await build({
    // The snapshot worker (server/refresh/) is a second bundle beside the server's, where the
    // server looks for it (snapshots-off-thread.ts).
    entryPoints: {
      index: join(root, 'server', 'index.ts'),
      'snapshot-worker': join(root, 'server', 'refresh', 'snapshot-worker.ts'),
    },
    outdir: join(outDir, 'server'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  const assets = [
    ['schema/graphql/board.graphql', 'schema/graphql/board.graphql'],
    ['server/demo/demo-board.xlsx', 'demo/demo-board.xlsx'],
  ] as const;
  for (const [from, to] of assets) {
    await mkdir(dirname(join(outDir, to)), { recursive: true });
    await copyFile(join(root, from), join(outDir, to));
  }
  return entry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await buildServer();
  console.log(`Built ${server} (run: node ${server})`);
  // `npm run build -- --server-only`: what the Dockerfile runs; the image has no use for the
  // Apps Script bundle.
  if (process.argv.includes('--server-only')) process.exit(0);
  const appsScript = await buildAppsScript();
  console.log(
    `Built ${appsScript.bundlePath} (${appsScript.bytes.toLocaleString('en-GB')} bytes; push: npm run push)`,
  );
}

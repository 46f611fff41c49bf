/**
 * Bundles apps-script/main.ts (and the schema/ code it calls) into one file that clasp can
 * push as is: `dist/apps-script/Code.js` beside a copy of `apps-script/appsscript.json`.
 *
 * Apps Script has no modules: every file's top-level declarations share one global scope, and
 * it only finds menu functions and triggers as top-level `function` declarations. So the
 * bundle is an IIFE assigned to the global `CoProductionBoard`, followed by one stub per entry
 * point (`function onOpen(e) { return CoProductionBoard.onOpen(e); }`).
 *
 * Run directly with `tsx scripts/build-apps-script.ts`; `npm run build` calls buildAppsScript().
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { GLOBAL_FUNCTIONS } from '../apps-script/menu';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GLOBAL_NAME = 'CoProductionBoard';
export const BUNDLE_FILE = 'Code.js';
export const DEFAULT_OUT_DIR = 'dist/apps-script';
/** The placeholder .clasp.json ships with; README tells officers how to replace it. */
export const SCRIPT_ID_PLACEHOLDER = 'SET-ME-see-apps-script-README';

export interface AppsScriptBuild {
  readonly bundlePath: string;
  readonly bytes: number;
}

/**
 * Builds the bundle and copies the manifest. Warns (through `warn`) when .clasp.json has no
 * script ID yet, so that `npm run push`, which builds first, says why clasp is about to fail.
 */
export async function buildAppsScript(
  outDir = DEFAULT_OUT_DIR,
  warn: (message: string) => void = console.warn,
): Promise<AppsScriptBuild> {
  const target = resolve(ROOT, outDir);
  await mkdir(target, { recursive: true });
  const result = await build({
    entryPoints: [join(ROOT, 'apps-script/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'neutral',
    // Apps Script's V8 runs ES2020 reliably; newer syntax (class fields, static blocks) is
    // lowered. Not minified: the execution log's stack traces should be readable.
    target: 'es2020',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    tsconfig: join(ROOT, 'apps-script/tsconfig.json'),
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no bundle');
  const bundle = `${code}\n${entryPointStubs()}`;
  const bundlePath = join(target, BUNDLE_FILE);
  await writeFile(bundlePath, bundle, 'utf8');
  await copyFile(join(ROOT, 'apps-script/appsscript.json'), join(target, 'appsscript.json'));
  if (!(await configuredScriptId())) warn(SCRIPT_ID_HELP);
  return { bundlePath, bytes: Buffer.byteLength(bundle) };
}

/** One top-level function per global Apps Script calls by name, delegating to the bundle. */
export function entryPointStubs(): string {
  const stubs = GLOBAL_FUNCTIONS.map(
    (name) => `function ${name}(e) {\n  return ${GLOBAL_NAME}.${name}(e);\n}`,
  );
  return `// Entry points for Apps Script (menu items and the onOpen trigger).\n${stubs.join('\n')}\n`;
}

/**
 * The script ID clasp will push to, or null while .clasp.json still has the placeholder (or
 * none at all). `npm run push` would then fail inside clasp with an unhelpful message.
 */
export async function configuredScriptId(): Promise<string | null> {
  try {
    const config = JSON.parse(await readFile(join(ROOT, '.clasp.json'), 'utf8')) as {
      scriptId?: unknown;
    };
    const id = typeof config.scriptId === 'string' ? config.scriptId.trim() : '';
    return id && id !== SCRIPT_ID_PLACEHOLDER ? id : null;
  } catch {
    return null;
  }
}

export const SCRIPT_ID_HELP = [
  '.clasp.json has no script ID yet, so "npm run push" cannot push the menu to a spreadsheet.',
  'Open the board spreadsheet, choose Extensions > Apps Script > Project Settings, copy the',
  `Script ID and put it in .clasp.json in place of "${SCRIPT_ID_PLACEHOLDER}".`,
  'See apps-script/README.md for the first-time set-up.',
].join('\n');

/** `--require-script-id` (for a push script): fail, not just warn, without a script ID. */
async function main(): Promise<void> {
  const requireScriptId = process.argv.includes('--require-script-id');
  const { bundlePath, bytes } = await buildAppsScript(DEFAULT_OUT_DIR, (message) =>
    console.warn(`\n${message}\n`),
  );
  console.log(
    `Apps Script bundle: ${relative(process.cwd(), bundlePath)} (${bytes.toLocaleString('en-GB')} bytes)`,
  );
  if (requireScriptId && !(await configuredScriptId())) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

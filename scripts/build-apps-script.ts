/**
 * Bundles apps-script/main.ts (and the schema/ code it calls) into one file that clasp can
 * push as is: `dist/apps-script/Code.js` beside a copy of `apps-script/appsscript.json`.
 *
 * Apps Script has no modules: every file's top-level declarations share one global scope, and
 * it only finds menu functions and triggers as top-level `function` declarations. So the
 * bundle is an IIFE assigned to the global `CoProductionBoard` (main.ts's default export),
 * followed by one stub per entry point (`function onOpen(e) { return CoProductionBoard.onOpen(e); }`).
 * The stubs' names are read from the built bundle itself (its `MENU_ITEMS` and
 * `CALLABLE_GLOBALS`), so the registrations in apps-script/menu.ts are the only list of them,
 * and this script never loads Apps Script code into Node.
 *
 * Run directly with `tsx scripts/build-apps-script.ts`; `npm run build` calls buildAppsScript().
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { type BuildOptions, build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GLOBAL_NAME = 'CoProductionBoard';
export const BUNDLE_FILE = 'Code.js';
export const DEFAULT_OUT_DIR = 'dist/apps-script';
/** The placeholder .clasp.json ships with; README tells officers how to replace it. */
export const SCRIPT_ID_PLACEHOLDER = 'SET-ME-see-apps-script-README';

/**
 * What esbuild may leave in the bundle. Apps Script's V8 runs ES2020 reliably, and it rejects
 * class fields (`static x = 1`, `x = 1`), `#private` members and static blocks with a syntax
 * error that stops every menu item; esbuild lowers them at this target, and `supported` says so
 * explicitly, so raising the target for some other syntax cannot bring them back.
 * tests/apps-script-bundle.test.ts checks the bundle for them.
 */
export const APPS_SCRIPT_SYNTAX = {
  target: 'es2020',
  supported: {
    'class-field': false,
    'class-static-field': false,
    'class-private-field': false,
    'class-private-method': false,
    'class-private-accessor': false,
    'class-private-static-field': false,
    'class-private-static-method': false,
    'class-private-static-accessor': false,
    'class-private-brand-check': false,
    'class-static-blocks': false,
  },
} as const satisfies Pick<BuildOptions, 'target' | 'supported'>;

/** The names Apps Script calls, as the bundle registers them, in the order of the stubs. */
export interface EntryPoints {
  /** Called with at most an event object: the onOpen trigger, then the menu items. */
  readonly events: readonly string[];
  /** Called by dialogs (`google.script.run`) and triggers with any arguments. */
  readonly calls: readonly string[];
}

export interface AppsScriptBuild {
  readonly bundlePath: string;
  readonly bytes: number;
  readonly entryPoints: EntryPoints;
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
    ...APPS_SCRIPT_SYNTAX,
    // Not minified: the execution log's stack traces should be readable.
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    tsconfig: join(ROOT, 'apps-script/tsconfig.json'),
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no bundle');
  // esbuild's global is the module namespace; the entry points are main.ts's default export
  // (a module's named exports cannot be computed from a list).
  const program = `${code}${GLOBAL_NAME} = ${GLOBAL_NAME}.default;\n`;
  const entryPoints = bundleEntryPoints(program);
  const bundle = `${program}\n${entryPointStubs(entryPoints)}`;
  const bundlePath = join(target, BUNDLE_FILE);
  await writeFile(bundlePath, bundle, 'utf8');
  await copyFile(join(ROOT, 'apps-script/appsscript.json'), join(target, 'appsscript.json'));
  if (!(await configuredScriptId())) warn(SCRIPT_ID_HELP);
  return { bundlePath, bytes: Buffer.byteLength(bundle), entryPoints };
}

/**
 * Runs the bundle (without its stubs) in an empty context, as Apps Script loads it before any
 * trigger, and reads the registrations off its global. `onOpen` is not a registration: it is
 * Apps Script's own name for the simple trigger, and main.ts defines it from MENU_ITEMS.
 */
export function bundleEntryPoints(program: string): EntryPoints {
  let global: Record<string, unknown>;
  try {
    global = vm.runInNewContext(`${program}\n${GLOBAL_NAME};`, {}, { filename: BUNDLE_FILE });
  } catch (error) {
    throw new Error(
      `The Apps Script bundle fails to load (${String(error)}). Apps Script loads the whole ` +
        'file before every menu click and trigger, so nothing at the top level of apps-script/ ' +
        'or schema/ may call an Apps Script service.',
    );
  }
  const registered = (list: 'MENU_ITEMS' | 'CALLABLE_GLOBALS'): string[] => {
    const registrations = global[list];
    if (!Array.isArray(registrations)) throw new Error(`${GLOBAL_NAME}.${list} is not a list`);
    return registrations.map((registration: { functionName?: unknown }) =>
      String(registration.functionName),
    );
  };
  const entryPoints = {
    events: ['onOpen', ...registered('MENU_ITEMS')],
    calls: registered('CALLABLE_GLOBALS'),
  };
  const seen = new Set<string>();
  for (const name of [...entryPoints.events, ...entryPoints.calls]) {
    // A stub is `function <name>`: the name must be an identifier, and two stubs of one name
    // would silently leave only the last one reachable.
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === GLOBAL_NAME) {
      throw new Error(`"${name}" cannot be the name of an Apps Script global function`);
    }
    if (seen.has(name)) throw new Error(`Two entry points are registered as ${name}`);
    seen.add(name);
    if (typeof global[name] !== 'function') {
      throw new Error(`${name} is registered but ${GLOBAL_NAME}.${name} is not a function`);
    }
  }
  return entryPoints;
}

/** One top-level function per global Apps Script calls by name, delegating to the bundle. */
export function entryPointStubs({ events, calls }: EntryPoints): string {
  const stubs = [
    ...events.map((name) => `function ${name}(e) {\n  return ${GLOBAL_NAME}.${name}(e);\n}`),
    // Dialogs pass several arguments (`draftCirculationPack(meetingId, audience)`): all go on.
    ...calls.map(
      (name) => `function ${name}(...args) {\n  return ${GLOBAL_NAME}.${name}(...args);\n}`,
    ),
  ];
  return `// Entry points for Apps Script (the onOpen trigger, the menu items, the globals dialogs and triggers call).\n${stubs.join('\n')}\n`;
}

/**
 * Where clasp finds its project file: `clasp_config_project` (clasp's own variable, a file or
 * a folder holding `.clasp.json`) when set, else the repository's `.clasp.json`.
 */
export function claspProjectPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.clasp_config_project;
  if (!configured) return join(ROOT, '.clasp.json');
  const path = resolve(configured);
  return path.endsWith('.json') ? path : join(path, '.clasp.json');
}

/**
 * The script ID clasp will push to, or null while the project file still has the placeholder,
 * has none, or is missing. clasp would then fail with "Requested entity was not found", or
 * push to nothing, which says nothing useful to an officer.
 */
export async function configuredScriptId(path = claspProjectPath()): Promise<string | null> {
  try {
    const config = JSON.parse(await readFile(path, 'utf8')) as { scriptId?: unknown };
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

/**
 * `--require-script-id` (for `npm run push`): stop, before building, with exit status 1 and
 * the reason, when there is no script ID to push to, so `&& clasp push --force` never runs.
 */
async function main(): Promise<void> {
  if (process.argv.includes('--require-script-id') && !(await configuredScriptId())) {
    console.error(`\nnpm run push stopped: nothing was pushed.\n\n${SCRIPT_ID_HELP}\n`);
    process.exitCode = 1;
    return;
  }
  const { bundlePath, bytes } = await buildAppsScript(DEFAULT_OUT_DIR, (message) =>
    console.warn(`\n${message}\n`),
  );
  console.log(
    `Apps Script bundle: ${relative(process.cwd(), bundlePath)} (${bytes.toLocaleString('en-GB')} bytes)`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

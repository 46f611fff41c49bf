/**
 * The built Apps Script bundle (issue 4): one self-contained script that clasp can push as is,
 * with the menu of DESIGN §7 and one top-level function per menu item, using only standard
 * JavaScript and the Apps Script services and only syntax Apps Script's V8 accepts. The menu
 * items and other globals are registered once (apps-script/menu.ts); these tests read that list
 * from the bundle and check that the menu, the stubs and the handlers follow it (issue 8).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { APPS_SCRIPT_SYNTAX, GLOBAL_NAME } from '../scripts/build-apps-script';
import { builtBundle, loadBundle, type Registrations } from './support/apps-script/bundle';
import { FakeAppsScript } from './support/apps-script/fake-apps-script';
import { session } from './support/apps-script/session';
import { hostGlobalsUsed, unsupportedSyntax } from './support/apps-script/v8-syntax';

const ROOT = join(import.meta.dirname, '..');
/**
 * DESIGN §7's menu, in its order. The labels are the contract's, not the menu's list: a label
 * that drifts from it fails here, and an item not built yet is simply not registered.
 */
const DESIGN_MENU_LABELS = [
  'Set up board sheets',
  'Check membership',
  'Plan next meeting',
  'Record attendance',
  'Follow up actions',
  'Save follow-up to actions',
  'Start commissioning project',
  'Prepare circulation pack',
  'Turn on weekly reminders',
  'Turn on live updates',
];
/** DESIGN §7's globals that dialogs and triggers call, by the names it fixes: a misspelt one fails. */
const DESIGN_CALLABLE_GLOBALS = [
  'draftCirculationPack',
  'sendActionReminders',
  'draftFollowUpEmails',
  'onBoardChange',
];
/**
 * Globals of the menu's own that DESIGN leaves to the design (the pack dialog's preview, and the
 * invitations R18 asks for, which "Plan next meeting"'s dialog offers): listed here by name, so
 * a global that is neither DESIGN's nor one of these still fails.
 */
const OWN_CALLABLE_GLOBALS = ['previewCirculationPack', 'draftMeetingInvitations'];

/** The registrations as a freshly loaded bundle holds them. */
async function registered(): Promise<Registrations> {
  return (await loadBundle(new FakeAppsScript(), new Date())).registrations();
}

const EVENT_STUB = /^function (\w+)\(e\) \{\n {2}return (\w+)\.(\w+)\(e\);\n\}$/gm;
const CALL_STUB = /^function (\w+)\(\.\.\.args\) \{\n {2}return (\w+)\.(\w+)\(\.\.\.args\);\n\}$/gm;

/** The bundle's lines that match, so a failure shows them rather than the whole file. */
function linesMatching(code: string, pattern: RegExp): string[] {
  return code.split('\n').filter((line) => pattern.test(line));
}

describe('the bundle file', () => {
  it('is one script with no module syntax, Node or DOM, ending in the entry-point functions', async () => {
    const { code } = await builtBundle();
    expect(linesMatching(code, /^\s*(import|export)\s/)).toEqual([]);
    expect(linesMatching(code, /\bimport\s*\(|\brequire\s*\(/)).toEqual([]);
    expect(linesMatching(code, /\bprocess\.|\b__dirname\b|\bBuffer\b|node:/)).toEqual([]);
    // As code, not inside the dialogs' HTML (their own scripts run in the browser, and use it).
    expect(
      hostGlobalsUsed(code, ['window', 'document', 'localStorage', 'fetch', 'require', 'process']),
    ).toEqual([]);
    expect(code).toMatch(new RegExp(`^var ${GLOBAL_NAME} = \\(\\(\\) => \\{`, 'm'));
    const { menuItems, callables } = await registered();
    const stubs = [...code.matchAll(EVENT_STUB)];
    expect(stubs.map((stub) => stub[1])).toEqual([
      'onOpen',
      ...menuItems.map((item) => item.functionName),
    ]);
    for (const stub of stubs) expect([stub[2], stub[3]]).toEqual([GLOBAL_NAME, stub[1]]);
    // The globals dialogs and triggers call pass on every argument, after the menu's stubs.
    const callStubs = [...code.matchAll(CALL_STUB)];
    expect(callStubs.map((stub) => stub[1])).toEqual(callables.map((item) => item.functionName));
    for (const stub of callStubs) expect([stub[2], stub[3]]).toEqual([GLOBAL_NAME, stub[1]]);
    const lastStub = [...stubs, ...callStubs].at(-1);
    if (lastStub) expect(code.trimEnd().endsWith(lastStub[0])).toBe(true);
    // Parsing the whole bundle for free variables takes a few seconds on a busy machine.
  }, 30_000);

  it('has no syntax Apps Script V8 rejects (class fields, #private, static blocks) or newer than ES2020', async () => {
    const { code } = await builtBundle();
    expect(unsupportedSyntax(code)).toEqual([]);
  }, 30_000);

  it('loads in a context with only standard JavaScript and the Apps Script services', async () => {
    const { script } = await builtBundle();
    const fake = new FakeAppsScript();
    const context = vm.createContext(fake.globals());
    script.runInContext(context);
    for (const name of ['require', 'process', 'window', 'document', 'URL', 'TextEncoder']) {
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
    }
    expect(vm.runInContext('typeof onOpen + typeof followUpActions', context)).toBe(
      'functionfunction',
    );
    // Loading calls no service: Apps Script runs the file for every trigger, even onOpen's.
    expect(fake.log.counts.size).toBe(0);
  });

  it('is pushed with its manifest: V8, Europe/London and only the scopes it needs', async () => {
    const manifest = JSON.parse((await builtBundle()).manifest);
    expect(manifest).toEqual({
      timeZone: 'Europe/London',
      runtimeVersion: 'V8',
      exceptionLogging: 'STACKDRIVER',
      oauthScopes: [
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
        // Drafts only (follow-up emails, packs): nothing is sent from the co-chairs' Gmail.
        'https://www.googleapis.com/auth/gmail.compose',
        // The weekly reminders, sent through MailApp, and the trigger that sends them.
        'https://www.googleapis.com/auth/script.send_mail',
        'https://www.googleapis.com/auth/script.scriptapp',
        // Live updates: the refresh hint posted to the board's server.
        'https://www.googleapis.com/auth/script.external_request',
      ],
    });
  });

  it('is what clasp pushes: rootDir is the build directory and only the two files go', () => {
    // Whatever script ID an officer has put in .clasp.json: no test depends on the placeholder.
    const clasp = JSON.parse(readFileSync(join(ROOT, '.clasp.json'), 'utf8'));
    expect(clasp.rootDir).toBe('dist/apps-script');
    expect(readFileSync(join(ROOT, '.claspignore'), 'utf8').trim().split('\n')).toEqual([
      '**/**',
      '!Code.js',
      '!appsscript.json',
    ]);
  });
});

describe('the menu', () => {
  it('is added on open as "Co-Production Board" with the labels of DESIGN §7', async () => {
    const { fake, bundle, click } = await session();
    const MENU_LABELS = bundle.registrations().menuItems.map((item) => item.label);
    click('onOpen');
    expect(fake.ui.menus).toHaveLength(1);
    expect(fake.ui.menus[0]?.caption).toBe('Co-Production Board');
    expect(fake.ui.menus[0]?.added).toBe(true);
    expect(fake.ui.menus[0]?.items.map((item) => item.label)).toEqual(MENU_LABELS);
    // Only DESIGN's labels, in DESIGN's order.
    expect(DESIGN_MENU_LABELS.filter((label) => MENU_LABELS.includes(label))).toEqual(MENU_LABELS);
  });

  it('calls a top-level function of the bundle for every item', async () => {
    const { fake, bundle, click } = await session();
    click('onOpen');
    for (const item of fake.ui.menus[0]?.items ?? []) {
      expect(vm.runInContext(`typeof ${item.functionName}`, bundle.context)).toBe('function');
    }
  });
});

describe('the registrations (apps-script/menu.ts)', () => {
  it('are what onOpen adds: every menu item, with its label and function, in order', async () => {
    const { fake, bundle, click } = await session();
    const { menuItems } = bundle.registrations();
    expect(menuItems.length).toBeGreaterThan(0);
    click('onOpen');
    expect(fake.ui.menus[0]?.items).toEqual(
      menuItems.map(({ label, functionName }) => ({ label, functionName })),
    );
  });

  it('give every menu item and callable global a top-level stub, and only those', async () => {
    const { code, entryPoints } = await builtBundle();
    const { menuItems, callables } = await registered();
    const names = ['onOpen', ...[...menuItems, ...callables].map((item) => item.functionName)];
    expect([...entryPoints.events, ...entryPoints.calls]).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    const topLevel = [...code.matchAll(/^function (\w+)\(/gm)].map((match) => match[1]);
    expect(topLevel).toEqual(names);
    for (const callable of callables) {
      expect([...DESIGN_CALLABLE_GLOBALS, ...OWN_CALLABLE_GLOBALS]).toContain(
        callable.functionName,
      );
    }
    // Every DESIGN §7 global is there.
    expect(callables.map((callable) => callable.functionName)).toEqual(
      expect.arrayContaining(DESIGN_CALLABLE_GLOBALS),
    );
  });

  it('give each item its own handler', async () => {
    const { menuItems, callables } = await registered();
    const handlers = [...menuItems, ...callables].map((item) => item.handler);
    for (const handler of handlers) expect(typeof handler).toBe('function');
    expect(new Set(handlers).size).toBe(handlers.length);
  });

  it('run, when a menu item is clicked, that item’s handler with its label as the title', async () => {
    const { fake, bundle, click } = await session();
    const { menuItems } = bundle.registrations();
    const ran: { functionName: string; title: unknown }[] = [];
    for (const item of menuItems) {
      item.handler = (context) =>
        ran.push({ functionName: item.functionName, title: (context as { title: unknown }).title });
    }
    click('onOpen');
    for (const menuItem of fake.ui.menus[0]?.items ?? []) click(menuItem.functionName);
    expect(ran).toEqual(
      menuItems.map((item) => ({ functionName: item.functionName, title: item.label })),
    );
    expect(fake.ui.alerts).toEqual([]);
  });

  it('run, when a callable global is called, its handler with the caller’s arguments and give back its result', async () => {
    const { bundle } = await session();
    const { callables } = bundle.registrations();
    for (const callable of callables) {
      const calls: unknown[][] = [];
      callable.handler = (...args) => {
        calls.push(args);
        return `${callable.functionName} done`;
      };
      expect(bundle.call(callable.functionName, 'MT-2026-10', 'DMT')).toBe(
        `${callable.functionName} done`,
      );
      expect(calls).toEqual([['MT-2026-10', 'DMT']]);
    }
  });
});

describe('the build’s syntax settings', () => {
  it('lower the class syntax Apps Script V8 rejects, whatever the code uses', async () => {
    const source = [
      'export class Board {',
      '  static cap = 20;',
      '  #members: string[] = [];',
      '  name = "Board";',
      '  static { Board.cap += 0; }',
      '  #count() { return this.#members.length; }',
      '  has(other: object) { return #members in other; }',
      '}',
      'export let total: number | undefined;',
      'total ??= 1_000;',
    ].join('\n');
    const found = unsupportedSyntax(source, 'sample.ts').map((finding) => finding.what);
    // The check itself sees every one of them in the source...
    expect(new Set(found)).toEqual(
      new Set([
        'static class field',
        'class field',
        '#private member',
        'class static block',
        'logical assignment (ES2021)',
        'numeric separator (ES2021)',
      ]),
    );
    // ...and none is left once the build's settings have lowered it.
    const { code } = await transform(source, { ...APPS_SCRIPT_SYNTAX, loader: 'ts' });
    expect(unsupportedSyntax(code)).toEqual([]);
  });
});

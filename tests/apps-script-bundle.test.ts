/**
 * The built Apps Script bundle (issue 4): one self-contained script that clasp can push as is,
 * with the menu of DESIGN §7 and one top-level function per menu item, using only standard
 * JavaScript and the Apps Script services.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GLOBAL_NAME } from '../scripts/build-apps-script';
import { builtBundle } from './support/apps-script/bundle';
import { FakeAppsScript } from './support/apps-script/fake-apps-script';
import { session } from './support/apps-script/session';

const ROOT = join(import.meta.dirname, '..');
const MENU_LABELS = [
  'Set up board sheets',
  'Check membership',
  'Plan next meeting',
  'Record attendance',
  'Follow up actions',
  'Start commissioning project',
  'Prepare circulation pack',
];

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
    expect(
      linesMatching(code, /\bwindow\.|\bdocument\.|\blocalStorage\b|(?<![.\w])fetch\s*\(/),
    ).toEqual([]);
    expect(code).toMatch(new RegExp(`^var ${GLOBAL_NAME} = \\(\\(\\) => \\{`, 'm'));
    const stubs = [
      ...code.matchAll(/^function (\w+)\(e\) \{\n {2}return (\w+)\.(\w+)\(e\);\n\}$/gm),
    ];
    expect(stubs.map((stub) => stub[1])).toEqual([
      'onOpen',
      'setUpBoardSheets',
      'checkMembership',
      'planNextMeeting',
      'recordAttendance',
      'followUpActions',
      'startCommissioningProject',
      'prepareCirculationPack',
    ]);
    for (const stub of stubs) expect([stub[2], stub[3]]).toEqual([GLOBAL_NAME, stub[1]]);
  });

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
        'https://www.googleapis.com/auth/gmail.compose',
        'https://www.googleapis.com/auth/script.external_request',
      ],
    });
  });

  it('is what clasp pushes: rootDir is the build directory and only the two files go', () => {
    const clasp = JSON.parse(readFileSync(join(ROOT, '.clasp.json'), 'utf8'));
    expect(clasp.rootDir).toBe('dist/apps-script');
    expect(clasp.scriptId).toMatch(/SET-ME/);
    expect(readFileSync(join(ROOT, '.claspignore'), 'utf8').trim().split('\n')).toEqual([
      '**/**',
      '!Code.js',
      '!appsscript.json',
    ]);
  });
});

describe('the menu', () => {
  it('is added on open as "Co-Production Board" with the labels of DESIGN §7', async () => {
    const { fake, click } = await session();
    click('onOpen');
    expect(fake.ui.menus).toHaveLength(1);
    expect(fake.ui.menus[0]?.caption).toBe('Co-Production Board');
    expect(fake.ui.menus[0]?.added).toBe(true);
    expect(fake.ui.menus[0]?.items.map((item) => item.label)).toEqual(MENU_LABELS);
  });

  it('calls a top-level function of the bundle for every item', async () => {
    const { fake, bundle, click } = await session();
    click('onOpen');
    for (const item of fake.ui.menus[0]?.items ?? []) {
      expect(vm.runInContext(`typeof ${item.functionName}`, bundle.context)).toBe('function');
    }
  });
});

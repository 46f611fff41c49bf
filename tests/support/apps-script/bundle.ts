/**
 * The built bundle, run as Apps Script runs it: one script in a fresh vm context whose globals
 * are the standard JavaScript ones plus the fake services, and nothing from Node or a browser
 * (no require, process, URL, TextEncoder, window...), so any use of those throws. The clock
 * inside is the fake's: `new Date()` and `Date.now()` give `fake.now`, the instant the test
 * chose, until the test (or Utilities.sleep) moves it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildAppsScript, type EntryPoints, GLOBAL_NAME } from '../../../scripts/build-apps-script';
import type { FakeAppsScript } from './fake-apps-script';

export interface BuiltBundle {
  readonly code: string;
  readonly script: vm.Script;
  /** The stubs the build wrote, as it read them from the bundle. */
  readonly entryPoints: EntryPoints;
  /** The appsscript.json written beside the bundle. */
  readonly manifest: string;
}

let built: Promise<BuiltBundle> | null = null;

/** Builds the bundle once per test process, into a temporary directory removed afterwards. */
export function builtBundle(): Promise<BuiltBundle> {
  built ??= (async () => {
    const directory = mkdtempSync(join(tmpdir(), 'apps-script-bundle-'));
    try {
      const { bundlePath, entryPoints } = await buildAppsScript(directory, () => undefined);
      const code = readFileSync(bundlePath, 'utf8');
      const manifest = readFileSync(join(directory, 'appsscript.json'), 'utf8');
      return { code, script: new vm.Script(code, { filename: 'Code.js' }), entryPoints, manifest };
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  })();
  return built;
}

export interface LoadedBundle {
  readonly fake: FakeAppsScript;
  readonly context: vm.Context;
  /** Calls a top-level function of the bundle by name, as a menu click does. */
  run(functionName: string): unknown;
  /** Calls a top-level function with arguments, as a dialog's `google.script.run` does. */
  call(functionName: string, ...args: unknown[]): unknown;
  /**
   * The registrations of apps-script/menu.ts as this bundle holds them: the bundle's own
   * objects, so a test can swap a handler for a recorder.
   */
  registrations(): Registrations;
}

/** A registration read from the bundle (apps-script/menu.ts: MenuItem, CallableGlobal). */
export interface Registration {
  /** Menu items only. */
  readonly label?: string;
  readonly functionName: string;
  handler: (...args: unknown[]) => unknown;
}

export interface Registrations {
  readonly menuItems: readonly Registration[];
  readonly callables: readonly Registration[];
}

/** Loads the bundle into a new context over `fake`, with the clock set at `now`. */
export async function loadBundle(fake: FakeAppsScript, now: Date): Promise<LoadedBundle> {
  const { script } = await builtBundle();
  fake.now = now;
  const context = vm.createContext(fake.globals());
  // The clock is handed in as an argument, so the script sees no extra global.
  const installClock = vm.runInContext(FAKE_CLOCK, context) as (now: () => number) => void;
  installClock(() => fake.now.getTime());
  script.runInContext(context);
  return {
    fake,
    context,
    run(functionName: string) {
      if (!/^[A-Za-z_$][\w$]*$/.test(functionName)) throw new Error(`Bad name ${functionName}`);
      return vm.runInContext(`${functionName}()`, context);
    },
    call(functionName: string, ...args: unknown[]) {
      if (!/^[A-Za-z_$][\w$]*$/.test(functionName)) throw new Error(`Bad name ${functionName}`);
      const stub = vm.runInContext(functionName, context) as (...args: unknown[]) => unknown;
      return stub(...args);
    },
    registrations() {
      const global = vm.runInContext(GLOBAL_NAME, context) as {
        MENU_ITEMS: Registration[];
        CALLABLE_GLOBALS: Registration[];
      };
      return { menuItems: global.MENU_ITEMS, callables: global.CALLABLE_GLOBALS };
    },
  };
}

/** Replaces the context's Date by one whose "now" is the fake's clock. */
const FAKE_CLOCK = `(now) => {
  const RealDate = Date;
  class FakeClockDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
    static now() { return now(); }
  }
  globalThis.Date = FakeClockDate;
}`;

/**
 * The built bundle, run as Apps Script runs it: one script in a fresh vm context whose globals
 * are the standard JavaScript ones plus the fake services, and nothing from Node or a browser
 * (no require, process, URL, TextEncoder, window...), so any use of those throws. The clock
 * inside is fixed: `new Date()` and `Date.now()` give the instant the test chose.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildAppsScript } from '../../../scripts/build-apps-script';
import type { FakeAppsScript } from './fake-apps-script';

export interface BuiltBundle {
  readonly code: string;
  readonly script: vm.Script;
  /** The appsscript.json written beside the bundle. */
  readonly manifest: string;
}

let built: Promise<BuiltBundle> | null = null;

/** Builds the bundle once per test process, into a temporary directory removed afterwards. */
export function builtBundle(): Promise<BuiltBundle> {
  built ??= (async () => {
    const directory = mkdtempSync(join(tmpdir(), 'apps-script-bundle-'));
    try {
      const { bundlePath } = await buildAppsScript(directory, () => undefined);
      const code = readFileSync(bundlePath, 'utf8');
      const manifest = readFileSync(join(directory, 'appsscript.json'), 'utf8');
      return { code, script: new vm.Script(code, { filename: 'Code.js' }), manifest };
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
}

/** Loads the bundle into a new context over `fake`, with the clock fixed at `now`. */
export async function loadBundle(fake: FakeAppsScript, now: Date): Promise<LoadedBundle> {
  const { script } = await builtBundle();
  const context = vm.createContext(fake.globals());
  vm.runInContext(fixedClock(now.getTime()), context);
  script.runInContext(context);
  return {
    fake,
    context,
    run(functionName: string) {
      if (!/^[A-Za-z_$][\w$]*$/.test(functionName)) throw new Error(`Bad name ${functionName}`);
      return vm.runInContext(`${functionName}()`, context);
    },
  };
}

function fixedClock(time: number): string {
  return `(() => {
    const RealDate = Date;
    class FixedDate extends RealDate {
      constructor(...args) { if (args.length === 0) super(${time}); else super(...args); }
      static now() { return ${time}; }
    }
    globalThis.Date = FixedDate;
  })();`;
}

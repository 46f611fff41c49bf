/**
 * How the build turns the bundle's registrations into top-level stubs (issue 8): the names come
 * from the bundle itself, and a registration that could not work in Apps Script stops the build
 * rather than reaching a spreadsheet. Small made-up bundles, so each rule is seen on its own.
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bundleEntryPoints, entryPointStubs, GLOBAL_NAME } from '../scripts/build-apps-script';

/** A bundle's program as the build has it before the stubs: it defines the global. */
function program(
  menu: readonly string[],
  calls: readonly string[],
  functions = ['onOpen', ...menu, ...calls],
  prelude = '',
): string {
  const registrations = (names: readonly string[]) =>
    JSON.stringify(names.map((functionName) => ({ functionName })));
  const members = functions.map((name) => `${JSON.stringify(name)}: function () {}`).join(', ');
  return `${prelude}var ${GLOBAL_NAME} = { MENU_ITEMS: ${registrations(menu)}, CALLABLE_GLOBALS: ${registrations(calls)}, ${members} };\n`;
}

describe('the stubs the build writes', () => {
  it('are onOpen, the menu items and the callable globals, as the bundle registers them', () => {
    expect(bundleEntryPoints(program(['checkMembership'], ['draftFollowUpEmails']))).toEqual({
      events: ['onOpen', 'checkMembership'],
      calls: ['draftFollowUpEmails'],
    });
  });

  it('pass a trigger its event, and a dialog all its arguments and the result', () => {
    const calls: unknown[][] = [];
    const context = vm.createContext({
      [GLOBAL_NAME]: {
        onOpen: (...args: unknown[]) => calls.push(['onOpen', ...args]),
        draftCirculationPack: (...args: unknown[]) => {
          calls.push(['draftCirculationPack', ...args]);
          return 'drafted';
        },
      },
    });
    vm.runInContext(
      entryPointStubs({ events: ['onOpen'], calls: ['draftCirculationPack'] }),
      context,
    );
    vm.runInContext('onOpen({ source: "sheet" })', context);
    expect(vm.runInContext('draftCirculationPack("MT-2026-10", "DMT")', context)).toBe('drafted');
    expect(calls).toEqual([
      ['onOpen', { source: 'sheet' }],
      ['draftCirculationPack', 'MT-2026-10', 'DMT'],
    ]);
  });
});

describe('the build stops', () => {
  it('when the bundle calls a service as it loads, and says why that cannot work', () => {
    expect(() =>
      bundleEntryPoints(program(['checkMembership'], [], undefined, 'SpreadsheetApp.getUi();\n')),
    ).toThrow(/SpreadsheetApp is not defined.*may call an Apps Script service/s);
  });

  it('when two registrations share a function name', () => {
    expect(() => bundleEntryPoints(program(['checkMembership'], ['checkMembership']))).toThrow(
      'Two entry points are registered as checkMembership',
    );
    expect(() => bundleEntryPoints(program(['onOpen'], []))).toThrow(
      'Two entry points are registered as onOpen',
    );
  });

  it('when a registered name is not an identifier, or has no function behind it', () => {
    expect(() => bundleEntryPoints(program(['check-membership'], []))).toThrow(
      '"check-membership" cannot be the name of an Apps Script global function',
    );
    expect(() => bundleEntryPoints(program(['checkMembership'], [], ['onOpen']))).toThrow(
      `checkMembership is registered but ${GLOBAL_NAME}.checkMembership is not a function`,
    );
  });
});

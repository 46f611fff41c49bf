/**
 * `npm run push` (issue 12): clasp 3's push asks whether to overwrite the manifest, defaults to
 * No and then skips the whole push (with exit status 0 when not on a terminal), so the script
 * forces it; and without a real script ID it stops before building, loudly, with status 1. No
 * test here depends on what .clasp.json holds: an officer's own script ID changes nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  claspProjectPath,
  configuredScriptId,
  SCRIPT_ID_PLACEHOLDER,
} from '../scripts/build-apps-script';

const ROOT = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'clasp-project-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function projectFile(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('npm run push', () => {
  it('builds with the script ID required, then pushes without clasp’s manifest prompt', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
    // (`node .tools/run.mjs` first, where the project runs its commands on its pinned Node.)
    expect(scripts.push).toMatch(
      /(?:^|\s)tsx scripts\/build-apps-script\.ts --require-script-id && clasp push --force$/,
    );
  });

  it('reads the script ID clasp will use, and none from the placeholder or a missing file', async () => {
    const placeholder = JSON.stringify({
      scriptId: SCRIPT_ID_PLACEHOLDER,
      rootDir: 'dist/apps-script',
    });
    expect(await configuredScriptId(projectFile('placeholder.json', placeholder))).toBeNull();
    expect(await configuredScriptId(projectFile('blank.json', '{"scriptId":"  "}'))).toBeNull();
    expect(await configuredScriptId(projectFile('broken.json', '{'))).toBeNull();
    expect(await configuredScriptId(join(scratch, 'missing.json'))).toBeNull();
    const real = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopqrs';
    expect(
      await configuredScriptId(projectFile('real.json', JSON.stringify({ scriptId: real }))),
    ).toBe(real);
  });

  it('looks where clasp looks: clasp_config_project (a file or a folder), else .clasp.json', () => {
    expect(claspProjectPath({})).toBe(join(ROOT, '.clasp.json'));
    expect(claspProjectPath({ clasp_config_project: join(scratch, 'p.json') })).toBe(
      join(scratch, 'p.json'),
    );
    expect(claspProjectPath({ clasp_config_project: scratch })).toBe(join(scratch, '.clasp.json'));
  });

  it('stops with status 1 and says why when there is no script ID, so clasp never runs', async () => {
    const placeholder = projectFile(
      'push-placeholder.json',
      JSON.stringify({ scriptId: SCRIPT_ID_PLACEHOLDER, rootDir: 'dist/apps-script' }),
    );
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/build-apps-script.ts', '--require-script-id'],
      { cwd: ROOT, env: { ...process.env, clasp_config_project: placeholder } },
    );
    const failure = await run.then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('npm run push stopped: nothing was pushed.');
    expect(failure?.stderr).toContain('.clasp.json has no script ID yet');
  }, 30_000);

  it('is documented with a clasp 3 alternative that binds the script to the board spreadsheet', () => {
    const readme = readFileSync(join(ROOT, 'apps-script/README.md'), 'utf8');
    // `--type sheets` makes clasp 3 create a new spreadsheet and ignore --parentId.
    expect(readme).not.toMatch(/clasp create[^\n`]*--type sheets/);
    expect(readme).toContain(
      'npx clasp create --title "Co-Production Board" --parentId <spreadsheet ID> --rootDir dist/apps-script',
    );
    const create = readFileSync(
      join(ROOT, 'node_modules/@google/clasp/build/src/commands/create-script.js'),
      'utf8',
    );
    // What the README relies on: a standalone create passes --parentId to projects.create,
    // which binds the new script to that file.
    expect(create).toContain('clasp.project.createScript(name, parentId)');
  });
});

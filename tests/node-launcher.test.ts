/**
 * `.tools/run.mjs` is what lets `npm start` and `npm test` work on a machine whose Node is 20:
 * it runs the command on a Node >= 22.12, installing the pinned Node 22 into .tools/ when the
 * Node that started it is older. Tested with this machine's own Node when it is old (Debian's
 * Node 20 here and in CI), and with the Node running the tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const LAUNCHER = '.tools/run.mjs';
const versionLine = (args: string[], node = process.execPath) =>
  spawnSync(node, [LAUNCHER, ...args], { encoding: 'utf8' });

/** The machine's own Node, when it is older than the project needs (else null). */
function oldSystemNode(): string | null {
  for (const candidate of ['/usr/bin/node', '/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    const [major, minor] = version.slice(1).split('.').map(Number) as [number, number];
    if (major < 22 || (major === 22 && minor < 12)) return candidate;
  }
  return null;
}

describe('.tools/run.mjs', () => {
  it('runs the command on the Node it was started with when that is new enough', () => {
    const result = versionLine(['node', '-p', 'process.version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(process.version);
  });

  it('passes the exit status on, and says how to use it without a command', () => {
    expect(versionLine(['node', '-e', 'process.exit(3)']).status).toBe(3);
    const bare = versionLine([]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('Usage');
  });

  const old = oldSystemNode();
  it.skipIf(old === null)(
    'runs the command on the pinned Node 22 when started by an older Node',
    () => {
      const result = versionLine(['node', '-p', 'process.versions.node'], old as string);
      expect(result.status, result.stderr).toBe(0);
      const [major, minor] = result.stdout.trim().split('.').map(Number) as [number, number];
      expect(major > 22 || (major === 22 && minor >= 12)).toBe(true);
    },
    180_000,
  );
});

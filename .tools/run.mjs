#!/usr/bin/env node
// Runs a command on a Node this project supports (>= 22.12: vitest 5 and googleapis need it).
// On such a Node it simply runs the command. On an older one (Debian's Node 20, say) it
// installs the npm registry's `node` package, pinned by .tools/package-lock.json, into
// .tools/node_modules once, and runs the command with that Node first on PATH, so every
// `node` and `#!/usr/bin/env node` tool the command starts (tsx, vitest, npm itself) is Node 22.
// Plain JavaScript with no dependencies, so it runs on the old Node, in any shell, on any OS.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MINIMUM = [22, 12];
const tools = dirname(fileURLToPath(import.meta.url));
const pinnedBin = join(tools, 'node_modules', 'node', 'bin');
const pinnedNode = join(pinnedBin, process.platform === 'win32' ? 'node.exe' : 'node');

function supported(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

function versionOf(node) {
  if (!existsSync(node)) return null;
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** npm as the running npm script was started with, else the npm on PATH. */
function npmCommand() {
  const cli = process.env.npm_execpath;
  return cli && /\.(c|m)?js$/.test(cli)
    ? [process.execPath, [cli]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
}

function environment() {
  if (supported(process.version)) return process.env;
  const pinned = versionOf(pinnedNode);
  if (pinned === null || !supported(pinned)) {
    console.error(
      `Node ${process.version} is older than ${MINIMUM.join('.')}, which this project needs: ` +
        'installing Node 22 from the npm registry into .tools/ (once; about a minute) ...',
    );
    const [npm, prefix] = npmCommand();
    const install = spawnSync(
      npm,
      [...prefix, 'ci', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: tools, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (install.status !== 0 || !supported(versionOf(pinnedNode) ?? '0.0')) {
      console.error(
        `Could not install Node 22 into ${tools}. Install Node ${MINIMUM.join('.')} or newer ` +
          '(https://nodejs.org, or your package manager), then run the command again.',
      );
      process.exit(1);
    }
  }
  const env = { ...process.env, PATH: `${pinnedBin}${delimiter}${process.env.PATH ?? ''}` };
  // npm finds its global config (registry, CA file) beside the Node that runs it: keep the
  // machine's own, or an npm started on the pinned Node can lose the registry's CA.
  if (process.env.npm_config_globalconfig && !process.env.NPM_CONFIG_GLOBALCONFIG) {
    env.NPM_CONFIG_GLOBALCONFIG = process.env.npm_config_globalconfig;
  }
  return env;
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: node .tools/run.mjs <command> [arguments...]');
  process.exit(2);
}
const child = spawn(command, args, {
  stdio: 'inherit',
  env: environment(),
  shell: process.platform === 'win32',
});
// Ctrl-C and a service manager's SIGTERM reach the command (the server shuts down gracefully).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`Could not run ${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});

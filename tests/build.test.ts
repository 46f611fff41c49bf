import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildServer } from '../scripts/build';

// Inside the repository (gitignored), so the bundle finds node_modules as dist/ would.
const outDir = join(import.meta.dirname, '..', '.cache', 'build-test');
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('npm run build', () => {
  it('builds a server bundle that starts with plain node and serves the demo board', async () => {
    const entry = await buildServer(outDir);
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: '0', BOARD_WORKBOOK: '', BOARD_SPREADSHEET_ID: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // No timer of our own: a start-up that hangs is ended by the test's timeout, which then
    // shows what the server printed.
    onTestFailed(() => {
      console.error(`The built server printed:\n${stderr}\n${stdout}`);
    });
    try {
      // Health is 'ok' once the first read of the board has finished, which the server logs
      // as a refresh event on stdout; waiting for that line (and the address on stderr)
      // replaces polling /health on a timer.
      const base = await new Promise<string>((resolve, reject) => {
        const check = () => {
          const address = /Health:\s+(http:\/\/\S+)\/health/.exec(stderr)?.[1];
          const read = stdout
            .split('\n')
            .some((line) => line.includes('"event":"refresh"') && line.includes('"ok":true'));
          if (address !== undefined && read) resolve(address);
        };
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          check();
        });
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          check();
        });
        child.on('exit', (code) =>
          reject(new Error(`the server exited (${code}):\n${stderr}\n${stdout}`)),
        );
      });
      const health = (await (await fetch(`${base}/health`)).json()) as { status?: string };
      expect(health.status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});

import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../scripts/build';

// Inside the repository (gitignored), so the bundle finds node_modules as dist/ would.
const outDir = join(import.meta.dirname, '..', '.cache', 'build-test');
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('npm run build', () => {
  it('builds a server bundle that starts with plain node and serves the demo board', async () => {
    const entry = await buildServer(outDir);
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: '0', BOARD_WORKBOOK: '', BOARD_SPREADSHEET_ID: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(
          () => reject(new Error(`no start-up line in:\n${output}`)),
          20_000,
        );
        child.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Health:\s+(http:\/\/\S+)\/health/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1] as string);
          }
        });
      });
      let health: { status?: string } = {};
      for (let tries = 0; tries < 50 && health.status !== 'ok'; tries++) {
        health = (await (await fetch(`${base}/health`)).json()) as { status?: string };
        if (health.status !== 'ok') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health.status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});

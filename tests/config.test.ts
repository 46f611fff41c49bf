/**
 * Configuration as an officer setting the server up expects it (issue 15, item 3): a `.env` in
 * the working directory (variables already set win), every problem reported at once, one a
 * line, `--help`, and a port in use or an address that is not this machine's said in one
 * sentence, with exit status 1 and no stack trace.
 */

import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseTokenPairs, readConfig, SETTINGS } from '../server/config';
import { loadEnvFile, unreadableLines } from '../server/env-file';
import { listenErrorMessage } from '../server/http-server';
import { DEMO_WORKBOOK_PATH } from '../server/sources/local-workbook';
import { startServerProcess, TSX_LOADER } from './support/server-process';

const OFFICER = 'officer-token-for-config-tests-0123';
const PARTNER = 'partner-token-for-config-tests-0123';
const ENTRY = join(import.meta.dirname, '..', 'server', 'index.ts');

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'co-production-board-config-'));
});
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** A fresh folder to be the working directory of one test. */
async function workingDirectory(name: string, files: Record<string, string> = {}) {
  const directory = join(folder, name);
  await mkdir(directory, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(directory, file), text);
  return directory;
}

function problemsOf(env: Record<string, string>, options = {}): readonly string[] {
  try {
    readConfig(env, options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readConfig', () => {
  it('reports every problem, not only the first, one a line', () => {
    const env = {
      BOARD_WORKBOOK: 'board.xlsx',
      BOARD_TOKENS: `x:ADMIN,short:OFFICER,${OFFICER}:OFFICER`,
      BOARD_REFRESH_SECONDS: 'soon',
      BOARD_REFRESH_HINT_SECONDS: '0',
      PORT: '99999',
      HOST: 'not a host',
      BOARD_CORS_ORIGINS: '*, https://a.example/',
      METRICS_TOKEN: OFFICER,
    };
    const problems = problemsOf(env);
    expect(problems).toEqual([
      'BOARD_TOKENS: entry 1 should be token:OFFICER, token:PARTNER or token:REFRESH.',
      'BOARD_TOKENS: the token of entry 2 is shorter than 16 characters; use a long random token.',
      'BOARD_REFRESH_SECONDS should be a number of seconds above 0, not "soon".',
      'BOARD_REFRESH_HINT_SECONDS should be a number of seconds above 0, not "0".',
      'PORT should be a port number (0-65535), not "99999".',
      expect.stringMatching(/^HOST should be an address of this machine .* not "not a host"\.$/),
      expect.stringMatching(/^BOARD_CORS_ORIGINS: "\*" is not a web origin/),
      expect.stringMatching(/^BOARD_CORS_ORIGINS: "https:\/\/a\.example\/" is not a web origin/),
      'METRICS_TOKEN is also one of the board tokens; give the metrics a token of its own.',
    ]);
    // The message holds them all, one a line, for callers that only print the message.
    expect(() => readConfig(env)).toThrow(
      expect.objectContaining({ message: problems.join('\n') }),
    );
  });

  it('says "no tokens" only when none were given, not when the given ones are wrong', () => {
    expect(problemsOf({ BOARD_WORKBOOK: 'board.xlsx', BOARD_TOKENS: 'x:ADMIN' })).toEqual([
      'BOARD_TOKENS: entry 1 should be token:OFFICER, token:PARTNER or token:REFRESH.',
    ]);
    expect(problemsOf({ BOARD_WORKBOOK: 'board.xlsx' })).toEqual([
      expect.stringMatching(/^No access tokens are configured/),
    ]);
  });

  it('names every malformed token pair, never the token', () => {
    let caught: unknown;
    try {
      parseTokenPairs(`secret-one:ADMIN\nsecret2:PARTNER\n# comment\n${PARTNER}:partner`, 'file');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).not.toMatch(/secret/);
  });

  it('reads HOST, METRICS_TOKEN and the refresh-hint interval', () => {
    const config = readConfig({
      HOST: '[::1]',
      METRICS_TOKEN: 'metrics-token-0123456789',
      BOARD_REFRESH_HINT_SECONDS: '5',
    });
    expect(config).toMatchObject({
      host: '::1',
      metricsToken: 'metrics-token-0123456789',
      refreshHintSeconds: 5,
    });
    expect(readConfig({})).toMatchObject({
      host: '127.0.0.1',
      metricsToken: null,
      refreshHintSeconds: 2,
    });
    for (const host of ['0.0.0.0', '::', 'localhost', 'board.council.example']) {
      expect(readConfig({ HOST: host }).host).toBe(host);
    }
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^METRICS_TOKEN should be one long random token/),
    ]);
  });

  it('reads BOARD_SESSION_HOURS and BOARD_SECURE_COOKIES, refusing what they cannot mean', () => {
    expect(readConfig({}).sessions).toEqual({ lifetimeSeconds: 86_400, secureCookies: 'auto' });
    expect(
      readConfig({ BOARD_SESSION_HOURS: ' 8 ', BOARD_SECURE_COOKIES: 'Always' }).sessions,
    ).toEqual({ lifetimeSeconds: 28_800, secureCookies: 'always' });
    expect(readConfig({ BOARD_SESSION_HOURS: '0.5' }).sessions.lifetimeSeconds).toBe(1_800);
    for (const hours of ['0', '-1', 'a day', '745', 'Infinity']) {
      expect(problemsOf({ BOARD_SESSION_HOURS: hours }), hours).toEqual([
        `BOARD_SESSION_HOURS should be a number of hours above 0 and at most 744 (a month), such as 8 or 24, not "${hours}".`,
      ]);
    }
    for (const mode of ['yes', 'true', 'https']) {
      expect(problemsOf({ BOARD_SECURE_COOKIES: mode }), mode).toEqual([
        expect.stringMatching(
          new RegExp(`^BOARD_SECURE_COOKIES should be auto .* or always .*, not "${mode}"\\.$`),
        ),
      ]);
    }
    // Both are settings the server knows: no "not a setting" note.
    expect(readConfig({ BOARD_SESSION_HOURS: '8', BOARD_SECURE_COOKIES: 'auto' }).warnings).toEqual(
      [],
    );
  });

  it('takes REFRESH tokens for the live-updates hook', () => {
    const refresh = 'refresh-token-for-config-tests-01';
    expect(
      readConfig({
        BOARD_TOKENS: `${OFFICER}:OFFICER,${refresh}:refresh`,
        BOARD_WORKBOOK: 'b.xlsx',
      }).tokens,
    ).toEqual([
      [OFFICER, 'OFFICER'],
      [refresh, 'REFRESH'],
    ]);
  });

  it('notes a BOARD_ name it does not know, with the one probably meant, and refuses BOARDS_FILE', () => {
    expect(readConfig({ BOARD_TOKEN: 'x', BOARD_COLOUR: 'red' }).warnings).toEqual([
      'BOARD_COLOUR is not a setting of this server; it is ignored.',
      'BOARD_TOKEN is not a setting of this server (did you mean BOARD_TOKENS?); it is ignored.',
    ]);
    let caught: unknown;
    try {
      readConfig({ BOARDS_FILE: 'boards.json', BOARD_WORKBOOK: 'b.xlsx', BOARD_TOKNS: 'x' });
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigError).problems).toEqual([
      expect.stringMatching(/^No access tokens are configured/),
      expect.stringMatching(/^BOARDS_FILE is not supported: this server serves one board/),
    ]);
    // The misspelt name comes with the refusal: it is probably why the tokens are missing.
    expect((caught as ConfigError).notes).toEqual([
      'BOARD_TOKNS is not a setting of this server (did you mean BOARD_TOKENS?); it is ignored.',
    ]);
  });

  it('checks the files it names when asked to (as npm start does)', () => {
    const env = {
      BOARD_WORKBOOK: join(folder, 'missing.xlsx'),
      BOARD_TOKENS: `${OFFICER}:OFFICER`,
    };
    expect(problemsOf(env)).toEqual([]);
    expect(problemsOf(env, { checkFiles: true })).toEqual([
      expect.stringMatching(/^BOARD_WORKBOOK: there is no readable file at .*missing\.xlsx/),
    ]);
    expect(
      problemsOf(
        {
          BOARD_SPREADSHEET_ID: 'abc',
          BOARD_TOKENS: `${OFFICER}:OFFICER`,
          GOOGLE_APPLICATION_CREDENTIALS: join(folder, 'missing.key.json'),
        },
        { checkFiles: true },
      ),
    ).toEqual([expect.stringMatching(/^GOOGLE_APPLICATION_CREDENTIALS: there is no readable/)]);
  });

  it('lists every setting it reads in SETTINGS (what --help prints)', () => {
    const names = SETTINGS.map((setting) => setting.name);
    for (const name of [
      'BOARD_WORKBOOK',
      'BOARD_SPREADSHEET_ID',
      'GOOGLE_APPLICATION_CREDENTIALS',
      'SHEETS_ACCESS_TOKEN',
      'SHEETS_API_ROOT_URL',
      'BOARD_REFRESH_SECONDS',
      'BOARD_REFRESH_HINT_SECONDS',
      'BOARD_TOKENS',
      'BOARD_TOKENS_FILE',
      'BOARD_CORS_ORIGINS',
      'METRICS_TOKEN',
      'PORT',
      'HOST',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe('.env', () => {
  it('sets what the environment has not set, and leaves the rest', async () => {
    const directory = await workingDirectory('env-precedence', {
      '.env': [
        '# the board',
        'BOARD_WORKBOOK=board.xlsx',
        'export BOARD_TOKENS="a b"',
        "PORT='4100'",
        'HOST=0.0.0.0 # every network',
        'EMPTY_ALREADY=from-file',
        '',
      ].join('\n'),
    });
    const env: Record<string, string | undefined> = { PORT: '0', EMPTY_ALREADY: '' };
    const result = loadEnvFile(env, directory);
    expect(env).toEqual({
      BOARD_WORKBOOK: 'board.xlsx',
      BOARD_TOKENS: 'a b',
      PORT: '0',
      HOST: '0.0.0.0',
      EMPTY_ALREADY: '',
    });
    expect(result).toEqual({
      path: join(directory, '.env'),
      applied: ['BOARD_TOKENS', 'BOARD_WORKBOOK', 'HOST'],
      overridden: ['EMPTY_ALREADY', 'PORT'],
      problems: [],
    });
  });

  it('is optional, and names each line it cannot read by number, never by content', async () => {
    const none = await workingDirectory('env-none');
    expect(loadEnvFile({}, none)).toEqual({
      path: null,
      applied: [],
      overridden: [],
      problems: [],
    });
    const directory = await workingDirectory('env-bad', {
      '.env': 'PORT=4100\nmy-secret-token\nBOARD_TOKENS="one\ntwo:OFFICER"\n= nothing\n',
    });
    const result = loadEnvFile({}, directory);
    expect(result.problems).toEqual([
      expect.stringMatching(/^\.env line 2: not a setting; write NAME=value/),
      expect.stringMatching(/^\.env line 5: not a setting/),
    ]);
    expect(result.problems.join(' ')).not.toContain('my-secret-token');
    expect(unreadableLines('A=1\n\n  # note\nB="x\ny"\nC')).toEqual([6]);
  });

  it('reports a .env that cannot be read', async () => {
    const directory = await workingDirectory('env-unreadable');
    await mkdir(join(directory, '.env'));
    expect(loadEnvFile({}, directory).problems).toEqual([
      expect.stringMatching(/^\.env: cannot read .*\.env \(EISDIR\)\.$/),
    ]);
  });
});

describe('listen failures', () => {
  it('are one sentence saying what to do', () => {
    const error = (code: string) => Object.assign(new Error(`listen ${code}`), { code });
    expect(listenErrorMessage(error('EADDRINUSE'), 4000, '127.0.0.1')).toBe(
      'The server cannot start: port 4000 on 127.0.0.1 is already in use (another server, or an ' +
        'earlier run still going); stop that one, or set PORT to a free port.',
    );
    expect(listenErrorMessage(error('EADDRNOTAVAIL'), 4000, '192.0.2.1')).toMatch(
      /^The server cannot start: HOST 192\.0\.2\.1 is not an address of this machine; /,
    );
    expect(listenErrorMessage(error('ENOTFOUND'), 4000, 'nowhere.invalid')).toMatch(
      /^The server cannot start: HOST nowhere\.invalid is not a name this machine can find; /,
    );
    expect(listenErrorMessage(error('EACCES'), 80, '0.0.0.0')).toMatch(/use a port above 1023/);
    for (const code of ['EADDRINUSE', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EACCES', 'EOTHER']) {
      expect(listenErrorMessage(error(code), 1, 'h').split('\n')).toHaveLength(1);
    }
  });
});

describe('npm start', () => {
  /** The environment without any of the board's settings, so a test's own are the only ones. */
  function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const { name } of SETTINGS) delete env[name];
    for (const name of Object.keys(env)) if (/^BOARDS?_/.test(name)) delete env[name];
    return { ...env, ...extra };
  }
  const start = (args: string[], cwd: string, env: Record<string, string>) =>
    startServerProcess(['--import', TSX_LOADER, ENTRY, ...args], { cwd, env: cleanEnv(env) });

  it('--help lists every setting and the .env file, and exits 0', async () => {
    const server = start(['--help'], await workingDirectory('help'), {});
    expect(await server.exited).toBe(0);
    for (const { name } of SETTINGS) expect(server.output()).toContain(name);
    expect(server.output()).toMatch(/\.env in the working\s+directory/);
    const wrong = start(['--port', '1'], await workingDirectory('help'), {});
    expect(await wrong.exited).toBe(1);
    expect(wrong.output()).toMatch(/Unknown option '--port'[\s\S]*Usage: npm start/);
  }, 60_000);

  it('lists every problem of the settings and the .env on its own line, exit 1, no stack trace', async () => {
    const cwd = await workingDirectory('problems', { '.env': 'PORT=4100\nnot a setting\n' });
    const server = start([], cwd, {
      PORT: 'eighty',
      HOST: 'no such host',
      BOARD_REFRESH_SECONDS: 'soon',
      BOARD_SPREADSHEET_ID: 'abc',
    });
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines).toEqual([
      'The server cannot start: 5 problems with its settings.',
      expect.stringMatching(/^ {2}- \.env line 2: not a setting/),
      expect.stringMatching(/^ {2}- No access tokens are configured/),
      expect.stringMatching(/^ {2}- BOARD_REFRESH_SECONDS should be/),
      expect.stringMatching(/^ {2}- PORT should be a port number/),
      expect.stringMatching(/^ {2}- HOST should be an address of this machine/),
    ]);
  }, 60_000);

  it('reads .env from the working directory; variables already set win', async () => {
    const cwd = await workingDirectory('env-start', {
      '.env': [
        '# what a council would keep beside the server',
        'BOARD_WORKBOOK=board.xlsx',
        `BOARD_TOKENS=${OFFICER}:OFFICER,${PARTNER}:PARTNER`,
        'PORT=1',
      ].join('\n'),
    });
    await copyFile(DEMO_WORKBOOK_PATH, join(cwd, 'board.xlsx'));
    // PORT=1 in the file would fail (a privileged port, or one in use); the environment's wins.
    const server = start([], cwd, { PORT: '0' });
    const base = await server.ready();
    expect(server.output()).toContain(
      `Settings from ${join(cwd, '.env')}: BOARD_TOKENS, BOARD_WORKBOOK (the environment's PORT won)`,
    );
    expect(server.output()).not.toContain(OFFICER);
    const answer = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PARTNER}` },
      body: JSON.stringify({ query: '{ board { name } }' }),
    });
    expect(await answer.json()).toEqual({
      data: { board: { name: 'Commissioning Co-Production Board (demo)' } },
      // When the snapshot was read (DESIGN §9), as an ISO time.
      extensions: { asOf: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('hands the server its session settings and REFRESH tokens', async () => {
    const refresh = 'refresh-token-for-config-tests-01';
    const cwd = await workingDirectory('sessions-start', {
      '.env': [
        'BOARD_WORKBOOK=board.xlsx',
        `BOARD_TOKENS=${OFFICER}:OFFICER,${PARTNER}:PARTNER,${refresh}:REFRESH`,
        'BOARD_SESSION_HOURS=2',
        'BOARD_SECURE_COOKIES=always',
      ].join('\n'),
    });
    await copyFile(DEMO_WORKBOOK_PATH, join(cwd, 'board.xlsx'));
    const server = start([], cwd, { PORT: '0' });
    const base = await server.ready();
    // Plain HTTP here, yet the cookie is Secure (`always`) and lasts two hours.
    const signIn = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: PARTNER, next: '/' }).toString(),
      redirect: 'manual',
    });
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-board-session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/Max-Age=7200/);
    const hint = await fetch(`${base}/hooks/sheet-changed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${refresh}` },
      body: JSON.stringify({ source: 'onBoardChange' }),
    });
    expect(hint.status).toBe(202);
    expect(await hint.json()).toEqual({ accepted: true });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('gives npm run check the same .env, so it checks the board the server would serve', async () => {
    const cwd = await workingDirectory('env-check', {
      '.env': 'BOARD_WORKBOOK=their-board.xlsx\n',
    });
    await copyFile(DEMO_WORKBOOK_PATH, join(cwd, 'their-board.xlsx'));
    const check = startServerProcess(
      ['--import', TSX_LOADER, join(ENTRY, '..', 'cli', 'check.ts'), '--today', '2026-11-22'],
      { cwd, env: cleanEnv({}) },
    );
    // Exit 1: the demo board's deliberate errors, found in the copy .env named.
    expect(await check.exited).toBe(1);
    expect(check.output()).toContain('their-board.xlsx');
    expect(check.output()).toContain('Actions!F58');
  }, 60_000);

  it('says in one sentence that the port is in use, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const server = start([], await workingDirectory('port-in-use'), {
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      expect(await server.exited).toBe(1);
      expect(server.output().trim()).toBe(
        `The server cannot start: port ${port} on 127.0.0.1 is already in use (another server, ` +
          'or an earlier run still going); stop that one, or set PORT to a free port.',
      );
    } finally {
      taken.close();
    }
  }, 60_000);

  it('says in one sentence that HOST is not an address of this machine, and exits 1', async () => {
    // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
    const server = start([], await workingDirectory('bad-host'), { HOST: '192.0.2.1' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(
      /^The server cannot start: HOST 192\.0\.2\.1 is not an address of this machine; [^\n]+$/,
    );
  }, 60_000);
});

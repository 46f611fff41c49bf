/**
 * Server configuration from the environment (names fixed by DESIGN §6). Every mistake is
 * reported in words an officer setting the server up can act on.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { ROLES } from './auth';
import type { TokenRole } from './graphql/context';

export type SourceConfig =
  | { readonly kind: 'workbook'; readonly path: string | null }
  | {
      readonly kind: 'google';
      readonly spreadsheetId: string;
      readonly accessToken?: string;
      readonly rootUrl?: string;
    };

export interface ServerConfig {
  readonly source: SourceConfig;
  /** True on the bundled demo board: GraphiQL and introspection for everyone, demo tokens. */
  readonly demo: boolean;
  readonly refreshSeconds: number;
  /** The least time between two reads asked for by refresh hints (DESIGN §9). */
  readonly refreshHintSeconds: number;
  readonly tokens: readonly (readonly [string, TokenRole])[];
  /** Tokens made up at start-up because none were configured (printed once, for local use). */
  readonly generatedTokens: boolean;
  readonly port: number;
  readonly host: string;
  /** Web origins allowed to call the API from a browser (`BOARD_CORS_ORIGINS`); none by default. */
  readonly corsOrigins: readonly string[];
  /** A token that may read `GET /metrics` and nothing else (`METRICS_TOKEN`); null if unset. */
  readonly metricsToken: string | null;
  /** The portal's sessions (`BOARD_SESSION_HOURS`, `BOARD_SECURE_COOKIES`; DESIGN §8). */
  readonly sessions: SessionSettings;
  /** Things worth saying that do not stop the server (a setting's name misspelt, say). */
  readonly warnings: readonly string[];
}

export interface SessionSettings {
  /** How long a portal session lasts from sign-in. */
  readonly lifetimeSeconds: number;
  /** 'auto': Secure cookies over HTTPS (or X-Forwarded-Proto https); 'always': on every request. */
  readonly secureCookies: 'auto' | 'always';
}

/** A working day and the evening after it; a lost laptop's session ends by the next day. */
const DEFAULT_SESSION_HOURS = 24;
/** A month: any longer, a partner who has left keeps reading the board. */
const MAX_SESSION_HOURS = 24 * 31;

/**
 * What is wrong with the configuration: every problem found, not only the first, so that an
 * officer setting the server up fixes them all in one go. `message` has one problem a line.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  /** What is worth saying beside them (a misspelt name may be why a setting is missing). */
  readonly notes: readonly string[];

  constructor(problems: string | readonly string[], notes: readonly string[] = []) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(list.join('\n'));
    this.problems = list;
    this.notes = notes;
  }
}

/** The environment, or the part of it a caller passes on. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Every setting the server reads (DESIGN §6, plus `BOARD_CORS_ORIGINS`, `METRICS_TOKEN`,
 * `BOARD_SESSION_HOURS` and `BOARD_SECURE_COOKIES`),
 * once: `npm start -- --help` prints this table, and a `BOARD_…` name not in it is reported as
 * probably misspelt.
 */
export const SETTINGS: readonly { readonly name: string; readonly meaning: string }[] = [
  {
    name: 'BOARD_SPREADSHEET_ID',
    meaning: 'serve this Google spreadsheet (its ID, or its whole address)',
  },
  {
    name: 'BOARD_WORKBOOK',
    meaning: 'serve a local .xlsx board workbook; default: the demo board',
  },
  {
    name: 'GOOGLE_APPLICATION_CREDENTIALS',
    meaning: 'a service account key file (unset on Cloud Run: its own account is used)',
  },
  { name: 'SHEETS_ACCESS_TOKEN', meaning: 'a ready OAuth access token, instead of a key' },
  {
    name: 'SHEETS_API_ROOT_URL',
    meaning: "the Sheets API's base address (tests point it at a fake)",
  },
  {
    name: 'BOARD_REFRESH_SECONDS',
    meaning: 'seconds a snapshot serves before the sheet is read again (30)',
  },
  {
    name: 'BOARD_REFRESH_HINT_SECONDS',
    meaning: 'least seconds between two reads asked for by refresh hints (2)',
  },
  {
    name: 'BOARD_TOKENS',
    meaning: `token:ROLE pairs, comma-separated (roles ${ROLES.join(', ')})`,
  },
  { name: 'BOARD_TOKENS_FILE', meaning: 'a file of token:ROLE pairs, one a line (# comments)' },
  { name: 'BOARD_CORS_ORIGINS', meaning: 'web origins allowed to call the API from a browser' },
  { name: 'METRICS_TOKEN', meaning: 'a token for GET /metrics only (officer tokens work too)' },
  { name: 'BOARD_SESSION_HOURS', meaning: 'hours a portal sign-in lasts (24; at most 744)' },
  {
    name: 'BOARD_SECURE_COOKIES',
    meaning: 'auto (Secure cookies over HTTPS; default) or always (behind a proxy that hides it)',
  },
  { name: 'PORT', meaning: 'port to listen on (4000; 0 picks a free one)' },
  { name: 'HOST', meaning: 'address to listen on (127.0.0.1; 0.0.0.0 in a container)' },
];

const KNOWN_NAMES = new Set(SETTINGS.map((setting) => setting.name));

/** Where the board is read from: BOARD_SPREADSHEET_ID, BOARD_WORKBOOK, or the demo board. */
export function readSourceConfig(env: Env): SourceConfig {
  const spreadsheetId = env.BOARD_SPREADSHEET_ID?.trim();
  const workbook = env.BOARD_WORKBOOK?.trim();
  if (spreadsheetId && workbook) {
    throw new ConfigError('Set BOARD_SPREADSHEET_ID or BOARD_WORKBOOK, not both.');
  }
  return spreadsheetId
    ? {
        kind: 'google',
        spreadsheetId,
        ...(env.SHEETS_ACCESS_TOKEN ? { accessToken: env.SHEETS_ACCESS_TOKEN.trim() } : {}),
        ...(env.SHEETS_API_ROOT_URL ? { rootUrl: env.SHEETS_API_ROOT_URL.trim() } : {}),
      }
    : { kind: 'workbook', path: workbook || null };
}

export interface ReadConfigOptions {
  /**
   * Also check that the files named exist and can be read (`BOARD_WORKBOOK`,
   * `GOOGLE_APPLICATION_CREDENTIALS`): what `npm start` wants before it listens. Off by
   * default, so that a configuration can be read (and tested) without the files.
   */
  readonly checkFiles?: boolean;
}

/**
 * The server's configuration, or a ConfigError listing every problem (each setting is read
 * even after another has failed, so the list is complete).
 */
export function readConfig(env: Env, options: ReadConfigOptions = {}): ServerConfig {
  const problems: string[] = [];
  /** The setting's value, or `fallback` with its problems noted. */
  const take = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return fallback;
    }
  };

  const source = take<SourceConfig>(() => readSourceConfig(env), { kind: 'workbook', path: null });
  const configured = configuredTokens(env);
  problems.push(...configured.problems);
  let tokens = configured.pairs;
  const generatedTokens = !configured.given;
  const demo = source.kind === 'workbook' && source.path === null;
  if (generatedTokens) {
    // Only the demo board (fictional people) gets tokens made up and printed: a real board's
    // workbook holds members' emails and phones, and a printed officer token lands in logs.
    if (!demo) {
      const board =
        source.kind === 'google'
          ? 'a real board from Google Sheets'
          : `the workbook ${source.path}`;
      problems.push(
        `No access tokens are configured, and this server would serve ${board}. ` +
          'Set BOARD_TOKENS (token:OFFICER,token:PARTNER) or BOARD_TOKENS_FILE (one token:ROLE a line), with long random tokens.',
      );
    }
    // The demo board: make up one token per role and print them at start-up.
    tokens = (['OFFICER', 'PARTNER'] as const).map((role) => [
      `${role.toLowerCase()}-${randomBytes(18).toString('base64url')}`,
      role,
    ]);
  }

  const config: ServerConfig = {
    source,
    demo,
    refreshSeconds: take(() => positiveNumber(env, 'BOARD_REFRESH_SECONDS', 30), 30),
    refreshHintSeconds: take(() => positiveNumber(env, 'BOARD_REFRESH_HINT_SECONDS', 2), 2),
    tokens,
    generatedTokens,
    port: take(() => port(env.PORT), 4000),
    host: take(() => host(env.HOST), '127.0.0.1'),
    corsOrigins: take(() => corsOrigins(env.BOARD_CORS_ORIGINS), []),
    metricsToken: take(() => metricsToken(env.METRICS_TOKEN, configured.pairs), null),
    sessions: {
      lifetimeSeconds:
        take(() => sessionHours(env.BOARD_SESSION_HOURS), DEFAULT_SESSION_HOURS) * 3600,
      secureCookies: take(() => secureCookies(env.BOARD_SECURE_COOKIES), 'auto'),
    },
    warnings: unknownSettings(env),
  };
  if (env.BOARDS_FILE?.trim()) {
    // Named in the deployment guide as a possible extension; refusing it is kinder than
    // serving one board while the officer believes several are served.
    problems.push(
      'BOARDS_FILE is not supported: this server serves one board. Run one server per board ' +
        '(docs/deployment.md, "Many boards").',
    );
  }
  if (options.checkFiles) problems.push(...fileProblems(env, source));
  if (problems.length > 0) throw new ConfigError(problems, config.warnings);
  return config;
}

/**
 * `BOARD_CORS_ORIGINS`: web origins (`https://intranet.example.org`), comma-separated. Each must
 * be an origin and nothing more, because browsers compare it with theirs character for
 * character: a path, a trailing slash or a `*` would silently allow nothing or too much.
 */
export function corsOrigins(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const problems: string[] = [];
  const origins = entries.flatMap((entry) => {
    let origin: string | null = null;
    try {
      const url = new URL(entry);
      if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin;
    } catch {
      // reported below
    }
    if (origin !== entry) {
      problems.push(
        `BOARD_CORS_ORIGINS: "${entry}" is not a web origin; write each as scheme, host and port ` +
          'only, such as https://intranet.example.org or http://localhost:8080, separated by commas.',
      );
      return [];
    }
    return [origin];
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return origins;
}

/**
 * Reads `token:ROLE` pairs, separated by commas or new lines (BOARD_TOKENS, or the lines of
 * BOARD_TOKENS_FILE; blank lines and `#` comments are skipped). Throws with every malformed
 * pair's number, never the token.
 */
export function parseTokenPairs(text: string, origin: string): [string, TokenRole][] {
  const { pairs, problems } = readTokenPairs(text, origin);
  if (problems.length > 0) throw new ConfigError(problems);
  return pairs;
}

/** The well-formed pairs, and a problem for each of the others. */
function readTokenPairs(
  text: string,
  origin: string,
): { pairs: [string, TokenRole][]; problems: string[] } {
  const entries = text
    .split(/[,\n\r]+/)
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '' && !pair.startsWith('#'));
  const problems: string[] = [];
  const pairs = entries.flatMap((pair, index): [string, TokenRole][] => {
    const separator = pair.lastIndexOf(':');
    const token = pair.slice(0, separator).trim();
    const role = pair
      .slice(separator + 1)
      .trim()
      .toUpperCase();
    if (separator <= 0 || !ROLES.includes(role as TokenRole)) {
      problems.push(
        `${origin}: entry ${index + 1} should be ${wordList(ROLES.map((name) => `token:${name}`))}.`,
      );
      return [];
    }
    if (token.length < MIN_TOKEN_LENGTH) {
      problems.push(
        `${origin}: the token of entry ${index + 1} is shorter than ${MIN_TOKEN_LENGTH} characters; use a long random token.`,
      );
      return [];
    }
    return [[token, role as TokenRole]];
  });
  return { pairs, problems };
}

const MIN_TOKEN_LENGTH = 16;

/** `a, b or c`. */
function wordList(words: readonly string[]): string {
  return words.length <= 1
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

interface ConfiguredTokens {
  readonly pairs: [string, TokenRole][];
  /** Whether BOARD_TOKENS or BOARD_TOKENS_FILE was set at all (even if wrongly). */
  readonly given: boolean;
  readonly problems: string[];
}

function configuredTokens(env: Env): ConfiguredTokens {
  const pairs: [string, TokenRole][] = [];
  const problems: string[] = [];
  const read = (text: string, origin: string) => {
    const found = readTokenPairs(text, origin);
    pairs.push(...found.pairs);
    problems.push(...found.problems);
  };
  const inline = env.BOARD_TOKENS?.trim();
  if (inline) read(inline, 'BOARD_TOKENS');
  const file = env.BOARD_TOKENS_FILE?.trim();
  if (file) {
    let text: string | null = null;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      problems.push(`BOARD_TOKENS_FILE: cannot read ${file}.`);
    }
    if (text !== null) read(text, 'BOARD_TOKENS_FILE');
  }
  return { pairs, given: Boolean(inline || file), problems };
}

function positiveNumber(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${name} should be a number of seconds above 0, not "${raw}".`);
  }
  return value;
}

/** `BOARD_SESSION_HOURS`: how long a portal sign-in lasts, in hours (fractions allowed). */
function sessionHours(raw: string | undefined): number {
  const given = raw?.trim();
  if (!given) return DEFAULT_SESSION_HOURS;
  const hours = Number(given);
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_SESSION_HOURS) {
    throw new ConfigError(
      `BOARD_SESSION_HOURS should be a number of hours above 0 and at most ${MAX_SESSION_HOURS} (a month), such as 8 or 24, not "${given}".`,
    );
  }
  return hours;
}

/**
 * `BOARD_SECURE_COOKIES`: `auto` marks the portal's cookie Secure when the request came over
 * HTTPS (its own address, or `X-Forwarded-Proto: https` from a proxy); `always` marks it so on
 * every request, for a proxy that ends HTTPS without saying so.
 */
function secureCookies(raw: string | undefined): 'auto' | 'always' {
  const given = raw?.trim().toLowerCase();
  if (!given || given === 'auto') return 'auto';
  if (given === 'always') return 'always';
  throw new ConfigError(
    `BOARD_SECURE_COOKIES should be auto (Secure cookies over HTTPS, the default) or always (behind a proxy that ends HTTPS without sending X-Forwarded-Proto), not "${raw?.trim()}".`,
  );
}

function port(raw: string | undefined): number {
  if (!raw?.trim()) return 4000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new ConfigError(`PORT should be a port number (0-65535), not "${raw}".`);
  }
  return value;
}

/** A host name: labels of letters, digits and inner hyphens, separated by dots. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * `HOST`: an IP address or a host name. Only its form is judged here; whether it is an address
 * of this machine is for listening to find out (index.ts words that failure).
 */
function host(raw: string | undefined): string {
  const given = raw?.trim();
  if (!given) return '127.0.0.1';
  // `[::1]` is how an IPv6 address is written in a URL; listening wants it bare.
  const bare = /^\[(.*)\]$/.exec(given)?.[1] ?? given;
  if (isIP(bare) !== 0 || HOST_NAME.test(bare)) return bare;
  throw new ConfigError(
    `HOST should be an address of this machine (127.0.0.1 for this machine only, 0.0.0.0 for ` +
      `every network, as in a container) or a host name, not "${given}".`,
  );
}

function metricsToken(
  raw: string | undefined,
  boardTokens: readonly [string, TokenRole][],
): string | null {
  const token = raw?.trim();
  if (!token) return null;
  const problems: string[] = [];
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    problems.push(
      `METRICS_TOKEN should be one long random token (at least ${MIN_TOKEN_LENGTH} characters, no spaces).`,
    );
  }
  if (boardTokens.some(([board]) => board === token)) {
    // A partner holding it could then read the metrics, and the log could not tell them apart.
    problems.push(
      'METRICS_TOKEN is also one of the board tokens; give the metrics a token of its own.',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return token;
}

/** A `BOARD_…` or `BOARDS_…` variable the server does not read is most likely misspelt. */
function unknownSettings(env: Env): string[] {
  return Object.keys(env)
    .filter((name) => /^BOARDS?_/.test(name) && name !== 'BOARDS_FILE' && !KNOWN_NAMES.has(name))
    .sort()
    .map((name) => {
      const near = closestSetting(name);
      return `${name} is not a setting of this server${near ? ` (did you mean ${near}?)` : ''}; it is ignored.`;
    });
}

function closestSetting(name: string): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const known of KNOWN_NAMES) {
    const distance = editDistance(name, known);
    if (distance <= 3 && (best === null || distance < best.distance))
      best = { name: known, distance };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The files the configuration names, checked before the server listens (see ReadConfigOptions). */
function fileProblems(env: Env, source: SourceConfig): string[] {
  const problems: string[] = [];
  if (source.kind === 'workbook' && source.path !== null && !isReadableFile(source.path)) {
    problems.push(
      `BOARD_WORKBOOK: there is no readable file at ${source.path} (relative paths start from ${process.cwd()}).`,
    );
  }
  const key = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (source.kind === 'google' && !source.accessToken && key && !isReadableFile(key)) {
    problems.push(
      `GOOGLE_APPLICATION_CREDENTIALS: there is no readable key file at ${key}; download the ` +
        "service account's JSON key there, or leave it unset where the host provides the account.",
    );
  }
  return problems;
}

function isReadableFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

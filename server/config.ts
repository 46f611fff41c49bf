/**
 * Server configuration from the environment (names fixed by DESIGN §6). Every mistake is
 * reported in words an officer setting the server up can act on.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ROLES } from './auth';
import type { Role } from './graphql/context';

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
  readonly tokens: readonly (readonly [string, Role])[];
  /** Tokens made up at start-up because none were configured (printed once, for local use). */
  readonly generatedTokens: boolean;
  readonly port: number;
  readonly host: string;
  /** Web origins allowed to call the API from a browser (`BOARD_CORS_ORIGINS`); none by default. */
  readonly corsOrigins: readonly string[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The environment, or the part of it a caller passes on. */
export type Env = Readonly<Record<string, string | undefined>>;

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

export function readConfig(env: Env): ServerConfig {
  const source = readSourceConfig(env);
  let tokens = configuredTokens(env);
  const generatedTokens = tokens.length === 0;
  const demo = source.kind === 'workbook' && source.path === null;
  if (generatedTokens) {
    // Only the demo board (fictional people) gets tokens made up and printed: a real board's
    // workbook holds members' emails and phones, and a printed officer token lands in logs.
    if (!demo) {
      const board =
        source.kind === 'google'
          ? 'a real board from Google Sheets'
          : `the workbook ${source.path}`;
      throw new ConfigError(
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

  return {
    source,
    demo,
    refreshSeconds: positiveNumber(env, 'BOARD_REFRESH_SECONDS', 30),
    tokens,
    generatedTokens,
    port: port(env.PORT),
    host: env.HOST?.trim() || '127.0.0.1',
    corsOrigins: corsOrigins(env.BOARD_CORS_ORIGINS),
  };
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
  return entries.map((entry) => {
    let origin: string | null = null;
    try {
      const url = new URL(entry);
      if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin;
    } catch {
      // reported below
    }
    if (origin !== entry) {
      throw new ConfigError(
        `BOARD_CORS_ORIGINS: "${entry}" is not a web origin; write each as scheme, host and port ` +
          'only, such as https://intranet.example.org or http://localhost:8080, separated by commas.',
      );
    }
    return origin;
  });
}

/**
 * Reads `token:ROLE` pairs, separated by commas or new lines (BOARD_TOKENS, or the lines of
 * BOARD_TOKENS_FILE; blank lines and `#` comments are skipped). Throws with the pair's number,
 * never the token, when a pair is malformed.
 */
export function parseTokenPairs(text: string, origin: string): [string, Role][] {
  const pairs = text
    .split(/[,\n\r]+/)
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '' && !pair.startsWith('#'));
  return pairs.map((pair, index) => {
    const separator = pair.lastIndexOf(':');
    const token = pair.slice(0, separator).trim();
    const role = pair
      .slice(separator + 1)
      .trim()
      .toUpperCase();
    if (separator <= 0 || !ROLES.includes(role as Role)) {
      throw new ConfigError(
        `${origin}: entry ${index + 1} should be token:OFFICER or token:PARTNER.`,
      );
    }
    if (token.length < 16) {
      throw new ConfigError(
        `${origin}: the token of entry ${index + 1} is shorter than 16 characters; use a long random token.`,
      );
    }
    return [token, role as Role];
  });
}

function configuredTokens(env: Env): [string, Role][] {
  const pairs: [string, Role][] = [];
  if (env.BOARD_TOKENS?.trim()) pairs.push(...parseTokenPairs(env.BOARD_TOKENS, 'BOARD_TOKENS'));
  const file = env.BOARD_TOKENS_FILE?.trim();
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(`BOARD_TOKENS_FILE: cannot read ${file}.`);
    }
    pairs.push(...parseTokenPairs(text, 'BOARD_TOKENS_FILE'));
  }
  return pairs;
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

function port(raw: string | undefined): number {
  if (!raw?.trim()) return 4000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new ConfigError(`PORT should be a port number (0-65535), not "${raw}".`);
  }
  return value;
}

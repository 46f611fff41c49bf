/**
 * The `.env` file in the working directory (DESIGN §6), read at start by `npm start` and the
 * officer commands, so that a council's settings can live in one file beside the server instead
 * of a long command line. Variables already set in the environment win, whatever the file says:
 * a container host or a shell that sets one means it for this run.
 *
 * Values are read by Node's own parser (`util.parseEnv`, the one behind `node --env-file`), so a
 * file means here what it means to Node and to the tools that share its syntax. That parser
 * skips lines it cannot read without a word, which would leave an officer wondering why a
 * setting had no effect, so each such line is named here (by number, never by content: the line
 * may hold a token).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export const ENV_FILE_NAME = '.env';

export interface EnvFileResult {
  /** The file read, or null when there is none (which is not a problem). */
  readonly path: string | null;
  /** Names taken from the file (never values). */
  readonly applied: readonly string[];
  /** Names the file sets that the environment had already set, so the environment's won. */
  readonly overridden: readonly string[];
  /** One sentence per problem, each naming the file and the line. */
  readonly problems: readonly string[];
}

/**
 * Reads `.env` from `directory` into `env` (variables already present, even empty, stay as
 * they are). A missing file is normal; an unreadable one, or a line that is not
 * `NAME=value`, is a problem to report with the other settings' problems.
 */
export function loadEnvFile(
  env: Record<string, string | undefined>,
  directory: string = process.cwd(),
): EnvFileResult {
  const path = join(directory, ENV_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path: null, applied: [], overridden: [], problems: [] };
    return {
      path,
      applied: [],
      overridden: [],
      problems: [`${ENV_FILE_NAME}: cannot read ${path} (${code ?? String(error)}).`],
    };
  }
  const problems = unreadableLines(text).map(
    (line) =>
      `${ENV_FILE_NAME} line ${line}: not a setting; write NAME=value (a # starts a comment; ` +
      'quote a value that holds spaces or #).',
  );
  const applied: string[] = [];
  const overridden: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value === undefined) continue;
    if (env[name] !== undefined) {
      overridden.push(name);
    } else {
      env[name] = value;
      applied.push(name);
    }
  }
  // parseEnv's order is not the file's: sorted, the start-up line reads the same every time.
  return { path, applied: applied.sort(), overridden: overridden.sort(), problems };
}

const SETTING = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/;

/**
 * The numbers of the lines Node's parser would skip: neither blank, a comment, nor
 * `NAME=value`. A quoted value may run over several lines; those lines are part of it.
 */
export function unreadableLines(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const unreadable: number[] = [];
  /** The quote of a value still open from an earlier line. */
  let open: string | null = null;
  lines.forEach((line, index) => {
    if (open !== null) {
      if (line.includes(open)) open = null;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const setting = SETTING.exec(line);
    if (!setting) {
      unreadable.push(index + 1);
      return;
    }
    const value = (setting[1] ?? '').trimStart();
    const quote = value[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      if (!value.slice(1).includes(quote)) open = quote;
    }
  });
  return unreadable;
}

/**
 * `npm run pack -- <meetingId> <audience> [--text] [--easy-read] [--out FILE]`: writes a
 * circulation pack (R13) to a file (by default in `packs/`, which git ignores), from the board
 * the server would serve (BOARD_WORKBOOK, BOARD_SPREADSHEET_ID, or the demo board). Prints
 * where it went and its SHA-256.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { enumValueName } from '../../schema/graphql/enums';
import { AUDIENCES } from '../../schema/layout';
import { buildCirculationPack } from '../../schema/packs';
import { PackError } from '../../schema/packs/types';
import { buildSnapshot } from '../../schema/snapshot';
import { ConfigError } from '../config';
import { loadEnvFile } from '../env-file';
import { audienceFromName } from '../packs/route';
import { configuredSource } from '../sources/from-config';

const USAGE = `Usage: npm run pack -- <meeting ID> <audience> [--text] [--easy-read] [--out FILE]
  audience: ${AUDIENCES.map(enumValueName).join(', ')}`;
const HELP = `${USAGE}

Writes the circulation pack (R13) of one held meeting for one audience, from the board the
server would serve (BOARD_SPREADSHEET_ID, else BOARD_WORKBOOK, else the demo board; set in
the environment or in .env, as for npm start).

  --text        plain text (for an email body) instead of HTML
  --easy-read   the easy-read version
  --out FILE    where to write it (default: packs/<meeting>-<AUDIENCE>.html, git ignores packs/)
  --help        this text

Exit status: 0 written, 1 the pack cannot be made (the reason is printed), 2 wrong arguments.`;

/** Where packs go unless --out says otherwise: a folder of the working copy that git ignores. */
export const PACKS_FOLDER = 'packs';

async function main(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  const [meetingId, audienceName] = parsed.positionals;
  const audience = audienceName ? audienceFromName(audienceName) : null;
  if (!meetingId || !audience || parsed.positionals.length > 2) {
    console.error(
      audienceName && !audience ? `"${audienceName}" is not an audience.\n${USAGE}` : USAGE,
    );
    return 2;
  }
  const format = parsed.values.text ? 'TEXT' : 'HTML';
  const easyRead = parsed.values['easy-read'] ?? false;
  // The same .env as the server's, so that the pack comes from the board the server serves.
  const envFile = loadEnvFile(process.env);
  if (envFile.problems.length > 0) {
    console.error(envFile.problems.join('\n'));
    return 1;
  }
  try {
    const snapshot = buildSnapshot(await configuredSource(process.env).source.readGrids());
    const pack = buildCirculationPack(snapshot, { meetingId, audience, format, easyRead });
    const out =
      parsed.values.out ??
      join(
        PACKS_FOLDER,
        `${meetingId}-${enumValueName(audience)}${easyRead ? '-easy-read' : ''}.${format === 'HTML' ? 'html' : 'txt'}`,
      );
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, pack.content);
    console.log(
      `Wrote ${out} (${Buffer.byteLength(pack.content).toLocaleString('en-GB')} bytes)\nSHA-256 ${pack.sha256}`,
    );
    return 0;
  } catch (error) {
    const known =
      error instanceof PackError ||
      error instanceof ConfigError ||
      (error instanceof Error && error.name === 'SourceError');
    console.error(known ? (error as Error).message : error);
    return 1;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      text: { type: 'boolean' },
      'easy-read': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));

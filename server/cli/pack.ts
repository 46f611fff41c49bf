/**
 * `npm run pack -- <meetingId> <audience> [--text] [--easy-read] [--out FILE]`: writes a
 * circulation pack (R13) to a file, from the board the server would serve (BOARD_WORKBOOK,
 * BOARD_SPREADSHEET_ID, or the demo board). Prints where it went and its SHA-256.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { enumValueName } from '../../schema/graphql/enums';
import { AUDIENCES } from '../../schema/layout';
import { buildCirculationPack } from '../../schema/packs';
import { PackError } from '../../schema/packs/types';
import { buildSnapshot } from '../../schema/snapshot';
import { ConfigError, readSourceConfig } from '../config';
import { audienceFromName } from '../packs/route';
import { sourceFromConfig } from '../sources/from-config';

const USAGE = `Usage: npm run pack -- <meeting ID> <audience> [--text] [--easy-read] [--out FILE]
  audience: ${AUDIENCES.map(enumValueName).join(', ')}`;

async function main(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
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
  try {
    const snapshot = buildSnapshot(
      await sourceFromConfig(readSourceConfig(process.env)).readGrids(),
    );
    const pack = buildCirculationPack(snapshot, { meetingId, audience, format, easyRead });
    const out =
      parsed.values.out ??
      `${meetingId}-${enumValueName(audience)}${easyRead ? '-easy-read' : ''}.${format === 'HTML' ? 'html' : 'txt'}`;
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
    },
  });
}

process.exitCode = await main(process.argv.slice(2));

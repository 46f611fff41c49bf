/**
 * `GET /packs/<meetingId>/<AUDIENCE>.html|.txt` (add `?easyRead=true` for easy read): a
 * circulation pack as a file, behind the same bearer token as the API. Co-chairs open it in a
 * browser or attach it to an email; the `X-Pack-SHA256` header is the hash the Circulation tab
 * records.
 */
import { enumKey } from '../../schema/cells';
import { enumValueName } from '../../schema/graphql/enums';
import { AUDIENCES } from '../../schema/layout';
import { buildCirculationPack } from '../../schema/packs';
import { type PackAudience, PackError, type PackErrorCode } from '../../schema/packs/types';
import type { BoardSnapshot } from '../../schema/snapshot';

const PACK_PATH = /^\/packs\/([^/]+)\/([^/.]+)\.(html|txt)$/;

const STATUS: Readonly<Record<PackErrorCode, number>> = {
  UNKNOWN_MEETING: 404,
  MEETING_NOT_HELD: 409,
  DMT_NOT_REQUESTED: 409,
  BOARD_DATA_UNUSABLE: 503,
};

/** True for the paths this route answers. */
export function isPackPath(pathname: string): boolean {
  return pathname.startsWith('/packs/');
}

/** Reads "BOROUGH_PARTNERSHIP" (or "Borough Partnership", "borough-partnership") as an audience. */
export function audienceFromName(name: string): PackAudience | null {
  return AUDIENCES.find((audience) => enumKey(audience) === enumKey(name)) ?? null;
}

export function packResponse(url: URL, snapshot: BoardSnapshot): Response {
  const match = PACK_PATH.exec(url.pathname);
  const meetingId = decoded(match?.[1]);
  const audienceName = decoded(match?.[2]);
  if (match && (meetingId === null || audienceName === null)) {
    return plain(400, `The address ${url.pathname} is not valid (a broken %-escape).`);
  }
  const audience = audienceName ? audienceFromName(audienceName) : null;
  if (!match || !audience) {
    return plain(
      404,
      `There is no pack at ${url.pathname}. Ask for /packs/<meeting ID>/<audience>.html or .txt, ` +
        `where the audience is ${AUDIENCES.map(enumValueName).join(', ')}.`,
    );
  }
  const format = match[3] === 'txt' ? 'TEXT' : 'HTML';
  const easyRead = ['true', '1', 'yes'].includes(
    (url.searchParams.get('easyRead') ?? '').toLowerCase(),
  );
  try {
    const pack = buildCirculationPack(snapshot, {
      meetingId: meetingId ?? '',
      audience,
      format,
      easyRead,
    });
    const name = `${meetingId}-${enumValueName(audience)}${easyRead ? '-easy-read' : ''}.${match[3]}`;
    return new Response(pack.content, {
      status: 200,
      headers: {
        'content-type': `${format === 'HTML' ? 'text/html' : 'text/plain'}; charset=utf-8`,
        'content-disposition': `inline; filename="${name.replace(/[^\w.-]/g, '_')}"`,
        'x-pack-sha256': pack.sha256,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        // A pack is self-contained: its own styles and nothing else, and no script at all. Packs
        // open with the portal's session cookie too (DESIGN §8), so a cell that got past the
        // escaping could not read another page and send it anywhere.
        ...(format === 'HTML'
          ? {
              'content-security-policy':
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            }
          : {}),
      },
    });
  } catch (error) {
    if (error instanceof PackError) return plain(STATUS[error.code], error.message);
    throw error;
  }
}

/** A path segment decoded, or null when its %-escapes are broken (`%E0%A4%A`). */
function decoded(segment: string | undefined): string | null {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return null;
  }
}

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

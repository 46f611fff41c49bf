/**
 * `POST /hooks/sheet-changed`: a refresh hint (DESIGN §9). The sheet's `onBoardChange` trigger
 * posts one after edits, with a `REFRESH` token; the server answers 202 at once and asks the
 * snapshot cache to read the board again, which coalesces hints and spaces the reads they
 * start (snapshot-cache.ts), so however many arrive they cost one or two reads.
 *
 * Who may post: a REFRESH token, made for this and nothing else, and officers (to try it by
 * hand with curl). Partners may not: a hint costs a read of the sheet, whose quota is the
 * council's. The body is ignored beyond its size and form (the trigger sends
 * `{"source":"onBoardChange"}`): empty or a small JSON value.
 *
 * It also keeps REFRESH tokens to the hook: whatever else one asks for (the API, pages, packs)
 * is refused with 403 here, right after authentication, before anything reads the board. (The
 * routes answered before authentication refuse it themselves: metrics want an officer, the
 * portal's sign-in and the GraphiQL page want a role that reads the board; health is open.)
 */
import type { Plugin } from 'graphql-yoga';
import type { SnapshotCache } from '../snapshot-cache';
import type { RequestState, RequestStates } from './request-state';
import { limitedText } from './session';

export const REFRESH_HOOK_PATH = '/hooks/sheet-changed';
/** The trigger's body is 26 bytes; a kilobyte leaves room for a note and refuses anything else. */
export const MAX_HINT_BODY_BYTES = 1024;

export interface RefreshHintsOptions {
  /** Caches without `hint` (tests' stand-ins) answer the hook with 503. */
  readonly cache: Partial<Pick<SnapshotCache, 'hint'>>;
  readonly states: RequestStates;
}

/** Put it right after authentication (it needs the role, and must end REFRESH requests first). */
export function useRefreshHints({ cache, states }: RefreshHintsOptions): Plugin {
  return {
    // Not async: every request for another path passes on at once, without a promise.
    onRequest({ request, url, endResponse }) {
      const role = states(request).role;
      if (url.pathname !== REFRESH_HOOK_PATH) {
        if (role === 'REFRESH') {
          endResponse(
            problem(
              403,
              `This token may only post refresh hints (POST ${REFRESH_HOOK_PATH}); use an officer or partner token to read the board.`,
            ),
          );
        }
        return;
      }
      return hint(request, role, endResponse);
    },
  };

  async function hint(
    request: Request,
    role: RequestState['role'],
    endResponse: (response: Response) => void,
  ): Promise<void> {
    if (request.method !== 'POST') {
      endResponse(
        problem(405, `Send refresh hints with POST ${REFRESH_HOOK_PATH}.`, { allow: 'POST' }),
      );
      return;
    }
    if (role !== 'REFRESH' && role !== 'OFFICER') {
      endResponse(
        problem(
          403,
          "Refresh hints come from the board's spreadsheet (its REFRESH token) or an officer.",
        ),
      );
      return;
    }
    const body = await limitedText(request, MAX_HINT_BODY_BYTES).catch(() => null);
    if (body === null) {
      endResponse(
        problem(413, `A refresh hint's body is empty or at most ${MAX_HINT_BODY_BYTES} bytes.`),
      );
      return;
    }
    if (body.trim() !== '' && !isJson(body)) {
      endResponse(problem(400, 'A refresh hint has an empty body or a small JSON one.'));
      return;
    }
    if (!cache.hint) {
      endResponse(problem(503, 'This server takes no refresh hints.'));
      return;
    }
    // The cache decides whether and when to read; the sender needs to know nothing more.
    cache.hint();
    endResponse(
      Response.json({ accepted: true }, { status: 202, headers: { 'cache-control': 'no-store' } }),
    );
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  403: 'FORBIDDEN',
  405: 'METHOD_NOT_ALLOWED',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  503: 'REFRESH_HINTS_UNAVAILABLE',
};

/** A refusal in the API's own shape, so a client reads every error the same way. */
function problem(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json(
    { errors: [{ message, extensions: { code: CODES[status] ?? 'BAD_REQUEST' } }] },
    { status, headers: { 'cache-control': 'no-store', ...headers } },
  );
}

/**
 * Live updates (DESIGN §7, §9): the sheet's change trigger tells the board's server to read the
 * sheet again. Pure: the address it posts to, whether the configured address can be used, and
 * when to post, so that a burst of edits costs the server one or two reads and no edit is left
 * without a hint. No `URL` here: Apps Script has none.
 */

/** The Script Properties the officer sets (Apps Script editor > Project Settings). */
export const SERVER_URL_PROPERTY = 'BOARD_SERVER_URL';
export const REFRESH_TOKEN_PROPERTY = 'BOARD_REFRESH_TOKEN';

/** The server's endpoint for refresh hints (DESIGN §9). */
export const HOOK_PATH = '/hooks/sheet-changed';

/** At most one hint per this many milliseconds (DESIGN §7). */
export const HINT_INTERVAL_MS = 2_000;

/** The hook's address on the server at `serverUrl`, which may end in slashes or not. */
export function hookUrl(serverUrl: string): string {
  return `${serverUrl.trim().replace(/\/+$/, '')}${HOOK_PATH}`;
}

/**
 * Why `serverUrl` cannot be posted to, in plain words, or null when it can. Only https: the
 * token travels in every request. (A localhost address would be no use either: the requests
 * come from Google's servers, not from the officer's computer.)
 */
export function serverUrlProblem(serverUrl: string): string | null {
  const url = serverUrl.trim();
  if (!/^https:\/\//i.test(url)) {
    return `${SERVER_URL_PROPERTY} must start with https:// (it is "${url}"), so that the token is sent encrypted.`;
  }
  if (!/^https:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(url)) {
    return `${SERVER_URL_PROPERTY} must be the server's address alone, such as https://board.example.org, with no spaces, "?" or "#" (it is "${url}").`;
  }
  return null;
}

/** What one change does about its hint. */
export type HintPlan =
  | { readonly send: false }
  /** Post at `at` (epoch ms), after waiting `waitMs` (0: post now). */
  | { readonly send: true; readonly at: number; readonly waitMs: number };

/**
 * When the change seen at `now` is hinted, given when the last hint was (or is due to be) sent.
 * A change after the last hint went needs a hint of its own, or the server may have read the
 * sheet just before it: when the last one went less than the interval ago, this change waits
 * for the interval to end and then posts (the trailing hint). A hint still due (`lastHintAt` in
 * the future) will be sent after this change, so it covers it: nothing more to post. So hints
 * are never closer than the interval, and every change is followed by one.
 */
export function planHint(
  lastHintAt: number | null,
  now: number,
  intervalMs: number = HINT_INTERVAL_MS,
): HintPlan {
  // A last hint further ahead than one interval cannot come from this plan: a clock moved.
  if (lastHintAt === null || now >= lastHintAt + intervalMs || lastHintAt > now + intervalMs) {
    return { send: true, at: now, waitMs: 0 };
  }
  if (lastHintAt > now) return { send: false };
  const at = lastHintAt + intervalMs;
  return { send: true, at, waitMs: at - now };
}

/**
 * Posting a refresh hint to the board's server (DESIGN §9): where to (the Script Properties the
 * officer sets), the one request, and what came back. Never throws: the change trigger must not
 * fail (each failure emails the trigger's owner) and the menu item explains what went wrong.
 */
import {
  hookUrl,
  REFRESH_TOKEN_PROPERTY,
  SERVER_URL_PROPERTY,
  serverUrlProblem,
} from '../../schema/sheet/live-updates';
import { errorMessage } from '../board-error';

export interface HintTarget {
  readonly serverUrl: string;
  readonly token: string;
}

/** The server to hint, or what is missing or wrong in Script Properties. */
export type HintSettings =
  | { readonly target: HintTarget }
  | { readonly missing: readonly string[] }
  | { readonly problem: string };

export function hintSettings(): HintSettings {
  const properties = PropertiesService.getScriptProperties();
  const serverUrl = properties.getProperty(SERVER_URL_PROPERTY)?.trim() ?? '';
  const token = properties.getProperty(REFRESH_TOKEN_PROPERTY)?.trim() ?? '';
  const missing = [
    ...(serverUrl ? [] : [SERVER_URL_PROPERTY]),
    ...(token ? [] : [REFRESH_TOKEN_PROPERTY]),
  ];
  if (missing.length > 0) return { missing };
  const problem = serverUrlProblem(serverUrl);
  return problem ? { problem } : { target: { serverUrl, token } };
}

/** What the server said: its HTTP status, or why it could not be reached. */
export type HintResult = { readonly status: number } | { readonly unreachable: string };

/** `source` names the sender in the server's log: the trigger, or the menu item's test. */
export function postHint(target: HintTarget, source: string): HintResult {
  try {
    const response = UrlFetchApp.fetch(hookUrl(target.serverUrl), {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify({ source }),
      headers: { Authorization: `Bearer ${target.token}` },
      // A non-2xx answer is reported, not thrown; DNS and connection failures still throw.
      muteHttpExceptions: true,
    });
    return { status: response.getResponseCode() };
  } catch (error) {
    return { unreachable: errorMessage(error) };
  }
}

export function answered(result: HintResult): boolean {
  return 'status' in result && result.status >= 200 && result.status < 300;
}

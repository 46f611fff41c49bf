/**
 * The sign-in form: what `GET /` shows without a session, and any page opened in a browser
 * without one. It names nothing of the board (whoever sees it has not proved who they are) and
 * works without script: a plain form posted to `/session`. An error is said next to the field
 * and tied to it (`aria-describedby`, `aria-invalid`), and summarised at the top as an alert.
 */
import { escapeHtml as e } from '../../schema/packs/escape';
import { pageDocument } from './chrome';

export interface SignInOptions {
  /** Where to go once signed in: a path checked by `safeNext`. */
  readonly next: string;
  readonly error?: string | null;
  /** A neutral message ("You have signed out."). */
  readonly notice?: string | null;
}

export function signInPage(options: SignInOptions): string {
  const error = options.error ?? null;
  const main = [
    '<h1>Sign in to the board’s reports</h1>',
    ...(error
      ? [
          `<div class="notice" role="alert"><p class="error-message">There is a problem: <a href="#token">${e(error)}</a></p></div>`,
        ]
      : []),
    ...(options.notice ? [`<div class="notice good"><p>${e(options.notice)}</p></div>`] : []),
    '<p class="lede">The Commissioning Co-Production Board’s reports for its partners: the annual report, the packs from each meeting, and downloads for a spreadsheet.</p>',
    '<form method="post" action="/session">',
    `<input type="hidden" name="next" value="${e(options.next)}">`,
    '<label for="token">Access token',
    '<span class="hint" id="token-hint">The long code the board’s officers gave you. You can paste it.</span>',
    '</label>',
    ...(error ? [`<p class="error-message" id="token-error">${e(error)}</p>`] : []),
    `<p><input type="password" id="token" name="token" autocomplete="current-password" spellcheck="false" required aria-describedby="token-hint${error ? ' token-error' : ''}"${error ? ' aria-invalid="true"' : ''}></p>`,
    '<p><button class="primary" type="submit">Sign in</button></p>',
    '</form>',
    '<p>You stay signed in on this browser for a day, or until you sign out. Signing in sets one cookie, which only keeps you signed in.</p>',
    '<p>No access token? Ask the board’s officers for one.</p>',
  ].join('\n');
  return pageDocument({
    title: error ? 'Error: sign in to the board’s reports' : 'Sign in to the board’s reports',
    boardName: null,
    viewer: null,
    current: null,
    main,
  });
}

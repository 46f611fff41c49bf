/**
 * Every request but the open ones must prove a role, or gets 401. How it proves one is up to
 * a list of authenticators, tried in order: the bearer header today, the GraphiQL page's
 * `?token=`, and later the partners' session cookie (DESIGN §8) as one more entry in the list,
 * with no change here or in any other plugin. Each authenticator decides for itself which
 * requests it applies to (the cookie only for GET pages, the page token only for the page).
 */
import type { Plugin } from 'graphql-yoga';
import { bearerToken, type TokenTable } from '../auth';
import type { TokenRole } from '../graphql/context';
import type { RequestStates } from './request-state';

/** What one way of signing in makes of a request. */
export type Authentication =
  /** It found no credential of its kind: the next authenticator is asked. */
  | { readonly outcome: 'absent' }
  /** A credential that grants nothing: refused, and no other authenticator is asked. */
  | { readonly outcome: 'invalid' }
  | { readonly outcome: 'granted'; readonly role: TokenRole };

export interface Authenticator {
  authenticate(request: Request, url: URL): Authentication;
}

const ABSENT: Authentication = { outcome: 'absent' };

/** A token from the request (or null), checked against the token table. */
export function tokenAuthenticator(
  tokens: TokenTable,
  tokenOf: (request: Request, url: URL) => string | null,
): Authenticator {
  return {
    authenticate(request, url) {
      const token = tokenOf(request, url);
      if (token === null) return ABSENT;
      const role = tokens.roleOf(token);
      return role === null ? { outcome: 'invalid' } : { outcome: 'granted', role };
    },
  };
}

/** `Authorization: Bearer <token>`: what API clients, and GraphiQL once open, send. */
export function bearerAuthenticator(tokens: TokenTable): Authenticator {
  return tokenAuthenticator(tokens, (request) => bearerToken(request.headers.get('authorization')));
}

/** The first authenticator's answer that is not "absent", or "absent". */
export function authenticate(
  authenticators: readonly Authenticator[],
  request: Request,
  url: URL,
): Authentication {
  for (const authenticator of authenticators) {
    const found = authenticator.authenticate(request, url);
    if (found.outcome !== 'absent') return found;
  }
  return ABSENT;
}

export interface AuthenticationOptions {
  readonly authenticators: readonly Authenticator[];
  readonly states: RequestStates;
}

/** Records the role for the plugins after it, or ends the request with 401. */
export function useAuthentication({ authenticators, states }: AuthenticationOptions): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      const found = authenticate(authenticators, request, url);
      if (found.outcome === 'granted') {
        states(request).role = found.role;
      } else {
        states(request).errorCodes = ['UNAUTHENTICATED'];
        endResponse(unauthorised(found.outcome === 'invalid'));
      }
    },
  };
}

function unauthorised(credentialGiven: boolean): Response {
  return Response.json(
    {
      errors: [
        {
          message: credentialGiven
            ? 'That access token is not valid.'
            : 'An access token is needed: send the header "Authorization: Bearer <token>".',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    },
    { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="co-production-board"' } },
  );
}

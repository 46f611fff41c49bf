/**
 * What the plugins learn about one request and share with each other: when it arrived, who is
 * asking, which operation it names. Kept beside the request (a WeakMap), not in the GraphQL
 * context, because most of it is known before a context exists (and some requests, such as
 * `GET /health` or a pack download, never get one).
 */
import type { Role, TokenRole } from '../graphql/context';

export interface RequestState {
  /** `performance.now()` when the request reached the server's own plugins. */
  startedAt?: number;
  /** Set once authentication has granted one (REFRESH ends at the refresh hook, or with 403). */
  role?: TokenRole;
  /** The operation name the client sent, if any (never the query text). */
  operation?: string;
  /** The request's path, as first parsed (for the log line). */
  path?: string;
  /** The error codes of an answer that carried errors and no data. */
  errorCodes?: string[];
}

/** The state of a request, created empty on first use. */
export type RequestStates = (request: Request) => RequestState;

/** One store per server: states end with their request, since the map holds them weakly. */
export function requestStates(): RequestStates {
  const states = new WeakMap<Request, RequestState>();
  return (request) => {
    let state = states.get(request);
    if (!state) {
      state = {};
      states.set(request, state);
    }
    return state;
  };
}

/** The request's role if it is one that reads the board (never REFRESH), else undefined. */
export function boardRoleOf(state: RequestState): Role | undefined {
  return state.role === 'REFRESH' ? undefined : state.role;
}

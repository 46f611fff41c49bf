/**
 * One structured line per request, for operations: method, path, status, role, operation name
 * and duration. Never a token, a query text, variables or anything from the board, so the log
 * can be kept and shared without becoming a store of personal data. An answer that is only
 * errors (refused, invalid, too costly) also gets `errors`: its error codes, which say what went
 * wrong without the messages (a message can quote the query, or name a file or a person).
 */
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_OPERATION_NAME_LENGTH } from './request-limits';
import type { RequestState, RequestStates } from './request-state';

/** The code logged for an error that has none (graphql-js's own errors, mostly). */
export const UNCODED_ERROR = 'UNCODED';
/** Enough to see what happened; a request cannot make one log line long. */
const MAX_LOGGED_CODES = 10;

export interface RequestLogOptions {
  readonly states: RequestStates;
  readonly now: () => Date;
  readonly log: (line: Record<string, unknown>) => void;
}

/** Put it first: its clock starts before any other plugin has done work. */
export function useRequestLog({ states, now, log }: RequestLogOptions): Plugin {
  return {
    onRequest({ request, url }) {
      const state = states(request);
      state.startedAt = performance.now();
      // The URL the server has parsed already (yoga parses each request's URL once).
      state.path = url.pathname;
    },
    onParams({ params, request }) {
      noteOperationName(states, request, params.operationName);
    },
    onResultProcess({ request, result }) {
      if (Symbol.asyncIterator in result) return;
      const codes = errorOnlyCodes(Array.isArray(result) ? result : [result]);
      if (codes) states(request).errorCodes = codes;
    },
    onResponse({ request, response }) {
      const state = states(request);
      log(
        requestLogLine({
          time: now(),
          method: request.method,
          path: state.path ?? new URL(request.url).pathname,
          status: response.status,
          state,
        }),
      );
    },
  };
}

/**
 * The line for one request: the plugin's, and the early lane's for the answers it sends before
 * the plugins see a request (hit-lane.ts), so both read alike.
 */
export function requestLogLine(request: {
  readonly time: Date;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly state: Omit<RequestState, 'path'>;
}): Record<string, unknown> {
  const { state } = request;
  const start = state.startedAt;
  return {
    time: request.time.toISOString(),
    method: request.method,
    path: request.path,
    status: request.status,
    role: state.role ?? null,
    operation: state.operation ?? null,
    ms: start === undefined ? null : Math.round((performance.now() - start) * 10) / 10,
    ...(state.errorCodes ? { errors: state.errorCodes } : {}),
  };
}

/**
 * Keeps the operation name for the log line. Over-long names are refused (request-limits.ts),
 * after this has seen them. The response cache calls it for the answers it gives before the
 * request's parameters reach `onParams`.
 */
export function noteOperationName(
  states: RequestStates,
  request: Request,
  name: string | null | undefined,
): void {
  if (name) states(request).operation = name.slice(0, MAX_OPERATION_NAME_LENGTH);
}

interface LoggedResult {
  readonly data?: unknown;
  readonly errors?: readonly (GraphQLError | GraphQLFormattedError)[];
}

/** The distinct error codes when no result carries data; null when some data was answered. */
function errorOnlyCodes(results: readonly LoggedResult[]): string[] | null {
  const errors = results.flatMap((result) => (result.data == null ? (result.errors ?? []) : []));
  if (errors.length === 0 || results.some((result) => result.data != null)) return null;
  const codes = new Set<string>();
  for (const error of errors) {
    const code = error.extensions?.code;
    codes.add(typeof code === 'string' ? code.slice(0, 40) : UNCODED_ERROR);
    if (codes.size >= MAX_LOGGED_CODES) break;
  }
  return [...codes];
}

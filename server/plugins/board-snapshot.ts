/**
 * One board snapshot per request. Everything that answers a request (the response cache's
 * key, the resolvers' context, a pack download) asks `snapshotOf(request)` and gets the same
 * snapshot, so no answer mixes two versions of the board even when a refresh lands mid-request.
 */
import { GraphQLError } from 'graphql';
import type { YogaInitialContext } from 'graphql-yoga';
import type { IsoDate } from '../../schema/dates';
import type { BoardContext, Role } from '../graphql/context';
import type { CirculationRecorder } from '../packs/record';
import { BoardNotReadError, type CachedSnapshot, type SnapshotCache } from '../snapshot-cache';
import { boardRoleOf, type RequestStates } from './request-state';

/** The snapshot this request is answered from, read from the cache on first ask. */
export type SnapshotOf = (request: Request) => Promise<CachedSnapshot>;

/** A snapshot cache as the server uses it (`getNow` when it has one: requests never wait). */
export type ServedSnapshots = Pick<SnapshotCache, 'get'> & Partial<Pick<SnapshotCache, 'getNow'>>;

export function snapshotPerRequest(cache: ServedSnapshots): SnapshotOf {
  const taken = new WeakMap<Request, Promise<CachedSnapshot>>();
  // Once the board has been read, a request is answered from the snapshot there is, never
  // after waiting for a refresh: the refresh runs beside the requests.
  const serve = () => (cache.getNow ? cache.getNow() : cache.get());
  return (request) => {
    let snapshot = taken.get(request);
    if (!snapshot) {
      snapshot = serve();
      taken.set(request, snapshot);
    }
    return snapshot;
  };
}

/** What a partner is told when there is no board to answer from: no file, no spreadsheet ID. */
export const PARTNER_UNAVAILABLE_MESSAGE =
  "The board's spreadsheet could not be read yet. Try again in a minute; the board's officers can see why.";

/** Seconds a client is asked to wait (`Retry-After`) before asking again for a board not read yet. */
export const BOARD_RETRY_AFTER_SECONDS = 5;

/**
 * Why a request cannot be answered yet, in words for its role. The reason can name a file, a
 * spreadsheet or a service account, so only an officer gets it (as on `GET /health`); that the
 * first read is still running is said to everyone.
 */
export function boardUnavailableMessage(role: Role | undefined, error: unknown): string {
  if (role === 'OFFICER') return error instanceof Error ? error.message : String(error);
  if (error instanceof BoardNotReadError && error.reason === null) return error.message;
  return PARTNER_UNAVAILABLE_MESSAGE;
}

/** The resolvers' context plus what the plugins after them need (asOf and the stale flag). */
export interface BoardServerContext extends BoardContext {
  readonly readAt: CachedSnapshot['readAt'];
  readonly stale: CachedSnapshot['stale'];
}

export interface BoardContextOptions {
  readonly snapshotOf: SnapshotOf;
  readonly states: RequestStates;
  readonly today: () => IsoDate;
  readonly recorder?: CirculationRecorder | undefined;
}

/** Yoga's `context` option: the request's snapshot, role and day, or 503 with the reason. */
export function boardContext(options: BoardContextOptions) {
  return async ({ request }: YogaInitialContext): Promise<BoardServerContext> => {
    // Authentication ran first and ended every request it did not grant a role, and the
    // refresh hook every REFRESH one.
    const role = boardRoleOf(options.states(request)) as Role;
    let cached: CachedSnapshot;
    try {
      cached = await options.snapshotOf(request);
    } catch (error) {
      throw new GraphQLError(boardUnavailableMessage(role, error), {
        extensions: {
          code: 'BOARD_UNAVAILABLE',
          http: { status: 503, headers: { 'retry-after': String(BOARD_RETRY_AFTER_SECONDS) } },
        },
      });
    }
    return {
      role,
      snapshot: cached.snapshot,
      readAt: cached.readAt,
      stale: cached.stale,
      today: options.today(),
      ...(options.recorder ? { recorder: options.recorder } : {}),
    };
  };
}

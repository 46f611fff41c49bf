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
import type { CachedSnapshot, SnapshotCache } from '../snapshot-cache';
import type { RequestStates } from './request-state';

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

/** The resolvers' context plus what the plugins after them need (the stale flag). */
export interface BoardServerContext extends BoardContext {
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
    let cached: CachedSnapshot;
    try {
      cached = await options.snapshotOf(request);
    } catch (error) {
      throw new GraphQLError(error instanceof Error ? error.message : String(error), {
        extensions: { code: 'BOARD_UNAVAILABLE', http: { status: 503 } },
      });
    }
    return {
      // Authentication ran first and ended every request it did not grant a role.
      role: options.states(request).role as Role,
      snapshot: cached.snapshot,
      stale: cached.stale,
      today: options.today(),
      ...(options.recorder ? { recorder: options.recorder } : {}),
    };
  };
}

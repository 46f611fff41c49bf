/**
 * Partners ask the same reporting queries again and again, and the answer can only change when
 * the board snapshot does. So results are kept per snapshot version, role and day, keyed by the
 * exact request (query, variables, operation). Role is in the key, so an officer's answer is
 * never given to a partner. Stale snapshots and results with errors are never kept, and the
 * whole store is dropped as soon as a new snapshot is built.
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Role } from './graphql/context';
import type { CachedSnapshot, SnapshotCache } from './snapshot-cache';

export interface ResponseCacheOptions {
  readonly snapshots: Pick<SnapshotCache, 'get'>;
  readonly roleOf: (request: Request) => Role | undefined;
  readonly todayOf: () => string;
  readonly maxEntries?: number;
}

export interface ResponseCache {
  readonly plugin: Plugin;
  /**
   * The snapshot this request was (or will be) answered from. The GraphQL context uses it too,
   * so that a request never mixes two snapshots.
   */
  snapshotFor(request: Request): Promise<CachedSnapshot>;
}

export function responseCache(options: ResponseCacheOptions): ResponseCache {
  const maxEntries = options.maxEntries ?? 1_000;
  const snapshots = new WeakMap<Request, Promise<CachedSnapshot>>();
  const pendingKeys = new WeakMap<Request, string>();
  let version = -1;
  const results = new Map<string, ExecutionResult>();

  const snapshotFor = (request: Request) => {
    let snapshot = snapshots.get(request);
    if (!snapshot) {
      snapshot = options.snapshots.get();
      snapshots.set(request, snapshot);
    }
    return snapshot;
  };

  const plugin: Plugin = {
    async onParams({ params, request, setResult }) {
      const role = options.roleOf(request);
      if (!role || !params.query) return;
      let cached: CachedSnapshot;
      try {
        cached = await snapshotFor(request);
      } catch {
        return; // the context reports the failure
      }
      if (cached.stale) return;
      if (cached.version !== version) {
        results.clear();
        version = cached.version;
      }
      let key: string;
      try {
        key = JSON.stringify([
          role,
          options.todayOf(),
          params.operationName ?? null,
          params.query,
          params.variables ?? null,
        ]);
      } catch {
        return; // variables too deeply nested to key: answer without the cache
      }
      const hit = results.get(key);
      if (hit) {
        setResult(hit);
        return;
      }
      pendingKeys.set(request, key);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const key = request ? pendingKeys.get(request) : undefined;
      if (!key) return;
      const forVersion = version;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result || result.errors || forVersion !== version) return;
          if (results.size >= maxEntries) {
            const oldest = results.keys().next().value;
            if (oldest !== undefined) results.delete(oldest);
          }
          results.set(key, result);
        },
      };
    },
  };

  return { plugin, snapshotFor };
}

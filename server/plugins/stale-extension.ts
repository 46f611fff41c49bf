/**
 * What every answer says about the snapshot it came from (DESIGN §4, §9):
 * - `extensions.asOf`: when that snapshot was read (ISO time), so a partner's report can say
 *   "as of 10:02" and a script can tell a new snapshot from the last one;
 * - `extensions.stale = { ageSeconds, reason }`, after it, when the snapshot is older than the
 *   refresh interval. The reason can name a file path or a spreadsheet, so partners get the
 *   gist only.
 * The response cache keeps answers without either and adds both to each answer it gives
 * (`snapshotExtensionsJson`), in this same order, so a kept answer reads as an executed one.
 */
import type { Plugin } from 'graphql-yoga';
import type { Role } from '../graphql/context';
import type { CachedSnapshot, StaleInfo } from '../snapshot-cache';
import type { BoardServerContext } from './board-snapshot';

export const PARTNER_STALE_REASON = 'the board could not be read again just now';

/** `extensions.stale` as this role gets it. */
export function staleExtensionFor(role: Role, stale: StaleInfo | null): StaleInfo | null {
  return stale && role === 'PARTNER' ? { ...stale, reason: PARTNER_STALE_REASON } : stale;
}

export interface SnapshotExtensions {
  asOf: string;
  stale?: StaleInfo;
}

/** The extensions an answer from this snapshot carries, for this role. */
export function snapshotExtensionsFor(
  role: Role,
  cached: Pick<CachedSnapshot, 'readAt' | 'stale'>,
): SnapshotExtensions {
  const stale = staleExtensionFor(role, cached.stale);
  const asOf = new Date(cached.readAt).toISOString();
  return stale ? { asOf, stale } : { asOf };
}

/** The members for a fresh snapshot, the same for every role (`"asOf":…`), by `readAt`. */
let freshMembers: { readonly readAt: number; readonly json: string } | null = null;

/** The same as JSON members (`"asOf":…,"stale":…`), to add to a kept answer's bytes. */
export function snapshotExtensionsJson(
  role: Role,
  cached: Pick<CachedSnapshot, 'readAt' | 'stale'>,
): string {
  // A fresh snapshot's are the same for every answer until the next read: made once.
  if (cached.stale === null && freshMembers?.readAt === cached.readAt) return freshMembers.json;
  const json = JSON.stringify(snapshotExtensionsFor(role, cached)).slice(1, -1);
  if (cached.stale === null) freshMembers = { readAt: cached.readAt, json };
  return json;
}

export function useSnapshotExtensions(): Plugin<BoardServerContext> {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult, args }) {
          if (Symbol.asyncIterator in result) return;
          const context = args.contextValue as BoardServerContext;
          const { asOf: _asOf, stale: _stale, ...others } = result.extensions ?? {};
          setResult({
            ...result,
            extensions: { ...others, ...snapshotExtensionsFor(context.role, context) },
          });
        },
      };
    },
  };
}

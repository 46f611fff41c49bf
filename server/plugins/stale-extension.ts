/**
 * `extensions.stale = { ageSeconds, reason }` on every answer from a snapshot older than the
 * refresh interval (DESIGN §4). The reason can name a file path or a spreadsheet, so partners
 * get the gist only.
 */
import type { Plugin } from 'graphql-yoga';
import type { Role } from '../graphql/context';
import type { StaleInfo } from '../snapshot-cache';
import type { BoardServerContext } from './board-snapshot';

export const PARTNER_STALE_REASON = 'the board could not be read again just now';

/** `extensions.stale` as this role gets it (the response cache adds it to kept answers too). */
export function staleExtensionFor(role: Role, stale: StaleInfo | null): StaleInfo | null {
  return stale && role === 'PARTNER' ? { ...stale, reason: PARTNER_STALE_REASON } : stale;
}

export function useStaleExtension(): Plugin<BoardServerContext> {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult, args }) {
          const context = args.contextValue as BoardServerContext;
          const stale = staleExtensionFor(context.role, context.stale);
          if (stale && !(Symbol.asyncIterator in result)) {
            setResult({ ...result, extensions: { ...result.extensions, stale } });
          }
        },
      };
    },
  };
}

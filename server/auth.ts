/**
 * Bearer tokens and the role each one grants. Tokens are compared in constant time: each is
 * hashed to a fixed length first, so neither the content nor the length of a guess leaks
 * through timing, and every configured token is compared on every request.
 */
import { hash, timingSafeEqual } from 'node:crypto';
import type { TokenRole } from './graphql/context';

export const ROLES: readonly TokenRole[] = ['OFFICER', 'PARTNER', 'REFRESH'];

export interface TokenTable {
  /** The role for a presented token, or null. */
  roleOf(token: string): TokenRole | null;
  readonly size: number;
}

// One-shot (no Hash object per request); strings are hashed as UTF-8.
const digest = (token: string) => hash('sha256', token, 'buffer');

export function tokenTable(
  entries: readonly (readonly [token: string, role: TokenRole])[],
): TokenTable {
  const hashed = entries.map(([token, role]) => ({ hash: digest(token), role }));
  return {
    size: hashed.length,
    roleOf(token: string): TokenRole | null {
      const presented = digest(token);
      let found: TokenRole | null = null;
      for (const entry of hashed) {
        // No early exit: the time taken does not depend on which entry matched.
        if (timingSafeEqual(entry.hash, presented) && found === null) found = entry.role;
      }
      return found;
    },
  };
}

/** The token from an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? (match[1] as string) : null;
}

/**
 * Test servers: the real yoga app over a chosen source, with fixed tokens and a fixed clock,
 * and helpers to send GraphQL requests through `yoga.fetch` as an officer or a partner.
 */
import type { WorkbookGrids } from '../../schema/grid';
import { type TokenTable, tokenTable } from '../../server/auth';
import { SnapshotCache, type SnapshotCacheStatus } from '../../server/snapshot-cache';
import type { BoardSource } from '../../server/sources/board-source';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../../server/sources/local-workbook';
import { type BoardServerOptions, createBoardYoga } from '../../server/yoga';

export const OFFICER_TOKEN = 'officer-token-for-tests-0123456789';
export const PARTNER_TOKEN = 'partner-token-for-tests-0123456789';
export const REFRESH_TOKEN = 'refresh-token-for-tests-0123456789';
/** The day the demo board was generated for: its deliberate imperfections are as of this day. */
export const DEMO_NOW = new Date('2026-11-22T12:00:00Z');

export interface TestServer {
  readonly yoga: ReturnType<typeof createBoardYoga>;
  readonly logs: Record<string, unknown>[];
  query(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: GraphQLBody }>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export function testServer(
  options: {
    source?: BoardSource;
    demo?: boolean;
    cache?: BoardServerOptions['cache'];
    now?: Date;
  } = {},
): TestServer {
  const cache =
    options.cache ??
    new SnapshotCache(options.source ?? localWorkbookSource(DEMO_WORKBOOK_PATH), {
      refreshSeconds: 30,
    });
  const logs: Record<string, unknown>[] = [];
  const yoga = createBoardYoga({
    cache,
    tokens: tokenTable([
      [OFFICER_TOKEN, 'OFFICER'],
      [PARTNER_TOKEN, 'PARTNER'],
    ]),
    demo: options.demo ?? false,
    now: () => options.now ?? DEMO_NOW,
    log: (line) => logs.push(line),
  });
  return {
    yoga,
    logs,
    async query(token, query, variables) {
      const response = await yoga.fetch('http://board.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
  };
}

/** A token for each role: officer, partner and refresh (the sheet's live updates). */
export function everyRoleTokens(): TokenTable {
  return tokenTable([
    [OFFICER_TOKEN, 'OFFICER'],
    [PARTNER_TOKEN, 'PARTNER'],
    [REFRESH_TOKEN, 'REFRESH'],
  ]);
}

/** What a cache that has read the board once, and is not failing, says of itself. */
export function readOnceStatus(): SnapshotCacheStatus {
  return { ageSeconds: 0, lastError: null, lastSuccessAt: null, reads: 1, refreshing: false };
}

/** A source that hands over fixed grids, counting reads. */
export function gridsSource(grids: WorkbookGrids): BoardSource & { reads: number } {
  const source = {
    description: 'test grids',
    reads: 0,
    async readGrids() {
      source.reads += 1;
      return grids;
    },
  };
  return source;
}

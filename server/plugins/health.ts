/**
 * `GET /health`: open to monitoring without a token, reporting the snapshot's age and the last
 * refresh error. The error can name a file, a spreadsheet or a service account, so only an
 * officer sees it; anyone else learns that the last read failed. Put it before authentication.
 */
import type { Plugin } from 'graphql-yoga';
import type { SnapshotCache } from '../snapshot-cache';
import { type Authenticator, authenticate } from './authentication';

export interface HealthOptions {
  readonly cache: Pick<SnapshotCache, 'status'>;
  /** Who is asking, if anyone says: decides whether the error's details are shown. */
  readonly authenticators: readonly Authenticator[];
}

export function useHealth({ cache, authenticators }: HealthOptions): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/health' || request.method !== 'GET') return;
      const asking = authenticate(authenticators, request, url);
      endResponse(health(cache, asking.outcome === 'granted' && asking.role === 'OFFICER'));
    },
  };
}

function health(cache: HealthOptions['cache'], officer: boolean): Response {
  const status = cache.status();
  const lastError =
    status.lastError === null || officer
      ? status.lastError
      : 'The last read of the board failed (details in the server log, or send an officer token).';
  const state = status.ageSeconds === null ? 'starting' : status.lastError ? 'degraded' : 'ok';
  return Response.json(
    {
      status: state,
      snapshotAgeSeconds: status.ageSeconds,
      lastRefreshError: lastError,
      lastSuccessAt: status.lastSuccessAt,
      upstreamReads: status.reads,
    },
    { status: state === 'starting' && status.lastError ? 503 : 200 },
  );
}

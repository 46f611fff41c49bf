/**
 * `GET /packs/<meetingId>/<AUDIENCE>.html|.txt`: circulation packs as files, from the request's
 * snapshot. Put it after authentication: packs need the same token as the API.
 */
import type { Plugin } from 'graphql-yoga';
import { isPackPath, packResponse } from '../packs/route';
import { boardUnavailableMessage, type SnapshotOf } from './board-snapshot';
import { boardRoleOf, type RequestStates } from './request-state';

export interface PackRoutesOptions {
  readonly snapshotOf: SnapshotOf;
  /** The asker's role: only an officer is told why the board could not be read. */
  readonly states: RequestStates;
}

export function usePackRoutes({ snapshotOf, states }: PackRoutesOptions): Plugin {
  return {
    // Not async: every other request passes on at once, without a promise to wait for.
    onRequest({ request, url, endResponse }) {
      if (!isPackPath(url.pathname) || request.method !== 'GET') return;
      return servePack(request, url, endResponse);
    },
  };

  async function servePack(
    request: Request,
    url: URL,
    endResponse: (response: Response) => void,
  ): Promise<void> {
    try {
      endResponse(packResponse(url, (await snapshotOf(request)).snapshot));
    } catch (error) {
      // Before the first good read there is no board to build a pack from.
      endResponse(
        new Response(`${boardUnavailableMessage(boardRoleOf(states(request)), error)}\n`, {
          status: 503,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        }),
      );
    }
  }
}

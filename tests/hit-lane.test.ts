/**
 * Issue #10, item 2: the early lane (server/hit-lane.ts). A kept answer is sent from Node's
 * request event, before yoga, with the very bytes, status and headers yoga sends, and the same
 * log line and metrics; every request the lane must not answer (a browser's, a bad token, a
 * REFRESH one, a chunked body, no snapshot yet, a new snapshot) goes to yoga and is answered as
 * if there were no lane, its body intact even when read by the lane first.
 */
import { request as httpRequest, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSnapshot } from '../schema/snapshot';
import { tokenTable } from '../server/auth';
import { hitLane, LANE_MAX_BODY_BYTES } from '../server/hit-lane';
import { createBoardHttpServer, listen } from '../server/http-server';
import type {
  CirculationRecord,
  CirculationRecorder,
  CirculationRequest,
} from '../server/packs/record';
import { boardMetrics } from '../server/plugins/metrics';
import type { CachedSnapshot } from '../server/snapshot-cache';
import { SnapshotCache } from '../server/snapshot-cache';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { type BoardServerOptions, createBoardServer } from '../server/yoga';
import {
  DEMO_NOW,
  everyRoleTokens,
  OFFICER_TOKEN,
  PARTNER_TOKEN,
  REFRESH_TOKEN,
  readOnceStatus,
} from './support/board-server';

const ORIGIN = 'https://intranet.council.example';
const REPORT = `query PartnerReport { board { name activeMemberCount }
  actions(first: 3) { totalCount edges { node { id status owners { name } } } } }`;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** A board server on a loopback port, as index.ts starts it, with a spy on the lane's answers. */
async function boardOnSocket(overrides: Partial<BoardServerOptions> = {}) {
  const metrics = boardMetrics();
  const early = vi.spyOn(metrics, 'answeredEarly');
  const logs: Record<string, unknown>[] = [];
  const board = createBoardServer({
    cache: new SnapshotCache(localWorkbookSource(DEMO_WORKBOOK_PATH), { refreshSeconds: 30 }),
    tokens: everyRoleTokens(),
    demo: false,
    now: () => DEMO_NOW,
    log: (line) => logs.push(line),
    metrics,
    corsOrigins: [ORIGIN],
    ...overrides,
  });
  const { server } = createBoardHttpServer(board.listener);
  servers.push(server);
  const port = await listen(server, 0, '127.0.0.1');
  return { board, early, logs, metrics, port };
}

/** One request over the socket, its body written in the pieces given (bytes). */
function send(
  port: number,
  init: {
    path?: string;
    headers?: Record<string, string>;
    pieces: readonly Buffer[];
    chunked?: boolean;
  },
): Promise<Answer> {
  const length = init.pieces.reduce((total, piece) => total + piece.length, 0);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: init.path ?? '/graphql',
        headers: {
          'content-type': 'application/json',
          ...(init.chunked ? {} : { 'content-length': String(length) }),
          ...init.headers,
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    const [first, ...rest] = init.pieces;
    if (first) outgoing.write(first);
    // The rest a moment later, so the server sees the body in more than one chunk.
    setTimeout(() => {
      for (const piece of rest) outgoing.write(piece);
      outgoing.end();
    }, 20);
  });
}

const asBody = (params: Record<string, unknown>) => Buffer.from(JSON.stringify(params), 'utf8');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** What of an answer a client can rely on: status, type, length and bytes (not its Date). */
const sent = (answer: Answer) => ({
  status: answer.status,
  type: answer.headers['content-type'],
  length: answer.headers['content-length'],
  text: answer.text,
});

describe('the early lane', () => {
  it('sends a kept answer before yoga, with the bytes and headers yoga sent', async () => {
    const { early, port } = await boardOnSocket();
    const body = asBody({ query: REPORT, operationName: 'PartnerReport' });
    const executed = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [body] });
    expect(executed.status).toBe(200);
    expect(JSON.parse(executed.text).data.board.name).toContain('Co-Production Board');
    expect(early).not.toHaveBeenCalled();

    const hit = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [body] });
    expect(early).toHaveBeenCalledTimes(1);
    expect(sent(hit)).toEqual(sent(executed));
    expect(Object.keys(hit.headers).sort()).toEqual(Object.keys(executed.headers).sort());
    // The same kept answer through yoga's own hooks (a request the lane leaves to yoga).
    const throughYoga = await send(port, {
      headers: { ...bearer(PARTNER_TOKEN), 'transfer-encoding': 'chunked' },
      pieces: [body],
      chunked: true,
    });
    expect(early).toHaveBeenCalledTimes(1);
    expect(throughYoga.text).toBe(hit.text);
  });

  it('logs and counts a lane answer as the plugins log and count one', async () => {
    const { logs, metrics, port } = await boardOnSocket();
    const body = asBody({ query: REPORT, operationName: 'PartnerReport' });
    await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [body] });
    await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [body] });
    expect(logs).toHaveLength(2);
    const [executed, hit] = logs as [Record<string, unknown>, Record<string, unknown>];
    const { ms: _ms1, ...executedLine } = executed;
    const { ms: hitMs, ...hitLine } = hit;
    expect(hitLine).toEqual(executedLine);
    expect(hitLine).toEqual({
      time: DEMO_NOW.toISOString(),
      method: 'POST',
      path: '/graphql',
      status: 200,
      role: 'PARTNER',
      operation: 'PartnerReport',
    });
    expect(typeof hitMs).toBe('number');
    const figures = await metrics.registry.metrics();
    expect(figures).toContain(
      'board_http_requests_total{route="graphql",operation="PartnerReport",role="PARTNER",outcome="ok"} 2',
    );
    expect(figures).toContain('board_response_cache_hits_total 1');
    expect(figures).toContain(
      'board_http_request_duration_seconds_count{route="graphql",operation="PartnerReport"} 2',
    );
  });

  it('hands a body it has read to yoga intact, even split inside a character', async () => {
    const { early, port } = await boardOnSocket();
    // "Zoë" is 4 bytes in UTF-8; the split falls inside the ë.
    const query = 'query Named($id: ID!) { meeting(id: $id) { id } asked: __typename }';
    const body = asBody({ query, variables: { id: 'Zoë' } });
    const split = body.indexOf(Buffer.from('ë', 'utf8')) + 1;
    const pieces = [body.subarray(0, split), body.subarray(split)];
    const first = await send(port, { headers: bearer(OFFICER_TOKEN), pieces });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).data).toEqual({ meeting: null, asked: 'Query' });
    const again = await send(port, { headers: bearer(OFFICER_TOKEN), pieces });
    expect(early).toHaveBeenCalledTimes(1);
    expect(sent(again)).toEqual(sent(first));
    // Another value is another answer, not the kept one.
    const other = asBody({ query, variables: { id: 'Zoe' } });
    await send(port, { headers: bearer(OFFICER_TOKEN), pieces: [other] });
    expect(early).toHaveBeenCalledTimes(1);
  });

  it('runs a mutation through yoga every time, even one that succeeds', async () => {
    const recorded: CirculationRequest[] = [];
    const record = (request: CirculationRequest): CirculationRecord => {
      recorded.push(request);
      return {
        ...request,
        packId: `PK-${recorded.length}`,
        generatedAt: '2026-11-22T12:00:00',
        sha256: null,
        created: true,
      };
    };
    const recorder: CirculationRecorder = {
      record: async (meetingId, audience) => record({ meetingId, audience }),
      recordAll: async (requests) => requests.map(record),
    };
    const { early, port } = await boardOnSocket({ recorder });
    const body = asBody({
      query: 'mutation { recordCirculation(meetingId: "MT-2026-10", audience: DMT) { packId } }',
    });
    const first = await send(port, { headers: bearer(OFFICER_TOKEN), pieces: [body] });
    const second = await send(port, { headers: bearer(OFFICER_TOKEN), pieces: [body] });
    expect(JSON.parse(first.text)).toMatchObject({
      data: { recordCirculation: { packId: 'PK-1' } },
    });
    expect(JSON.parse(second.text)).toMatchObject({
      data: { recordCirculation: { packId: 'PK-2' } },
    });
    expect(recorded).toHaveLength(2);
    expect(early).not.toHaveBeenCalled();
  });

  it('keys on the media type asked for, and never keeps a streamed answer', async () => {
    const { early, port } = await boardOnSocket();
    const body = asBody({ query: '{ board { name } }' });
    const asking = (accept: string) => ({ ...bearer(PARTNER_TOKEN), accept });
    const json = await send(port, { headers: asking('application/json'), pieces: [body] });
    const graphql = await send(port, {
      headers: asking('application/graphql-response+json'),
      pieces: [body],
    });
    expect(early).not.toHaveBeenCalled();
    expect(graphql.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
    expect(
      sent(
        await send(port, { headers: asking('application/graphql-response+json'), pieces: [body] }),
      ),
    ).toEqual(sent(graphql));
    expect(sent(await send(port, { headers: asking('application/json'), pieces: [body] }))).toEqual(
      sent(json),
    );
    expect(early).toHaveBeenCalledTimes(2);
    // Server-sent events: each answer is a stream of its own, never the kept JSON.
    for (let again = 0; again < 2; again++) {
      const stream = await send(port, { headers: asking('text/event-stream'), pieces: [body] });
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(stream.text).toMatch(/^(:\n\n)*event: next\ndata: \{"data":\{"board"/);
    }
    expect(early).toHaveBeenCalledTimes(2);
  });

  it('leaves to yoga what is not the plainest request, answered as without a lane', async () => {
    const { early, port } = await boardOnSocket();
    const body = asBody({ query: REPORT });
    const kept = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [body] });
    expect(kept.status).toBe(200);

    // A browser's call: CORS headers are yoga's to add.
    const browser = await send(port, {
      headers: { ...bearer(PARTNER_TOKEN), origin: ORIGIN },
      pieces: [body],
    });
    expect(browser.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(browser.text).toBe(kept.text);
    // No token, a bad one, a REFRESH one: authentication answers.
    const none = await send(port, { pieces: [body] });
    expect(none.status).toBe(401);
    const bad = await send(port, { headers: bearer('not-a-token-at-all'), pieces: [body] });
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('not valid');
    const refresh = await send(port, { headers: bearer(REFRESH_TOKEN), pieces: [body] });
    expect(refresh.status).toBeGreaterThanOrEqual(400);
    expect(refresh.text).not.toContain('Co-Production Board');
    // A query string, another media type, an empty body.
    const query = await send(port, {
      path: '/graphql?token=x',
      headers: bearer(PARTNER_TOKEN),
      pieces: [body],
    });
    expect(query.text).toBe(kept.text);
    const graphqlBody = await send(port, {
      headers: { ...bearer(PARTNER_TOKEN), 'content-type': 'application/graphql' },
      pieces: [Buffer.from(REPORT)],
    });
    expect(graphqlBody.text).toBe(kept.text);
    const empty = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [] });
    expect(empty.status).toBe(400);
    expect(early).not.toHaveBeenCalled();
  });

  it('refuses an over-long body before reading it, with the limit in words', async () => {
    const { early, port } = await boardOnSocket();
    const huge = asBody({ query: `{ board { name } } ${'#'.repeat(70 * 1024)}` });
    const answer = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [huge] });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('64 KB');
    expect(early).not.toHaveBeenCalled();
  });

  it('answers nothing before the first read, and a new snapshot drops the kept answers', async () => {
    const snapshot = buildSnapshot({});
    let current: CachedSnapshot | null = null;
    const cache = {
      get: async () => {
        if (current === null) throw new Error('The board could not be read yet: not shared.');
        return current;
      },
      getNow: async () => cache.get(),
      servedNow: () => current,
      status: readOnceStatus,
    };
    const { early, port } = await boardOnSocket({ cache });
    const body = asBody({ query: '{ board { name } }' });
    const unread = await send(port, { headers: bearer(OFFICER_TOKEN), pieces: [body] });
    expect(unread.status).toBe(503);
    expect(unread.text).toContain('not shared');

    current = { snapshot, readAt: DEMO_NOW.getTime(), stale: null, version: 1 };
    const first = await send(port, { headers: bearer(OFFICER_TOKEN), pieces: [body] });
    await send(port, { headers: bearer(OFFICER_TOKEN), pieces: [body] });
    expect(early).toHaveBeenCalledTimes(1);

    // A newer snapshot: executed again, whatever the store held.
    const renamed = buildSnapshot({
      Settings: [
        ['Setting', 'Value'],
        ['Board name', 'Renamed'],
      ],
    });
    current = { snapshot: renamed, readAt: DEMO_NOW.getTime() + 5_000, stale: null, version: 2 };
    const after = await send(port, { headers: bearer(OFFICER_TOKEN), pieces: [body] });
    expect(early).toHaveBeenCalledTimes(1);
    expect(after.text).not.toBe(first.text);
    expect(JSON.parse(after.text).extensions.asOf).toBe(
      new Date(DEMO_NOW.getTime() + 5_000).toISOString(),
    );
    // Stale now: the lane's answer says so, as the partner may know it.
    current = { ...current, stale: { ageSeconds: 90, reason: 'HTTP 503 from /secret/path' } };
    const partnerMiss = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [body] });
    const partnerHit = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [body] });
    expect(early).toHaveBeenCalledTimes(2);
    expect(partnerHit.text).toBe(partnerMiss.text);
    expect(partnerHit.text).not.toContain('/secret/path');
    expect(JSON.parse(partnerHit.text).extensions.stale.ageSeconds).toBe(90);
  });

  it('survives a client that goes away mid-body, and serves the next one', async () => {
    const { early, logs, port } = await boardOnSocket();
    await new Promise<void>((resolve) => {
      const outgoing = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        headers: {
          'content-type': 'application/json',
          'content-length': '500',
          ...bearer(PARTNER_TOKEN),
        },
      });
      outgoing.on('error', () => resolve());
      outgoing.write('{"query":"{ board');
      setTimeout(() => {
        outgoing.destroy();
        resolve();
      }, 30);
    });
    // Nothing was answered, logged or counted for it.
    expect(logs).toEqual([]);
    expect(early).not.toHaveBeenCalled();
    const next = await send(port, {
      headers: bearer(PARTNER_TOKEN),
      pieces: [asBody({ query: '{ board { name } }' })],
    });
    expect(next.status).toBe(200);
    expect(logs).toHaveLength(1);
  });

  it('hands a request to yoga when answering it fails, and the server keeps serving', async () => {
    const handedOn: string[] = [];
    const lane = hitLane({
      next: (request, response) => {
        handedOn.push(String((request as { body?: Buffer }).body));
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('answered by the pipeline');
      },
      endpoint: '/graphql',
      tokens: tokenTable([[PARTNER_TOKEN, 'PARTNER']]),
      servedNow: () => ({ version: 1, stale: null, readAt: DEMO_NOW.getTime() }),
      responses: {
        answerNow: () => {
          throw new Error('a fault in the store');
        },
      },
      metrics: { answeredEarly: () => {} },
      now: () => DEMO_NOW,
    });
    const { server } = createBoardHttpServer(lane);
    servers.push(server);
    const port = await listen(server, 0, '127.0.0.1');
    const body = asBody({ query: '{ board { name } }' });
    for (let again = 0; again < 2; again++) {
      const answer = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [body] });
      expect(answer).toMatchObject({ status: 500, text: 'answered by the pipeline' });
    }
    expect(handedOn).toEqual([body.toString(), body.toString()]);
  });

  it('leaves a body over its size to yoga unread, and answers it there', async () => {
    const { early, port } = await boardOnSocket();
    const padded = asBody({ query: `{ board { name } } ${'#'.repeat(LANE_MAX_BODY_BYTES)}` });
    const first = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [padded] });
    const second = await send(port, { headers: bearer(PARTNER_TOKEN), pieces: [padded] });
    expect(first.status).toBe(200);
    expect(sent(second)).toEqual(sent(first));
    expect(early).not.toHaveBeenCalled();
  });
});

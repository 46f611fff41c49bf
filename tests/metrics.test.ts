/**
 * `GET /metrics` (issue 15, item 5): Prometheus text from the server's own registry, for an
 * officer token or METRICS_TOKEN only; requests by route, operation, role and outcome, latency
 * histograms, reads of the board and their errors, the snapshot's age, response-cache hits.
 * And (item 6's one test) two servers on two boards in one process keep their data, tokens,
 * caches and figures apart.
 */
import { describe, expect, it } from 'vitest';
import type { WorkbookGrids } from '../schema/grid';
import { tokenTable } from '../server/auth';
import { boardMetrics, MAX_OPERATION_LABELS, routeOf } from '../server/plugins/metrics';
import { SnapshotCache } from '../server/snapshot-cache';
import type { BoardSource } from '../server/sources/board-source';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { type BoardYoga, createBoardYoga } from '../server/yoga';
import {
  DEMO_NOW,
  gridsSource,
  OFFICER_TOKEN,
  PARTNER_TOKEN,
  testServer,
} from './support/board-server';
import { FIXTURE_GRIDS } from './support/partner-fixture';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const demoGrids = await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids();

interface Board {
  readonly yoga: BoardYoga;
  readonly cache: SnapshotCache;
  readonly logs: Record<string, unknown>[];
}

/** A server as index.ts makes one: the cache's events feed the metrics, one log line a request. */
function board(
  source: BoardSource,
  options: { officer?: string; partner?: string; metricsToken?: string } = {},
): Board {
  const metrics = boardMetrics();
  const logs: Record<string, unknown>[] = [];
  const cache = new SnapshotCache(source, {
    refreshSeconds: 30,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 1 },
    log: (event) => metrics.snapshotEvent(event),
  });
  const yoga = createBoardYoga({
    cache,
    tokens: tokenTable([
      [options.officer ?? OFFICER_TOKEN, 'OFFICER'],
      [options.partner ?? PARTNER_TOKEN, 'PARTNER'],
    ]),
    demo: false,
    now: () => DEMO_NOW,
    log: (line) => logs.push(line),
    metrics,
    metricsToken: options.metricsToken ?? METRICS_TOKEN,
  });
  return { yoga, cache, logs };
}

async function query(
  yoga: BoardYoga,
  token: string | null,
  body: { query: string; operationName?: string },
) {
  const response = await yoga.fetch('http://board.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function scrape(yoga: BoardYoga, token: string | null = METRICS_TOKEN) {
  const response = await yoga.fetch('http://board.test/metrics', {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { response, text: await response.text() };
}

/** The value of one series, written as in the exposition (`name{a="b",…}`), or undefined. */
function value(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

const REPORT = {
  query: 'query Report { board { name activeMemberCount } }',
  operationName: 'Report',
};

describe('GET /metrics', () => {
  it('is for officers and METRICS_TOKEN only', async () => {
    const { yoga } = board(gridsSource(demoGrids));
    const none = await scrape(yoga, null);
    expect(none.response.status).toBe(401);
    expect(none.response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await scrape(yoga, 'not-a-token-of-this-board-0123')).response.status).toBe(401);
    expect((await scrape(yoga, PARTNER_TOKEN)).response.status).toBe(403);
    for (const token of [OFFICER_TOKEN, METRICS_TOKEN]) {
      const { response, text } = await scrape(yoga, token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(text).toMatch(/^# TYPE board_http_requests_total counter$/m);
    }
    // METRICS_TOKEN reads the metrics and nothing else.
    expect((await query(yoga, METRICS_TOKEN, REPORT)).status).toBe(401);
  });

  it('counts requests by route, operation, role and outcome, with latency histograms', async () => {
    const { yoga, logs } = board(gridsSource(demoGrids));
    await query(yoga, PARTNER_TOKEN, REPORT);
    await query(yoga, PARTNER_TOKEN, REPORT);
    await query(yoga, OFFICER_TOKEN, REPORT);
    await query(yoga, null, REPORT);
    await query(yoga, PARTNER_TOKEN, { query: '{ nope }', operationName: undefined });
    // A partner asking for attendance gets the rest of the answer and a FORBIDDEN error.
    await query(yoga, PARTNER_TOKEN, {
      query: 'query Attendance { meetings { id attendance { attendance } } }',
      operationName: 'Attendance',
    });
    await yoga.fetch('http://board.test/health');

    const { text } = await scrape(yoga);
    const requests = (labels: string) => value(text, `board_http_requests_total{${labels}}`);
    expect(requests('route="graphql",operation="Report",role="PARTNER",outcome="ok"')).toBe(2);
    expect(requests('route="graphql",operation="Report",role="OFFICER",outcome="ok"')).toBe(1);
    expect(requests('route="graphql",operation="(none)",role="none",outcome="client_error"')).toBe(
      1,
    );
    expect(
      requests('route="graphql",operation="(none)",role="PARTNER",outcome="client_error"'),
    ).toBe(1);
    expect(requests('route="health",operation="(none)",role="none",outcome="ok"')).toBe(1);
    const attendance = text.match(
      /board_http_requests_total\{route="graphql",operation="Attendance",role="PARTNER",outcome="(\w+)"\} 1/,
    );
    expect(attendance?.[1]).toBe('partial');

    expect(
      value(text, 'board_http_request_duration_seconds_count{route="graphql",operation="Report"}'),
    ).toBe(3); // the refused one never got as far as naming its operation
    expect(text).toMatch(
      /^board_http_request_duration_seconds_bucket\{le="0\.005",route="graphql",operation="Report"\} \d+$/m,
    );
    // The request log still writes one line per request, the scrape included.
    expect(logs).toHaveLength(8);
    expect(logs.at(-1)).toMatchObject({ path: '/metrics', status: 200, role: null });
  });

  it('counts answers from the response cache apart from executions', async () => {
    const { yoga } = board(gridsSource(demoGrids));
    for (let i = 0; i < 3; i++) await query(yoga, PARTNER_TOKEN, REPORT);
    // GET requests are looked up later in the pipeline (onParams), and count the same.
    const url = `http://board.test/graphql?query=${encodeURIComponent(REPORT.query)}`;
    for (let i = 0; i < 2; i++) {
      await yoga.fetch(url, {
        headers: { authorization: `Bearer ${OFFICER_TOKEN}`, accept: 'application/json' },
      });
    }
    const { text } = await scrape(yoga);
    expect(value(text, 'board_graphql_executions_total{type="query"}')).toBe(2);
    expect(value(text, 'board_response_cache_hits_total')).toBe(3);
  });

  it('reports reads of the board, their errors and the snapshot age', async () => {
    let failing = false;
    const source: BoardSource = {
      description: 'switchable',
      async readGrids() {
        if (failing) throw new Error('the sheet is not shared with the service account');
        return demoGrids;
      },
    };
    let now = Date.parse('2026-11-22T12:00:00Z');
    const metrics = boardMetrics();
    const cache = new SnapshotCache(source, {
      refreshSeconds: 30,
      now: () => now,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 1 },
      log: (event) => metrics.snapshotEvent(event),
    });
    const yoga = createBoardYoga({
      cache,
      tokens: tokenTable([[OFFICER_TOKEN, 'OFFICER']]),
      demo: false,
      metrics,
    });
    const before = await scrape(yoga, OFFICER_TOKEN);
    expect(value(before.text, 'board_snapshot_age_seconds')).toBeNaN();
    expect(value(before.text, 'board_upstream_reads_total')).toBe(0);

    await cache.get();
    now += 45_000;
    failing = true;
    await cache.get(); // expired: a refresh starts, fails, and the old snapshot serves
    await new Promise((resolve) => setTimeout(resolve, 10));
    const after = await scrape(yoga, OFFICER_TOKEN);
    expect(value(after.text, 'board_upstream_reads_total')).toBe(2);
    expect(value(after.text, 'board_upstream_read_errors_total')).toBe(1);
    expect(value(after.text, 'board_upstream_read_duration_seconds_count{ok="false"}')).toBe(1);
    expect(value(after.text, 'board_upstream_read_duration_seconds_count{ok="true"}')).toBe(1);
    expect(value(after.text, 'board_snapshot_age_seconds')).toBe(45);
    expect(value(after.text, 'board_upstream_failing')).toBe(1);
    // A counter never goes back: scraping again adds nothing.
    const again = await scrape(yoga, OFFICER_TOKEN);
    expect(value(again.text, 'board_upstream_reads_total')).toBe(2);
  });

  it('keeps the operation label bounded whatever names clients send', async () => {
    const { yoga } = board(gridsSource(demoGrids));
    for (let i = 0; i < MAX_OPERATION_LABELS + 10; i++) {
      await query(yoga, PARTNER_TOKEN, {
        query: `query Q${i} { board { name } }`,
        operationName: `Q${i}`,
      });
    }
    const { text } = await scrape(yoga);
    const operations = new Set(
      [...text.matchAll(/board_http_requests_total\{route="graphql",operation="([^"]+)"/g)].map(
        (match) => match[1],
      ),
    );
    expect(operations.size).toBe(MAX_OPERATION_LABELS + 1);
    expect(
      value(
        text,
        'board_http_requests_total{route="graphql",operation="(other)",role="PARTNER",outcome="ok"}',
      ),
    ).toBe(10);
  });

  it('maps any path to a fixed list of routes', () => {
    expect(routeOf('/graphql', '/graphql')).toBe('graphql');
    expect(routeOf('/packs/MT-1/DMT.html', '/graphql')).toBe('packs');
    expect(routeOf('/reports/annual.csv', '/graphql')).toBe('reports');
    expect(routeOf('/', '/graphql')).toBe('pages');
    expect(routeOf('/wp-admin/../../etc/passwd', '/graphql')).toBe('other');
  });

  it('is served by the test servers too, each with a registry of its own', async () => {
    const one = testServer();
    const two = testServer();
    await one.query(PARTNER_TOKEN, '{ board { name } }');
    const scrapeOne = await (
      await one.yoga.fetch('http://board.test/metrics', {
        headers: { authorization: `Bearer ${OFFICER_TOKEN}` },
      })
    ).text();
    const scrapeTwo = await (
      await two.yoga.fetch('http://board.test/metrics', {
        headers: { authorization: `Bearer ${OFFICER_TOKEN}` },
      })
    ).text();
    expect(scrapeOne).toMatch(
      /route="graphql",operation="\(none\)",role="PARTNER",outcome="ok"\} 1/,
    );
    expect(scrapeTwo).not.toMatch(/route="graphql"/);
  });
});

describe('two boards in one process', () => {
  const fixtureGrids: WorkbookGrids = FIXTURE_GRIDS;
  const OTHER_OFFICER = 'officer-token-of-the-other-board-01';
  const OTHER_PARTNER = 'partner-token-of-the-other-board-01';

  it('keep their data, tokens, caches and figures apart', async () => {
    const demoSource = gridsSource(demoGrids);
    const fixtureSource = gridsSource(fixtureGrids);
    const demo = board(demoSource);
    const fixture = board(fixtureSource, {
      officer: OTHER_OFFICER,
      partner: OTHER_PARTNER,
      metricsToken: 'metrics-token-of-the-other-board-1',
    });
    const name = { query: '{ board { name } }' };

    // Each board answers with its own data, to its own tokens only, as of its own read.
    const demoAnswer = (await query(demo.yoga, PARTNER_TOKEN, name)).body;
    const fixtureAnswer = (await query(fixture.yoga, OTHER_PARTNER, name)).body;
    const asOf = async (cache: typeof demo.cache) => ({
      asOf: new Date((await cache.get()).readAt).toISOString(),
    });
    expect(demoAnswer).toEqual({
      data: { board: { name: 'Commissioning Co-Production Board (demo)' } },
      extensions: await asOf(demo.cache),
    });
    expect(fixtureAnswer).toEqual({
      data: { board: { name: 'Fixture Board' } },
      extensions: await asOf(fixture.cache),
    });
    expect((await query(fixture.yoga, PARTNER_TOKEN, name)).status).toBe(401);
    expect((await query(demo.yoga, OTHER_OFFICER, name)).status).toBe(401);
    expect((await scrape(fixture.yoga, METRICS_TOKEN)).response.status).toBe(401);

    // The same query again: each answers from its own response cache, never the other's.
    expect((await query(demo.yoga, PARTNER_TOKEN, name)).body).toEqual(demoAnswer);
    expect((await query(fixture.yoga, OTHER_PARTNER, name)).body).toEqual(fixtureAnswer);

    // One read each, by each board's own snapshot cache.
    expect(demoSource.reads).toBe(1);
    expect(fixtureSource.reads).toBe(1);
    expect(demo.cache.status().reads).toBe(1);
    expect(fixture.cache.status().reads).toBe(1);

    // Figures apart: each registry counts its own board's requests and reads only.
    const demoText = (await scrape(demo.yoga)).text;
    const fixtureText = (await scrape(fixture.yoga, 'metrics-token-of-the-other-board-1')).text;
    const partnerOk =
      'board_http_requests_total{route="graphql",operation="(none)",role="PARTNER",outcome="ok"}';
    expect(value(demoText, partnerOk)).toBe(2);
    expect(value(fixtureText, partnerOk)).toBe(2);
    expect(value(demoText, 'board_response_cache_hits_total')).toBe(1);
    expect(value(fixtureText, 'board_response_cache_hits_total')).toBe(1);
    expect(value(fixtureText, 'board_upstream_reads_total')).toBe(1);
    // Logs apart too: each board's log holds only its own requests.
    expect(demo.logs.map((line) => line.status)).toEqual([200, 401, 200, 200]);
    expect(fixture.logs.map((line) => line.status)).toEqual([200, 401, 401, 200, 200]);
  });
});

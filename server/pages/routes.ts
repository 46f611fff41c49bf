/**
 * The pages and downloads by path: what each reads (its query, the asker's role) and how it
 * keys the page cache. Every route asks the API's own schema (`data.ts`) for its figures, so a
 * partner's page is made of a partner's answers.
 */
import type { GraphQLSchema } from 'graphql';
import type { IsoDate } from '../../schema/dates';
import { annualSeries } from '../../schema/reports/annual-series';
import type { BoardSnapshot } from '../../schema/snapshot';
import type { Role } from '../graphql/context';
import { actionFilters, actionRows, actionsCsv } from '../reports/actions-csv';
import { annualReportCsv } from '../reports/annual-csv';
import { csvFilename } from '../reports/csv';
import { annualReportPage } from './annual-report';
import { messagePage, type Viewer } from './chrome';
import {
  ANNUAL_FEEDBACK_QUERY,
  ANNUAL_INVOLVEMENT_QUERY,
  ANNUAL_REPORT_QUERY,
  type AnnualReportData,
  type AnnualReportFigures,
  type FeedbackFigures,
  type InvolvementFigures,
  PageDataError,
  PORTAL_QUERY,
  type PortalData,
  pageQuery,
} from './data';
import { periodForm, periodFrom, wantsEasyRead } from './period';
import { portalPage } from './portal';

export interface PageRequest {
  readonly url: URL;
  readonly schema: GraphQLSchema;
  readonly snapshot: BoardSnapshot;
  readonly role: Role;
  readonly today: IsoDate;
  readonly viewer: Viewer;
  /** A sentence for a page made from an old snapshot, or null. */
  readonly stale: string | null;
}

export interface PageOutcome {
  readonly status: number;
  readonly contentType: string;
  readonly filename?: string;
  readonly body: string;
}

export interface PageRoute {
  /** What decides the content, beyond snapshot, role, viewer and day; null: do not keep it. */
  key(request: PageRequest): string | null;
  render(request: PageRequest): Promise<PageOutcome>;
}

const HTML = 'text/html; charset=utf-8';
const CSV = 'text/csv; charset=utf-8';

function html(body: string, status = 200): PageOutcome {
  return { status, contentType: HTML, body };
}

/** A page that explains a refusal in words, as the rest of the portal speaks. */
export function problemPage(
  request: Pick<PageRequest, 'snapshot' | 'viewer'>,
  status: number,
  title: string,
  message: string,
): PageOutcome {
  return html(
    messagePage({
      title,
      message,
      boardName: request.snapshot.settings.boardName,
      viewer: request.viewer,
    }),
    status,
  );
}

function query(request: PageRequest) {
  return pageQuery(request.schema, {
    role: request.role,
    snapshot: request.snapshot,
    today: request.today,
  });
}

const portal: PageRoute = {
  key: () => 'portal',
  async render(request) {
    const data = await query(request)<PortalData>(PORTAL_QUERY);
    return html(
      portalPage({
        data,
        viewer: request.viewer,
        today: request.today,
        smallestGroup: request.snapshot.settings.smallestReportedGroup,
        stale: request.stale,
      }),
    );
  },
};

/** The period asked for, or a page (HTML or plain text) that says what is wrong with it. */
function periodOf(request: PageRequest, format: 'html' | 'csv') {
  const found = periodFrom(request.url.searchParams, request.today);
  if ('period' in found) return found.period;
  if (format === 'csv') {
    return { status: 400, contentType: 'text/plain; charset=utf-8', body: `${found.error}\n` };
  }
  const given = (name: string) => {
    const value = request.url.searchParams.get(name) ?? '';
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
  };
  return html(
    messagePage({
      title: 'That period cannot be shown',
      message: found.error,
      boardName: request.snapshot.settings.boardName,
      viewer: request.viewer,
      more: periodForm({
        from: given('from'),
        to: given('to'),
        easyRead: wantsEasyRead(request.url.searchParams),
        error: found.error,
      }),
    }),
    400,
  );
}

async function annualFigures(request: PageRequest, from: IsoDate, to: IsoDate) {
  const ask = query(request);
  const data = await ask<AnnualReportData>(ANNUAL_REPORT_QUERY, { from, to });
  const series = annualSeries(request.snapshot, from, to, request.today);
  // A tab the board lacks leaves its part out, not the whole report (the page says which).
  const unlessUnusable = async <T>(asked: Promise<T>): Promise<T | null> => {
    try {
      return await asked;
    } catch (error) {
      if (error instanceof PageDataError && error.status === 503) return null;
      throw error;
    }
  };
  const involvement = await unlessUnusable(
    ask<{ annualReport: { involvement: InvolvementFigures } }>(ANNUAL_INVOLVEMENT_QUERY, {
      from,
      to,
    }),
  );
  const feedback = await unlessUnusable(
    ask<{ annualReport: { feedback: FeedbackFigures } }>(ANNUAL_FEEDBACK_QUERY, { from, to }),
  );
  const figures: AnnualReportFigures = {
    ...data.annualReport,
    involvement: involvement?.annualReport.involvement ?? null,
    feedback: feedback?.annualReport.feedback ?? null,
  };
  return { data: { ...data, annualReport: figures }, series };
}

/**
 * The period's key as asked (trimmed), not as worked out: only a page answered 200 is kept, so
 * only periods that are valid ever get one, and a hit costs no date arithmetic.
 */
function periodKey(params: URLSearchParams): string {
  return `${params.get('from')?.trim() ?? ''} ${params.get('to')?.trim() ?? ''}`;
}

const annualHtml: PageRoute = {
  key(request) {
    const easy = wantsEasyRead(request.url.searchParams);
    return `annual.html ${periodKey(request.url.searchParams)} ${easy}`;
  },
  async render(request) {
    const period = periodOf(request, 'html');
    if ('body' in period) return period;
    const { data, series } = await annualFigures(request, period.from, period.to);
    return html(
      annualReportPage({
        boardName: data.board.name,
        figures: data.annualReport,
        series,
        smallestGroup: request.snapshot.settings.smallestReportedGroup,
        reportBackWithinDays: request.snapshot.settings.reportBackWithinDays,
        today: request.today,
        easyRead: wantsEasyRead(request.url.searchParams),
        viewer: request.viewer,
        stale: request.stale,
      }),
    );
  },
};

const annualCsv: PageRoute = {
  key: (request) => `annual.csv ${periodKey(request.url.searchParams)}`,
  async render(request) {
    const period = periodOf(request, 'csv');
    if ('body' in period) return period;
    const { data, series } = await annualFigures(request, period.from, period.to);
    return {
      status: 200,
      contentType: CSV,
      filename: csvFilename(`annual-report-${period.from}-to-${period.to}`),
      body: annualReportCsv(
        data.annualReport,
        series,
        request.snapshot.settings.smallestReportedGroup,
      ),
    };
  },
};

const actionsCsvRoute: PageRoute = {
  key(request) {
    const found = actionFilters(request.url.searchParams, request.today);
    return 'filters' in found ? `actions.csv ${JSON.stringify(found.filters)}` : null;
  },
  async render(request) {
    const found = actionFilters(request.url.searchParams, request.today);
    if ('error' in found) {
      return { status: 400, contentType: 'text/plain; charset=utf-8', body: `${found.error}\n` };
    }
    const rows = await actionRows(query(request), found.filters);
    return {
      status: 200,
      contentType: CSV,
      filename: csvFilename(`actions-${request.today}`),
      body: actionsCsv(rows),
    };
  },
};

const ROUTES: Readonly<Record<string, PageRoute>> = {
  '/': portal,
  '/reports/annual.html': annualHtml,
  '/reports/annual.csv': annualCsv,
  '/reports/actions.csv': actionsCsvRoute,
};

/** The route for a path, a "no such report" page under /reports/, or null (not a page). */
export function pageRoute(pathname: string): PageRoute | null {
  const route = ROUTES[pathname];
  if (route) return route;
  if (!pathname.startsWith('/reports/')) return null;
  return {
    key: () => null,
    render: async (request) =>
      problemPage(
        request,
        404,
        'There is no such report',
        `There is no report at ${pathname}. The annual report is at /reports/annual.html, its figures at /reports/annual.csv, and the action log at /reports/actions.csv.`,
      ),
  };
}

export { PageDataError };

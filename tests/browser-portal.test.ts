/**
 * Issue 13 item 6: the partners' portal in a real browser, Debian's Chromium driven by
 * playwright-core (no browser download), as a partner who is not a programmer uses it: sign in
 * with the form, open the portal, a pack, the annual report (standard and easy read), download
 * the CSVs, print; and GraphiQL, which runs a query. Every request off this server is refused
 * and recorded (no page may need the internet); every page is checked by axe-core against
 * WCAG 2.1 AA with no violation, at 390 px wide with no sideways scrolling (the standard pack
 * too), and photographed into test-artifacts/ on a desktop, a phone and in print. Skipped
 * without Chromium, as the other browser tests are; CI always runs it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICER_TOKEN, PARTNER_TOKEN, testServer } from './support/board-server';
import {
  ARTIFACTS,
  AXE_SOURCE,
  AXE_TAGS,
  CHROMIUM_PATH,
  launchChromium,
  skipBrowserTests,
} from './support/chromium';

/** A4 less the pages' print margins (14 mm a side), in CSS pixels. */
const A4_PRINT_WIDTH = Math.floor(((210 - 28) / 25.4) * 96);

interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly {
    readonly target: readonly string[];
    readonly failureSummary?: string;
  }[];
}

/**
 * Runs axe-core in the page. Through the DevTools protocol, not a script tag: the pages' policy
 * refuses every script, which is the point, and stays in force for the whole test.
 */
async function runAxe(page: Page, tags = AXE_TAGS) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (values) => {
    const scope = globalThis as unknown as {
      document: unknown;
      axe: {
        run: (...args: unknown[]) => Promise<{ violations: AxeViolation[]; passes: unknown[] }>;
      };
    };
    const result = await scope.axe.run(scope.document, { runOnly: { type: 'tag', values } });
    return {
      violations: result.violations.map(({ id, help, nodes }) => ({
        id,
        help,
        nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
      })),
      passed: result.passes.length,
    };
  }, tags);
}

/** How far the page is wider than its window: 0 when nothing scrolls sideways. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as {
        document: { scrollingElement: { scrollWidth: number; clientWidth: number } };
      }
    ).document.scrollingElement;
    return root.scrollWidth - root.clientWidth;
  });
}

if (skipBrowserTests) {
  console.warn(`Skipping the portal's browser tests: no Chromium at ${CHROMIUM_PATH}.`);
}

describe.skipIf(skipBrowserTests)('the portal in headless Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  /** Requests for anything not on this server, which the pages must never make. */
  const outside: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = createServer(testServer().yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A browser profile with no way out: everything off this server is refused and noted. */
  async function offlineContext(): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      locale: 'en-GB',
    });
    await context.route(
      (url) =>
        !url.href.startsWith(base) &&
        !url.href.startsWith('data:') &&
        !url.href.startsWith('blob:'),
      (route) => {
        outside.push(route.request().url());
        return route.abort();
      },
    );
    return context;
  }

  async function signIn(context: BrowserContext, token: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-sign-in.png'), fullPage: true });
    const { violations } = await runAxe(page);
    expect(violations, 'the sign-in form').toEqual([]);
    await page.getByLabel('Access token').fill(token);
    await Promise.all([
      page.waitForURL(`${base}/`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    return page;
  }

  /**
   * Opens a page, photographs it on a desktop, at 390 px and as printed, and checks it with
   * axe-core in each; returns the number of rules axe found passing on the desktop.
   */
  async function checkPage(page: Page, path: string, name: string): Promise<number> {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'screen' });
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    const desktop = await runAxe(page);
    expect(desktop.violations, `${path} on a desktop`).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}${path}`);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
    expect(await sidewaysOverflow(page), `${path} at 390 px scrolls sideways`).toBe(0);
    const phone = await runAxe(page);
    expect(phone.violations, `${path} at 390 px`).toEqual([]);

    await page.setViewportSize({ width: A4_PRINT_WIDTH, height: 1100 });
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${base}${path}`);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-print.png`), fullPage: true });
    expect(await sidewaysOverflow(page), `${path} is wider than A4 in print`).toBe(0);
    await page.emulateMedia({ media: 'screen' });
    return desktop.passed;
  }

  it('lets a partner sign in, read the portal, the annual report and a pack, and download the CSVs', async () => {
    outside.length = 0;
    const context = await offlineContext();
    try {
      const page = await signIn(context, PARTNER_TOKEN);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
        'Co-Production Board',
      );

      expect(await checkPage(page, '/', 'portal')).toBeGreaterThan(15);
      expect(await checkPage(page, '/reports/annual.html', 'annual-report')).toBeGreaterThan(15);
      expect(
        await checkPage(page, '/reports/annual.html?easyRead=1', 'annual-report-easy-read'),
      ).toBeGreaterThan(15);
      await checkPage(page, '/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html', 'portal-pack');
      await checkPage(
        page,
        '/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html?easyRead=1',
        'portal-pack-easy-read',
      );

      // The portal's own links and form take a partner there, as a person would go.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: 'Annual report for the last 12 months' }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Annual report: 23 November 2025 to 22 November 2026',
      );
      await page.goto(`${base}/`);
      await page.getByLabel('From').fill('2024-01-01');
      await page.getByLabel('To').fill('2024-12-31');
      await page.getByLabel('Easy read').check();
      await page.getByRole('button', { name: 'Show the report' }).click();
      expect(page.url()).toBe(
        `${base}/reports/annual.html?from=2024-01-01&to=2024-12-31&easyRead=1`,
      );
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Easy read: what our board did',
      );

      await page.goto(`${base}/`);
      const [annual] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Annual report figures, last 12 months (CSV)' }).click(),
      ]);
      expect(annual.suggestedFilename()).toBe('annual-report-2025-11-23-to-2026-11-22.csv');
      const annualBytes = readFileSync((await annual.path()) ?? '');
      expect([...annualBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [actions] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Every action, with its owners and status (CSV)' }).click(),
      ]);
      expect(readFileSync((await actions.path()) ?? '', 'utf8')).toMatch(
        /^\uFEFFAction ID,Meeting,/,
      );

      // Printed to A4 as a PDF: a few pages, not dozens.
      await page.goto(`${base}/reports/annual.html`);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThan(1);
      expect(pages).toBeLessThan(10);

      // Signing out ends it: the pages ask to sign in again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${base}/?signed-out`);
      expect(await page.getByText('You have signed out.').count()).toBe(1);
      const after = await page.goto(`${base}/reports/annual.html`);
      expect(after?.status()).toBe(401);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('opens GraphiQL with its example queries, which run with no outside request', async () => {
    outside.length = 0;
    const context = await offlineContext();
    try {
      const page = await signIn(context, OFFICER_TOKEN);
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text()))
          violations.push(message.text());
      });
      await page.goto(`${base}/graphql`);
      const run = page.getByRole('button', { name: /execute query/i });
      await run.waitFor({ timeout: 30_000 });
      const response = page.waitForResponse(
        (candidate) =>
          candidate.url() === `${base}/graphql` &&
          candidate.request().method() === 'POST' &&
          candidate.request().postData()?.includes('AnnualReport') === true,
      );
      await run.click();
      const answer = (await (await response).json()) as {
        data?: { annualReport?: { meetingsHeld: number } };
      };
      expect(answer.data?.annualReport?.meetingsHeld, JSON.stringify(answer)).toBe(12);
      await page.getByText('"meetingsHeld": 12').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(ARTIFACTS, 'graphiql.png') });
      // One tab per example reporting query; the next opens with its own variables and runs.
      const queries = page.getByRole('toolbar', { name: 'Queries' });
      for (const name of ['AnnualReport', 'OverdueActions', 'FollowUp', 'ProjectsWithTasks']) {
        expect(await queries.getByRole('button', { name, exact: true }).count(), name).toBe(1);
      }
      // GraphiQL too passes axe-core (with its tabs made a toolbar of buttons, pages/graphiql.ts).
      const { violations: axeViolations, passed } = await runAxe(page);
      expect(axeViolations).toEqual([]);
      expect(passed).toBeGreaterThan(10);
      // From the keyboard (the tabs can be dragged, so a click starts a drag in headless mode).
      await page.getByRole('button', { name: 'OverdueActions', exact: true }).focus();
      await page.keyboard.press('Enter');
      // GraphiQL switches tabs on its next render: run only once the tab is current, or the click
      // runs the previous tab's query (this raced on a loaded CI machine).
      await queries
        .locator('[aria-current="true"]', { hasText: 'OverdueActions' })
        .waitFor({ timeout: 30_000 });
      const overdue = page.waitForResponse(
        (candidate) =>
          candidate.url() === `${base}/graphql` &&
          candidate.request().postData()?.includes('OverdueActions') === true,
      );
      await run.click();
      const paged = (await (await overdue).json()) as {
        data?: { actions?: { totalCount: number; edges: unknown[] } };
      };
      expect(paged.data?.actions?.edges.length, JSON.stringify(paged)).toBe(
        Math.min(20, paged.data?.actions?.totalCount ?? -1),
      );
      expect(
        await queries
          .getByRole('button', { name: 'OverdueActions', exact: true })
          .getAttribute('aria-current'),
      ).toBe('true');
      await page.screenshot({ path: join(ARTIFACTS, 'graphiql-overdue.png') });
      expect(violations).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

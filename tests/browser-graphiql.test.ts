/**
 * Issue 9, item 6: the GraphiQL page's Content-Security-Policy, in a real browser. The page is
 * served over loopback by the real server; its CDN assets are answered by the test (no network),
 * so what is checked is the policy: the page's own inline scripts, assets and workers run with no
 * violation, and a script injected into the page is refused. Skipped without Chromium, as the
 * packs' browser test is; CI always runs it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICER_TOKEN, testServer } from './support/board-server';
import { launchChromium, skipBrowserTests } from './support/chromium';

describe.skipIf(skipBrowserTests)('GraphiQL in headless Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer(testServer().yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('runs the page’s own scripts with no violation, and refuses an injected one', async () => {
    const page = await browser.newPage();
    try {
      // Everything off this server is answered here, empty: the test needs no network.
      await page.route(
        (url) => !url.href.startsWith(base),
        (route) =>
          route.fulfill({
            status: 200,
            contentType: route.request().url().endsWith('.css') ? 'text/css' : 'text/javascript',
            body: '',
          }),
      );
      await page.addInitScript(() => {
        const scope = globalThis as unknown as {
          violations: string[];
          addEventListener: (type: string, listener: (event: unknown) => void) => void;
        };
        scope.violations = [];
        scope.addEventListener('securitypolicyviolation', (event) => {
          const violation = event as { effectiveDirective: string; blockedURI: string };
          scope.violations.push(`${violation.effectiveDirective} ${violation.blockedURI}`);
        });
      });
      const response = await page.goto(`${base}/graphql?token=${OFFICER_TOKEN}`);
      expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
      // The page's second inline script waits for the workers' fetches to settle.
      await page.waitForTimeout(500);
      const violations = () =>
        page.evaluate(() => (globalThis as unknown as { violations: string[] }).violations);
      expect(await violations()).toEqual([]);

      const ran = await page.evaluate(() => {
        const scope = globalThis as unknown as {
          injected?: boolean;
          document: {
            createElement(tag: string): { textContent: string };
            body: { appendChild(node: unknown): void };
          };
        };
        const script = scope.document.createElement('script');
        script.textContent = 'globalThis.injected = true';
        scope.document.body.appendChild(script);
        return scope.injected === true;
      });
      expect(ran).toBe(false);
      await page.waitForTimeout(100);
      expect((await violations()).some((line) => line.startsWith('script-src'))).toBe(true);
    } finally {
      await page.close();
    }
  }, 30_000);
});

/**
 * Debian's Chromium for the browser tests (never a downloaded browser), started the way this
 * machine needs: headless, sandbox off (tests run as root), and no background networking, whose
 * connections a closed network refuses many at a time. Without Chromium a developer's run skips
 * the browser tests; CI (CI=true) installs Chromium and must run them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
/** Browser tests skip only where there is no Chromium and this is not CI. */
export const skipBrowserTests = !chromiumAvailable && !process.env.CI;

/** Where screenshots go, for a person to look at (git ignores it). */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

/** axe-core's browser build, to inject into a page. */
export const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
/** WCAG 2.1 A and AA, plus axe's best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * What every chart shares: the SVG frame that makes it one image to assistive technology
 * (`role="img"`, named by its title and described by a sentence that carries its figures), the
 * palette, and the type. Charts are static SVG written as text: no script draws them, so a page
 * reads the same with JavaScript off, printed, or saved.
 *
 * Why our own SVG and not a chart library (weighed for the annual report page, issue 13):
 * - Vega-Lite's `vega.View.toSVG()` renders on the server, but vega 6 is 27 `vega-*` packages
 *   over d3 modules, renders asynchronously through a dataflow runtime on every request, measures
 *   text without a canvas by estimate, and marks its output up as an ARIA `graphics-document` of
 *   `graphics-symbol` marks, which screen readers announce unevenly and which the charts' own
 *   text alternative would then have to fight. It cannot go in schema/ either, which the Apps
 *   Script bundle includes (its size limit and V8 runtime).
 * - Observable Plot needs a DOM to render into (jsdom or linkedom on the server) plus d3.
 * - The report needs three plain forms (bars, a calendar of months, lines) over at most a few
 *   dozen points. Written here they are a few hundred lines with no dependency, synchronous and
 *   well under a millisecond, byte-for-byte deterministic (pages are cached and compared), and
 *   marked up exactly as WCAG asks: every bar and line labelled in text as well as colour.
 * The pack's own chart (`packs/chart.ts`) is left as it is: its bytes are part of every pack's
 * SHA-256, which the Circulation tab records.
 */
import { escapeHtml } from '../packs/escape';

/** Each has at least 3:1 contrast with white (WCAG 1.4.11) and 4.5:1 where used for text. */
export const PALETTE = {
  blue: '#1d4f91',
  rust: '#a4370b',
  green: '#2b6b34',
  grey: '#595959',
  purple: '#5b3a8c',
  ink: '#1b1b1b',
  /** Text that is secondary but must still read (8.6:1 on white). */
  muted: '#4a4a4a',
  /** Lines and fills that carry no meaning of their own. */
  rule: '#8a8a8a',
  wash: '#e8eef6',
} as const;

export const FONT = 'Arial, Helvetica, sans-serif';

export interface ChartText {
  /** Unique on the page: the title's and description's element IDs are made from it. */
  readonly id: string;
  /** What the chart shows, in a few words ("Attendance by constituency"). */
  readonly title: string;
  /** The chart in words, with its figures: what a screen reader announces. */
  readonly description: string;
}

/** The outer `<svg>`: one image named by its title and described by its figures. */
export function svgFrame(text: ChartText, width: number, height: number, body: string): string {
  const id = idSafe(text.id);
  return [
    `<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${escapeHtml(text.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(text.description)}</desc>`,
    `<g font-family="${FONT}" fill="${PALETTE.ink}">${body}</g>`,
    '</svg>',
  ].join('\n');
}

/** An ID made of letters, digits and hyphens only. */
export function idSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9-]+/g, '-');
}

export function text(
  x: number,
  y: number,
  content: string,
  attributes: Readonly<Record<string, string | number>> = {},
): string {
  const extra = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
  return `<text x="${round(x)}" y="${round(y)}"${extra}>${escapeHtml(content)}</text>`;
}

export function rect(
  x: number,
  y: number,
  width: number,
  height: number,
  attributes: Readonly<Record<string, string | number>>,
): string {
  const extra = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}"${extra}/>`;
}

/** Coordinates to one decimal place: enough for any screen, and stable text. */
export function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * A tidy value axis for figures up to `most`: a step of 1, 2 or 5 times a power of ten giving
 * at most five steps, and the top as the first step at or above `most` (at least 1).
 */
export function niceAxis(most: number): { top: number; step: number } {
  if (!(most > 1)) return { top: 1, step: 1 };
  const rough = most / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power);
  return { top: Math.ceil(most / step) * step, step };
}

/**
 * Roughly how wide a line of Arial is, in user units, for laying out labels: generous, since a
 * label cut off at the edge is worse than a little space to spare.
 */
export function textWidth(content: string, fontSize: number, bold = false): number {
  return content.length * fontSize * (bold ? 0.64 : 0.58);
}

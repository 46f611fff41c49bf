/**
 * The bar chart of the followed-up actions by status, as inline SVG (a pack has no external
 * resources). It is one image to assistive technology, named by its title and described by
 * the same numbers, which the pack also prints as text beside it.
 */
import type { PackFollowUp } from './content';

/** Bar colours: each has at least 3:1 contrast with white (WCAG 1.4.11 non-text contrast). */
const BAR_COLOURS: Readonly<Record<string, string>> = {
  Open: '#a4370b',
  'In progress': '#1d4f91',
  Done: '#2b6b34',
  Dropped: '#595959',
};

const LABEL_WIDTH = 130;
const BAR_SPACE = 300;
const ROW_HEIGHT = 40;
const BAR_HEIGHT = 24;

export interface ChartWords {
  readonly title: string;
  /** How each status reads, e.g. "Not started" for Open in easy read. */
  readonly label: (status: string) => string;
}

/** One sentence per status: "Open: 5. In progress: 4. Done: 3. Dropped: 0." */
export function chartDescription(counts: PackFollowUp['statusCounts'], words: ChartWords): string {
  return counts.map(({ status, count }) => `${words.label(status)}: ${count}.`).join(' ');
}

export function statusChartSvg(counts: PackFollowUp['statusCounts'], words: ChartWords): string {
  const most = Math.max(1, ...counts.map(({ count }) => count));
  const height = counts.length * ROW_HEIGHT + 8;
  const width = LABEL_WIDTH + BAR_SPACE + 60;
  const rows = counts.map(({ status, count }, index) => {
    const top = 4 + index * ROW_HEIGHT;
    const barWidth = Math.round((count / most) * BAR_SPACE);
    const middle = top + BAR_HEIGHT / 2 + 6;
    return (
      `<text x="0" y="${middle}">${words.label(status)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${top}" width="${barWidth}" height="${BAR_HEIGHT}" fill="${BAR_COLOURS[status] ?? '#595959'}"/>` +
      `<text x="${LABEL_WIDTH + barWidth + 8}" y="${middle}">${count}</text>`
    );
  });
  return [
    `<svg class="chart" role="img" aria-labelledby="status-chart-title status-chart-description" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="status-chart-title">${words.title}</title>`,
    `<desc id="status-chart-description">${chartDescription(counts, words)}</desc>`,
    `<g font-family="Arial, Helvetica, sans-serif" font-size="17" fill="#1b1b1b">${rows.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

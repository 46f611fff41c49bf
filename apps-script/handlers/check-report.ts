/**
 * What "Check membership" found, for the dialog and the cell notes: the shared check report
 * (schema/check-report.ts) as HTML, grouped by tab, each with the cell to fix
 * (`Members!G10`), then the ones about the whole board, then the figures (R1 places filled,
 * R6 balance), in plain words.
 */
import type { CheckEntry, CheckReport } from '../../schema/check-report';
import { formatLongDate } from '../../schema/dates';
import { cellLabel } from '../../schema/issues';
import { escapeHtml } from '../html';

/** The note text for an entry: the rule first, so officers can look it up in the terms. */
export function noteText(entry: CheckEntry): string {
  return `${severityWord(entry)}${entry.rule ? ` (${entry.rule})` : ''}: ${entry.message}`;
}

export function checkReportHtml(report: CheckReport): string {
  const { errors, warnings } = report;
  const item = (entry: CheckEntry) =>
    `<li><strong>${severityWord(entry)}</strong> ${
      entry.cell
        ? `<code>${escapeHtml(cellLabel({ sheet: entry.sheet, cell: entry.cell }))}</code>${
            entry.alsoAt.length > 0 ? ` (also ${entry.alsoAt.join(', ')})` : ''
          } `
        : ''
    }${entry.rule ? `${entry.rule}: ` : ''}${escapeHtml(entry.message)}</li>`;
  const parts = [
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><style>',
    'body{font-family:Arial,sans-serif;font-size:14px;line-height:1.4}li{margin-bottom:.5em}code{background:#f1f3f4;padding:0 .2em}',
    '</style></head><body>',
    `<p>${escapeHtml(report.boardName)}: check on ${escapeHtml(formatLongDate(report.today))}.</p>`,
    `<p><strong>${
      errors + warnings === 0
        ? 'No problems found.'
        : `${errors} ${errors === 1 ? 'error' : 'errors'} and ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`
    }</strong>${
      report.tabs.length > 0
        ? ' Each problem with a cell also has a note on that cell, starting "Board check:".'
        : ''
    }</p>`,
  ];
  for (const tab of report.tabs) {
    parts.push(`<h2>${escapeHtml(tab.sheet)} tab</h2><ul>${tab.entries.map(item).join('')}</ul>`);
  }
  if (report.wholeBoard.length > 0) {
    parts.push(`<h2>Whole board</h2><ul>${report.wholeBoard.map(item).join('')}</ul>`);
  }
  if (report.figures.length > 0) {
    parts.push(
      `<h2>Figures</h2><ul>${report.figures
        .map((finding) => `<li>${finding.rule}: ${escapeHtml(finding.message)}</li>`)
        .join('')}</ul>`,
    );
  }
  parts.push('</body></html>');
  return parts.join('');
}

function severityWord(entry: CheckEntry): string {
  return entry.severity === 'error' ? 'Error' : 'Warning';
}

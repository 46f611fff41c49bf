/**
 * What "Check membership" found, for the dialog: data issues and rule findings grouped by tab,
 * each with the cell to fix (`Members!G10`), then the ones about the whole board, then the
 * figures (R1 places filled, R6 balance), in plain words.
 */
import { formatLongDate, type IsoDate } from '../../schema/dates';
import { cellLabel, type DataIssue } from '../../schema/issues';
import { TAB_NAMES } from '../../schema/layout';
import { type CellLocation, locateFinding } from '../../schema/locate';
import type { Finding } from '../../schema/rules';
import type { BoardSnapshot } from '../../schema/snapshot';
import { escapeHtml } from '../html';

export interface CheckLine {
  readonly sheet: string;
  readonly cell: string | null;
  readonly row: number;
  readonly severity: 'error' | 'warning';
  /** The rule (R1...R11) for findings; null for data issues. */
  readonly rule: string | null;
  readonly message: string;
  /** More cells of the same tab the line is about (the other members a finding names). */
  readonly alsoAt: readonly string[];
}

export interface CheckResult {
  readonly lines: readonly CheckLine[];
  readonly figures: readonly Finding[];
}

export function checkLines(
  snapshot: BoardSnapshot,
  issues: readonly DataIssue[],
  findings: readonly Finding[],
): CheckResult {
  const lines: CheckLine[] = issues.map((issue) => ({
    sheet: issue.sheet,
    cell: issue.cell,
    row: issue.row,
    severity: issue.severity,
    rule: null,
    message: issue.message,
    alsoAt: [],
  }));
  const figures: Finding[] = [];
  for (const finding of findings) {
    if (finding.severity === 'info') {
      figures.push(finding);
      continue;
    }
    const where: CellLocation | null = locateFinding(snapshot, finding);
    // A finding about several members (two representatives of one group) marks each row.
    const alsoAt =
      where?.sheet === 'Members'
        ? (finding.memberIds ?? [])
            .slice(1)
            .map((id) => locateFinding(snapshot, { ...finding, memberIds: [id] }))
            .filter((other): other is CellLocation => other?.sheet === 'Members')
            .map((other) => other.cell)
        : [];
    lines.push({
      sheet: where?.sheet ?? '',
      cell: where?.cell ?? null,
      row: where?.row ?? 0,
      severity: finding.severity,
      rule: finding.rule,
      message: finding.message,
      alsoAt,
    });
  }
  return { lines, figures };
}

/** The note text for a line: the rule first, so officers can look it up in the terms. */
export function noteText(line: CheckLine): string {
  return `${line.severity === 'error' ? 'Error' : 'Warning'}${line.rule ? ` (${line.rule})` : ''}: ${line.message}`;
}

function tabOrder(sheet: string): number {
  const index = (TAB_NAMES as readonly string[]).indexOf(sheet);
  return index === -1 ? TAB_NAMES.length : index;
}

export function checkReportHtml(result: CheckResult, boardName: string, today: IsoDate): string {
  const errors = result.lines.filter((line) => line.severity === 'error').length;
  const warnings = result.lines.length - errors;
  const located = result.lines.filter((line) => line.cell !== null);
  const general = result.lines.filter((line) => line.cell === null);
  const sheets = [...new Set(located.map((line) => line.sheet))].sort(
    (a, b) => tabOrder(a) - tabOrder(b) || a.localeCompare(b),
  );
  const item = (line: CheckLine) =>
    `<li><strong>${line.severity === 'error' ? 'Error' : 'Warning'}</strong> ${
      line.cell
        ? `<code>${escapeHtml(cellLabel({ sheet: line.sheet, cell: line.cell }))}</code>${
            line.alsoAt.length > 0 ? ` (also ${line.alsoAt.join(', ')})` : ''
          } `
        : ''
    }${line.rule ? `${line.rule}: ` : ''}${escapeHtml(line.message)}</li>`;
  const parts = [
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><style>',
    'body{font-family:Arial,sans-serif;font-size:14px;line-height:1.4}li{margin-bottom:.5em}code{background:#f1f3f4;padding:0 .2em}',
    '</style></head><body>',
    `<p>${escapeHtml(boardName)}: check on ${escapeHtml(formatLongDate(today))}.</p>`,
    `<p><strong>${
      errors + warnings === 0
        ? 'No problems found.'
        : `${errors} ${errors === 1 ? 'error' : 'errors'} and ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`
    }</strong>${
      located.length > 0
        ? ' Each problem with a cell also has a note on that cell, starting "Board check:".'
        : ''
    }</p>`,
  ];
  for (const sheet of sheets) {
    const ofSheet = located.filter((line) => line.sheet === sheet).sort((a, b) => a.row - b.row);
    parts.push(`<h2>${escapeHtml(sheet)} tab</h2><ul>${ofSheet.map(item).join('')}</ul>`);
  }
  if (general.length > 0) parts.push(`<h2>Whole board</h2><ul>${general.map(item).join('')}</ul>`);
  if (result.figures.length > 0) {
    parts.push(
      `<h2>Figures</h2><ul>${result.figures
        .map((finding) => `<li>${finding.rule}: ${escapeHtml(finding.message)}</li>`)
        .join('')}</ul>`,
    );
  }
  parts.push('</body></html>');
  return parts.join('');
}

/**
 * The check command's report: data issues and rule findings grouped by tab, in plain words,
 * each with the cell to fix (`Actions!F7`) and, for findings, the rule (`R5`).
 */
import { formatLongDate, type IsoDate } from '../../schema/dates';
import { cellLabel } from '../../schema/issues';
import { TAB_NAMES } from '../../schema/layout';
import { locateFinding } from '../../schema/locate';
import type { Finding } from '../../schema/rules/finding';
import type { BoardSnapshot } from '../../schema/snapshot';

interface ReportLine {
  readonly sheet: string;
  readonly row: number;
  readonly text: string;
}

export interface CheckReport {
  readonly text: string;
  readonly errors: number;
  readonly warnings: number;
}

const LABEL = { error: 'Error  ', warning: 'Warning' } as const;

export function formatCheckReport(
  snapshot: BoardSnapshot,
  findings: readonly Finding[],
  context: { readonly source: string; readonly today: IsoDate },
): CheckReport {
  const lines: ReportLine[] = [];
  for (const issue of snapshot.issues) {
    lines.push({
      sheet: issue.sheet,
      row: issue.row,
      text: `${LABEL[issue.severity]}  ${cellLabel(issue)}  ${issue.message}`,
    });
  }
  const figures: string[] = [];
  const general: string[] = [];
  for (const finding of findings) {
    if (finding.severity === 'info') {
      figures.push(`  ${finding.rule.padEnd(4)} ${finding.message}`);
      continue;
    }
    const where = locateFinding(snapshot, finding);
    const text = `${LABEL[finding.severity]}  ${finding.rule.padEnd(4)} ${
      where ? `${cellLabel(where)}  ` : ''
    }${finding.message}`;
    if (where) lines.push({ sheet: where.sheet, row: where.row, text });
    else general.push(`  ${text}`);
  }

  const errors =
    snapshot.issues.filter((issue) => issue.severity === 'error').length +
    findings.filter((finding) => finding.severity === 'error').length;
  const warnings =
    snapshot.issues.filter((issue) => issue.severity === 'warning').length +
    findings.filter((finding) => finding.severity === 'warning').length;

  const out: string[] = [
    `${snapshot.settings.boardName}: check of ${context.source} on ${formatLongDate(context.today)}`,
    '',
  ];
  const sheets = [...new Set(lines.map((line) => line.sheet))].sort(
    (a, b) => sheetOrder(a) - sheetOrder(b) || a.localeCompare(b),
  );
  for (const sheet of sheets) {
    out.push(`${sheet} tab`);
    const ofSheet = lines.filter((line) => line.sheet === sheet).sort((a, b) => a.row - b.row);
    for (const line of ofSheet) out.push(`  ${line.text}`);
    out.push('');
  }
  if (general.length > 0) out.push('Whole board', ...general, '');
  if (figures.length > 0) out.push('Figures', ...figures, '');
  out.push(
    errors + warnings === 0
      ? 'No problems found.'
      : `${plural(errors, 'error')} and ${plural(warnings, 'warning')}.${
          errors > 0
            ? ' Errors mean data was left out or a rule of the terms of reference is broken.'
            : ''
        }`,
  );
  return { text: out.join('\n'), errors, warnings };
}

function sheetOrder(sheet: string): number {
  const index = (TAB_NAMES as readonly string[]).indexOf(sheet);
  return index === -1 ? TAB_NAMES.length : index;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The check command's report in a terminal: the shared check report (schema/check-report.ts)
 * as plain lines, grouped by tab, each with the cell to fix (`Actions!F7`) and, for findings,
 * the rule (`R5`).
 */
import { type CheckEntry, checkReport } from '../../schema/check-report';
import { formatLongDate, type IsoDate } from '../../schema/dates';
import { cellLabel } from '../../schema/issues';
import type { Finding } from '../../schema/rules/finding';
import type { BoardSnapshot } from '../../schema/snapshot';

export interface CheckReportText {
  readonly text: string;
  readonly errors: number;
  readonly warnings: number;
}

const LABEL = { error: 'Error  ', warning: 'Warning' } as const;

export function formatCheckReport(
  snapshot: BoardSnapshot,
  findings: readonly Finding[],
  context: { readonly source: string; readonly today: IsoDate },
): CheckReportText {
  const report = checkReport(snapshot, snapshot.issues, findings, context.today);
  const out: string[] = [
    `${report.boardName}: check of ${context.source} on ${formatLongDate(report.today)}`,
    '',
  ];
  for (const tab of report.tabs) {
    out.push(`${tab.sheet} tab`, ...tab.entries.map((entry) => `  ${line(entry)}`), '');
  }
  if (report.wholeBoard.length > 0) {
    out.push('Whole board', ...report.wholeBoard.map((entry) => `  ${line(entry)}`), '');
  }
  if (report.figures.length > 0) {
    out.push(
      'Figures',
      ...report.figures.map((finding) => `  ${finding.rule.padEnd(4)} ${finding.message}`),
      '',
    );
  }
  const { errors, warnings } = report;
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

/** `Warning  R3   Members!L17  ...`; a data issue has no rule, a whole-board finding no cell. */
function line(entry: CheckEntry): string {
  const rule = entry.rule === null ? '' : `${entry.rule.padEnd(4)} `;
  const cell =
    entry.cell === null ? '' : `${cellLabel({ sheet: entry.sheet, cell: entry.cell })}  `;
  return `${LABEL[entry.severity]}  ${rule}${cell}${entry.message}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One problem as `check --json` gives it: what a script or a spreadsheet import reads. */
export interface CheckJsonEntry {
  readonly rule: string | null;
  readonly severity: 'error' | 'warning';
  /** The tab, or null for a finding about the whole board. */
  readonly sheet: string | null;
  readonly cell: string | null;
  readonly message: string;
}

export interface CheckJson {
  readonly board: string;
  readonly source: string;
  readonly today: IsoDate;
  readonly errors: number;
  readonly warnings: number;
  /** Data issues and findings, in the order the terminal report lists them. */
  readonly problems: readonly CheckJsonEntry[];
  readonly figures: readonly { readonly rule: string; readonly message: string }[];
}

/** The same report for scripts: the same entries, in the same order, as plain JSON. */
export function checkReportJson(
  snapshot: BoardSnapshot,
  findings: readonly Finding[],
  context: { readonly source: string; readonly today: IsoDate },
): CheckJson {
  const report = checkReport(snapshot, snapshot.issues, findings, context.today);
  const entry = (item: CheckEntry): CheckJsonEntry => ({
    rule: item.rule,
    severity: item.severity,
    sheet: item.cell === null ? null : item.sheet,
    cell: item.cell,
    message: item.message,
  });
  return {
    board: report.boardName,
    source: context.source,
    today: report.today,
    errors: report.errors,
    warnings: report.warnings,
    problems: [...report.tabs.flatMap((tab) => tab.entries), ...report.wholeBoard].map(entry),
    figures: report.figures.map((finding) => ({ rule: finding.rule, message: finding.message })),
  };
}

/**
 * What a check of the board found, as one model for both of its readers: `npm run check` in a
 * terminal and "Check membership" in the sheet. Data issues and rule findings are grouped by
 * tab in the board's tab order, each with the cell to fix and, for a finding, its rule; then
 * the findings no cell stands for (the whole board); then the figures. The renderers only lay
 * this out, so the two can never disagree on what was found or where.
 */
import type { IsoDate } from './dates';
import type { DataIssue } from './issues';
import { TAB_NAMES } from './layout';
import { findingLocations } from './locate';
import type { Finding, RuleId } from './rules/finding';
import type { BoardSnapshot } from './snapshot';

export interface CheckEntry {
  /** The tab; '' for a finding about the whole board. */
  readonly sheet: string;
  /** The cell to fix in A1 form (`G10`), or null for a finding about the whole board. */
  readonly cell: string | null;
  /** 1-based sheet row of `cell` (0 without one), for putting a tab's entries in row order. */
  readonly row: number;
  readonly severity: 'error' | 'warning';
  /** The rule (R1-R11, R16-R18) for a finding; null for a data issue. */
  readonly rule: RuleId | null;
  readonly message: string;
  /** More cells of the same tab the entry is about (the other members a finding names). */
  readonly alsoAt: readonly string[];
}

export interface CheckTab {
  readonly sheet: string;
  /** In row order; entries on one row in the order found. */
  readonly entries: readonly CheckEntry[];
}

export interface CheckReport {
  readonly boardName: string;
  readonly today: IsoDate;
  /** Every error and warning in the order found: data issues, then findings in rule order. */
  readonly entries: readonly CheckEntry[];
  /** The entries with a cell, by tab in the board's tab order. */
  readonly tabs: readonly CheckTab[];
  /** The entries no cell stands for, in the order found. */
  readonly wholeBoard: readonly CheckEntry[];
  /**
   * The rules' figures and standing to-dos (R1 places filled, R6 balance, R18 formats to
   * arrange), in rule order.
   */
  readonly figures: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
}

/**
 * The report on `issues` (the data issues of the tabs that were read) and `findings` (the
 * rules' findings, figures included) for the board on `today`.
 */
export function checkReport(
  snapshot: BoardSnapshot,
  issues: readonly DataIssue[],
  findings: readonly Finding[],
  today: IsoDate,
): CheckReport {
  const entries: CheckEntry[] = issues.map((issue) => ({
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
    if (finding.severity === 'info') figures.push(finding);
    else entries.push(findingEntry(snapshot, finding, finding.severity));
  }

  const located = entries.filter((entry) => entry.cell !== null);
  const sheets = [...new Set(located.map((entry) => entry.sheet))].sort(
    (a, b) => tabOrder(a) - tabOrder(b) || a.localeCompare(b),
  );
  const errors = entries.filter((entry) => entry.severity === 'error').length;
  return {
    boardName: snapshot.settings.boardName,
    today,
    entries,
    tabs: sheets.map((sheet) => ({
      sheet,
      entries: located.filter((entry) => entry.sheet === sheet).sort((a, b) => a.row - b.row),
    })),
    wholeBoard: entries.filter((entry) => entry.cell === null),
    figures,
    errors,
    warnings: entries.length - errors,
  };
}

function findingEntry(
  snapshot: BoardSnapshot,
  finding: Finding,
  severity: CheckEntry['severity'],
): CheckEntry {
  const [where, ...others] = findingLocations(snapshot, finding);
  return {
    sheet: where?.sheet ?? '',
    cell: where?.cell ?? null,
    row: where?.row ?? 0,
    severity,
    rule: finding.rule,
    message: finding.message,
    // A finding about several members (two representatives of one group) marks each row.
    alsoAt: others.filter((other) => other.sheet === where?.sheet).map((other) => other.cell),
  };
}

/** Tabs of the layout in its order; any other tab after them. */
function tabOrder(sheet: string): number {
  const index = (TAB_NAMES as readonly string[]).indexOf(sheet);
  return index === -1 ? TAB_NAMES.length : index;
}

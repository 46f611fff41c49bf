/** A problem with the workbook's data, pointing at the cell an officer should fix. */
export interface DataIssue {
  /** The tab, e.g. `Actions`. */
  readonly sheet: string;
  /** The cell in A1 form, e.g. `F7`. For a whole-tab problem, where to make the fix. */
  readonly cell: string;
  /** 1-based sheet row. */
  readonly row: number;
  /** The header of the column concerned, or null for a whole-tab problem. */
  readonly column: string | null;
  /** Plain-language description of the problem and what the software did about it. */
  readonly message: string;
  /** `error`: data was left out or a tab cannot be used. `warning`: read with a fallback. */
  readonly severity: 'error' | 'warning';
}

export type Severity = DataIssue['severity'];

/** `Actions!F7`: how a cell is named to people. Quotes tab names that need them. */
export function cellLabel(issue: Pick<DataIssue, 'sheet' | 'cell'>): string {
  const sheet = /^[A-Za-z][A-Za-z0-9_]*$/.test(issue.sheet)
    ? issue.sheet
    : `'${issue.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${issue.cell}`;
}

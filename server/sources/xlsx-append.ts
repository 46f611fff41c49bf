/**
 * Adds one row to a tab of an .xlsx workbook and changes nothing else: every other part of the
 * file (other sheets, styles, formulas, validations) is carried over byte for byte, compressed
 * as it was (xlsx/zip-rewrite.ts), and the new cells are plain inline text, so no shared-string
 * or style table needs rewriting.
 *
 * The row goes where PlacedRow says, in row order: programs write empty formatted rows below
 * the data (LibreOffice writes one per row a dropdown or a style reaches, often hundreds), so
 * the row the data ends at is usually not the last `<row>` element. An empty row already there
 * is filled in (its formatting kept); otherwise the new row goes before the first row below
 * it. Row numbers stay unique and increasing, which streaming readers (openpyxl's read-only
 * mode, which pandas uses, and this project's reader) rely on: openpyxl stops at a row
 * numbered below the one before.
 */
import { crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { columnLetters } from '../../schema/cells';
import type { PlacedRow } from './row-for-headers';
import { damaged, ZipPackage } from './xlsx/package';
import { findWorkbookPath, readRelationships } from './xlsx/relationships';
import { readWorkbookInfo } from './xlsx/workbook';
import { replaceZipPart } from './xlsx/zip-rewrite';

/** Straight through, on the calling thread: for tests and scripts. */
export function appendRowToXlsx(bytes: Uint8Array, row: PlacedRow): Uint8Array {
  const { pkg, entry } = locateSheet(bytes, row.tab);
  const sheet = new TextEncoder().encode(withRow(decodeXml(pkg.read(entry)), row));
  return replaceZipPart(bytes, {
    name: entry,
    deflated: deflateRawSync(sheet, { level: 6 }),
    crc32: crc32(sheet),
    size: sheet.length,
  });
}

/**
 * The same, for the server: the sheet is unpacked and packed again on Node's thread pool, and
 * the other parts are copied without being unpacked, so the event loop is only held for the
 * edit of the one sheet's XML and a copy of the file's bytes (milliseconds on any board).
 */
export async function appendRowToXlsxAsync(bytes: Uint8Array, row: PlacedRow): Promise<Uint8Array> {
  const { pkg, entry } = locateSheet(bytes, row.tab, true);
  const chunks = pkg.partChunks(entry, `the sheet "${row.tab}"`);
  const parts: Uint8Array[] = [];
  try {
    for (let chunk = await chunks.next(); chunk !== null; chunk = await chunks.next()) {
      parts.push(chunk);
    }
  } finally {
    chunks.close();
  }
  const sheet = new TextEncoder().encode(withRow(decodeXml(concat(parts)), row));
  const deflated = await new Promise<Uint8Array>((resolve, reject) =>
    deflateRaw(sheet, { level: 6 }, (error, result) => (error ? reject(error) : resolve(result))),
  );
  return replaceZipPart(bytes, { name: entry, deflated, crc32: crc32(sheet), size: sheet.length });
}

function locateSheet(
  bytes: Uint8Array,
  tab: string,
  background = false,
): { pkg: ZipPackage; entry: string } {
  const pkg = ZipPackage.open(bytes, { background });
  const workbookPath = findWorkbookPath(pkg);
  const workbook = readWorkbookInfo(pkg.read(workbookPath), workbookPath);
  const sheet = workbook.sheets.find((candidate) => candidate.name === tab);
  const target = sheet && readRelationships(pkg, workbookPath).get(sheet.relationshipId)?.target;
  const entry = target === undefined ? undefined : pkg.entryName(target);
  if (entry === undefined)
    throw damaged(`the sheet "${tab}" is listed but its contents are missing`);
  return { pkg, entry };
}

function decodeXml(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const whole = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

// ---------------------------------------------------------------------------------------------
// The sheet's XML

/** One `<row>` element of the sheet: where it is and the row number it has or implies. */
interface RowElement {
  number: number;
  start: number;
  /** Just past `>` of the opening tag. */
  openEnd: number;
  end: number;
  attributes: string;
  selfClosing: boolean;
  hasNumber: boolean;
}

function withRow(xml: string, row: PlacedRow): string {
  // Some writers use a namespace prefix (`<x:sheetData>`); the new elements must use it too.
  const open = /<(\w+:)?sheetData(\s[^>]*)?(\/?)>/.exec(xml);
  if (!open) throw damaged(`the sheet "${row.tab}" has no cell data section`);
  const prefix = open[1] ?? '';
  let updated: string;
  if (open[3] === '/') {
    updated = `${xml.slice(0, open.index)}<${prefix}sheetData${open[2] ?? ''}>${newRow(prefix, row)}</${prefix}sheetData>${xml.slice(open.index + open[0].length)}`;
  } else {
    const contentStart = open.index + open[0].length;
    const close = xml.indexOf(`</${prefix}sheetData>`, contentStart);
    if (close === -1) throw damaged(`the sheet "${row.tab}" has an unfinished cell data section`);
    updated = placeInRows(xml, contentStart, close, prefix, row);
  }
  return widenDimension(updated, row);
}

/** Puts the row in place among the sheet's rows (between `from` and `to`). */
function placeInRows(
  xml: string,
  from: number,
  to: number,
  prefix: string,
  row: PlacedRow,
): string {
  for (const element of rowElements(xml, from, to, prefix)) {
    if (element.number < row.rowNumber) continue;
    if (element.number === row.rowNumber) {
      return (
        xml.slice(0, element.start) + filledRow(xml, element, prefix, row) + xml.slice(element.end)
      );
    }
    // The first row below: the new one goes before it. That row has its number written (one
    // without would be numbered after the row before it, which is at most the new row's).
    return xml.slice(0, element.start) + newRow(prefix, row) + xml.slice(element.start);
  }
  return xml.slice(0, to) + newRow(prefix, row) + xml.slice(to);
}

function* rowElements(
  xml: string,
  from: number,
  to: number,
  prefix: string,
): Generator<RowElement> {
  const pattern = new RegExp(`<${escapeRegExp(prefix)}row(?=[\\s/>])([^>]*?)(/?)>`, 'g');
  const closing = `</${prefix}row>`;
  pattern.lastIndex = from;
  let next = 1;
  for (let match = pattern.exec(xml); match && match.index < to; match = pattern.exec(xml)) {
    const attributes = match[1] ?? '';
    const selfClosing = match[2] === '/';
    const openEnd = match.index + match[0].length;
    let end = openEnd;
    if (!selfClosing) {
      const close = xml.indexOf(closing, openEnd);
      if (close === -1 || close > to) throw damaged('a row of the sheet is unfinished');
      end = close + closing.length;
    }
    const written = Number.parseInt(attribute(attributes, 'r') ?? '', 10);
    const hasNumber = Number.isInteger(written) && written > 0;
    const number = hasNumber ? written : next;
    next = number + 1;
    yield { number, start: match.index, openEnd, end, attributes, selfClosing, hasNumber };
    // Cells hold no rows: carry on after this one.
    pattern.lastIndex = end;
  }
}

interface CellElement {
  column: number;
  xml: string;
}

/**
 * The row already in the sheet at this number (empty, perhaps formatted), with the new cells
 * in it. A cell the row already has in a column being written keeps its style; a new cell
 * takes the row's style when the row is formatted, as a spreadsheet program would. The row
 * is shown if it was hidden, so that what was recorded can be seen.
 */
function filledRow(xml: string, element: RowElement, prefix: string, row: PlacedRow): string {
  const content = element.selfClosing
    ? ''
    : xml.slice(element.openEnd, element.end - `</${prefix}row>`.length);
  const { cells, rest } = cellElements(content, prefix, row.rowNumber);
  const rowStyle = /^(?:1|true)$/.test(attribute(element.attributes, 'customFormat') ?? '')
    ? attribute(element.attributes, 's')
    : undefined;
  const byColumn = new Map(cells.map((cell) => [cell.column, cell]));
  row.cells.forEach((value, column) => {
    if (value === null) return;
    const existing = byColumn.get(column);
    const style = existing
      ? attribute(existing.xml.slice(0, existing.xml.indexOf('>')), 's')
      : rowStyle;
    byColumn.set(column, { column, xml: cellXml(prefix, column, row.rowNumber, value, style) });
  });
  const ordered = [...byColumn.values()].sort((a, b) => a.column - b.column);
  let attributes = removeAttribute(removeAttribute(element.attributes, 'spans'), 'hidden');
  if (!element.hasNumber) attributes = ` r="${row.rowNumber}"${attributes}`;
  return `<${prefix}row${attributes}>${ordered.map((cell) => cell.xml).join('')}${rest}</${prefix}row>`;
}

/** The cells of a row's content, each with its column and its own `r` written out. */
function cellElements(
  content: string,
  prefix: string,
  rowNumber: number,
): { cells: CellElement[]; rest: string } {
  const pattern = new RegExp(`<${escapeRegExp(prefix)}c(?=[\\s/>])([^>]*?)(/?)>`, 'g');
  const closing = `</${prefix}c>`;
  const cells: CellElement[] = [];
  let rest = '';
  let last = 0;
  let nextColumn = 0;
  for (let match = pattern.exec(content); match; match = pattern.exec(content)) {
    rest += content.slice(last, match.index);
    const attributes = match[1] ?? '';
    let end = match.index + match[0].length;
    if (match[2] !== '/') {
      const close = content.indexOf(closing, end);
      if (close === -1) throw damaged('a cell of the sheet is unfinished');
      end = close + closing.length;
    }
    const reference = attribute(attributes, 'r');
    const column = reference ? columnIndex(reference) : nextColumn;
    nextColumn = column + 1;
    let cell = content.slice(match.index, end);
    // A cell without a reference is placed after the one before it; new cells may come
    // between them, so each keeps its place by having it written.
    if (!reference)
      cell = `<${prefix}c r="${columnLetters(column)}${rowNumber}"${cell.slice(prefix.length + 2)}`;
    cells.push({ column, xml: cell });
    last = end;
    pattern.lastIndex = end;
  }
  // What is left is whitespace and the row's extension list, which must stay last.
  rest += content.slice(last);
  return { cells, rest: rest.trim() === '' ? '' : rest };
}

function newRow(prefix: string, row: PlacedRow): string {
  const cells = row.cells
    .map((value, column) => (value === null ? '' : cellXml(prefix, column, row.rowNumber, value)))
    .join('');
  return `<${prefix}row r="${row.rowNumber}">${cells}</${prefix}row>`;
}

function cellXml(
  prefix: string,
  column: number,
  rowNumber: number,
  value: string,
  style?: string,
): string {
  const styled = style === undefined ? '' : ` s="${escapeXml(style)}"`;
  return `<${prefix}c r="${columnLetters(column)}${rowNumber}"${styled} t="inlineStr"><${prefix}is><${prefix}t xml:space="preserve">${escapeXml(value)}</${prefix}t></${prefix}is></${prefix}c>`;
}

/** Keeps the sheet's `<dimension ref="A1:G12">` covering the new row, as Excel expects. */
function widenDimension(xml: string, row: PlacedRow): string {
  return xml.replace(
    /(<(?:\w+:)?dimension\s+ref=")([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?(")/,
    (
      _match,
      start: string,
      firstColumn: string,
      firstRow: string,
      lastColumn?: string,
      lastRow?: string,
      end?: string,
    ) => {
      const columns = Math.max(columnNumber(lastColumn ?? firstColumn), row.cells.length);
      const rows = Math.max(Number(lastRow ?? firstRow), row.rowNumber);
      return `${start}${firstColumn}${firstRow}:${columnLetters(columns - 1)}${rows}${end ?? '"'}`;
    },
  );
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? (match[1] ?? match[2]) : undefined;
}

function removeAttribute(attributes: string, name: string): string {
  return attributes.replace(new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`), '');
}

/** `AB12` -> 27; the letters of a cell reference as a zero-based column. */
function columnIndex(reference: string): number {
  const letters = /^[A-Za-z]+/.exec(reference)?.[0] ?? 'A';
  return columnNumber(letters.toUpperCase()) - 1;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((total, letter) => total * 26 + letter.charCodeAt(0) - 64, 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 cannot hold at all are dropped rather than corrupting the file.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

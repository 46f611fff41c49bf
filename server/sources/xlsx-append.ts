/**
 * Adds one row to a tab of an .xlsx workbook and changes nothing else: every other part of the
 * file (other sheets, styles, formulas, validations) is carried over byte for byte, and the new
 * cells are plain inline text, so no shared-string or style table needs rewriting.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { columnLetters } from '../../schema/cells';
import type { PlacedRow } from './row-for-headers';
import { damaged, ZipPackage } from './xlsx/package';
import { findWorkbookPath, readRelationships } from './xlsx/relationships';
import { readWorkbookInfo } from './xlsx/workbook';

export function appendRowToXlsx(bytes: Uint8Array, row: PlacedRow): Uint8Array {
  const pkg = ZipPackage.open(bytes);
  const workbookPath = findWorkbookPath(pkg);
  const workbook = readWorkbookInfo(pkg.read(workbookPath), workbookPath);
  const sheet = workbook.sheets.find((candidate) => candidate.name === row.tab);
  const target = sheet && readRelationships(pkg, workbookPath).get(sheet.relationshipId)?.target;
  const entry = target === undefined ? undefined : pkg.entryName(target);
  if (entry === undefined)
    throw damaged(`the sheet "${row.tab}" is listed but its contents are missing`);

  const files = unzipSync(bytes);
  const xml = strFromU8(files[entry] as Uint8Array);
  files[entry] = strToU8(withRow(xml, row));
  return zipSync(files, { level: 6 });
}

function withRow(xml: string, row: PlacedRow): string {
  // Some writers use a namespace prefix (`<x:sheetData>`); the new elements must use it too.
  const open = /<(\w+:)?sheetData(\s[^>]*)?(\/?)>/.exec(xml);
  if (!open) throw damaged(`the sheet "${row.tab}" has no cell data section`);
  const prefix = open[1] ?? '';
  const rowXml = rowElement(prefix, row);
  let updated: string;
  if (open[3] === '/') {
    updated = `${xml.slice(0, open.index)}<${prefix}sheetData${open[2] ?? ''}>${rowXml}</${prefix}sheetData>${xml.slice(open.index + open[0].length)}`;
  } else {
    const close = xml.lastIndexOf(`</${prefix}sheetData>`);
    if (close === -1) throw damaged(`the sheet "${row.tab}" has an unfinished cell data section`);
    updated = `${xml.slice(0, close)}${rowXml}${xml.slice(close)}`;
  }
  return widenDimension(updated, row);
}

function rowElement(prefix: string, row: PlacedRow): string {
  const cells = row.cells
    .map((value, index) =>
      value === null
        ? ''
        : `<${prefix}c r="${columnLetters(index)}${row.rowNumber}" t="inlineStr"><${prefix}is><${prefix}t xml:space="preserve">${escapeXml(value)}</${prefix}t></${prefix}is></${prefix}c>`,
    )
    .join('');
  return `<${prefix}row r="${row.rowNumber}">${cells}</${prefix}row>`;
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

function columnNumber(letters: string): number {
  return [...letters].reduce((total, letter) => total * 26 + letter.charCodeAt(0) - 64, 0);
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

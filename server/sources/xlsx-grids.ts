/**
 * Reads an uploaded `.xlsx` workbook into the same grids the Google Sheets API returns for
 * `values.batchGet` with UNFORMATTED_VALUE / SERIAL_NUMBER rendering, so the board parser
 * cannot tell the two sources apart: numbers stay numbers whatever their format (dates are
 * serial day numbers), errors are their text, empty cells are null and trailing blanks are
 * dropped.
 *
 * Only the parts needed for values are read (workbook, relationships, shared strings,
 * worksheets, and styles for 1904-dated workbooks). Everything streams through a SAX parser in
 * one pass per part, so the work is linear in the size of the file.
 */

import type { RawGrid, WorkbookGrids } from '../../schema/grid';
import { damaged, ZipPackage } from './xlsx/package';
import {
  findWorkbookPath,
  readRelatedPart,
  readRelationships,
  relationshipOfType,
} from './xlsx/relationships';
import { WorksheetReader } from './xlsx/sheet';
import { readDateStyles, readSharedStrings, readWorkbookInfo } from './xlsx/workbook';
import { walkXml } from './xlsx/xml';

export { WorkbookFileError } from './xlsx/package';

export function readXlsxGrids(bytes: Uint8Array): WorkbookGrids {
  const pkg = ZipPackage.open(bytes);
  const workbookPath = findWorkbookPath(pkg);
  const workbook = readWorkbookInfo(pkg.read(workbookPath), workbookPath);
  const relationships = readRelationships(pkg, workbookPath);

  const sharedStrings = readSharedStrings(pkg, relationshipOfType(relationships, 'sharedStrings'));
  const dateStyles = workbook.uses1904DateSystem
    ? readDateStyles(pkg, relationshipOfType(relationships, 'styles'))
    : [];

  const grids: [string, RawGrid][] = [];
  for (const sheet of workbook.sheets) {
    const relationship = relationships.get(sheet.relationshipId);
    // Chartsheets, dialog sheets and macro sheets hold no cell values.
    if (relationship && !relationship.type.endsWith('/worksheet')) continue;
    const part = readRelatedPart(pkg, relationship);
    if (!part) throw damaged(`the sheet "${sheet.name}" is listed but its contents are missing`);
    const reader = new WorksheetReader(sharedStrings, dateStyles);
    walkXml(part.bytes, part.name, reader);
    grids.push([sheet.name, reader.grid()]);
  }
  // fromEntries defines own properties, so even a sheet called "__proto__" is kept as data.
  return Object.fromEntries(grids);
}

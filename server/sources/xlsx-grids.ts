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

import { unzipSync } from 'fflate';
import { Parser } from 'saxen';
import type { RawCell, RawGrid, WorkbookGrids } from '../../schema/grid';

/** Thrown, with a message an office worker can act on, when a file is not a readable .xlsx. */
export class WorkbookFileError extends Error {
  override readonly name = 'WorkbookFileError';
}

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

// ---------------------------------------------------------------------------------------------
// Errors

function notAWorkbook(reason: string): WorkbookFileError {
  return new WorkbookFileError(`This file is not an Excel .xlsx workbook: ${reason}`);
}

function damaged(reason: string): WorkbookFileError {
  return new WorkbookFileError(
    `This Excel workbook could not be read because it looks damaged: ${reason}. ` +
      'Try opening it in Excel and saving it again as "Excel Workbook (.xlsx)".',
  );
}

const SAVE_AS_XLSX_ADVICE = 'Open it in Excel and save it as "Excel Workbook (.xlsx)".';

// ---------------------------------------------------------------------------------------------
// The zip container

/** Guards against zip bombs: no single part of a real board workbook comes near this. */
const MAX_PART_BYTES = 1024 * 1024 * 1024;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The smallest possible zip: just the end-of-central-directory record. */
const MIN_ZIP_BYTES = 22;

class ZipPackage {
  private constructor(
    private readonly bytes: Uint8Array,
    /** Zip part names are case-insensitive in Office files, so look them up by lower case. */
    private readonly entryNames: ReadonlyMap<string, string>,
  ) {}

  static open(bytes: Uint8Array): ZipPackage {
    if (bytes.length === 0) throw notAWorkbook(`the file is empty. ${SAVE_AS_XLSX_ADVICE}`);
    if (startsWith(bytes, OLE_SIGNATURE)) {
      throw notAWorkbook(
        'it is either an older Excel 97-2003 (.xls) file or a password-protected workbook. ' +
          'Open it in Excel, remove any password, and save it as "Excel Workbook (.xlsx)".',
      );
    }
    if (bytes.length < MIN_ZIP_BYTES)
      throw notAWorkbook(`it is not a spreadsheet file. ${SAVE_AS_XLSX_ADVICE}`);

    const entryNames = new Map<string, string>();
    try {
      // A filter that declines every entry lists the archive without decompressing anything.
      unzipSync(bytes, {
        filter: (entry) => {
          entryNames.set(normalisePartName(entry.name), entry.name);
          return false;
        },
      });
    } catch {
      throw notAWorkbook(`it is not a spreadsheet file. ${SAVE_AS_XLSX_ADVICE}`);
    }
    return new ZipPackage(bytes, entryNames);
  }

  has(partName: string): boolean {
    return this.entryName(partName) !== undefined;
  }

  read(partName: string): Uint8Array {
    const part = this.readIfPresent(partName);
    if (!part) throw damaged(`the part ${partName} is missing`);
    return part;
  }

  readIfPresent(partName: string): Uint8Array | undefined {
    const entryName = this.entryName(partName);
    if (entryName === undefined) return undefined;
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(this.bytes, {
        filter: (entry) => {
          if (entry.name !== entryName) return false;
          if (entry.originalSize > MAX_PART_BYTES) {
            throw new WorkbookFileError(
              'This Excel workbook is too large to read here: one of its sheets holds more than ' +
                '1 GB of data.',
            );
          }
          return true;
        },
      });
    } catch (error) {
      if (error instanceof WorkbookFileError) throw error;
      throw damaged(`the part ${partName} cannot be unpacked (${errorMessage(error)})`);
    }
    return files[entryName];
  }

  private entryName(partName: string): string | undefined {
    const key = normalisePartName(partName);
    return this.entryNames.get(key) ?? this.entryNames.get(safelyDecodeUri(key));
  }
}

function normalisePartName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

function safelyDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Recognises other zip-based formats people save by mistake, to say what to do instead. */
const OTHER_ZIP_FORMATS: readonly { marker: string; description: string }[] = [
  { marker: 'xl/workbook.bin', description: 'an Excel Binary Workbook (.xlsb)' },
  { marker: 'content.xml', description: 'an OpenDocument spreadsheet (.ods)' },
  { marker: 'word/document.xml', description: 'a Word document' },
  { marker: 'ppt/presentation.xml', description: 'a PowerPoint presentation' },
];

function findWorkbookPath(pkg: ZipPackage): string {
  // The package's root relationships name the main part; xl/workbook.xml is the usual place.
  const rootRelationships = readRelationships(pkg, '');
  const declared = relationshipOfType(rootRelationships, 'officeDocument')?.target;
  const candidates = declared ? [declared, 'xl/workbook.xml'] : ['xl/workbook.xml'];
  const found = candidates.find((path) => path.endsWith('.xml') && pkg.has(path));
  if (found) return found;

  const other = OTHER_ZIP_FORMATS.find((format) => pkg.has(format.marker));
  if (other) throw notAWorkbook(`it is ${other.description}. ${SAVE_AS_XLSX_ADVICE}`);
  throw notAWorkbook(`it is a zip archive with no spreadsheet inside. ${SAVE_AS_XLSX_ADVICE}`);
}

// ---------------------------------------------------------------------------------------------
// XML walking

type Attributes = Readonly<Record<string, string>>;

/** Element names arrive without namespace prefix (`x:c` becomes `c`). */
interface XmlHandlers {
  onOpen(name: string, attributes: () => Attributes): void;
  /** Also called straight after onOpen for self-closing elements. */
  onClose(name: string): void;
  /** Text with entities decoded and line endings normalised, as an XML parser must. */
  onText(text: string): void;
}

/**
 * Decoding in small slices keeps memory flat, avoids V8's maximum string length on huge sheets,
 * and measured ~40% faster than large slices (the short-lived chunk strings stay in the young
 * generation of the garbage collector).
 */
const XML_CHUNK_BYTES = 64 * 1024;

/**
 * Streams one XML part through saxen. Content inside `<extLst>` (vendor extensions) is skipped
 * so that extension elements sharing a local name with a real one (a `<v>`, a `<t>`) cannot
 * leak into values.
 */
function walkXml(bytes: Uint8Array, partName: string, handlers: XmlHandlers): void {
  const parser = new Parser();
  const localNames = new Map<string, string>();
  let skippedDepth = 0;
  let parseError: Error | null = null;

  const localName = (qualified: string): string => {
    const colon = qualified.indexOf(':');
    if (colon < 0) return qualified;
    let name = localNames.get(qualified);
    if (name === undefined) {
      name = qualified.slice(colon + 1);
      localNames.set(qualified, name);
    }
    return name;
  };

  parser.on('openTag', (qualified, getAttributes, _decode, selfClosing) => {
    if (skippedDepth > 0) {
      if (!selfClosing) skippedDepth++;
      return;
    }
    const name = localName(qualified);
    if (name === 'extLst' && !selfClosing) {
      skippedDepth = 1;
      return;
    }
    handlers.onOpen(name, getAttributes);
  });
  parser.on('closeTag', (qualified, _decode, selfClosing) => {
    if (skippedDepth > 0) {
      if (!selfClosing) skippedDepth--;
      return;
    }
    handlers.onClose(localName(qualified));
  });
  parser.on('text', (text) => {
    if (skippedDepth === 0) handlers.onText(decodeXmlText(text));
  });
  parser.on('cdata', (text) => {
    if (skippedDepth === 0) handlers.onText(text);
  });
  parser.on('error', (error) => {
    parseError ??= error;
  });

  const decoder = new TextDecoder('utf-8');
  for (let start = 0; start < bytes.length && !parseError; start += XML_CHUNK_BYTES) {
    parser.write(decoder.decode(bytes.subarray(start, start + XML_CHUNK_BYTES), { stream: true }));
  }
  if (!parseError) parser.write(decoder.decode());
  const endError = parser.end();
  const error = parseError ?? endError;
  if (error) throw damaged(`the part ${partName} is not valid XML (${error.message})`);
}

// ---------------------------------------------------------------------------------------------
// Text decoding

const XML_ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
const MAX_CODE_POINT = 0x10ffff;

/** Decodes the predefined and numeric entities; anything else is left exactly as written. */
function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(XML_ENTITY, (entity, decimal?: string, hex?: string, named?: string) => {
    if (named) return NAMED_ENTITIES[named] ?? entity;
    const codePoint = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    return codePoint <= MAX_CODE_POINT ? String.fromCodePoint(codePoint) : entity;
  });
}

/** XML parsers turn literal CR LF / CR into LF before decoding; saxen leaves that to us. */
function decodeXmlText(raw: string): string {
  const normalised = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return decodeXmlEntities(normalised);
}

const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/**
 * Excel writes characters XML cannot hold as `_xHHHH_` (e.g. `_x000D_` for a carriage return),
 * and a literal "_x" sequence as `_x005F_x...`; one left-to-right pass undoes both.
 */
function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(OOXML_ESCAPE, (_escape, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

// ---------------------------------------------------------------------------------------------
// Package structure: relationships and the workbook part

interface Relationship {
  type: string;
  /** Resolved part name inside the zip, e.g. `xl/worksheets/sheet1.xml`. */
  target: string;
}

/** Reads the relationships of a part (`''` for the package root), keyed by relationship id. */
function readRelationships(pkg: ZipPackage, sourcePart: string): Map<string, Relationship> {
  const relationships = new Map<string, Relationship>();
  const folder = folderOf(sourcePart);
  const relsPath = `${folder}_rels/${sourcePart.slice(folder.length)}.rels`;
  const part = pkg.readIfPresent(relsPath);
  if (!part) return relationships;

  walkXml(part, relsPath, {
    onOpen(name, attributes) {
      if (name !== 'Relationship') return;
      const { Id: id, Type: type, Target: target, TargetMode: mode } = attributes();
      if (!id || !type || !target || mode === 'External') return;
      relationships.set(decodeXmlEntities(id), {
        type: decodeXmlEntities(type),
        target: resolvePartName(folder, decodeXmlEntities(target)),
      });
    },
    onClose() {},
    onText() {},
  });
  return relationships;
}

interface Part {
  name: string;
  bytes: Uint8Array;
}

function readRelatedPart(
  pkg: ZipPackage,
  relationship: Relationship | undefined,
): Part | undefined {
  const bytes = relationship ? pkg.readIfPresent(relationship.target) : undefined;
  return relationship && bytes ? { name: relationship.target, bytes } : undefined;
}

/** Finds a relationship by the last segment of its type URI, which is the same in both the
 * transitional and strict OOXML namespaces. */
function relationshipOfType(
  relationships: ReadonlyMap<string, Relationship>,
  typeName: string,
): Relationship | undefined {
  for (const relationship of relationships.values()) {
    if (relationship.type.endsWith(`/${typeName}`)) return relationship;
  }
  return undefined;
}

/** `xl/workbook.xml` -> `xl/`; the package root is `''`. */
function folderOf(partName: string): string {
  return partName.slice(0, partName.lastIndexOf('/') + 1);
}

/** Resolves a relationship target, relative (`worksheets/sheet1.xml`, `../x.xml`) or absolute
 * (`/xl/worksheets/sheet1.xml`), against the folder of the part that declared it. */
function resolvePartName(folder: string, target: string): string {
  const path = target.replace(/\\/g, '/');
  const joined = path.startsWith('/') ? path : folder + path;
  const segments: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

interface SheetEntry {
  name: string;
  relationshipId: string;
}

interface WorkbookInfo {
  sheets: SheetEntry[];
  uses1904DateSystem: boolean;
}

function readWorkbookInfo(part: Uint8Array, partName: string): WorkbookInfo {
  const info: WorkbookInfo = { sheets: [], uses1904DateSystem: false };
  let inSheets = false;

  walkXml(part, partName, {
    onOpen(name, attributes) {
      if (name === 'workbookPr') {
        const date1904 = attributes().date1904;
        info.uses1904DateSystem = date1904 === '1' || date1904 === 'true';
      } else if (name === 'sheets') {
        inSheets = true;
      } else if (name === 'sheet' && inSheets) {
        const sheet = sheetEntry(attributes());
        if (sheet) info.sheets.push(sheet);
      }
    },
    onClose(name) {
      if (name === 'sheets') inSheets = false;
    },
    onText() {},
  });
  return info;
}

function sheetEntry(attributes: Attributes): SheetEntry | undefined {
  const name = attributes.name;
  // The id attribute lives in the relationships namespace; its prefix is usually, not always, r.
  const idKey = Object.keys(attributes).find((key) => key.endsWith(':id'));
  const relationshipId = idKey ? attributes[idKey] : undefined;
  if (!name || !relationshipId) return undefined;
  return { name: decodeXmlEntities(name), relationshipId: decodeXmlEntities(relationshipId) };
}

// ---------------------------------------------------------------------------------------------
// Shared strings

/**
 * Collects the visible text of a string item (`<si>` or an inline `<is>`): plain `<t>` and
 * rich-text runs `<r><t>`, but not the phonetic reading hints inside `<rPh>`.
 */
class StringItemCollector {
  private text = '';
  private inText = false;
  private phoneticDepth = 0;

  open(name: string): void {
    if (name === 'rPh') this.phoneticDepth++;
    else if (name === 't' && this.phoneticDepth === 0) this.inText = true;
  }

  close(name: string): void {
    if (name === 'rPh') this.phoneticDepth--;
    else if (name === 't') this.inText = false;
  }

  append(text: string): void {
    if (this.inText) this.text += text;
  }

  take(): string {
    const text = decodeOoxmlEscapes(this.text);
    this.reset();
    return text;
  }

  reset(): void {
    this.text = '';
    this.inText = false;
    this.phoneticDepth = 0;
  }
}

function readSharedStrings(pkg: ZipPackage, relationship: Relationship | undefined): string[] {
  const strings: string[] = [];
  const part = readRelatedPart(pkg, relationship);
  if (!part) return strings;

  const item = new StringItemCollector();
  let inItem = false;
  walkXml(part.bytes, part.name, {
    onOpen(name) {
      if (name === 'si') inItem = true;
      else if (inItem) item.open(name);
    },
    onClose(name) {
      if (name === 'si') {
        strings.push(item.take());
        inItem = false;
      } else if (inItem) {
        item.close(name);
      }
    },
    onText(text) {
      if (inItem) item.append(text);
    },
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Styles: which cell formats show dates (needed only for 1904-dated workbooks)

/** Days from 1 Jan 1904 (serial 0 in the 1904 system) to the same day in the 1900 system. */
const DAYS_BETWEEN_1900_AND_1904_SYSTEMS = 1462;

/** Built-in number formats 14-22 and 45-47 are the date and time formats. */
const BUILT_IN_DATE_FORMAT_IDS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47,
]);

/**
 * Returns, for each cell style index (`s` on a cell), whether its number format shows a date or
 * time. A workbook saved in the 1904 date system (old Mac Excel) stores dates 1462 days smaller
 * than the 1900 system that Google Sheets uses, so date-styled numbers must be shifted to give
 * the serial Sheets would. Cell styles are the only signal of "this number is a date", so a
 * style counts as a date when its format is a built-in date/time format (14-22, 45-47) or a
 * custom code with a date/time token (d, m, y, h, s outside quotes, escapes and [brackets]).
 * Elapsed-time and duration cells with such formats are shifted too; that is the accepted
 * imprecision of this rule.
 */
function readDateStyles(pkg: ZipPackage, relationship: Relationship | undefined): boolean[] {
  const part = readRelatedPart(pkg, relationship);
  if (!part) return [];

  const customFormats = new Map<number, string>();
  const styleFormatIds: number[] = [];
  let inNumberFormats = false;
  let inCellStyles = false;

  walkXml(part.bytes, part.name, {
    onOpen(name, attributes) {
      if (name === 'numFmts') inNumberFormats = true;
      else if (name === 'cellXfs') inCellStyles = true;
      else if (name === 'numFmt' && inNumberFormats) {
        const { numFmtId, formatCode } = attributes();
        const id = parseNonNegativeInteger(numFmtId);
        if (id !== undefined && formatCode !== undefined) {
          customFormats.set(id, decodeXmlEntities(formatCode));
        }
      } else if (name === 'xf' && inCellStyles) {
        styleFormatIds.push(parseNonNegativeInteger(attributes().numFmtId) ?? 0);
      }
    },
    onClose(name) {
      if (name === 'numFmts') inNumberFormats = false;
      else if (name === 'cellXfs') inCellStyles = false;
    },
    onText() {},
  });

  return styleFormatIds.map((id) => {
    const code = customFormats.get(id);
    return code === undefined ? BUILT_IN_DATE_FORMAT_IDS.has(id) : formatCodeShowsDate(code);
  });
}

const DATE_TOKENS = 'dmyhsDMYHS';

/** True when a number format code contains a date or time token outside literal text. */
function formatCodeShowsDate(code: string): boolean {
  for (let index = 0; index < code.length; index++) {
    const char = code.charAt(index);
    if (char === '"') {
      const closing = code.indexOf('"', index + 1);
      if (closing < 0) return false;
      index = closing;
    } else if (char === '[') {
      // Colours, conditions and locales ([Red], [<100], [$-809]).
      const closing = code.indexOf(']', index + 1);
      if (closing < 0) return false;
      index = closing;
    } else if (char === '\\' || char === '_' || char === '*') {
      index++; // escaped literal, padding or fill character
    } else if (DATE_TOKENS.includes(char)) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

/** Excel's grid limits; references beyond them only come from damaged or hostile files. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;

/** Accumulates cells into rows: gaps become null, trailing nulls and empty rows never appear. */
class GridBuilder {
  private readonly rows: RawCell[][] = [];

  set(rowIndex: number, columnIndex: number, value: RawCell): void {
    if (value === null) return;
    const row = this.row(rowIndex);
    while (row.length < columnIndex) row.push(null);
    row[columnIndex] = value;
  }

  grid(): RawGrid {
    return this.rows;
  }

  private row(rowIndex: number): RawCell[] {
    while (this.rows.length <= rowIndex) this.rows.push([]);
    return this.rows[rowIndex] as RawCell[];
  }
}

/** A cell reference split into zero-based indexes; -1 where a part is absent. */
interface CellPosition {
  column: number;
  row: number;
}

/** Parses `AB12` (or `AB`, or `12`) with plain character arithmetic, as it runs for every cell. */
function parseCellReference(reference: string, into: CellPosition): void {
  let index = 0;
  let column = 0;
  for (; index < reference.length && column <= MAX_COLUMNS; index++) {
    const code = reference.charCodeAt(index);
    const letter = code >= 97 && code <= 122 ? code - 96 : code >= 65 && code <= 90 ? code - 64 : 0;
    if (letter === 0) break;
    column = column * 26 + letter;
  }
  let row = index < reference.length ? 0 : -1;
  for (; index < reference.length && row <= MAX_ROWS; index++) {
    const digit = reference.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) {
      row = -1;
      break;
    }
    row = row * 10 + digit;
  }
  into.column = column - 1;
  // Row 0 does not exist, so it falls back like a missing row number.
  into.row = row > 0 ? row - 1 : -1;
}

/** Parses plain decimal digits; anything else (signs, spaces, decimals, huge values) is undefined. */
function parseNonNegativeInteger(text: string | undefined): number | undefined {
  if (!text || text.length > 15) return undefined;
  let value = 0;
  for (let index = 0; index < text.length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

function nonEmpty(text: string): string | null {
  return text === '' ? null : text;
}

function parseBoolean(text: string): boolean | null {
  const value = text.trim();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return null;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/;
const MS_PER_DAY = 86_400_000;
const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);

/** `t="d"` cells hold an ISO date; Sheets reports dates as serial days since 30 Dec 1899. */
function isoDateToSerial(text: string): number | string | null {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return nonEmpty(text);
  const [, year, month, day, hours, minutes, seconds] = match;
  const dayMs = Date.UTC(Number(year), Number(month) - 1, Number(day)) - SHEETS_EPOCH_MS;
  const timeMs =
    (Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000;
  return (dayMs + timeMs) / MS_PER_DAY;
}

/** Turns one worksheet's `<sheetData>` into a grid, one cell at a time. */
class WorksheetReader implements XmlHandlers {
  private readonly builder = new GridBuilder();
  private readonly position: CellPosition = { column: -1, row: -1 };
  private readonly inlineString = new StringItemCollector();

  private inSheetData = false;
  private rowIndex = 0;
  private nextRowIndex = 0;
  private nextColumnIndex = 0;

  private inCell = false;
  private cellColumn = 0;
  private cellType = '';
  private cellStyle = 0;
  private inValue = false;
  private valueText = '';
  private inInlineString = false;

  constructor(
    private readonly sharedStrings: readonly string[],
    /** Empty unless the workbook uses the 1904 date system. */
    private readonly dateStyles: readonly boolean[],
  ) {}

  grid(): RawGrid {
    return this.builder.grid();
  }

  onOpen(name: string, attributes: () => Attributes): void {
    if (name === 'sheetData') this.inSheetData = true;
    if (!this.inSheetData) return;
    if (name === 'row') this.startRow(attributes());
    else if (name === 'c') this.startCell(attributes());
    else if (!this.inCell) return;
    else if (name === 'v') this.inValue = true;
    else if (name === 'is') this.inInlineString = true;
    else if (this.inInlineString) this.inlineString.open(name);
  }

  onClose(name: string): void {
    if (name === 'sheetData') this.inSheetData = false;
    if (!this.inCell) return;
    if (name === 'c') this.finishCell();
    else if (name === 'v') this.inValue = false;
    else if (name === 'is') this.inInlineString = false;
    else if (this.inInlineString) this.inlineString.close(name);
  }

  onText(text: string): void {
    if (this.inValue) this.valueText += text;
    else if (this.inInlineString) this.inlineString.append(text);
  }

  private startRow(attributes: Attributes): void {
    const rowNumber = parseNonNegativeInteger(attributes.r);
    this.moveToRow(rowNumber !== undefined && rowNumber > 0 ? rowNumber - 1 : this.nextRowIndex);
    this.nextColumnIndex = 0;
  }

  private moveToRow(rowIndex: number): void {
    if (rowIndex >= MAX_ROWS) throw damaged(`a row is numbered beyond Excel's last row`);
    this.rowIndex = rowIndex;
    this.nextRowIndex = rowIndex + 1;
  }

  private startCell(attributes: Attributes): void {
    // A missing or unreadable reference means "the cell after the previous one".
    const reference = attributes.r;
    let column = this.nextColumnIndex;
    if (reference) {
      parseCellReference(reference, this.position);
      if (this.position.column >= 0) column = this.position.column;
      if (this.position.row >= 0 && this.position.row !== this.rowIndex) {
        this.moveToRow(this.position.row);
      }
    }
    if (column >= MAX_COLUMNS) throw damaged(`a cell lies beyond Excel's last column`);

    this.inCell = true;
    this.cellColumn = column;
    this.nextColumnIndex = column + 1;
    this.cellType = attributes.t ?? 'n';
    this.cellStyle = parseNonNegativeInteger(attributes.s) ?? 0;
    this.valueText = '';
    this.inlineString.reset();
  }

  private finishCell(): void {
    this.builder.set(this.rowIndex, this.cellColumn, this.cellValue());
    this.inCell = false;
    this.inValue = false;
    this.inInlineString = false;
  }

  private cellValue(): RawCell {
    // Formula cells without a cached <v> have no value yet, like blank cells.
    const text = this.valueText;
    switch (this.cellType) {
      case 's':
        return this.sharedString(text);
      case 'inlineStr':
        return nonEmpty(this.inlineString.take()) ?? nonEmpty(decodeOoxmlEscapes(text));
      case 'str':
        return nonEmpty(decodeOoxmlEscapes(text));
      case 'b':
        return parseBoolean(text);
      case 'e':
        return nonEmpty(text.trim());
      case 'd':
        return isoDateToSerial(text);
      default:
        return this.numberValue(text);
    }
  }

  private sharedString(indexText: string): string | null {
    const index = parseNonNegativeInteger(indexText.trim());
    // An index past the end means a damaged table; treat the cell as blank rather than fail.
    return index === undefined ? null : nonEmpty(this.sharedStrings[index] ?? '');
  }

  private numberValue(text: string): number | string | null {
    const trimmed = text.trim();
    if (trimmed === '') return null;
    const value = Number(trimmed);
    // Not a number after all: keep what was written rather than losing it.
    if (!Number.isFinite(value)) return text;
    return this.dateStyles[this.cellStyle] === true
      ? value + DAYS_BETWEEN_1900_AND_1904_SYSTEMS
      : value;
  }
}

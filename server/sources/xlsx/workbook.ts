/**
 * Workbook-wide parts: the sheet list and date system, the shared strings, and which cell styles
 * show dates.
 */

import { parseNonNegativeInteger } from './cells';
import type { ReadBudget } from './limits';
import type { ZipPackage } from './package';
import { type Relationship, relatedPartName } from './relationships';
import type { Steps } from './steps';
import { type Attributes, decodeOoxmlEscapes, decodeXmlEntities, walkPart, walkXml } from './xml';

// ---------------------------------------------------------------------------------------------
// The workbook part: sheets and date system

interface SheetEntry {
  name: string;
  relationshipId: string;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  uses1904DateSystem: boolean;
}

export function readWorkbookInfo(part: Uint8Array, partName: string): WorkbookInfo {
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
export class StringItemCollector {
  private text = '';
  private inText = false;
  private phoneticDepth = 0;

  constructor(
    private readonly budget: ReadBudget,
    private readonly what: string,
  ) {}

  open(name: string): void {
    if (name === 'rPh') this.phoneticDepth++;
    else if (name === 't' && this.phoneticDepth === 0) this.inText = true;
  }

  close(name: string): void {
    if (name === 'rPh') this.phoneticDepth--;
    else if (name === 't') this.inText = false;
  }

  append(text: string): void {
    if (!this.inText) return;
    this.text += text;
    // Comments or CDATA sections can split one item into many short texts, each under the
    // parser's token limit; the item as a whole is held to the same limit.
    if (this.text.length > this.budget.limits.maxTokenChars)
      throw this.budget.tokenTooLong(this.what);
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

export function* readSharedStrings(
  pkg: ZipPackage,
  relationship: Relationship | undefined,
): Steps<string[]> {
  const strings: string[] = [];
  const partName = relatedPartName(pkg, relationship);
  if (!partName) return strings;

  const what = `the shared text of its sheets (${partName})`;
  const item = new StringItemCollector(pkg.budget, what);
  let inItem = false;
  yield* walkPart(pkg, partName, what, {
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
export const DAYS_BETWEEN_1900_AND_1904_SYSTEMS = 1462;

/**
 * The built-in number formats that show a calendar date: 14-17 and 22 (m/d/yyyy, d-mmm-yy,
 * d-mmm, mmm-yy, m/d/yyyy h:mm), and the ones East Asian versions of Excel reserve for dates
 * (27-31, 36, 50-58). 18-21 and 45-47 show times (h:mm AM/PM, h:mm:ss, mm:ss, [h]:mm:ss) and
 * 32-35 East Asian times: a time is the same number in both date systems.
 */
const BUILT_IN_DATE_FORMAT_IDS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/**
 * Returns, for each cell style index (`s` on a cell), whether its number format shows a
 * calendar date. A workbook saved in the 1904 date system (old Mac Excel, or LibreOffice
 * with that option) stores dates 1462 days smaller than the 1900 system that Google Sheets
 * uses, so date-styled numbers must be shifted to give the serial Sheets would. Cell styles
 * are the only signal of "this number is a date", so a style counts as a date when its format
 * is a built-in date format or a custom code with a day or year token, or a month alone
 * (`mmm yyyy`, `mmmm`); a code whose only tokens are hours, minutes and seconds (`hh:mm`,
 * `[h]:mm`) shows a time of day or a duration, which is the same number in both systems.
 */
export function* readDateStyles(
  pkg: ZipPackage,
  relationship: Relationship | undefined,
): Steps<boolean[]> {
  const partName = relatedPartName(pkg, relationship);
  if (!partName) return [];

  const customFormats = new Map<number, string>();
  const styleFormatIds: number[] = [];
  let inNumberFormats = false;
  let inCellStyles = false;

  yield* walkPart(pkg, partName, `the cell styles (${partName})`, {
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

const AM_PM = /^(?:am\/pm|a\/p)/i;

/**
 * True when a number format code shows a calendar date: a day (d) or year (y) token outside
 * literal text, or a month (m) in a code with no hours or seconds (beside those, m means
 * minutes). Quoted text, escaped and padding characters, and [brackets] (colours, conditions,
 * locales such as [$-809]; elapsed [h], [mm], [ss]) are not tokens.
 */
export function formatCodeShowsDate(code: string): boolean {
  let dayOrYear = false;
  let month = false;
  let hourOrSecond = false;
  for (let index = 0; index < code.length; index++) {
    const char = code.charAt(index);
    if (char === '"') {
      const closing = code.indexOf('"', index + 1);
      if (closing < 0) break;
      index = closing;
    } else if (char === '[') {
      const closing = code.indexOf(']', index + 1);
      if (closing < 0) break;
      if (/^(?:h+|m+|s+)$/i.test(code.slice(index + 1, closing))) hourOrSecond = true;
      index = closing;
    } else if (char === '\\' || char === '_' || char === '*') {
      index++; // escaped literal, padding or fill character
    } else {
      const lower = char.toLowerCase();
      const clock = lower === 'a' ? AM_PM.exec(code.slice(index)) : null;
      if (clock) {
        // AM/PM and A/P go with hours; their M and P are not tokens.
        hourOrSecond = true;
        index += clock[0].length - 1;
      } else if (lower === 'd' || lower === 'y') dayOrYear = true;
      else if (lower === 'm') month = true;
      else if (lower === 'h' || lower === 's') hourOrSecond = true;
    }
  }
  return dayOrYear || (month && !hourOrSecond);
}

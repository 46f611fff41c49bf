/**
 * Naming the files people save or rename by mistake, so that refusing one says what it is and
 * what to do: an Excel 97-2003 `.xls`, a password-protected workbook (which Office stores as
 * an encrypted package inside the same old container as `.xls`), a CSV or other text file
 * renamed `.xlsx`, a web page or XML Spreadsheet 2003 saved with a spreadsheet name.
 */
import { SAVE_AS_XLSX_ADVICE } from './errors';

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Compound File Binary (MS-CFB): the container of .xls, .doc and encrypted OOXML files. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return OLE_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/**
 * What a compound file holds, judged by the names of its streams. The directory of a compound
 * file is a run of 128-byte entries in 512- or 4096-byte sectors after the 512-byte header,
 * each with a UTF-16 name, its length and an entry type. Rather than follow the sector chains
 * (the directory may lie anywhere), every 128-byte slot is tried: a slot counts only if its
 * name length, terminator and type are all consistent, and only exact stream names are
 * looked for, so the bytes of a stream are not mistaken for an entry. Linear in the file's
 * size, which the caller has checked against the limit.
 */
export function describeCompoundFile(bytes: Uint8Array): string {
  const names = new Set<string>();
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const name = directoryEntryName(bytes, at);
    if (name !== undefined) names.add(name);
  }
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) {
    return (
      'it is protected by a password (an encrypted workbook), which the board cannot open. ' +
      'Open it in Excel or LibreOffice Calc with its password, remove the password ' +
      '(in Excel: File > Info > Protect Workbook > Encrypt with Password, and clear it; in ' +
      'LibreOffice: File > Save As with "Save with password" unticked), and save it as an ' +
      'Excel workbook (.xlsx).'
    );
  }
  if (names.has('Workbook') || names.has('Book')) {
    return `it is an older Excel 97-2003 workbook (.xls). ${SAVE_AS_XLSX_ADVICE}`;
  }
  if (names.has('WordDocument'))
    return `it is a Word 97-2003 document (.doc). ${SAVE_AS_XLSX_ADVICE}`;
  if (names.has('PowerPoint Document')) {
    return `it is a PowerPoint 97-2003 presentation (.ppt). ${SAVE_AS_XLSX_ADVICE}`;
  }
  return (
    'it is either an older Excel 97-2003 (.xls) file or a password-protected workbook. ' +
    'Open it in Excel, remove any password, and save it as an Excel workbook (.xlsx).'
  );
}

/** Directory entry types: storage, stream, root storage (MS-CFB 2.6.1). */
const ENTRY_TYPES: ReadonlySet<number> = new Set([1, 2, 5]);

function directoryEntryName(bytes: Uint8Array, at: number): string | undefined {
  // The name length in bytes counts the terminating NUL: 2 to 64, always even.
  const length = (bytes[at + 0x40] ?? 0) | ((bytes[at + 0x41] ?? 0) << 8);
  if (length < 4 || length > 64 || length % 2 !== 0) return undefined;
  if (!ENTRY_TYPES.has(bytes[at + 0x42] ?? 0)) return undefined;
  if (bytes[at + length - 2] !== 0 || bytes[at + length - 1] !== 0) return undefined;
  let name = '';
  for (let offset = 0; offset < length - 2; offset += 2) {
    const code = (bytes[at + offset] ?? 0) | ((bytes[at + offset + 1] ?? 0) << 8);
    if (code === 0) return undefined;
    name += String.fromCharCode(code);
  }
  return name;
}

/** How much of a file is looked at to tell text from binary. */
const SNIFF_BYTES = 4096;

/**
 * A description of a file that is text rather than a zip (a CSV renamed `.xlsx`, a web page or
 * an XML Spreadsheet 2003 saved as `.xls`), or undefined when it does not look like text.
 */
export function describeTextFile(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, SNIFF_BYTES);
  let text: string;
  if (head[0] === 0xff && head[1] === 0xfe) {
    // Excel's "Unicode Text" export is UTF-16 with a byte order mark.
    text = new TextDecoder('utf-16le').decode(head.subarray(2));
  } else {
    // A multi-byte character cut at the end of the sample is not a reason to call it binary.
    text = new TextDecoder('utf-8').decode(head);
    const replaced = (text.match(/\uFFFD/g) ?? []).length;
    if (replaced > 1) return undefined;
  }
  // Control characters other than tab, line feed, carriage return and form feed mean binary.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is looked for
  if (/[\u0000-\u0008\u000B\u000E-\u001F]/.test(text)) return undefined;
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (start.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return `it is an XML Spreadsheet 2003 file. ${SAVE_AS_XLSX_ADVICE}`;
  }
  if (/^(?:<!doctype html|<html|<table|<\?xml)/.test(start) || start.includes('<html')) {
    return `it is a web page or XML file, not a workbook. ${SAVE_AS_XLSX_ADVICE}`;
  }
  return (
    'it is a text file (such as CSV, comma-separated values), perhaps renamed to .xlsx. ' +
    SAVE_AS_XLSX_ADVICE
  );
}

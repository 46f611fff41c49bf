/**
 * The .xlsx zip package: reading its parts, and the errors raised when a file is not a readable
 * workbook.
 */

import { unzipSync } from 'fflate';

// ---------------------------------------------------------------------------------------------
// Errors

/** Thrown, with a message an office worker can act on, when a file is not a readable .xlsx. */
export class WorkbookFileError extends Error {
  override readonly name = 'WorkbookFileError';
}

export function notAWorkbook(reason: string): WorkbookFileError {
  return new WorkbookFileError(`This file is not an Excel .xlsx workbook: ${reason}`);
}

export function damaged(reason: string): WorkbookFileError {
  return new WorkbookFileError(
    `This Excel workbook could not be read because it looks damaged: ${reason}. ` +
      'Try opening it in Excel and saving it again as "Excel Workbook (.xlsx)".',
  );
}

export const SAVE_AS_XLSX_ADVICE = 'Open it in Excel and save it as "Excel Workbook (.xlsx)".';

// ---------------------------------------------------------------------------------------------
// The zip container

/** Guards against zip bombs: no single part of a real board workbook comes near this. */
const MAX_PART_BYTES = 1024 * 1024 * 1024;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The smallest possible zip: just the end-of-central-directory record. */
const MIN_ZIP_BYTES = 22;

export class ZipPackage {
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

  /** The zip entry name of a part, whatever the case of the name asked for. */
  entryName(partName: string): string | undefined {
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

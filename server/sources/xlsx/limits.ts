/**
 * How much of a workbook the reader will unpack and hold. A board workbook is small (the
 * benchmark board of 100,000 actions is a 3.6 MB file that unpacks to 40 MB and 0.83 million
 * cells), but the file is whatever someone saved or uploaded: a zip bomb of a few kilobytes can
 * unpack to gigabytes, and a sheet of empty formatted cells can ask for millions of cells. The
 * limits are checked while reading, chunk by chunk, so such a file is refused early, after
 * bounded work and memory, with an error that names the limit and what to do.
 */
import { WorkbookFileError } from './errors';

const MB = 1024 * 1024;

export interface WorkbookLimits {
  /** The file itself (media and all): no board needs more, and it is read into memory whole. */
  readonly maxFileBytes: number;
  /** All the parts read (sheets, shared strings, styles, structure) once unpacked, together. */
  readonly maxInflatedBytes: number;
  /** One part once unpacked. The structural parts are held whole, so this bounds them too. */
  readonly maxPartBytes: number;
  /**
   * Cells over all sheets: every cell the file lists (a formatted empty one too, as it costs
   * the same to read) plus the blank cells and rows a grid must hold before a later cell.
   */
  readonly maxCells: number;
  /**
   * One piece of text or one tag. Excel allows 32,767 characters in a cell; the XML parser
   * re-scans an unfinished token on every chunk, so an endless one would cost quadratic time.
   */
  readonly maxTokenChars: number;
}

/**
 * Five times the 100,000-action benchmark board in bytes and 2.4 times it in cells. Memory
 * follows cells: a board at the cell limit (about 240,000 actions) peaks near 380 MB once
 * parsed into a snapshot, and a refused one, which stops at the limit, below 300 MB; a higher
 * limit would let one file take more memory than the server is meant to use. One part may
 * take most of the total (a board is mostly its Actions sheet); a part whose zip entry claims
 * more than that is refused before anything is unpacked.
 */
export const WORKBOOK_LIMITS: WorkbookLimits = {
  maxFileBytes: 100 * MB,
  maxInflatedBytes: 200 * MB,
  maxPartBytes: 150 * MB,
  maxCells: 2_000_000,
  maxTokenChars: 1_000_000,
};

export type WorkbookLimitName = 'file' | 'inflated' | 'part' | 'cells' | 'token';

/** A workbook refused by one of the limits; `limit` says which. */
export class WorkbookTooLargeError extends WorkbookFileError {
  override readonly name = 'WorkbookTooLargeError';
  constructor(
    message: string,
    readonly limit: WorkbookLimitName,
  ) {
    super(message);
  }
}

const TRIM_ADVICE =
  'A board workbook is far smaller than this, so check that it is the right file; if it is, ' +
  'delete the sheets, rows and columns the board does not need (old actions can move to an ' +
  'archive copy), clear the formatting of unused rows, and save it again.';

/** What one read of one workbook has used so far, against its limits. */
export class ReadBudget {
  private inflatedBytes = 0;
  private cells = 0;

  constructor(
    readonly limits: WorkbookLimits,
    /** The file's name, to put in messages, when the caller knows it. */
    private readonly fileName?: string,
  ) {}

  checkFileSize(bytes: number): void {
    if (bytes > this.limits.maxFileBytes) {
      throw this.tooLarge(
        'file',
        `the file is ${formatBytes(bytes)}, more than ${formatBytes(this.limits.maxFileBytes)} (the limit)`,
      );
    }
  }

  /** Counts bytes unpacked from a part; `partBytes` is that part's total so far. */
  addInflated(bytes: number, partBytes: number, what: string): void {
    if (partBytes > this.limits.maxPartBytes) throw this.partTooLarge(what);
    this.inflatedBytes += bytes;
    if (this.inflatedBytes > this.limits.maxInflatedBytes) {
      throw this.tooLarge(
        'inflated',
        `its sheets unpack to more than ${formatBytes(this.limits.maxInflatedBytes)} (the limit)`,
      );
    }
  }

  partTooLarge(what: string): WorkbookTooLargeError {
    return this.tooLarge(
      'part',
      `${what} unpacks to more than ${formatBytes(this.limits.maxPartBytes)} (the limit for one part)`,
    );
  }

  /** Counts cells as a sheet is read; `what` names the sheet that went past the limit. */
  addCells(cells: number, what: string): void {
    this.cells += cells;
    if (this.cells > this.limits.maxCells) {
      throw this.tooLarge(
        'cells',
        `its sheets hold more than ${this.limits.maxCells.toLocaleString('en-GB')} cells (the limit; ${what} went past it)`,
      );
    }
  }

  tokenTooLong(what: string): WorkbookTooLargeError {
    return this.tooLarge(
      'token',
      `one cell or tag in ${what} holds more than ${this.limits.maxTokenChars.toLocaleString('en-GB')} characters (the limit; Excel allows 32,767 in a cell)`,
    );
  }

  private tooLarge(limit: WorkbookLimitName, reason: string): WorkbookTooLargeError {
    const subject = this.fileName ? `The workbook ${this.fileName}` : 'This Excel workbook';
    return new WorkbookTooLargeError(
      `${subject} is too large to read: ${reason}. ${TRIM_ADVICE}`,
      limit,
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < MB) return `${bytes.toLocaleString('en-GB')} bytes`;
  if (bytes < 1024 * MB)
    return `${(bytes / MB).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
  return `${(bytes / 1024 / MB).toLocaleString('en-GB', { maximumFractionDigits: 1 })} GB`;
}

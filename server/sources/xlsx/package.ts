/**
 * The .xlsx zip package: listing its parts from the central directory and unpacking one part
 * at a time, in chunks, against the read's limits (limits.ts).
 *
 * The sizes a zip declares are not trusted: a zip bomb declares small ones, or huge ones to
 * make a reader allocate them up front. Bytes are counted as they come out of the inflater, a
 * few hundred kilobytes at a time, so a bomb is stopped after at most one chunk past the limit.
 */

import { createInflateRaw } from 'node:zlib';
import { Inflate } from 'fflate';
import { damaged, notAWorkbook, SAVE_AS_XLSX_ADVICE } from './errors';
import { describeCompoundFile, describeTextFile, isCompoundFile } from './file-kinds';
import { ReadBudget, WORKBOOK_LIMITS, type WorkbookLimits } from './limits';

export { damaged, notAWorkbook, SAVE_AS_XLSX_ADVICE, WorkbookFileError } from './errors';

/** A zip starts with its first local file header ("PK\x03\x04"). */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** The smallest possible zip: just the end-of-central-directory record. */
const MIN_ZIP_BYTES = 22;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record may be followed by a comment of up to 65,535 bytes. */
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_MARKER = 0xffffffff;

const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8_NAME = 0x800;

/**
 * Unpacked bytes wanted from one push into the inflater: small enough that one step of a read
 * (an unpack, then the parse of what came out) stays within a few milliseconds, large enough
 * that the inflater's per-push overhead (it copies its 32 KB window) is a small share.
 */
const INFLATE_OUTPUT_TARGET_BYTES = 256 * 1024;
/**
 * Compressed bytes fed at first, and the bounds of what is fed later (the amount follows the
 * ratio seen so far, so that a bomb, which expands up to 1,032 times, is fed in slivers).
 */
const INFLATE_FIRST_INPUT_BYTES = 2 * 1024;
const INFLATE_MIN_INPUT_BYTES = 256;
const INFLATE_MAX_INPUT_BYTES = 64 * 1024;
/** Stored (uncompressed) parts are handed out in slices of this size. */
const STORED_SLICE_BYTES = 256 * 1024;
/** Chunks out of node:zlib when unpacking in the background (see OpenOptions.background). */
const BACKGROUND_CHUNK_BYTES = 64 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** What the zip says the part unpacks to; used only to refuse early, never trusted. */
  declaredSize: number;
  localHeaderOffset: number;
}

export interface OpenOptions {
  limits?: WorkbookLimits;
  /** The file's name, for messages. */
  fileName?: string;
  /**
   * Unpack the large parts with node:zlib on Node's thread pool, chunk by chunk as they are
   * parsed: five times faster than fflate and off the event loop, but asynchronous, so only
   * for a reader whose steps are driven by runStepsInSlices. Otherwise fflate unpacks them
   * synchronously, in chunks too.
   */
  background?: boolean;
}

/** The unpacked chunks of one part, each counted against the limits before it is handed out. */
export interface PartChunks {
  /** The next chunk, or null at the end; a promise when unpacking runs in the background. */
  next(): Uint8Array | null | Promise<Uint8Array | null>;
  /** Stops unpacking, e.g. when reading stopped at an error. */
  close(): void;
}

export class ZipPackage {
  private constructor(
    private readonly bytes: Uint8Array,
    /** Zip part names are case-insensitive in Office files, so look them up by lower case. */
    private readonly entries: ReadonlyMap<string, ZipEntry>,
    /** Shared by every part read through this package: the limits are for the whole read. */
    readonly budget: ReadBudget,
    private readonly background: boolean,
  ) {}

  static open(bytes: Uint8Array, options: OpenOptions = {}): ZipPackage {
    const budget = new ReadBudget(options.limits ?? WORKBOOK_LIMITS, options.fileName);
    if (bytes.length === 0) throw notAWorkbook(`the file is empty. ${SAVE_AS_XLSX_ADVICE}`);
    if (isCompoundFile(bytes)) {
      // Naming what is inside reads the whole file, so only one within the size limit.
      budget.checkFileSize(bytes.length);
      throw notAWorkbook(describeCompoundFile(bytes));
    }
    if (!startsWith(bytes, ZIP_SIGNATURE)) {
      const text = describeTextFile(bytes);
      if (text) throw notAWorkbook(text);
    }
    if (bytes.length < MIN_ZIP_BYTES)
      throw notAWorkbook(`it is not a spreadsheet file. ${SAVE_AS_XLSX_ADVICE}`);
    budget.checkFileSize(bytes.length);

    const entries = new Map<string, ZipEntry>();
    for (const entry of readCentralDirectory(bytes)) {
      entries.set(normalisePartName(entry.name), entry);
    }
    return new ZipPackage(bytes, entries, budget, options.background === true);
  }

  has(partName: string): boolean {
    return this.entry(partName) !== undefined;
  }

  /** The whole of a small part (the workbook, relationships); throws if it is missing. */
  read(partName: string): Uint8Array {
    const part = this.readIfPresent(partName);
    if (!part) throw damaged(`the part ${partName} is missing`);
    return part;
  }

  readIfPresent(partName: string): Uint8Array | undefined {
    if (!this.has(partName)) return undefined;
    const chunks = [...this.chunks(partName, `the part ${partName}`)];
    if (chunks.length === 1) return chunks[0];
    const whole = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      whole.set(chunk, offset);
      offset += chunk.length;
    }
    return whole;
  }

  /**
   * A large part's unpacked bytes, chunk by chunk (in the background if the package was opened
   * so); `what` names the part in messages (`the sheet "Actions"`).
   */
  partChunks(partName: string, what: string): PartChunks {
    const entry = this.checkedEntry(partName, what);
    if (this.background && entry.method === DEFLATED) {
      return this.backgroundChunks(this.compressedData(entry, partName), partName, what);
    }
    const chunks = this.chunks(partName, what);
    return {
      next: () => {
        const step = chunks.next();
        return step.done ? null : step.value;
      },
      close: () => {
        chunks.return();
      },
    };
  }

  /** A part's unpacked bytes, chunk by chunk, unpacked by fflate on the calling thread. */
  *chunks(partName: string, what: string): Generator<Uint8Array, void, undefined> {
    const entry = this.checkedEntry(partName, what);
    const { budget } = this;
    const data = this.compressedData(entry, partName);
    let partBytes = 0;

    if (entry.method === STORED) {
      for (let start = 0; start < data.length; start += STORED_SLICE_BYTES) {
        const slice = data.subarray(start, start + STORED_SLICE_BYTES);
        partBytes += slice.length;
        budget.addInflated(slice.length, partBytes, what);
        yield slice;
      }
      return;
    }
    if (entry.method !== DEFLATED) {
      throw damaged(
        `the part ${partName} is compressed in a way Excel does not use (method ${entry.method})`,
      );
    }

    const pending: Uint8Array[] = [];
    /** Bytes out of the inflater so far, whether handed out yet or not. */
    let inflated = 0;
    const inflater = new Inflate((chunk) => {
      inflated += chunk.length;
      if (chunk.length > 0) pending.push(chunk);
    });
    let start = 0;
    let inputBytes = INFLATE_FIRST_INPUT_BYTES;
    do {
      const end = Math.min(start + inputBytes, data.length);
      try {
        inflater.push(data.subarray(start, end), end === data.length);
      } catch (error) {
        throw damaged(`the part ${partName} cannot be unpacked (${errorMessage(error)})`);
      }
      start = end;
      const ratio = Math.max(1, inflated / start);
      inputBytes = Math.min(
        INFLATE_MAX_INPUT_BYTES,
        Math.max(INFLATE_MIN_INPUT_BYTES, Math.floor(INFLATE_OUTPUT_TARGET_BYTES / ratio)),
      );
      // The count comes before the hand-out, so a bomb's chunk is never parsed.
      for (let chunk = pending.shift(); chunk; chunk = pending.shift()) {
        partBytes += chunk.length;
        budget.addInflated(chunk.length, partBytes, what);
        yield chunk;
      }
    } while (start < data.length);
  }

  private backgroundChunks(data: Uint8Array, partName: string, what: string): PartChunks {
    const inflater = createInflateRaw({ chunkSize: BACKGROUND_CHUNK_BYTES });
    // The stream's own backpressure keeps about one chunk unpacked ahead of the parser, so a
    // bomb is never unpacked further than a chunk past the limit.
    inflater.end(data);
    const chunks = inflater[Symbol.asyncIterator]();
    let partBytes = 0;
    return {
      next: async () => {
        let step: IteratorResult<Buffer>;
        try {
          step = await chunks.next();
        } catch (error) {
          throw damaged(`the part ${partName} cannot be unpacked (${errorMessage(error)})`);
        }
        if (step.done) return null;
        partBytes += step.value.length;
        this.budget.addInflated(step.value.length, partBytes, what);
        return step.value;
      },
      close: () => inflater.destroy(),
    };
  }

  private checkedEntry(partName: string, what: string): ZipEntry {
    const entry = this.entry(partName);
    if (!entry) throw damaged(`the part ${partName} is missing`);
    if (entry.declaredSize > this.budget.limits.maxPartBytes) throw this.budget.partTooLarge(what);
    if (entry.flags & FLAG_ENCRYPTED) {
      throw notAWorkbook(`it is a password-protected zip archive. ${SAVE_AS_XLSX_ADVICE}`);
    }
    return entry;
  }

  /** The zip entry name of a part, whatever the case of the name asked for. */
  entryName(partName: string): string | undefined {
    return this.entry(partName)?.name;
  }

  private entry(partName: string): ZipEntry | undefined {
    const key = normalisePartName(partName);
    return this.entries.get(key) ?? this.entries.get(safelyDecodeUri(key));
  }

  private compressedData(entry: ZipEntry, partName: string): Uint8Array {
    const header = entry.localHeaderOffset;
    if (header + 30 > this.bytes.length || readU32(this.bytes, header) !== LOCAL_FILE_HEADER) {
      throw damaged(`the part ${partName} cannot be unpacked (its header is missing)`);
    }
    const start = header + 30 + readU16(this.bytes, header + 26) + readU16(this.bytes, header + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) {
      throw damaged(`the part ${partName} cannot be unpacked (the file is cut short)`);
    }
    return this.bytes.subarray(start, end);
  }
}

// ---------------------------------------------------------------------------------------------
// The central directory (APPNOTE.TXT 4.3.12-4.3.16, with the zip64 records of 4.3.14-4.3.15)

function notAZip(): Error {
  return notAWorkbook(`it is not a spreadsheet file. ${SAVE_AS_XLSX_ADVICE}`);
}

function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const end = findEndOfCentralDirectory(bytes);
  let count = readU16(bytes, end + 10);
  let offset = readU32(bytes, end + 16);
  let zip64 = false;
  if (end >= 20 && readU32(bytes, end - 20) === ZIP64_LOCATOR) {
    const record = readU64(bytes, end - 12);
    if (record + 56 <= bytes.length && readU32(bytes, record) === ZIP64_END_OF_CENTRAL_DIRECTORY) {
      zip64 = true;
      count = readU64(bytes, record + 32);
      offset = readU64(bytes, record + 48);
    }
  }

  const entries: ZipEntry[] = [];
  // Each entry is at least 46 bytes and must lie inside the file, so a lying count cannot make
  // this loop run longer than the file allows.
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || readU32(bytes, offset) !== CENTRAL_DIRECTORY_ENTRY) {
      throw notAZip();
    }
    const flags = readU16(bytes, offset + 8);
    const nameLength = readU16(bytes, offset + 28);
    const extraLength = readU16(bytes, offset + 30);
    const commentLength = readU16(bytes, offset + 32);
    const nameStart = offset + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > bytes.length) throw notAZip();

    const sizes = {
      compressedSize: readU32(bytes, offset + 20),
      declaredSize: readU32(bytes, offset + 24),
      localHeaderOffset: readU32(bytes, offset + 42),
    };
    if (zip64 || Object.values(sizes).includes(ZIP64_MARKER)) {
      readZip64Sizes(bytes, extraStart, extraLength, sizes);
    }
    const nameBytes = bytes.subarray(nameStart, extraStart);
    entries.push({
      name:
        flags & FLAG_UTF8_NAME
          ? new TextDecoder('utf-8').decode(nameBytes)
          : String.fromCharCode(...nameBytes),
      method: readU16(bytes, offset + 10),
      flags,
      ...sizes,
    });
    offset = next;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const last = bytes.length - MIN_ZIP_BYTES;
  for (let at = last; at >= 0 && last - at <= MAX_COMMENT_BYTES; at--) {
    if (readU32(bytes, at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw notAZip();
}

/** The zip64 extra field holds, in this order, each size the entry marks as 0xFFFFFFFF. */
function readZip64Sizes(
  bytes: Uint8Array,
  start: number,
  length: number,
  sizes: { compressedSize: number; declaredSize: number; localHeaderOffset: number },
): void {
  for (let at = start; at + 4 <= start + length; at += 4 + readU16(bytes, at + 2)) {
    if (readU16(bytes, at) !== 1) continue;
    let field = at + 4;
    const take = (): number => {
      const value = readU64(bytes, field);
      field += 8;
      return value;
    };
    if (sizes.declaredSize === ZIP64_MARKER) sizes.declaredSize = take();
    if (sizes.compressedSize === ZIP64_MARKER) sizes.compressedSize = take();
    if (sizes.localHeaderOffset === ZIP64_MARKER) sizes.localHeaderOffset = take();
    return;
  }
}

function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function readU32(bytes: Uint8Array, at: number): number {
  return (readU16(bytes, at) | (readU16(bytes, at + 2) << 16)) >>> 0;
}

function readU64(bytes: Uint8Array, at: number): number {
  // Beyond 2^53 the value is wrong, but then it also lies beyond any file and fails the checks.
  return readU32(bytes, at) + readU32(bytes, at + 4) * 0x1_0000_0000;
}

// ---------------------------------------------------------------------------------------------

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

/**
 * Replacing one part of a zip and carrying every other part over as it is: its local header,
 * compressed bytes and data descriptor are copied, never unpacked or packed again, so adding a
 * row to a small Circulation sheet costs the same on a board of 100 actions or 100,000 (a full
 * unzip and zip took ~8 s on the latter, all of it on the thread that serves requests). Only
 * the offsets in the central directory change.
 */
import { damaged } from './errors';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;
const MAX_COMMENT_BYTES = 0xffff;
const FLAG_UTF8_NAME = 0x800;
const DEFLATED = 8;

interface CentralEntry {
  /** The whole central directory record, copied as it is for parts that do not change. */
  record: Uint8Array;
  name: string;
  localOffset: number;
  /** Where in `record` the local header offset is written (in the zip64 field if it is there). */
  offsetField: { at: number; bytes: 4 | 8 };
}

/** The new content of the part being replaced: deflated, with the CRC-32 of the plain bytes. */
export interface ReplacementPart {
  name: string;
  deflated: Uint8Array;
  crc32: number;
  size: number;
}

export function replaceZipPart(bytes: Uint8Array, replacement: ReplacementPart): Uint8Array {
  const { entries, centralOffset, comment } = readCentralDirectory(bytes);
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  if (!entries.some((entry) => entry.name === replacement.name)) {
    throw damaged(`the part ${replacement.name} is missing`);
  }

  const chunks: Uint8Array[] = [];
  const newOffsets = new Map<CentralEntry, number>();
  let written = 0;
  let replacedRecord: Uint8Array | undefined;
  byOffset.forEach((entry, index) => {
    newOffsets.set(entry, written);
    if (entry.name === replacement.name) {
      const [local, record] = replacedHeaders(entry, replacement, written);
      replacedRecord = record;
      chunks.push(local, replacement.deflated);
      written += local.length + replacement.deflated.length;
      return;
    }
    // Everything up to the next part (or the central directory): header, data and any data
    // descriptor, whatever form they take.
    const end = byOffset[index + 1]?.localOffset ?? centralOffset;
    if (end < entry.localOffset || end > bytes.length)
      throw damaged('its zip structure is damaged');
    const span = bytes.subarray(entry.localOffset, end);
    chunks.push(span);
    written += span.length;
  });

  const centralStart = written;
  for (const entry of entries) {
    if (entry.name === replacement.name && replacedRecord) {
      chunks.push(replacedRecord);
      written += replacedRecord.length;
      continue;
    }
    // A copy (Buffer's slice() would be a view, and patching it would change the input).
    const record = new Uint8Array(entry.record);
    const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
    const offset = newOffsets.get(entry) ?? 0;
    if (entry.offsetField.bytes === 8)
      view.setBigUint64(entry.offsetField.at, BigInt(offset), true);
    else view.setUint32(entry.offsetField.at, offset, true);
    chunks.push(record);
    written += record.length;
  }

  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, written - centralStart, true);
  end.setUint32(16, centralStart, true);
  end.setUint16(20, comment.length, true);
  chunks.push(new Uint8Array(end.buffer), comment);
  written += 22 + comment.length;

  const out = new Uint8Array(written);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A fresh local header and central record for the replaced part, keeping its name and date. */
function replacedHeaders(
  entry: CentralEntry,
  part: ReplacementPart,
  offset: number,
): [Uint8Array, Uint8Array] {
  const old = new DataView(entry.record.buffer, entry.record.byteOffset, entry.record.byteLength);
  const nameBytes = entry.record.subarray(46, 46 + old.getUint16(28, true));
  const flags = old.getUint16(8, true) & FLAG_UTF8_NAME;
  const time = old.getUint16(12, true);
  const date = old.getUint16(14, true);

  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, LOCAL_FILE_HEADER, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, flags, true);
  lv.setUint16(8, DEFLATED, true);
  lv.setUint16(10, time, true);
  lv.setUint16(12, date, true);
  lv.setUint32(14, part.crc32, true);
  lv.setUint32(18, part.deflated.length, true);
  lv.setUint32(22, part.size, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);

  const record = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(record.buffer);
  cv.setUint32(0, CENTRAL_DIRECTORY_ENTRY, true);
  cv.setUint16(4, old.getUint16(4, true), true); // made by: kept
  cv.setUint16(6, 20, true);
  cv.setUint16(8, flags, true);
  cv.setUint16(10, DEFLATED, true);
  cv.setUint16(12, time, true);
  cv.setUint16(14, date, true);
  cv.setUint32(16, part.crc32, true);
  cv.setUint32(20, part.deflated.length, true);
  cv.setUint32(24, part.size, true);
  cv.setUint16(28, nameBytes.length, true);
  cv.setUint32(38, old.getUint32(38, true), true); // external attributes: kept
  cv.setUint32(42, offset, true);
  record.set(nameBytes, 46);
  return [local, record];
}

function readCentralDirectory(bytes: Uint8Array): {
  entries: CentralEntry[];
  centralOffset: number;
  comment: Uint8Array;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && bytes.length - 22 - at <= MAX_COMMENT_BYTES; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged('its zip structure is damaged');
  let count = view.getUint16(end + 10, true);
  let centralOffset = view.getUint32(end + 16, true);
  const commentLength = view.getUint16(end + 20, true);
  const comment = new Uint8Array(bytes.subarray(end + 22, end + 22 + commentLength));
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) {
    const record = Number(view.getBigUint64(end - 12, true));
    if (
      record + 56 <= bytes.length &&
      view.getUint32(record, true) === ZIP64_END_OF_CENTRAL_DIRECTORY
    ) {
      count = Number(view.getBigUint64(record + 32, true));
      centralOffset = Number(view.getBigUint64(record + 48, true));
    }
  }

  const entries: CentralEntry[] = [];
  let offset = centralOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) {
      throw damaged('its zip structure is damaged');
    }
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentBytes = view.getUint16(offset + 32, true);
    const next = offset + 46 + nameLength + extraLength + commentBytes;
    if (next > bytes.length) throw damaged('its zip structure is damaged');
    const record = bytes.subarray(offset, next);
    const nameBytes = record.subarray(46, 46 + nameLength);
    const name =
      flags & FLAG_UTF8_NAME
        ? new TextDecoder('utf-8').decode(nameBytes)
        : String.fromCharCode(...nameBytes);
    let localOffset = view.getUint32(offset + 42, true);
    let offsetField: CentralEntry['offsetField'] = { at: 42, bytes: 4 };
    if (localOffset === ZIP64_MARKER) {
      // The zip64 extra field holds, in order, each of these the record marks as 0xFFFFFFFF.
      const sizesInExtra =
        (view.getUint32(offset + 24, true) === ZIP64_MARKER ? 1 : 0) +
        (view.getUint32(offset + 20, true) === ZIP64_MARKER ? 1 : 0);
      const extraStart = 46 + nameLength;
      for (let at = extraStart; at + 4 <= extraStart + extraLength; ) {
        const id = view.getUint16(offset + at, true);
        const size = view.getUint16(offset + at + 2, true);
        if (id === 1) {
          offsetField = { at: at + 4 + 8 * sizesInExtra, bytes: 8 };
          localOffset = Number(view.getBigUint64(offset + offsetField.at, true));
          break;
        }
        at += 4 + size;
      }
    }
    entries.push({ record, name, localOffset, offsetField });
    offset = next;
  }
  return { entries, centralOffset, comment };
}

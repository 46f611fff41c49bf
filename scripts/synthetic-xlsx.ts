/**
 * Writes grids as a real .xlsx (shared strings, as Excel and Google Sheets downloads have them),
 * for benchmarks and tests that need a workbook of a chosen size without shipping one; and
 * builds hostile workbooks (a zip bomb, a sheet of too many cells) to test the reader's limits.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import type { RawCell, WorkbookGrids } from '../schema/grid';

const strToU8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * A zip of deflated parts. node:zlib compresses a gigabyte in a few seconds where a JavaScript
 * deflate takes a minute. `declaredSizes` makes an entry lie about its unpacked size, as a
 * hostile zip does to slip past readers that trust it; `zip64` writes every size and offset in
 * the zip64 records, as some writers do even for small files.
 */
export function zipParts(
  files: Readonly<Record<string, Uint8Array>>,
  options: {
    level?: number;
    declaredSizes?: Readonly<Record<string, number>>;
    zip64?: boolean;
  } = {},
): Uint8Array {
  const zip64 = options.zip64 === true;
  const marker = 0xffffffff;
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const nameBytes = strToU8(name);
    const compressed = deflateRawSync(data, { level: options.level ?? 6 });
    const size = options.declaredSizes?.[name] ?? data.length;
    const crc = crc32(data);
    // The zip64 extra field: id 1, then the 8-byte values the header marks as 0xFFFFFFFF.
    const extra = new DataView(new ArrayBuffer(zip64 ? 28 : 0));
    if (zip64) {
      extra.setUint16(0, 1, true);
      extra.setUint16(2, 24, true);
      extra.setBigUint64(4, BigInt(size), true);
      extra.setBigUint64(12, BigInt(compressed.length), true);
      extra.setBigUint64(20, BigInt(offset), true);
    }
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, zip64 ? 45 : 20, true);
    local.setUint16(8, 8, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, zip64 ? marker : compressed.length, true);
    local.setUint32(22, zip64 ? marker : size, true);
    local.setUint16(26, nameBytes.length, true);
    // The local header's zip64 field holds only the two sizes.
    local.setUint16(28, zip64 ? 20 : 0, true);
    const localExtra = new Uint8Array(extra.buffer.slice(0, zip64 ? 20 : 0));
    if (zip64) new DataView(localExtra.buffer).setUint16(2, 16, true);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, zip64 ? 45 : 20, true);
    entry.setUint16(6, zip64 ? 45 : 20, true);
    entry.setUint16(10, 8, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, zip64 ? marker : compressed.length, true);
    entry.setUint32(24, zip64 ? marker : size, true);
    entry.setUint16(28, nameBytes.length, true);
    entry.setUint16(30, extra.byteLength, true);
    entry.setUint32(42, zip64 ? marker : offset, true);
    chunks.push(new Uint8Array(local.buffer), nameBytes, localExtra, compressed);
    central.push(new Uint8Array(entry.buffer), nameBytes, new Uint8Array(extra.buffer));
    offset += 30 + nameBytes.length + localExtra.length + compressed.length;
  }
  const count = Object.keys(files).length;
  const centralSize = central.reduce((total, part) => total + part.length, 0);
  const records: Uint8Array[] = [];
  if (zip64) {
    const record = new DataView(new ArrayBuffer(56));
    record.setUint32(0, 0x06064b50, true);
    record.setBigUint64(4, 44n, true);
    record.setUint16(12, 45, true);
    record.setUint16(14, 45, true);
    record.setBigUint64(24, BigInt(count), true);
    record.setBigUint64(32, BigInt(count), true);
    record.setBigUint64(40, BigInt(centralSize), true);
    record.setBigUint64(48, BigInt(offset), true);
    const locator = new DataView(new ArrayBuffer(20));
    locator.setUint32(0, 0x07064b50, true);
    locator.setBigUint64(8, BigInt(offset + centralSize), true);
    locator.setUint32(16, 1, true);
    records.push(new Uint8Array(record.buffer), new Uint8Array(locator.buffer));
  }
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, zip64 ? 0xffff : count, true);
  end.setUint16(10, zip64 ? 0xffff : count, true);
  end.setUint32(12, zip64 ? marker : centralSize, true);
  end.setUint32(16, zip64 ? marker : offset, true);
  return Buffer.concat([...chunks, ...central, ...records, new Uint8Array(end.buffer)]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** One workbook from worksheet parts given as XML text, with an optional shared-string table. */
export function packageXlsx(
  sheets: readonly { name: string; xml: string | Uint8Array }[],
  sharedStrings?: readonly string[],
  options: Parameters<typeof zipParts>[1] = {},
): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    '_rels/.rels': strToU8(
      `<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
  };
  const entries: string[] = [];
  const relationships: string[] = [];
  sheets.forEach((sheet, index) => {
    entries.push(
      `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
    );
    relationships.push(
      `<Relationship Id="rId${index + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
    );
    files[`xl/worksheets/sheet${index + 1}.xml`] =
      typeof sheet.xml === 'string' ? strToU8(sheet.xml) : sheet.xml;
  });
  if (sharedStrings) {
    const items = sharedStrings.map(
      (text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`,
    );
    files['xl/sharedStrings.xml'] = strToU8(
      `<sst xmlns="${MAIN_NS}" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`,
    );
    relationships.push(
      `<Relationship Id="rIdStrings" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`,
    );
  }
  files['xl/workbook.xml'] = strToU8(
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><sheets>${entries.join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<Relationships xmlns="${PACKAGE_REL_NS}">${relationships.join('')}</Relationships>`,
  );
  return zipParts(files, options);
}

/** The grids as a workbook that reads back to the same grids. */
export function gridsToXlsx(grids: WorkbookGrids): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const cellXml = (value: RawCell, reference: string): string => {
    if (value === null) return '';
    if (typeof value === 'number') return `<c r="${reference}"><v>${value}</v></c>`;
    if (typeof value === 'boolean') return `<c r="${reference}" t="b"><v>${value ? 1 : 0}</v></c>`;
    let index = stringIndex.get(value);
    if (index === undefined) {
      index = strings.push(value) - 1;
      stringIndex.set(value, index);
    }
    return `<c r="${reference}" t="s"><v>${index}</v></c>`;
  };
  const sheets = Object.entries(grids).map(([name, grid]) => {
    const rows: string[] = [];
    grid.forEach((row, rowIndex) => {
      const cells = row.map((value, column) =>
        cellXml(value, `${columnLetters(column)}${rowIndex + 1}`),
      );
      rows.push(`<row r="${rowIndex + 1}">${cells.join('')}</row>`);
    });
    return {
      name,
      xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN_NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    };
  });
  return packageXlsx(sheets, strings);
}

/**
 * A zip bomb: one sheet of `inflatedBytes` of the same row written over and over (valid XML
 * that a reader without limits parses to the end), about 300 times smaller compressed, whose
 * zip entry claims it unpacks to 64 KB.
 */
export function zipBombXlsx(inflatedBytes: number): Uint8Array {
  const head = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>`,
  );
  const tail = strToU8('</sheetData></worksheet>');
  const row = strToU8('<row r="1"><c r="A1" t="inlineStr"><is><t>Member ID</t></is></c></row>');
  const repeats = Math.max(1, Math.ceil((inflatedBytes - head.length - tail.length) / row.length));
  const total = repeats * row.length;
  const xml = new Uint8Array(head.length + total + tail.length);
  xml.set(head);
  xml.set(row, head.length);
  // Doubling copies fill a gigabyte in well under a second.
  for (let filled = row.length; filled < total; filled *= 2) {
    xml.copyWithin(
      head.length + filled,
      head.length,
      head.length + Math.min(filled, total - filled),
    );
  }
  xml.set(tail, head.length + total);
  return packageXlsx([{ name: 'Members', xml }], undefined, {
    level: 9,
    declaredSizes: { 'xl/worksheets/sheet1.xml': 64 * 1024 },
  });
}

/** A workbook of `rows` rows of `columns` small numbers: a sheet of many cells, modest in bytes. */
export function manyCellsXlsx(rows: number, columns: number): Uint8Array {
  const parts: string[] = [];
  for (let row = 1; row <= rows; row++) {
    let cells = '';
    for (let column = 0; column < columns; column++) cells += `<c><v>${column}</v></c>`;
    parts.push(`<row r="${row}">${cells}</row>`);
  }
  return packageXlsx([
    {
      name: 'Actions',
      xml: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>${parts.join('')}</sheetData></worksheet>`,
    },
  ]);
}

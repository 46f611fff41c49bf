import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { packageXlsx } from '../scripts/synthetic-xlsx';
import { placeRow } from '../server/sources/row-for-headers';
import { appendRowToXlsx, appendRowToXlsxAsync } from '../server/sources/xlsx-append';
import { readXlsxGrids } from '../server/sources/xlsx-grids';
import { buildXlsx, MAIN_NS } from './support/xlsx-fixture';

const HEADER_ROW =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Pack ID</t></is></c><c r="B1" t="inlineStr"><is><t>Meeting ID</t></is></c></row>';

describe('appending a row to an .xlsx tab', () => {
  it('adds the row after the last one and leaves the other sheets as they were', () => {
    const bytes = buildXlsx([
      { name: 'Members', rows: '<row r="1"><c r="A1"><v>7</v></c></row>' },
      { name: 'Circulation', rows: HEADER_ROW },
    ]);
    const updated = appendRowToXlsx(bytes, {
      tab: 'Circulation',
      rowNumber: 2,
      cells: ['P-1', 'MT-1'],
    });
    const grids = readXlsxGrids(updated);
    expect(grids.Circulation).toEqual([
      ['Pack ID', 'Meeting ID'],
      ['P-1', 'MT-1'],
    ]);
    expect(grids.Members).toEqual([[7]]);
  });

  it('writes text exactly, with XML characters escaped and blank cells left out', () => {
    const bytes = buildXlsx([{ name: 'Circulation', rows: HEADER_ROW }]);
    const updated = appendRowToXlsx(bytes, {
      tab: 'Circulation',
      rowNumber: 2,
      cells: [null, 'Tom & Jerry <"quoted">  '],
    });
    expect(readXlsxGrids(updated).Circulation?.[1]).toEqual([null, 'Tom & Jerry <"quoted">  ']);
  });

  it('handles an empty, self-closed sheetData and a namespace prefix', () => {
    const prefixed = `<x:worksheet xmlns:x="${MAIN_NS}"><x:dimension ref="A1"/><x:sheetData/></x:worksheet>`;
    const bytes = buildXlsx([{ name: 'Circulation', xml: prefixed }]);
    const updated = appendRowToXlsx(bytes, {
      tab: 'Circulation',
      rowNumber: 3,
      cells: ['a', 'b', 'c'],
    });
    expect(readXlsxGrids(updated).Circulation).toEqual([[], [], ['a', 'b', 'c']]);
  });

  it('widens the sheet dimension to cover the new row', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:B1"/><sheetData>${HEADER_ROW}</sheetData></worksheet>`;
    const bytes = buildXlsx([{ name: 'Circulation', xml }]);
    const updated = appendRowToXlsx(bytes, {
      tab: 'Circulation',
      rowNumber: 2,
      cells: ['a', 'b', 'c'],
    });
    const sheet = strFromU8(unzipSync(updated)['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).toContain('<dimension ref="A1:C2"/>');
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 11, item 6: files real programs saved.

const CIRCULATION_HEADERS = ['Pack ID', 'Meeting ID', 'Audience', 'Generated at', 'SHA-256'];

function headerRow(): string {
  return `<row r="1">${CIRCULATION_HEADERS.map(
    (header, index) =>
      `<c r="${String.fromCharCode(65 + index)}1" t="inlineStr"><is><t>${header}</t></is></c>`,
  ).join('')}</row>`;
}

function dataRow(r: number, id: string): string {
  return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${id}</t></is></c><c r="B${r}" t="inlineStr"><is><t>MT-1</t></is></c></row>`;
}

/**
 * A Circulation tab as LibreOffice saves it after a dropdown was put on C2:C500: every row to
 * 500 is written, formatted, with a styled empty cell in C, and the dimension reaches row 500.
 */
function libreOfficeCirculation(dataRows: number): Uint8Array {
  const rows = [headerRow()];
  for (let r = 2; r <= dataRows + 1; r++) rows.push(dataRow(r, `P-${r - 1}`));
  for (let r = dataRows + 2; r <= 500; r++) {
    rows.push(
      `<row r="${r}" s="3" customFormat="1" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="C${r}" s="5"/></row>`,
    );
  }
  const xml = `<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:E500"/><sheetData>${rows.join('')}</sheetData><dataValidations count="1"><dataValidation type="list" sqref="C2:C500"><formula1>"Borough Partnership,DMT"</formula1></dataValidation></dataValidations></worksheet>`;
  return buildXlsx([
    { name: 'Members', rows: '<row r="1"><c r="A1"><v>7</v></c></row>' },
    { name: 'Circulation', xml },
  ]);
}

function record(bytes: Uint8Array, packId: string): Uint8Array {
  const row = placeRow(readXlsxGrids(bytes), 'Circulation', {
    'Pack ID': packId,
    'Meeting ID': 'MT-1',
    Audience: 'DMT',
    'Generated at': '2026-11-22 12:00:00',
  });
  return appendRowToXlsx(bytes, row);
}

function sheetXml(bytes: Uint8Array, part = 'xl/worksheets/sheet2.xml'): string {
  return strFromU8(unzipSync(bytes)[part] as Uint8Array);
}

/** Row numbers in document order, as a streaming reader meets them. */
function rowNumbers(xml: string): number[] {
  return [...xml.matchAll(/<(?:\w+:)?row\b[^>]*?\sr="(\d+)"/g)].map((match) => Number(match[1]));
}

function strictlyIncreasing(numbers: readonly number[]): boolean {
  return numbers.every((number, index) => index === 0 || number > (numbers[index - 1] ?? 0));
}

describe('appending to a tab with empty formatted rows below the data (LibreOffice)', () => {
  it('fills the first empty row after the data, in order, with its own number', () => {
    const bytes = libreOfficeCirculation(3);
    const updated = record(bytes, 'P-4');
    const xml = sheetXml(updated);

    const numbers = rowNumbers(xml);
    expect(numbers).toHaveLength(500);
    expect(strictlyIncreasing(numbers)).toBe(true);
    // Row 5 was an empty formatted row: it now holds the cells, keeping the dropdown cell's
    // style (C) and taking the row's style elsewhere; rows below it are as they were.
    expect(xml).toContain(
      '<row r="5" s="3" customFormat="1" ht="12.8" customHeight="false" outlineLevel="0" collapsed="false"><c r="A5" s="3" t="inlineStr"><is><t xml:space="preserve">P-4</t></is></c><c r="B5" s="3" t="inlineStr"><is><t xml:space="preserve">MT-1</t></is></c><c r="C5" s="5" t="inlineStr"><is><t xml:space="preserve">DMT</t></is></c><c r="D5" s="3" t="inlineStr"><is><t xml:space="preserve">2026-11-22 12:00:00</t></is></c></row><row r="6" s="3"',
    );
    expect(xml).toContain('<dimension ref="A1:E500"/>');
    expect(xml).toContain('<dataValidation type="list" sqref="C2:C500">');
    const grid = readXlsxGrids(updated).Circulation;
    expect(grid?.map((row) => row[0])).toEqual(['Pack ID', 'P-1', 'P-2', 'P-3', 'P-4']);
  });

  it('keeps every one of ten recorded rows where a streaming reader finds them', () => {
    let bytes = libreOfficeCirculation(1);
    for (let index = 2; index <= 11; index++) bytes = record(bytes, `P-${index}`);
    const xml = sheetXml(bytes);
    const numbers = rowNumbers(xml);
    expect(strictlyIncreasing(numbers)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(
      readXlsxGrids(bytes)
        .Circulation?.slice(1)
        .map((row) => row[0]),
    ).toEqual(Array.from({ length: 11 }, (_, index) => `P-${index + 1}`));
    // Each sits in its own row, the one its number says.
    for (let index = 1; index <= 11; index++) {
      expect(xml).toMatch(new RegExp(`<row r="${index + 1}"[^>]*><c r="A${index + 1}"[^>]*>`));
    }
  });

  it('goes before a formatted row further down when the rows between are not written', () => {
    const xml = `<worksheet xmlns="${MAIN_NS}"><sheetData>${headerRow()}${dataRow(2, 'P-1')}<row r="40" s="3" customFormat="1"/><row r="41" s="3" customFormat="1"/></sheetData></worksheet>`;
    const updated = record(buildXlsx([{ name: 'Circulation', xml }]), 'P-2');
    const written = sheetXml(updated, 'xl/worksheets/sheet1.xml');
    expect(rowNumbers(written)).toEqual([1, 2, 3, 40, 41]);
    expect(readXlsxGrids(updated).Circulation?.[2]?.[0]).toBe('P-2');
  });

  it('fills an empty row written without numbers, and cells written without references', () => {
    // Rows and cells without r follow the one before, as some writers leave them.
    const xml = `<worksheet xmlns="${MAIN_NS}"><sheetData>${headerRow()}<row><c t="inlineStr"><is><t>P-1</t></is></c></row><row><c/><c/><c s="7"/></row><row s="2" customFormat="1"/></sheetData></worksheet>`;
    const updated = record(buildXlsx([{ name: 'Circulation', xml }]), 'P-2');
    const written = sheetXml(updated, 'xl/worksheets/sheet1.xml');
    expect(written).toContain(
      '<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">P-2</t></is></c><c r="B3" t="inlineStr"><is><t xml:space="preserve">MT-1</t></is></c><c r="C3" s="7" t="inlineStr"><is><t xml:space="preserve">DMT</t></is></c><c r="D3" t="inlineStr">',
    );
    expect(readXlsxGrids(updated).Circulation).toEqual([
      CIRCULATION_HEADERS,
      ['P-1'],
      ['P-2', 'MT-1', 'DMT', '2026-11-22 12:00:00'],
    ]);
  });

  it('shows a hidden empty row it fills, and keeps unticked checkboxes in it', () => {
    const xml = `<worksheet xmlns="${MAIN_NS}"><sheetData>${headerRow()}${dataRow(2, 'P-1')}<row r="3" hidden="1" spans="1:6"><c r="F3" t="b"><v>0</v></c></row><row r="4"><c r="F4" t="b"><v>0</v></c></row></sheetData></worksheet>`;
    const updated = record(buildXlsx([{ name: 'Circulation', xml }]), 'P-2');
    const written = sheetXml(updated, 'xl/worksheets/sheet1.xml');
    expect(written).toMatch(
      /<row r="3"><c r="A3"[\s\S]*<c r="F3" t="b"><v>0<\/v><\/c><\/row><row r="4">/,
    );
    expect(readXlsxGrids(updated).Circulation?.[2]).toEqual([
      'P-2',
      'MT-1',
      'DMT',
      '2026-11-22 12:00:00',
      null,
      false,
    ]);
  });
});

describe('rewriting the zip', () => {
  it('copies every other part as it was, compressed bytes and all', () => {
    const bytes = libreOfficeCirculation(3);
    const updated = record(bytes, 'P-4');
    const before = zipEntries(bytes);
    const after = zipEntries(updated);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, data] of before) {
      if (name === 'xl/worksheets/sheet2.xml') expect(after.get(name)).not.toEqual(data);
      else expect(after.get(name), name).toEqual(data);
    }
    // A zip reader other than this project's reads it too.
    expect(Object.keys(unzipSync(updated))).toEqual(Object.keys(unzipSync(bytes)));
  });

  it('leaves the bytes it was given as they were (a Buffer, as readFile gives)', async () => {
    const input = Buffer.from(libreOfficeCirculation(3));
    const copy = Buffer.from(input);
    const row = placeRow(readXlsxGrids(input), 'Circulation', { 'Pack ID': 'P-4' });
    appendRowToXlsx(input, row);
    await appendRowToXlsxAsync(input, row);
    expect(input.equals(copy)).toBe(true);
    expect(readXlsxGrids(input).Circulation).toHaveLength(4);
  });

  it('gives the same file unpacking on the thread pool, and handles zip64 and stored parts', async () => {
    const bytes = libreOfficeCirculation(3);
    const row = placeRow(readXlsxGrids(bytes), 'Circulation', { 'Pack ID': 'P-4' });
    expect(await appendRowToXlsxAsync(bytes, row)).toEqual(appendRowToXlsx(bytes, row));

    const sheets = [
      {
        name: 'Members',
        xml: `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
      },
      {
        name: 'Circulation',
        xml: `<worksheet xmlns="${MAIN_NS}"><sheetData>${headerRow()}</sheetData></worksheet>`,
      },
    ];
    for (const variant of [
      packageXlsx(sheets, [], { zip64: true }),
      zipSync(unzipSync(packageXlsx(sheets, [])), { level: 0 }),
    ]) {
      const placed = placeRow(readXlsxGrids(variant), 'Circulation', { 'Pack ID': 'P-1' });
      const updated = await appendRowToXlsxAsync(variant, placed);
      expect(readXlsxGrids(updated)).toEqual({
        Members: [[1]],
        Circulation: [CIRCULATION_HEADERS, ['P-1']],
      });
      expect(Object.keys(unzipSync(updated)).sort()).toEqual(
        Object.keys(unzipSync(variant)).sort(),
      );
    }
  });
});

/** Each part's compressed bytes, by name, read from the central directory. */
function zipEntries(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, Uint8Array>();
  for (let index = 0; index < count; index++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength));
    const size = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.set(name, bytes.slice(start, start + size));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

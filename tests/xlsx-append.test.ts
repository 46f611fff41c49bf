import { describe, expect, it } from 'vitest';
import { appendRowToXlsx } from '../server/sources/xlsx-append';
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

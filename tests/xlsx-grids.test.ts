import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { FORMULA_WITHOUT_VALUE } from '../schema/grid';
import { packageXlsx, zipParts } from '../scripts/synthetic-xlsx';
import {
  readXlsxGrids,
  readXlsxGridsInSlices,
  WorkbookFileError,
} from '../server/sources/xlsx-grids';
import { buildXlsx, type FixtureOptions, MAIN_NS } from './support/xlsx-fixture';

/** Reads a one-sheet workbook built from `<sheetData>` rows and returns its grid. */
function readRows(rows: string, options: FixtureOptions = {}) {
  return readXlsxGrids(buildXlsx([{ name: 'Sheet1', rows }], options)).Sheet1;
}

function readError(bytes: Uint8Array): WorkbookFileError {
  try {
    readXlsxGrids(bytes);
  } catch (error) {
    if (error instanceof WorkbookFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

/** Cell style 1 shows dates with built-in format 14; style 2 with a custom code; style 3 is a
 * number format whose only "d" sits in quoted text. */
const DATE_STYLES = `
  <numFmts count="2">
    <numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
    <numFmt numFmtId="165" formatCode="0 &quot;days&quot;"/>
  </numFmts>
  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>`;

// ---------------------------------------------------------------------------------------------

describe('readXlsxGrids', () => {
  it('returns every worksheet by name in workbook order, skipping chartsheets', () => {
    const bytes = buildXlsx([
      {
        name: 'Members',
        rows: '<row r="1"><c r="A1"><v>1</v></c></row>',
        target: 'worksheets/sheet9.xml',
      },
      {
        name: 'CO2',
        rows: '<row r="1"><c r="A1"><v>2</v></c></row>',
        target: '/xl/worksheets/b.xml',
      },
      { name: 'Chart', chart: true },
      { name: "Carers' forum & friends", rows: '<row r="1"><c r="A1"><v>3</v></c></row>' },
    ]);

    const grids = readXlsxGrids(bytes);

    expect(Object.keys(grids)).toEqual(['Members', 'CO2', "Carers' forum & friends"]);
    expect(grids).toEqual({
      Members: [[1]],
      CO2: [[2]],
      "Carers' forum & friends": [[3]],
    });
  });

  it('reads shared strings, rich-text runs without phonetic hints, and inline strings', () => {
    const grid = readRows(
      `<row r="1">
         <c r="A1" t="s"><v>0</v></c>
         <c r="B1" t="s"><v>1</v></c>
         <c r="C1" t="s"><v>2</v></c>
         <c r="D1" t="inlineStr"><is><t>Inline</t></is></c>
         <c r="E1" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t>inline</t></r></is></c>
       </row>`,
      {
        sharedStrings: [
          '<t>Plain</t>',
          '<r><t xml:space="preserve">Bold </t></r><r><rPr><i/></rPr><t>and italic</t></r>',
          '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>',
        ],
      },
    );

    expect(grid).toEqual([['Plain', 'Bold and italic', '東京', 'Inline', 'Rich inline']]);
  });

  it('keeps whitespace in preserved text exactly', () => {
    const grid = readRows('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {
      sharedStrings: ['<t xml:space="preserve">  two  spaces  </t>'],
    });

    expect(grid).toEqual([['  two  spaces  ']]);
  });

  it('reads cached formula results and marks formulas without a cached value (issue 11)', () => {
    const grid = readRows(
      `<row r="1">
         <c r="A1" t="str"><f>CONCAT("Ward ","7")</f><v>Ward 7</v></c>
         <c r="B1"><f>1+1</f><v>2</v></c>
         <c r="C1" t="str"><f>NOW()</f></c>
         <c r="D1"><f>SUM(A2:A9)</f></c>
         <c r="E1" t="b"><f>TRUE()</f><v>1</v></c>
       </row>`,
    );

    // Before issue 11 these read as blank (null), which made a required cell "blank" and
    // dropped an optional one in silence; now the parser names them (tests/xlsx-corpus.test.ts).
    expect(grid).toEqual([['Ward 7', 2, FORMULA_WITHOUT_VALUE, FORMULA_WITHOUT_VALUE, true]]);
  });

  it('reads booleans', () => {
    const grid = readRows(
      '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v>true</v></c></row>',
    );

    expect(grid).toEqual([[true, false, true]]);
  });

  it('reads each kind of formula error as its text', () => {
    const errors = ['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!'];
    const cells = errors
      .map(
        (error, index) =>
          `<c r="${String.fromCharCode(65 + index)}1" t="e"><f>X()</f><v>${error}</v></c>`,
      )
      .join('');

    expect(readRows(`<row r="1">${cells}</row>`)).toEqual([errors]);
  });

  it('keeps numbers as numbers whatever their style, so dates stay serial day numbers', () => {
    const grid = readRows(
      `<row r="1">
         <c r="A1" s="1"><v>45259</v></c>
         <c r="B1" s="2"><v>45259.5</v></c>
         <c r="C1" t="n"><v>3.5</v></c>
         <c r="D1"><v>-12</v></c>
         <c r="E1"><v>1E-3</v></c>
         <c r="F1"><v>0.30000000000000004</v></c>
       </row>`,
      { styles: DATE_STYLES },
    );

    expect(grid).toEqual([[45259, 45259.5, 3.5, -12, 0.001, 0.30000000000000004]]);
  });

  it('shifts date-styled serials of a 1904 workbook into the 1900 system Google Sheets uses', () => {
    // 29 Nov 2023 is serial 43797 in the 1904 system and 45259 in the 1900 system.
    const rows = `<row r="1">
        <c r="A1" s="1"><v>43797</v></c>
        <c r="B1" s="2"><v>43797.25</v></c>
        <c r="C1" s="3"><v>7</v></c>
        <c r="D1"><v>43797</v></c>
      </row>`;

    expect(readRows(rows, { styles: DATE_STYLES, workbookProperties: 'date1904="1"' })).toEqual([
      [45259, 45259.25, 7, 43797],
    ]);
    expect(readRows(rows, { styles: DATE_STYLES, workbookProperties: 'date1904="true"' })).toEqual([
      [45259, 45259.25, 7, 43797],
    ]);
    expect(readRows(rows, { styles: DATE_STYLES, workbookProperties: 'date1904="0"' })).toEqual([
      [43797, 43797.25, 7, 43797],
    ]);
  });

  it('places ragged rows, sparse cells and columns beyond Z at their positions', () => {
    const grid = readRows(
      `<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>
       <row r="2"><c r="AA2"><v>27</v></c><c r="AB2"><v>28</v></c></row>
       <row r="3"><c r="B3"><v>2</v></c><c r="D3" s="1"/><c r="E3" t="s"/></row>`,
    );

    const row2 = [...Array<null>(26).fill(null), 27, 28];
    expect(grid).toEqual([[1, null, 3], row2, [null, 2]]);
  });

  it('places cells and rows without an r attribute after the previous ones', () => {
    const grid = readRows(
      `<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>
       <row><c><v>7</v></c></row>
       <row r="5"><c><v>9</v></c></row>
       <row><c r="B6"><v>10</v></c></row>`,
    );

    expect(grid).toEqual([[1, 2, null, null, 5, 6], [7], [], [], [9], [null, 10]]);
  });

  it('keeps leading blank rows and drops trailing empty cells and rows', () => {
    const grid = readRows(
      `<row r="3"><c r="B3"><v>1</v></c><c r="C3" s="1"/></row>
       <row r="4"/>
       <row r="6"><c r="A6" t="s"><v>0</v></c></row>
       <row r="7"><c r="A7" t="str"><f>""</f><v></v></c></row>`,
      { sharedStrings: ['<t></t>'] },
    );

    expect(grid).toEqual([[], [], [null, 1]]);
  });

  it('returns an empty grid for an empty sheet', () => {
    expect(readRows('')).toEqual([]);
    expect(readRows('<row r="1"><c r="A1" s="1"/></row>')).toEqual([]);
  });

  it('decodes XML entities in values and sheet names', () => {
    const bytes = buildXlsx(
      [
        {
          name: 'Q&A <draft>',
          rows: `<row r="1">
              <c r="A1" t="s"><v>0</v></c>
              <c r="B1" t="inlineStr"><is><t>a &lt; b &amp;&amp; c &gt; d</t></is></c>
              <c r="C1" t="str"><v>&quot;quoted&quot; &#233;&#x263A;&#128512;</v></c>
            </row>`,
        },
      ],
      { sharedStrings: ['<t>Health &amp; Care &apos;25</t>'] },
    );

    expect(readXlsxGrids(bytes)).toEqual({
      'Q&A <draft>': [["Health & Care '25", 'a < b && c > d', '"quoted" é☺😀']],
    });
  });

  it('decodes _xHHHH_ escapes and normalises line endings like an XML parser', () => {
    const grid = readRows(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
      {
        sharedStrings: [
          '<t>Line one_x000D__x000A_Line two_x0009_tabbed</t>',
          '<t>Literal _x005F_x000A_ and raw\r\nnewline</t>',
        ],
      },
    );

    expect(grid).toEqual([['Line one\r\nLine two\ttabbed', 'Literal _x000A_ and raw\nnewline']]);
  });

  it('reads worksheets whose elements carry a namespace prefix and ignores extension content', () => {
    const xml = `<x:worksheet xmlns:x="${MAIN_NS}" xmlns:x14="urn:ext"><x:sheetData>
        <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Prefixed</x:t></x:is></x:c><x:c r="B1"><x:v>4</x:v><x:extLst><x:ext uri="{x}"><x14:v>99</x14:v></x:ext></x:extLst></x:c></x:row>
      </x:sheetData><x:extLst><x:ext uri="{x}"><x14:c><x14:v>99</x14:v></x14:c></x:ext></x:extLst></x:worksheet>`;

    expect(readXlsxGrids(buildXlsx([{ name: 'Prefixed', xml }]))).toEqual({
      Prefixed: [['Prefixed', 4]],
    });
  });

  it('converts ISO date cells (t="d") to serial day numbers', () => {
    const grid = readRows(
      '<row r="1"><c r="A1" t="d"><v>2023-11-29</v></c><c r="B1" t="d"><v>2023-11-29T18:00:00</v></c></row>',
    );

    expect(grid).toEqual([[45259, 45259.75]]);
  });

  it('reads a workbook generated by write-excel-file', async () => {
    const buffer = await writeExcelFile([
      {
        sheet: 'Members',
        data: [
          ['Name', 'Joined', 'Active', 'Votes'],
          [
            'Ann & Bo',
            { value: new Date(Date.UTC(2023, 10, 29)), format: 'dd/mm/yyyy' },
            true,
            3.5,
          ],
          [null, null, false, 7],
        ],
      },
      { sheet: 'CO2', data: [[], ['Ward 7', 12]] },
      { sheet: "Carers' forum", data: [['Item'], ['Respite']] },
    ]).toBuffer();

    expect(readXlsxGrids(new Uint8Array(buffer))).toEqual({
      Members: [
        ['Name', 'Joined', 'Active', 'Votes'],
        ['Ann & Bo', 45259, true, 3.5],
        [null, null, false, 7],
      ],
      CO2: [[], ['Ward 7', 12]],
      "Carers' forum": [['Item'], ['Respite']],
    });
  });

  it('reads zip64 archives and parts stored without compression, as some writers make them', async () => {
    const sheets = [
      {
        name: 'Members',
        xml: `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row></sheetData></worksheet>`,
      },
    ];
    const expected = { Members: [['Member ID', 42]] };

    const zip64 = packageXlsx(sheets, ['Member ID'], { zip64: true });
    expect(readXlsxGrids(zip64)).toEqual(expected);
    expect(await readXlsxGridsInSlices(zip64)).toEqual(expected);
    expect(
      readXlsxGrids(zipSync(unzipSync(packageXlsx(sheets, ['Member ID'])), { level: 0 })),
    ).toEqual(expected);
  });

  it('reports a part whose compressed data is cut short as damaged, not as a shorter sheet', async () => {
    const rows = Array.from(
      { length: 2_000 },
      (_, index) =>
        `<row r="${index + 1}"><c r="A${index + 1}"><v>${(index * 7919) % 1000}</v></c></row>`,
    ).join('');
    const parts = unzipSync(buildXlsx([{ name: 'Members', rows }]));
    const whole = zipParts(parts);
    // Halve the compressed size the central directory gives for the sheet.
    const cutShort = new Uint8Array(whole);
    const view = new DataView(cutShort.buffer);
    let entry = view.getUint32(cutShort.length - 22 + 16, true);
    for (let index = 0; index < Object.keys(parts).length; index++) {
      const nameLength = view.getUint16(entry + 28, true);
      const name = new TextDecoder().decode(cutShort.subarray(entry + 46, entry + 46 + nameLength));
      if (name === 'xl/worksheets/sheet1.xml') {
        view.setUint32(entry + 20, Math.floor(view.getUint32(entry + 20, true) / 2), true);
      }
      entry +=
        46 + nameLength + view.getUint16(entry + 30, true) + view.getUint16(entry + 32, true);
    }

    expect(readXlsxGrids(whole).Members).toHaveLength(2_000);
    expect(readError(cutShort).message).toMatch(
      /looks damaged: the part xl\/worksheets\/sheet1\.xml cannot be unpacked \(unexpected EOF\)/,
    );
    // node:zlib, which unpacks in slices, says it in its own words.
    await expect(readXlsxGridsInSlices(cutShort)).rejects.toThrow(
      /looks damaged: the part xl\/worksheets\/sheet1\.xml cannot be unpacked \(unexpected end of file\)/,
    );
  });

  it('rejects random bytes as not an Excel workbook', () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, index) => (index * 37 + 11) % 256);

    const error = readError(bytes);

    expect(error.message).toMatch(
      /^This file is not an Excel \.xlsx workbook: it is not a spreadsheet file/,
    );
  });

  it('rejects an empty file and an empty zip', () => {
    expect(readError(new Uint8Array()).message).toMatch(
      /not an Excel \.xlsx workbook: the file is empty/,
    );
    expect(readError(zipSync({})).message).toMatch(
      /not an Excel \.xlsx workbook: it is a zip archive with no spreadsheet inside/,
    );
  });

  it('rejects old .xls and password-protected files by their OLE header', () => {
    const bytes = new Uint8Array(1024);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

    expect(readError(bytes).message).toMatch(
      /not an Excel \.xlsx workbook: it is either an older Excel 97-2003 \(\.xls\) file or a password-protected workbook/,
    );
  });

  it('names other zip-based documents saved by mistake', () => {
    const word = zipSync({ 'word/document.xml': strToU8('<document/>') });

    expect(readError(word).message).toMatch(/not an Excel \.xlsx workbook: it is a Word document/);
  });

  it('reports a workbook whose sheet is missing or whose XML is broken as damaged', () => {
    const missing = buildXlsx([{ name: 'Members', rows: '' }]);
    const withoutSheet = zipSync(
      Object.fromEntries(
        Object.entries(unzipSync(missing)).filter(([name]) => !name.includes('worksheets/')),
      ),
    );
    const broken = buildXlsx([
      { name: 'Members', xml: `<worksheet xmlns="${MAIN_NS}"><sheetData><row>` },
    ]);

    expect(readError(withoutSheet).message).toMatch(
      /looks damaged: the sheet "Members" is listed but its contents are missing/,
    );
    expect(readError(broken).message).toMatch(
      /looks damaged: the part xl\/worksheets\/sheet1\.xml is not valid XML/,
    );
  });
});

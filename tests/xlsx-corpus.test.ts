/**
 * Issue 11, item 5: the .xlsx reader on files shaped the way real programs write them. The
 * corpus is generated here, not downloaded: write-excel-file (the writer the repository has)
 * for what it writes, and hand-written OOXML parts zipped with fflate for what no writer at
 * hand makes (LibreOffice's 1904 date system and formatted empty rows, rich text, cached
 * formula errors, inline strings). Each case says what Google Sheets' API would return for
 * the same sheet (UNFORMATTED_VALUE, SERIAL_NUMBER dates), which is what the reader must give.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { readDate, readText, readTime } from '../schema/cells';
import { FORMULA_WITHOUT_VALUE, type RawGrid, type WorkbookGrids } from '../schema/grid';
import { cellLabel } from '../schema/issues';
import { membershipCheck } from '../schema/rules';
import { buildSnapshot } from '../schema/snapshot';
import { formatCheckReport } from '../server/cli/check-report';
import { SourceError } from '../server/sources/board-source';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { formatCodeShowsDate } from '../server/sources/xlsx/workbook';
import {
  readXlsxGrids,
  readXlsxGridsInSlices,
  WorkbookFileError,
} from '../server/sources/xlsx-grids';
import { buildXlsx, MAIN_NS } from './support/xlsx-fixture';

const scratch = await mkdtemp(join(tmpdir(), 'xlsx-corpus-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const DEMO_TODAY = '2026-11-22';
const demoBytes = new Uint8Array(await readFile(DEMO_WORKBOOK_PATH));

function sheetOf(bytes: Uint8Array, name = 'Sheet1'): RawGrid {
  const grid = readXlsxGrids(bytes)[name];
  if (!grid) throw new Error(`no sheet ${name}`);
  return grid;
}

async function written(sheets: Parameters<typeof writeExcelFile>[0]): Promise<Uint8Array> {
  return new Uint8Array(await writeExcelFile(sheets).toBuffer());
}

function checkText(grids: WorkbookGrids): string {
  const snapshot = buildSnapshot(grids);
  return formatCheckReport(snapshot, membershipCheck(snapshot, DEMO_TODAY), {
    source: 'the demo board',
    today: DEMO_TODAY,
  }).text;
}

// ---------------------------------------------------------------------------------------------

describe('text', () => {
  it('reads shared strings, inline strings and rich-text runs as the text they show', async () => {
    const raw = sheetOf(
      buildXlsx(
        [
          {
            name: 'Sheet1',
            rows: `<row r="1">
              <c r="A1" t="s"><v>0</v></c>
              <c r="B1" t="s"><v>1</v></c>
              <c r="C1" t="inlineStr"><is><t>Inline</t></is></c>
              <c r="D1" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">Bold </t></r><r><t>and plain</t></r></is></c>
              <c r="E1" t="s"><v> 2 </v></c>
              <c r="F1" t="str"><v>Formula text</v></c>
            </row>`,
          },
        ],
        {
          sharedStrings: [
            '<t>Plain</t>',
            '<r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t xml:space="preserve">Resident </t></r><r><rPr><i/></rPr><t>co-chair</t></r>',
            '<t xml:space="preserve">  kept  </t>',
          ],
        },
      ),
    );
    expect(raw).toEqual([
      ['Plain', 'Resident co-chair', 'Inline', 'Bold and plain', '  kept  ', 'Formula text'],
    ]);

    const fromWriter = sheetOf(
      await written([
        { sheet: 'Sheet1', data: [['Plain', 'Plain', { value: 'Bold', fontWeight: 'bold' }]] },
      ]),
    );
    expect(fromWriter).toEqual([['Plain', 'Plain', 'Bold']]);
  });

  it('reads non-ASCII text whole: emoji, Welsh, Polish, Arabic, also across chunk boundaries', async () => {
    const texts = [
      'Bwrdd Cyd-gynhyrchu: ŵyr, ŷd, Llŷr',
      'Zażółć gęślą jaźń',
      'مجلس الإنتاج المشترك',
      'Carers 👩‍👩‍👧 💬 ✓',
      '東京',
    ];
    const fromWriter = await written([
      { sheet: 'Aelodau', data: [texts] },
      { sheet: 'Członkowie', data: [['a']] },
      { sheet: 'الأعضاء', data: [['b']] },
    ]);
    expect(readXlsxGrids(fromWriter)).toEqual({
      Aelodau: [texts],
      Członkowie: [['a']],
      الأعضاء: [['b']],
    });

    // Multi-byte characters cut by the reader's 64 KB slices and by the unpacker's chunks.
    const long = `${'ż'.repeat(40_001)}😀${'م'.repeat(40_000)}👩‍👩‍👧`;
    const rows = Array.from(
      { length: 4 },
      (_, index) =>
        `<row r="${index + 1}"><c r="A${index + 1}" t="inlineStr"><is><t>${long}</t></is></c><c r="B${index + 1}" t="s"><v>0</v></c></row>`,
    ).join('');
    const bytes = buildXlsx([{ name: 'Sheet1', rows }], { sharedStrings: [`<t>${long}</t>`] });
    const expected = Array.from({ length: 4 }, () => [long, long]);
    expect(sheetOf(bytes)).toEqual(expected);
    expect((await readXlsxGridsInSlices(bytes)).Sheet1).toEqual(expected);
  });

  it('reads very long cells whole; the parser keeps the first 50,000 characters and says so', async () => {
    const excelMaximum = 'x'.repeat(32_767);
    const overSheets = `${'Ab'.repeat(30_000)}!`;
    const bytes = buildXlsx(
      [
        {
          name: 'Sheet1',
          rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>${overSheets}</t></is></c></row>`,
        },
      ],
      { sharedStrings: [`<t>${excelMaximum}</t>`] },
    );
    expect(sheetOf(bytes)).toEqual([[excelMaximum, overSheets]]);
    expect(
      sheetOf(await written([{ sheet: 'Sheet1', data: [[excelMaximum]] }]))[0]?.[0],
    ).toHaveLength(32_767);
    const reading = readText(overSheets);
    expect(reading.ok && reading.value.length).toBe(50_000);
    expect(reading.ok && reading.warning).toContain('holds 60,001 characters');
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * Cell styles 0-26: General, the built-in date formats, the built-in time formats, custom
 * date formats and custom formats that are not dates.
 */
const FORMATS = {
  general: 0,
  'm/d/yyyy (14)': 14,
  'd-mmm-yy (15)': 15,
  'd-mmm (16)': 16,
  'mmm-yy (17)': 17,
  'm/d/yyyy h:mm (22)': 22,
  'h:mm AM/PM (18)': 18,
  'h:mm:ss AM/PM (19)': 19,
  'h:mm (20)': 20,
  'h:mm:ss (21)': 21,
  'mm:ss (45)': 45,
  '[h]:mm:ss (46)': 46,
  'mmss.0 (47)': 47,
  'dd/mm/yyyy': 164,
  'd mmm yyyy': 165,
  '[$-809]dd mmmm yyyy': 166,
  'dd/mm/yyyy hh:mm': 167,
  'mmm yyyy': 168,
  '[$-F800]dddd, mmmm dd, yyyy': 169,
  hh_mm: 170,
  '[h]:mm': 171,
  'h:mm AM/PM': 172,
  '0.00': 173,
  '#,##0': 174,
  '0 "days"': 175,
  '[Red]#,##0;[Blue]-#,##0': 176,
  'General (written out)': 177,
} as const;
const CUSTOM_CODES: Record<number, string> = {
  164: 'dd/mm/yyyy',
  165: 'd mmm yyyy',
  166: '[$-809]dd mmmm yyyy',
  167: 'dd/mm/yyyy hh:mm',
  168: 'mmm yyyy',
  169: '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy',
  170: 'hh:mm',
  171: '[h]:mm',
  172: 'h:mm AM/PM',
  173: '0.00',
  174: '#,##0',
  175: '0 &quot;days&quot;',
  176: '[Red]#,##0;[Blue]-#,##0',
  177: 'General',
};
const STYLE_NAMES = Object.keys(FORMATS) as (keyof typeof FORMATS)[];
const STYLES = `<numFmts count="${Object.keys(CUSTOM_CODES).length}">${Object.entries(CUSTOM_CODES)
  .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`)
  .join('')}</numFmts><cellXfs count="${STYLE_NAMES.length}">${STYLE_NAMES.map(
  (name) => `<xf numFmtId="${FORMATS[name]}" applyNumberFormat="1"/>`,
).join('')}</cellXfs>`;

const DATES = new Set<string>([
  'm/d/yyyy (14)',
  'd-mmm-yy (15)',
  'd-mmm (16)',
  'mmm-yy (17)',
  'm/d/yyyy h:mm (22)',
  'dd/mm/yyyy',
  'd mmm yyyy',
  '[$-809]dd mmmm yyyy',
  'dd/mm/yyyy hh:mm',
  'mmm yyyy',
  '[$-F800]dddd, mmmm dd, yyyy',
]);

/** One row per style: a date (29 Nov 2023 at 06:00 in the 1904 system), a time of day, 1.5. */
function styledRows(): string {
  return STYLE_NAMES.map((_name, index) => {
    const r = index + 1;
    return `<row r="${r}"><c r="A${r}" s="${index}"><v>43797.25</v></c><c r="B${r}" s="${index}"><v>0.5833333333333334</v></c><c r="C${r}" s="${index}"><v>1.5</v></c></row>`;
  }).join('');
}

describe('dates and the 1904 date system', () => {
  it('shifts dates of a 1904 workbook by 1,462 days and leaves times of day and numbers alone', () => {
    for (const flag of ['1', 'true']) {
      const grid = sheetOf(
        buildXlsx([{ name: 'Sheet1', rows: styledRows() }], {
          styles: STYLES,
          workbookProperties: `date1904="${flag}"`,
        }),
      );
      const byStyle = Object.fromEntries(STYLE_NAMES.map((name, index) => [name, grid[index]]));
      const expected = Object.fromEntries(
        STYLE_NAMES.map((name) => [
          name,
          // The time of day (B) stays a time under every format, the date moves only when
          // styled as a date, and 1.5 (C) is a date-time then, or a duration or a number.
          DATES.has(name)
            ? [45259.25, 0.5833333333333334, 1463.5]
            : [43797.25, 0.5833333333333334, 1.5],
        ]),
      );
      expect(byStyle, `date1904="${flag}"`).toEqual(expected);
    }
    // The meeting's start time reads as the time it shows, not "1462.58 is not a time of day".
    expect(readTime(0.5833333333333334)).toEqual({ ok: true, value: '14:00' });
    expect(readDate(45259.25, 'DMY')).toEqual({ ok: true, value: '2023-11-29' });
  });

  it('leaves every number as it is in the 1900 date system, which Google Sheets uses', () => {
    const grid = sheetOf(buildXlsx([{ name: 'Sheet1', rows: styledRows() }], { styles: STYLES }));
    expect(grid).toEqual(STYLE_NAMES.map(() => [43797.25, 0.5833333333333334, 1.5]));
  });

  it('tells date formats from time, duration and number formats', () => {
    for (const code of ['dd/mm/yyyy', 'd mmm yyyy', '[$-809]dd mmmm yyyy', 'mmmm', 'yy', 'd']) {
      expect(formatCodeShowsDate(code), code).toBe(true);
    }
    for (const code of ['hh:mm', 'h:mm AM/PM', 'h:mm A/P', '[h]:mm', '[mm]:ss', 'mm:ss', 's.0']) {
      expect(formatCodeShowsDate(code), code).toBe(false);
    }
    for (const code of ['0.00', '#,##0', '0 "days"', '"Due" 0', '[Red]0', 'General', '@', '0%']) {
      expect(formatCodeShowsDate(code), code).toBe(false);
    }
  });

  it('reads dates written by write-excel-file with built-in and custom formats as serials', async () => {
    const day = new Date(Date.UTC(2023, 10, 29));
    const bytes = await written([
      {
        sheet: 'Sheet1',
        data: [
          [
            { value: day, format: 'dd/mm/yyyy' },
            { value: day, format: 'd mmm yyyy' },
            { value: day, format: '[$-809]dd mmmm yyyy' },
            { value: 1234.5, format: '0.00' },
            { value: 1234.5, format: '#,##0' },
            { value: 0.5833333333333334, format: 'hh:mm', type: Number },
          ],
        ],
      },
    ]);
    expect(sheetOf(bytes)).toEqual([[45259, 45259, 45259, 1234.5, 1234.5, 0.5833333333333334]]);
  });

  it('reads the demo board saved by LibreOffice in the 1904 date system as the demo board', async () => {
    const shifted = demoIn1904System(demoBytes);
    const grids = readXlsxGrids(demoBytes);
    const variant = readXlsxGrids(shifted);
    // The variant really is different bytes: dates 1,462 days smaller, times of day as they were.
    expect(strFromU8(unzipSync(shifted)['xl/workbook.xml'] as Uint8Array)).toContain(
      'date1904="true"',
    );
    expect(variant).toEqual(grids);
    expect(checkText(variant)).toBe(checkText(grids));
    const meetings = buildSnapshot(variant).meetings;
    expect(meetings.length).toBeGreaterThan(30);
    expect(meetings.every((meeting) => meeting.startTime === '14:00')).toBe(true);

    // And `npm run check` itself prints the same, with the same exit status.
    const plain = join(scratch, 'plain');
    const mac = join(scratch, 'mac');
    await Promise.all([mkdir(plain), mkdir(mac)]);
    await writeFile(join(plain, 'board.xlsx'), demoBytes);
    await writeFile(join(mac, 'board.xlsx'), shifted);
    const [before, after] = await Promise.all([
      runCheck(join(plain, 'board.xlsx')),
      runCheck(join(mac, 'board.xlsx')),
    ]);
    expect(after).toEqual(before);
    expect(before.stdout).toContain('Actions!F58');
  }, 60_000);
});

async function runCheck(path: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/cli/check.ts', '--today', DEMO_TODAY, path],
      { env: { ...process.env, BOARD_WORKBOOK: '', BOARD_SPREADSHEET_ID: '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * The demo board as LibreOffice saves it with Tools > Options > Calc > Calculate > Date 1904:
 * the workbook says date1904, and every number in a date-styled cell is 1,462 days smaller,
 * while times of day (fractions) stay. Which styles are dates is worked out here from the
 * format codes on their own terms (a d or y outside quotes), not with the reader's rule.
 */
function demoIn1904System(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const workbook = strFromU8(files['xl/workbook.xml'] as Uint8Array);
  files['xl/workbook.xml'] = strToU8(
    workbook.replace(/<workbookPr\b/, '<workbookPr date1904="true"'),
  );
  const styles = strFromU8(files['xl/styles.xml'] as Uint8Array);
  const codes = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((match) => [
      Number(match[1]),
      match[2] as string,
    ]),
  );
  const cellStyles = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const dateStyles = new Set<number>();
  [...cellStyles.matchAll(/<xf\b([^>]*)>/g)].forEach((match, index) => {
    const id = Number(/numFmtId="(\d+)"/.exec(match[1] ?? '')?.[1] ?? 0);
    const code = codes.get(id)?.replace(/"[^"]*"/g, '') ?? '';
    if ([14, 15, 16, 17, 22].includes(id) || /[dy]/i.test(code)) dateStyles.add(index);
  });
  expect(dateStyles.size).toBeGreaterThan(0);
  let shiftedCells = 0;
  let keptTimes = 0;
  for (const name of Object.keys(files).filter((part) =>
    /^xl\/worksheets\/[^/]+\.xml$/.test(part),
  )) {
    const xml = strFromU8(files[name] as Uint8Array).replace(
      /<c r="([A-Z]+\d+)" s="(\d+)"><v>([^<]+)<\/v><\/c>/g,
      (cell, reference: string, style: string, value: string) => {
        const number = Number(value);
        if (!dateStyles.has(Number(style)) || !(number >= 1)) {
          if (number > 0 && number < 1) keptTimes++;
          return cell;
        }
        shiftedCells++;
        return `<c r="${reference}" s="${style}"><v>${number - 1462}</v></c>`;
      },
    );
    files[name] = strToU8(xml);
  }
  expect(shiftedCells).toBeGreaterThan(100);
  // The demo's 38 meeting start times: the cells the 1904 bug turned into "1462.58".
  expect(keptTimes).toBeGreaterThanOrEqual(38);
  return zipSync(files);
}

// ---------------------------------------------------------------------------------------------

describe('formulas', () => {
  it('reads cached values and errors, and marks a formula whose value was never stored', async () => {
    const grid = sheetOf(
      buildXlsx([
        {
          name: 'Sheet1',
          rows: `<row r="1">
            <c r="A1"><f>1+1</f><v>2</v></c>
            <c r="B1" t="str"><f>"Ward "&amp;7</f><v>Ward 7</v></c>
            <c r="C1" t="b"><f>TRUE()</f><v>1</v></c>
            <c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>
            <c r="E1" t="e"><f>VLOOKUP(1,Z:Z,2,0)</f><v>#N/A</v></c>
            <c r="F1" t="e"><f>#REF!+1</f><v>#REF!</v></c>
            <c r="G1"><f>SUM(A2:A9)</f></c>
            <c r="H1" t="str"><f>A1&amp;""</f></c>
            <c r="I1" t="str"><f>""</f><v></v></c>
          </row>
          <row r="2">
            <c r="A2"><f t="shared" ref="A2:A3" si="0">A1*2</f><v>4</v></c>
            <c r="B2"><f t="array" ref="B2">SUM(A1:A2)</f></c>
          </row>
          <row r="3"><c r="A3"><f t="shared" si="0"/></c></row>`,
        },
      ]),
    );
    expect(grid).toEqual([
      [2, 'Ward 7', true, '#DIV/0!', '#N/A', '#REF!', FORMULA_WITHOUT_VALUE, FORMULA_WITHOUT_VALUE],
      [4, FORMULA_WITHOUT_VALUE],
      [FORMULA_WITHOUT_VALUE],
    ]);

    // write-excel-file stores formulas without their results, as excel4node and others do.
    const fromWriter = sheetOf(
      await written([{ sheet: 'Sheet1', data: [[1, { value: '=A1+1', type: 'Formula' }]] }]),
    );
    expect(fromWriter).toEqual([[1, FORMULA_WITHOUT_VALUE]]);
  });

  it('reports a formula without a stored value as its own issue, required or optional', () => {
    // The demo board with two formulas saved without their results: a due date (optional,
    // which used to be dropped in silence) and an action's text (required, which used to be
    // "blank").
    const files = unzipSync(demoBytes);
    const actionsPart = sheetPartName(files, 'Actions');
    const header = (readXlsxGrids(demoBytes).Actions?.[0] ?? []) as string[];
    const due = `${String.fromCharCode(65 + header.indexOf('Due date'))}2`;
    const action = `${String.fromCharCode(65 + header.indexOf('Action'))}3`;
    let xml = strFromU8(files[actionsPart] as Uint8Array);
    for (const [reference, formula] of [
      [due, 'DATE(2026,12,1)'],
      [action, 'A3&amp;" notes"'],
    ] as const) {
      const cell = new RegExp(`<c r="${reference}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
      expect(xml).toMatch(cell);
      xml = xml.replace(cell, `<c r="${reference}" t="str"><f>${formula}</f></c>`);
    }
    files[actionsPart] = strToU8(xml);

    const before = buildSnapshot(readXlsxGrids(demoBytes));
    const after = buildSnapshot(readXlsxGrids(zipSync(files)));
    const added = after.issues.filter(
      (issue) =>
        !before.issues.some((old) => old.message === issue.message && old.cell === issue.cell),
    );
    const advice =
      'has a formula whose value was never stored: open and save the file in a spreadsheet program so its values are stored.';
    expect(added.map((issue) => [cellLabel(issue), issue.severity, issue.message])).toEqual([
      [`Actions!${due}`, 'warning', `Due date: ${advice} The cell is treated as blank.`],
      [`Actions!${action}`, 'error', `Action: ${advice} Row 3 is left out until this is fixed.`],
    ]);
    expect(after.issues.some((issue) => issue.message.includes('is blank'))).toBe(
      before.issues.some((issue) => issue.message.includes('is blank')),
    );
  });
});

function sheetPartName(files: Record<string, Uint8Array>, tab: string): string {
  const workbook = strFromU8(files['xl/workbook.xml'] as Uint8Array);
  const id = new RegExp(`<sheet [^>]*name="${tab}"[^>]*>`)
    .exec(workbook)?.[0]
    .match(/r:id="([^"]+)"/)?.[1];
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels'] as Uint8Array);
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!target) throw new Error(`no sheet ${tab}`);
  return `xl/${target}`;
}

// ---------------------------------------------------------------------------------------------

describe('layout', () => {
  it('reads merged cells as the value in the first cell and blanks in the rest', async () => {
    const fromWriter = sheetOf(
      await written([
        {
          sheet: 'Sheet1',
          data: [
            [{ value: 'Across', columnSpan: 2 }, null, { value: 'Down', rowSpan: 2 }],
            ['a', 'b', null],
          ],
        },
      ]),
    );
    expect(fromWriter).toEqual([
      ['Across', null, 'Down'],
      ['a', 'b'],
    ]);
    const raw = sheetOf(
      buildXlsx([
        {
          name: 'Sheet1',
          xml: `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Held</t></is></c><c r="B1" s="1"/></row><row r="2"><c r="A2" s="1"/></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>`,
        },
      ]),
    );
    expect(raw).toEqual([['Held']]);
  });

  it('reads hidden rows and columns like any other, as the Sheets API returns them', () => {
    const grid = sheetOf(
      buildXlsx([
        {
          name: 'Sheet1',
          xml: `<worksheet xmlns="${MAIN_NS}"><cols><col min="2" max="2" hidden="1" width="0"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2" hidden="1"><c r="A2"><v>3</v></c></row><row r="3" hidden="true" outlineLevel="1"><c r="B3"><v>4</v></c></row></sheetData></worksheet>`,
        },
      ]),
    );
    expect(grid).toEqual([[1, 2], [3], [null, 4]]);
  });

  it('ignores thousands of formatted empty rows below the data, as LibreOffice writes them', async () => {
    const data =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Pack ID</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>P-1</t></is></c></row>';
    const empty = Array.from({ length: 6_000 }, (_, index) => {
      const r = index + 3;
      // A dropdown or a style down to row 1,000 gives cells too; below that, bare rows.
      return r <= 1000
        ? `<row r="${r}" s="3" customFormat="1" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="C${r}" s="4"/><c r="D${r}" t="s" s="4"/></row>`
        : `<row r="${r}" s="3" customFormat="1" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"/>`;
    }).join('');
    const bytes = buildXlsx([{ name: 'Sheet1', rows: data + empty }]);
    expect(sheetOf(bytes)).toEqual([['Pack ID'], ['P-1']]);
    expect((await readXlsxGridsInSlices(bytes)).Sheet1).toEqual([['Pack ID'], ['P-1']]);
  });

  it('reads tabs named like cells, or with names that need quoting, under their own names', async () => {
    const names = ['A1', 'Q4', 'R1C1', 'TRUE', '2026', "Carers' forum", 'Members (old)', 'Q&A'];
    const bytes = await written(names.map((sheet, index) => ({ sheet, data: [[sheet, index]] })));
    expect(readXlsxGrids(bytes)).toEqual(
      Object.fromEntries(names.map((name, index) => [name, [[name, index]]])),
    );
    // And such a tab beside the board's tabs changes nothing the board reads.
    const board = readXlsxGrids(demoBytes);
    const withExtra = { ...board, A1: [['Member ID'], ['M99']], Q4: [['Status']] };
    expect(checkText(withExtra)).toBe(checkText(board));
  });
});

// ---------------------------------------------------------------------------------------------

/** The container of .xls and encrypted workbooks, with only the directory entries named. */
function compoundFile(streams: readonly string[]): Uint8Array {
  const entries = ['Root Entry', ...streams];
  const directorySectors = Math.ceil(entries.length / 4);
  const bytes = new Uint8Array(512 * (1 + directorySectors + 1));
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const view = new DataView(bytes.buffer);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x30, 0, true);
  entries.forEach((name, index) => {
    const at = 512 + index * 128;
    for (let char = 0; char < name.length; char++)
      view.setUint16(at + char * 2, name.charCodeAt(char), true);
    view.setUint16(at + 0x40, (name.length + 1) * 2, true);
    bytes[at + 0x42] = index === 0 ? 5 : 2;
  });
  return bytes;
}

describe('files that are not .xlsx workbooks', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    [
      'board.xls',
      compoundFile(['Workbook', '\u0005SummaryInformation', '\u0005DocumentSummaryInformation']),
      /it is an older Excel 97-2003 workbook \(\.xls\)\. Open it in Excel or LibreOffice Calc and save it as an Excel workbook \(\.xlsx\)\.$/,
    ],
    [
      'locked.xlsx',
      compoundFile([
        '\u0006DataSpaces',
        'EncryptionInfo',
        'EncryptedPackage',
        'Version',
        'DataSpaceMap',
      ]),
      /it is protected by a password \(an encrypted workbook\), which the board cannot open\. .* save it as an Excel workbook \(\.xlsx\)\.$/,
    ],
    [
      'board.ods',
      zipSync({
        mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
        'content.xml': strToU8('<office:document-content/>'),
        'META-INF/manifest.xml': strToU8('<manifest:manifest/>'),
      }),
      /it is an OpenDocument spreadsheet \(\.ods\), as LibreOffice saves by default\. Open it in Excel or LibreOffice Calc and save it as an Excel workbook \(\.xlsx\)\.$/,
    ],
    [
      'renamed.xlsx',
      strToU8('Member ID,Name,Role\r\nM01,Ann Jones,Resident co-chair\r\nM02,Bo Ćwik,Member\r\n'),
      /it is a text file \(such as CSV, comma-separated values\), perhaps renamed to \.xlsx\. Open it in Excel or LibreOffice Calc and save it as an Excel workbook \(\.xlsx\)\.$/,
    ],
    [
      'photos.xlsx',
      zipSync({ 'photo.jpg': new Uint8Array([0xff, 0xd8, 0xff]), 'notes.txt': strToU8('hello') }),
      /it is a zip archive with no spreadsheet inside\. Open it in Excel or LibreOffice Calc and save it as an Excel workbook \(\.xlsx\)\.$/,
    ],
    [
      'export.xls',
      strToU8('<html><body><table><tr><td>Member ID</td></tr></table></body></html>'),
      /it is a web page or XML file, not a workbook\./,
    ],
  ];

  it.each(cases)(
    'refuses %s with one message naming it and what to do',
    async (name, bytes, reason) => {
      let error: unknown;
      try {
        readXlsxGrids(bytes, { fileName: name });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(WorkbookFileError);
      const message = (error as Error).message;
      expect(message.startsWith(`The file ${name} is not an Excel .xlsx workbook: `)).toBe(true);
      expect(message).toMatch(reason);

      // The same through the local source the server and `npm run check` read with.
      const path = join(scratch, name);
      await writeFile(path, bytes);
      const refused = await localWorkbookSource(path)
        .readGrids()
        .then(
          () => null,
          (failure: unknown) => failure,
        );
      expect(refused).toBeInstanceOf(SourceError);
      expect((refused as SourceError).message).toBe(message);
      expect((refused as SourceError).retryable).toBe(false);
    },
  );

  it('names the file in the message of a damaged workbook too', () => {
    const broken = buildXlsx([
      { name: 'Members', xml: `<worksheet xmlns="${MAIN_NS}"><sheetData><row>` },
    ]);
    expect(() => readXlsxGrids(broken, { fileName: 'board.xlsx' })).toThrow(
      /^The Excel workbook board\.xlsx could not be read because it looks damaged: the part xl\/worksheets\/sheet1\.xml is not valid XML/,
    );
  });
});

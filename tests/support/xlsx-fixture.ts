import { strToU8, zipSync } from 'fflate';

// ---------------------------------------------------------------------------------------------
// Fixture builder: the smallest workbook Excel's format allows, from hand-written sheet XML.

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface FixtureSheet {
  name: string;
  /** Inner XML of `<sheetData>`; ignored when `xml` is given. */
  rows?: string;
  /** A complete worksheet part, for tests of namespaces and structure. */
  xml?: string;
  /** Where the relationship points; defaults to `worksheets/sheetN.xml`. */
  target?: string;
  /** A chartsheet: listed in the workbook but holding no cells. */
  chart?: boolean;
}

export interface FixtureOptions {
  /** Inner XML of each `<si>` item. */
  sharedStrings?: string[];
  /** Inner XML of `<styleSheet>`. */
  styles?: string;
  /** Attributes of `<workbookPr>`, e.g. `date1904="1"`. */
  workbookProperties?: string;
}

/** Sheet names are written as XML attribute text, so `&` and `'` must arrive encoded. */
function xmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

export function worksheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`;
}

export function buildXlsx(sheets: FixtureSheet[], options: FixtureOptions = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    '_rels/.rels': strToU8(
      `<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
  };
  const sheetEntries: string[] = [];
  const relationships: string[] = [];

  sheets.forEach((sheet, index) => {
    const id = `rId${index + 1}`;
    const kind = sheet.chart ? 'chartsheet' : 'worksheet';
    const target = sheet.target ?? `${kind}s/sheet${index + 1}.xml`;
    sheetEntries.push(
      `<sheet name="${xmlAttribute(sheet.name)}" sheetId="${index + 1}" r:id="${id}"/>`,
    );
    relationships.push(`<Relationship Id="${id}" Type="${REL_NS}/${kind}" Target="${target}"/>`);
    const partName = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    files[partName] = strToU8(
      sheet.chart
        ? `<chartsheet xmlns="${MAIN_NS}"/>`
        : (sheet.xml ?? worksheetXml(sheet.rows ?? '')),
    );
  });

  if (options.sharedStrings) {
    const items = options.sharedStrings.map((item) => `<si>${item}</si>`).join('');
    files['xl/sharedStrings.xml'] = strToU8(`<sst xmlns="${MAIN_NS}">${items}</sst>`);
    relationships.push(
      `<Relationship Id="rIdStrings" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`,
    );
  }
  if (options.styles) {
    files['xl/styles.xml'] = strToU8(
      `<styleSheet xmlns="${MAIN_NS}">${options.styles}</styleSheet>`,
    );
    relationships.push(
      `<Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="styles.xml"/>`,
    );
  }

  files['xl/workbook.xml'] = strToU8(
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr ${options.workbookProperties ?? ''}/><sheets>${sheetEntries.join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<Relationships xmlns="${PACKAGE_REL_NS}">${relationships.join('')}</Relationships>`,
  );
  return zipSync(files);
}

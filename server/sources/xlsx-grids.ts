/**
 * Reads an uploaded `.xlsx` workbook into the same grids the Google Sheets API returns for
 * `values.batchGet` with UNFORMATTED_VALUE / SERIAL_NUMBER rendering, so the board parser
 * cannot tell the two sources apart: numbers stay numbers whatever their format (dates are
 * serial day numbers), errors are their text, empty cells are null and trailing blanks are
 * dropped.
 *
 * Only the parts needed for values are read (workbook, relationships, shared strings,
 * worksheets, and styles for 1904-dated workbooks). Each part is unpacked and streamed through
 * a SAX parser chunk by chunk, in one pass, so the work is linear in the size of the file and
 * no part is ever held whole; the limits of xlsx/limits.ts are checked as the chunks come.
 */

import type { RawGrid, WorkbookGrids } from '../../schema/grid';
import { damaged, WorkbookFileError } from './xlsx/errors';
import { ReadBudget, WORKBOOK_LIMITS, type WorkbookLimits } from './xlsx/limits';
import { ZipPackage } from './xlsx/package';
import {
  findWorkbookPath,
  readRelationships,
  relatedPartName,
  relationshipOfType,
} from './xlsx/relationships';
import { WorksheetReader } from './xlsx/sheet';
import { runSteps, runStepsInSlices, type Steps } from './xlsx/steps';
import { readDateStyles, readSharedStrings, readWorkbookInfo } from './xlsx/workbook';
import { walkPart } from './xlsx/xml';

export { WorkbookFileError } from './xlsx/errors';
export {
  WORKBOOK_LIMITS,
  type WorkbookLimits,
  WorkbookTooLargeError,
} from './xlsx/limits';

export interface ReadOptions {
  /** Defaults to WORKBOOK_LIMITS; tests lower them. */
  limits?: WorkbookLimits;
  /** The file's name, for messages ("The workbook board.xlsx is too large ..."). */
  fileName?: string;
  /**
   * Which sheets to read, by name as written in the workbook; all when absent. A write that
   * needs one tab skips unpacking the others (a board is mostly its Actions sheet).
   */
  sheets?: (name: string) => boolean;
}

/** Reads the workbook straight through: for commands and tests, where nothing else waits. */
export function readXlsxGrids(bytes: Uint8Array, options: ReadOptions = {}): WorkbookGrids {
  try {
    return runSteps(readSteps(bytes, options));
  } catch (error) {
    throw namingFile(error, options.fileName);
  }
}

/**
 * How long the server reads before letting requests in. Reading runs at 15-30 MB of sheet XML
 * a second, so a workbook at the limits takes several seconds; in 5 ms slices, a request
 * answered from the last snapshot meanwhile waits a few slices more (one per turn of the event
 * loop it needs), not seconds. A pause costs microseconds, so reading is hardly slower.
 */
export const READ_SLICE_MS = 5;

/** Reads the workbook in time slices, giving the event loop back between them (the server). */
export function readXlsxGridsInSlices(
  bytes: Uint8Array,
  options: ReadOptions & { sliceMs?: number } = {},
): Promise<WorkbookGrids> {
  return runStepsInSlices(
    readSteps(bytes, { ...options, background: true }),
    options.sliceMs ?? READ_SLICE_MS,
  ).catch((error: unknown) => {
    throw namingFile(error, options.fileName);
  });
}

/** Errors are raised where the file's name is not known; the message names it when it is. */
function namingFile(error: unknown, fileName: string | undefined): unknown {
  return error instanceof WorkbookFileError ? error.forFile(fileName) : error;
}

/** Refuses a file over the size limit before it is read into memory (it is read whole). */
export function checkXlsxFileSize(bytes: number, options: ReadOptions = {}): void {
  new ReadBudget(options.limits ?? WORKBOOK_LIMITS, options.fileName).checkFileSize(bytes);
}

function* readSteps(
  bytes: Uint8Array,
  options: ReadOptions & { background?: boolean },
): Steps<WorkbookGrids> {
  const pkg = ZipPackage.open(bytes, options);
  const workbookPath = findWorkbookPath(pkg);
  const workbook = readWorkbookInfo(pkg.read(workbookPath), workbookPath);
  const relationships = readRelationships(pkg, workbookPath);

  const sharedStrings = yield* readSharedStrings(
    pkg,
    relationshipOfType(relationships, 'sharedStrings'),
  );
  const dateStyles = workbook.uses1904DateSystem
    ? yield* readDateStyles(pkg, relationshipOfType(relationships, 'styles'))
    : [];

  const grids: [string, RawGrid][] = [];
  for (const sheet of workbook.sheets) {
    if (options.sheets && !options.sheets(sheet.name)) continue;
    const relationship = relationships.get(sheet.relationshipId);
    // Chartsheets, dialog sheets and macro sheets hold no cell values.
    if (relationship && !relationship.type.endsWith('/worksheet')) continue;
    const partName = relatedPartName(pkg, relationship);
    if (!partName)
      throw damaged(`the sheet "${sheet.name}" is listed but its contents are missing`);
    const what = `the sheet "${sheet.name}"`;
    const reader = new WorksheetReader(sharedStrings, dateStyles, pkg.budget, what);
    yield* walkPart(pkg, partName, what, reader);
    grids.push([sheet.name, reader.grid()]);
  }
  // fromEntries defines own properties, so even a sheet called "__proto__" is kept as data.
  return Object.fromEntries(grids);
}

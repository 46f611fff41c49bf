/** The errors raised when a file is not a readable workbook, with messages an officer can act on. */

/** Thrown, with a message an office worker can act on, when a file is not a readable .xlsx. */
export class WorkbookFileError extends Error {
  override readonly name: string = 'WorkbookFileError';
}

export function notAWorkbook(reason: string): WorkbookFileError {
  return new WorkbookFileError(`This file is not an Excel .xlsx workbook: ${reason}`);
}

export function damaged(reason: string): WorkbookFileError {
  return new WorkbookFileError(
    `This Excel workbook could not be read because it looks damaged: ${reason}. ` +
      'Try opening it in Excel and saving it again as "Excel Workbook (.xlsx)".',
  );
}

export const SAVE_AS_XLSX_ADVICE = 'Open it in Excel and save it as "Excel Workbook (.xlsx)".';

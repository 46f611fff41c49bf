/** The errors raised when a file is not a readable workbook, with messages an officer can act on. */

/** Thrown, with a message an office worker can act on, when a file is not a readable .xlsx. */
export class WorkbookFileError extends Error {
  override readonly name: string = 'WorkbookFileError';

  constructor(
    message: string,
    /**
     * The message again for a named file. Errors are raised deep in the reader, which does not
     * know the file's name; the reader's entry points name it (`forFile`) when the caller does.
     */
    private readonly describe?: (fileName: string) => string,
  ) {
    super(message);
  }

  /** The same error, its message naming the file (`The file board.xls is not ...`). */
  forFile(fileName: string | undefined): WorkbookFileError {
    if (!fileName || !this.describe) return this;
    const named = new WorkbookFileError(this.describe(fileName));
    named.stack = this.stack;
    return named;
  }
}

export function notAWorkbook(reason: string): WorkbookFileError {
  return new WorkbookFileError(
    `This file is not an Excel .xlsx workbook: ${reason}`,
    (fileName) => `The file ${fileName} is not an Excel .xlsx workbook: ${reason}`,
  );
}

export function damaged(reason: string): WorkbookFileError {
  const advice =
    `because it looks damaged: ${reason}. ` +
    'Try opening it in Excel and saving it again as "Excel Workbook (.xlsx)".';
  return new WorkbookFileError(
    `This Excel workbook could not be read ${advice}`,
    (fileName) => `The Excel workbook ${fileName} could not be read ${advice}`,
  );
}

/** What to do with any file that is not an .xlsx workbook: both programs officers have. */
export const SAVE_AS_XLSX_ADVICE =
  'Open it in Excel or LibreOffice Calc and save it as an Excel workbook (.xlsx).';

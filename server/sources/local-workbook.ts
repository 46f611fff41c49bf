import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkbookGrids } from '../../schema/grid';
import type { BoardSource } from './board-source';
import { readXlsxGrids, WorkbookFileError } from './xlsx-grids';

/** The bundled demo board of fictional people, used when no workbook is configured. */
export const DEMO_WORKBOOK_PATH = fileURLToPath(
  new URL('../demo/demo-board.xlsx', import.meta.url),
);

/** A board workbook saved as a local .xlsx file (downloaded from Google Sheets or Excel). */
export function localWorkbookSource(path: string): BoardSource {
  return {
    description: `workbook ${basename(path)}`,
    async readGrids(): Promise<WorkbookGrids> {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new WorkbookFileError(
          code === 'ENOENT'
            ? `There is no file at ${path}. Check the path to the board workbook.`
            : `The board workbook ${path} could not be opened (${code ?? String(error)}).`,
        );
      }
      return readXlsxGrids(bytes);
    },
  };
}

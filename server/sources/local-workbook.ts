import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkbookGrids } from '../../schema/grid';
import { type BoardSource, SourceError } from './board-source';
import { placeRow } from './row-for-headers';
import { appendRowToXlsx } from './xlsx-append';
import { readXlsxGrids, WorkbookFileError } from './xlsx-grids';

/** The bundled demo board of fictional people, used when no workbook is configured. */
export const DEMO_WORKBOOK_PATH = fileURLToPath(
  new URL('../demo/demo-board.xlsx', import.meta.url),
);

/**
 * A board workbook saved as a local .xlsx file (downloaded from Google Sheets or Excel).
 * The file is only read again when its modification time or size changes; otherwise the
 * previous grids are returned as they are, so the snapshot need not be rebuilt.
 */
export function localWorkbookSource(path: string): BoardSource {
  let last: { version: string; grids: WorkbookGrids } | null = null;
  // Writes wait for each other, so two appends can never read the same last row.
  let writing: Promise<unknown> = Promise.resolve();
  return {
    description: `workbook ${basename(path)}`,
    async readGrids(): Promise<WorkbookGrids> {
      try {
        const info = await stat(path);
        const version = `${info.mtimeMs}:${info.size}`;
        if (last?.version === version) return last.grids;
        const grids = readXlsxGrids(await readFile(path));
        last = { version, grids };
        return grids;
      } catch (error) {
        if (error instanceof WorkbookFileError) throw new SourceError(error.message, false);
        const code = (error as NodeJS.ErrnoException).code;
        throw new SourceError(
          code === 'ENOENT'
            ? `There is no file at ${path}. Check the path to the board workbook (BOARD_WORKBOOK).`
            : `The board workbook ${path} could not be opened (${code ?? String(error)}).`,
          // A file being replaced can briefly be busy; a missing file will not reappear by itself.
          code !== 'ENOENT',
        );
      }
    },
    appendRow(tab, valuesByHeader) {
      const write = writing.then(async () => {
        const bytes = await readFile(path);
        const updated = appendRowToXlsx(bytes, placeRow(readXlsxGrids(bytes), tab, valuesByHeader));
        // Write beside the file, then rename over it: a reader sees the old file or the new one,
        // never half of one, and a crash leaves the board as it was.
        const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
        try {
          await writeFile(temporary, updated);
          await rename(temporary, path);
        } catch (error) {
          await unlink(temporary).catch(() => {});
          throw new SourceError(
            `The board workbook ${path} could not be saved (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
            false,
          );
        }
      });
      writing = write.catch(() => {});
      return write;
    },
  };
}

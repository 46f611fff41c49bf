import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkbookGrids } from '../../schema/grid';
import { type BoardSource, SourceError } from './board-source';
import { placeRow } from './row-for-headers';
import { appendRowToXlsx } from './xlsx-append';
import {
  checkXlsxFileSize,
  readXlsxGridsInSlices,
  WORKBOOK_LIMITS,
  WorkbookFileError,
  type WorkbookLimits,
} from './xlsx-grids';

/** The bundled demo board of fictional people, used when no workbook is configured. */
export const DEMO_WORKBOOK_PATH = fileURLToPath(
  new URL('../demo/demo-board.xlsx', import.meta.url),
);

export interface LocalWorkbookOptions {
  /** Defaults to WORKBOOK_LIMITS; tests lower them. */
  limits?: WorkbookLimits;
}

export interface LocalWorkbookSource extends BoardSource {
  /** How many times the file has been read and unpacked (not merely checked with stat). */
  readonly fileReads: number;
}

/**
 * A board workbook saved as a local .xlsx file (downloaded from Google Sheets or Excel).
 * The file is only read again when its modification time or size changes; otherwise the
 * previous grids are returned as they are, so the snapshot need not be rebuilt. A file that
 * could not be read (damaged, not a workbook, over a limit) is not read again either until it
 * changes: the same error is returned, so a zip bomb costs one bounded read, not one per request.
 */
export function localWorkbookSource(
  path: string,
  options: LocalWorkbookOptions = {},
): LocalWorkbookSource {
  const limits = options.limits ?? WORKBOOK_LIMITS;
  const fileName = basename(path);
  let last: { version: string; grids: WorkbookGrids } | null = null;
  let failed: { version: string; error: SourceError } | null = null;
  let fileReads = 0;
  // Writes wait for each other, so two appends can never read the same last row.
  let writing: Promise<unknown> = Promise.resolve();

  /** Reads the file (checking its size first, as it is read whole) into grids. */
  const readWorkbook = async (size: number): Promise<WorkbookGrids> => {
    checkXlsxFileSize(size, { limits, fileName });
    fileReads += 1;
    return readXlsxGridsInSlices(await readFile(path), { limits, fileName });
  };

  return {
    description: `workbook ${fileName}`,
    get fileReads() {
      return fileReads;
    },
    async readGrids(): Promise<WorkbookGrids> {
      let version: string | null = null;
      try {
        const info = await stat(path);
        version = `${info.mtimeMs}:${info.size}`;
        if (last?.version === version) return last.grids;
        if (failed?.version === version) throw failed.error;
        const grids = await readWorkbook(info.size);
        last = { version, grids };
        failed = null;
        return grids;
      } catch (error) {
        if (error instanceof SourceError) throw error;
        if (error instanceof WorkbookFileError) {
          const refused = new SourceError(error.message, false);
          // Only what the file holds decides this, so it holds until the file changes.
          if (version !== null) failed = { version, error: refused };
          throw refused;
        }
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
        // Read with the limits (and in slices) first: the append unpacks the whole file.
        const grids = await readXlsxGridsInSlices(bytes, { limits, fileName });
        const updated = appendRowToXlsx(bytes, placeRow(grids, tab, valuesByHeader));
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

import { readFile, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkbookGrids } from '../../schema/grid';
import type { TabName } from '../../schema/layout';
import { normaliseHeader } from '../../schema/parse';
import { type BoardSource, SourceError } from './board-source';
import { describeOfficeLock, findOfficeLock } from './office-locks';
import { placeRow } from './row-for-headers';
import { checkWritable, saveWorkbook } from './save-workbook';
import { acquireWriteLock, type WriteLockOptions } from './write-lock';
import { appendRowToXlsxAsync } from './xlsx-append';
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
  /** How long to wait for another process writing the file, and when its lock is stale. */
  writeLock?: WriteLockOptions;
}

export interface LocalWorkbookSource extends BoardSource {
  /** How many times the file has been read and unpacked (not merely checked with stat). */
  readonly fileReads: number;
  /** A local workbook can always be written (or refuses with a SourceError saying why not). */
  appendRow(tab: TabName, valuesByHeader: Readonly<Record<string, string>>): Promise<void>;
}

/**
 * A board workbook saved as a local .xlsx file (downloaded from Google Sheets or Excel).
 * The file is only read again when its modification time or size changes; otherwise the
 * previous grids are returned as they are, so the snapshot need not be rebuilt. A file that
 * could not be read (damaged, not a workbook, over a limit) is not read again either until it
 * changes: the same error is returned, so a zip bomb costs one bounded read, not one per request.
 *
 * Writes (recordCirculation's rows) lose nothing: each is refused while LibreOffice or Excel
 * has the file open (office-locks.ts), waits for other writers, in this process and others
 * (write-lock.ts), reads the file afresh, puts the row in row order (xlsx-append.ts), and saves
 * it keeping its mode, owner, group and links (save-workbook.ts), through any symbolic link to
 * the file it names. None of it holds up requests: the reading is sliced, and the sheet is
 * unpacked and packed on the thread pool while the other parts are copied as they are.
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
  // Writes in this process wait for each other (the lock file does it between processes), so
  // two appends can never read the same last row.
  let writing: Promise<unknown> = Promise.resolve();

  /** Reads the file (checking its size first, as it is read whole) into grids. */
  const readWorkbook = async (size: number): Promise<WorkbookGrids> => {
    checkXlsxFileSize(size, { limits, fileName });
    fileReads += 1;
    return readXlsxGridsInSlices(await readFile(path), { limits, fileName });
  };

  const source: LocalWorkbookSource = {
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
      const write = writing.then(() => appendUnderLock(tab, valuesByHeader));
      writing = write.catch(() => {});
      return write;
    },
  };
  return source;

  /**
   * Adds the row with the file locked against other writers, refusing while LibreOffice or
   * Excel has it open. The file is read again under the lock, so a row another process added
   * a moment ago is seen and the new one goes below it.
   */
  async function appendUnderLock(
    tab: TabName,
    valuesByHeader: Readonly<Record<string, string>>,
  ): Promise<void> {
    const target = await resolvedTarget(path);
    await refuseIfOpenElsewhere(path, target);
    const release = await acquireWriteLock(target, options.writeLock);
    try {
      // Again: it may have been opened while this write waited for another.
      await refuseIfOpenElsewhere(path, target);
      const info = await stat(target);
      await checkWritable(target, info);
      checkXlsxFileSize(info.size, { limits, fileName });
      const bytes = await readFile(target);
      // Read with the limits (and in slices) first, only the tab written to: the rest of the
      // file is carried over without being unpacked.
      const wanted = normaliseHeader(tab);
      const grids = await readXlsxGridsInSlices(bytes, {
        limits,
        fileName,
        sheets: (name) => normaliseHeader(name) === wanted,
      });
      const row = placeRow(grids, tab, valuesByHeader);
      if (row.duplicateOfRow !== undefined) {
        throw new SourceError(
          `Row ${row.duplicateOfRow} of the ${tab} tab of ${fileName} already has the ID of the row to add: it was added since the board was last read (by another server or by hand), so nothing was written. Try again once the board has been read again.`,
          false,
        );
      }
      const updated = await appendRowToXlsxAsync(bytes, row);
      await saveWorkbook(target, updated, info);
    } catch (error) {
      if (error instanceof WorkbookFileError) throw new SourceError(error.message, false);
      throw error;
    } finally {
      await release();
    }
  }
}

/** Writes go to the file a symbolic link points to, so the link stays a link to the board. */
async function resolvedTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(
      code === 'ENOENT'
        ? `There is no file at ${path}. Check the path to the board workbook (BOARD_WORKBOOK).`
        : `The board workbook ${path} could not be opened (${code ?? String(error)}).`,
      false,
    );
  }
}

/** Refuses while LibreOffice or Excel has the workbook open, by either of its paths. */
async function refuseIfOpenElsewhere(path: string, target: string): Promise<void> {
  const lock = await findOfficeLock([target, path]);
  if (!lock) return;
  throw new SourceError(
    `The board workbook ${basename(path)} ${describeOfficeLock(lock)}, so nothing was written: saving it there would overwrite the new row. Ask them to close it, then try again. If nobody has it open (the program closed unexpectedly), delete the lock file ${lock.lockFile}.`,
    false,
  );
}

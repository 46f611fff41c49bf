/**
 * The demo board is a tracked file of the repository (server/demo/demo-board.xlsx, regenerated
 * byte for byte by `npm run demo:generate`). Recording a circulation on it used to rewrite that
 * file, so trying the mutation once left the working tree changed and every later start served
 * the changed board. Instead, the first write copies the demo board to a folder of its own in
 * the system's temporary directory, writes there, and from then on the board is read from the
 * copy. The copy lasts as long as the process: each start begins from the pristine demo board.
 */
import { rmSync } from 'node:fs';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BoardSource, SourceError } from '../sources/board-source';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../sources/local-workbook';

export interface DemoCopyOptions {
  /** The file never to write (default: the bundled demo board). */
  readonly original?: string;
  /** Where the copy's folder is made (default: the system's temporary directory). */
  readonly directory?: string;
}

/** `source` as it is, unless it is the demo board: then writes go to a copy (see above). */
export function protectDemoBoard(
  source: BoardSource,
  demo: boolean,
  options: DemoCopyOptions = {},
): BoardSource {
  if (!demo || !source.appendRow) return source;
  const original = options.original ?? DEMO_WORKBOOK_PATH;
  let copy: BoardSource | null = null;
  let copying: Promise<BoardSource> | null = null;

  const writable = (): Promise<BoardSource> => {
    copying ??= (async () => {
      const folder = await mkdtemp(
        join(options.directory ?? tmpdir(), 'co-production-board-demo-'),
      );
      process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
      const path = join(folder, 'demo-board.xlsx');
      await copyFile(original, path);
      copy = localWorkbookSource(path);
      return copy;
    })().catch((error: unknown) => {
      copying = null; // a later write may try again
      throw new SourceError(
        `The demo board could not be copied to write to (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
        false,
      );
    });
    return copying;
  };

  return {
    description: source.description,
    readGrids: () => (copy ?? source).readGrids(),
    async appendRow(tab, valuesByHeader) {
      const target = await writable();
      await target.appendRow?.(tab, valuesByHeader);
    },
  };
}

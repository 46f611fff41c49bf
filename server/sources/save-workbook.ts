/**
 * Saving a changed workbook over the old one without changing what kind of file it is: its
 * permissions (a board file shared by a group, 0660, holds members' emails and phones; it must
 * not become 0644), its owner and group, and the links to it.
 *
 * The new bytes are always written in full to a temporary file beside the workbook first
 * (0600 while it is written: it holds personal data). Then:
 * - normally the temporary file gets the workbook's owner, group and mode and is renamed over
 *   it: readers see the old file or the new one, never half of one, and a crash at any moment
 *   leaves the old file whole;
 * - when that would change the file (the server may not give a file away to the officer who
 *   owns it, chown being for root; or the file has other hard links, which a rename would
 *   cut), the bytes are copied into the workbook itself, which keeps its inode, owner, group,
 *   mode, links, ACLs and extended attributes. That copy is not atomic, so the temporary file
 *   is kept until it is done: if the copy fails part-way, the error names the complete new file.
 *
 * The caller resolves symbolic links first, so a link keeps pointing at a target that gets the row.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { access, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SourceError } from './board-source';

export type SaveMethod = 'renamed' | 'in place';

/** Refuses, before any work, a workbook the server may not or should not write. */
export async function checkWritable(target: string, info: Stats): Promise<void> {
  const writable = await access(target, constants.W_OK).then(
    () => true,
    () => false,
  );
  // No write permission for anyone is a deliberate read-only file, which even root leaves alone.
  if (!writable || (info.mode & 0o222) === 0) {
    throw new SourceError(
      `The board workbook ${target} is read-only, so nothing was written. Let the server write it (for example with chmod g+w ${basename(target)}), or record the circulation by hand.`,
      false,
    );
  }
}

export async function saveWorkbook(
  target: string,
  bytes: Uint8Array,
  info: Stats,
): Promise<SaveMethod> {
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let inPlace = info.nlink > 1;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      if (!inPlace) {
        // Owner first: changing it clears set-id bits, which chmod then puts back.
        inPlace = !(await handle.chown(info.uid, info.gid).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'EPERM' || error.code === 'EINVAL') return false;
            throw error;
          },
        ));
        await handle.chmod(info.mode & 0o7777);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw saveFailed(target, error);
  }

  if (!inPlace) {
    try {
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw saveFailed(target, error);
    }
    await syncFolder(dirname(target));
    return 'renamed';
  }

  try {
    const handle = await open(target, 'r+');
    try {
      await handle.write(bytes, 0, bytes.length, 0);
      await handle.truncate(bytes.length);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new SourceError(
      `The board workbook ${target} could not be saved (${errorCode(error)}) and may be damaged; the complete new version is ${temporary}: rename it to ${basename(target)} to keep the row.`,
      false,
    );
  }
  await unlink(temporary).catch(() => {});
  return 'in place';
}

/** Makes the rename itself durable (best effort: not every file system allows it). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Nothing to do: the rename has happened; only its durability after a power cut is unsure.
  }
}

function saveFailed(target: string, error: unknown): SourceError {
  return new SourceError(
    `The board workbook ${target} could not be saved (${errorCode(error)}); it is as it was.`,
    false,
  );
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

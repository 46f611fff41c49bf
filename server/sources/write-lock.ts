/**
 * One writer at a time for a workbook, across processes: a lock file beside it, created with
 * O_EXCL (exactly one creator wins, on local disks and on NFS v3 and later), holding the
 * writer's process id, computer and a random token. Two server processes on one file each read
 * the file, add their row and save: without the lock, the second save drops the first row.
 *
 * A lock left by a process that died is taken over: at once when it was made on this computer
 * by a process that no longer exists, otherwise once it is older than `staleMs` (a write takes
 * well under a second; even the 100,000-action board takes a few). Taking over renames the
 * stale lock away first and checks that what was renamed is the lock judged stale, so that
 * two processes recovering at once cannot both end up holding it.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SourceError } from './board-source';

export interface WriteLockOptions {
  /** A lock older than this is left over from a writer that died (default 60 s). */
  staleMs?: number;
  /** How long to wait for another writer before giving up (default 30 s). */
  waitMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  created: number;
}

/** The lock file for a workbook (a hidden file beside it). */
export function writeLockPath(workbook: string): string {
  return join(dirname(workbook), `.${basename(workbook)}.write-lock`);
}

/** Waits for the lock, then returns the function that releases it. */
export async function acquireWriteLock(
  workbook: string,
  options: WriteLockOptions = {},
): Promise<() => Promise<void>> {
  const path = writeLockPath(workbook);
  const staleMs = options.staleMs ?? 60_000;
  const waitMs = options.waitMs ?? 30_000;
  const started = Date.now();
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(12).toString('hex'),
    created: Date.now(),
  };
  let pause = 5;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ ...owner, created: Date.now() }));
      } finally {
        await handle.close();
      }
      return () => release(path, owner.token);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new SourceError(
          `The board workbook ${basename(workbook)} cannot be locked for writing: the folder ${dirname(workbook)} must let the server create files (${code ?? String(error)}).`,
          false,
        );
      }
    }
    const holder = await readOwner(path);
    if (holder && isStale(holder, staleMs)) {
      await takeOver(path, holder);
      continue;
    }
    if (Date.now() - started >= waitMs) {
      const who = holder?.owner ? ` (process ${holder.owner.pid} on ${holder.owner.host})` : '';
      throw new SourceError(
        `The board workbook ${basename(workbook)} is being written by another process${who}, which has held it for more than ${Math.round(waitMs / 1000)} s. Try again; if no board server is running, delete ${path}.`,
        true,
      );
    }
    // Jittered, growing pauses: writers queued together do not all retry at the same moment.
    await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
    pause = Math.min(pause * 2, 100);
  }
}

interface Holder {
  /** Null while the holder is between creating the file and writing it, or if it is garbled. */
  owner: LockOwner | null;
  raw: string;
  modified: number;
}

async function readOwner(path: string): Promise<Holder | null> {
  try {
    const [raw, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    let owner: LockOwner | null = null;
    try {
      const parsed = JSON.parse(raw) as Partial<LockOwner>;
      if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') {
        owner = parsed as LockOwner;
      }
    } catch {
      owner = null;
    }
    return { owner, raw, modified: info.mtimeMs };
  } catch {
    // Released between our attempt and this read: try again straight away.
    return null;
  }
}

/** An empty lock a moment old is a holder still writing its name; an old one is garbage. */
function isStale(holder: Holder, staleMs: number): boolean {
  const age = Date.now() - (holder.owner?.created ?? holder.modified);
  if (age > staleMs) return true;
  return (
    holder.owner !== null && holder.owner.host === hostname() && !processExists(holder.owner.pid)
  );
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function takeOver(path: string, stale: Holder): Promise<void> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else took it over, or it was released: try again
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== stale.raw) {
    // Not the lock judged stale: a live writer's, made since. Put it back unless yet another
    // writer has made one meanwhile (then both exist, and the put-back is left out).
    await link(aside, path).catch(() => {});
  }
  await unlink(aside).catch(() => {});
}

async function release(path: string, token: string): Promise<void> {
  // Only our own lock: if it was taken over while we were stalled, the new holder's stays.
  const raw = await readFile(path, 'utf8').catch(() => null);
  if (raw === null) return;
  try {
    if ((JSON.parse(raw) as Partial<LockOwner>).token !== token) return;
  } catch {
    return;
  }
  await unlink(path).catch(() => {});
}

/**
 * Whether a workbook is open in LibreOffice or Excel right now, and by whom. Both programs keep
 * a lock file beside a document they have open and, when the officer saves, write the whole
 * file from what they hold: a row added meanwhile is silently lost. So a write is refused while
 * such a lock file is there, with the name the program recorded.
 *
 * - LibreOffice: `.~lock.NAME#`, one line of comma-separated fields (commas, semicolons and
 *   backslashes escaped with a backslash), ended by a semicolon: the user name set in
 *   Tools > Options > User Data, the system user name, the computer, the time opened
 *   (dd.mm.yyyy hh:mm) and its profile folder.
 * - Excel (and LibreOffice when it opens a file for an Excel user): `~$NAME`, 165 bytes: the user
 *   name's length, the name in the Windows code page padded with spaces to byte 55, then its
 *   length again (2 bytes) and the name in UTF-16. Word cuts the first characters of long names;
 *   Excel keeps the whole name, but both forms are looked for.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface OfficeLock {
  readonly program: 'LibreOffice' | 'Excel';
  /** The person, as the program recorded them, if it did. */
  readonly user?: string;
  readonly computer?: string;
  /** When they opened it, as the lock file says (LibreOffice: `22.11.2026 10:15`). */
  readonly since?: string;
  /** The lock file, to name when it is left over from a program that closed unexpectedly. */
  readonly lockFile: string;
}

/** Lock files a program keeps for the workbook at `path`, each way it may be named. */
export function officeLockFiles(path: string): { program: OfficeLock['program']; file: string }[] {
  const folder = dirname(path);
  const name = basename(path);
  const files: { program: OfficeLock['program']; file: string }[] = [
    { program: 'LibreOffice', file: join(folder, `.~lock.${name}#`) },
    { program: 'Excel', file: join(folder, `~$${name}`) },
  ];
  if (name.length > 2) files.push({ program: 'Excel', file: join(folder, `~$${name.slice(2)}`) });
  return files;
}

/** The first program that has the workbook open (for each of the paths it may be known by). */
export async function findOfficeLock(paths: readonly string[]): Promise<OfficeLock | undefined> {
  for (const path of new Set(paths)) {
    for (const { program, file } of officeLockFiles(path)) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        // There, but unreadable: still a sign that someone has it open.
        return { program, lockFile: file };
      }
      const details = program === 'LibreOffice' ? libreOfficeLock(bytes) : excelOwner(bytes);
      return { program, lockFile: file, ...details };
    }
  }
  return undefined;
}

export function libreOfficeLock(bytes: Uint8Array): Omit<OfficeLock, 'program' | 'lockFile'> {
  const fields: string[] = [];
  let field = '';
  const text = new TextDecoder('utf-8').decode(bytes);
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '\\' && index + 1 < text.length) {
      field += text.charAt(++index);
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === ';') {
      break;
    } else {
      field += char;
    }
  }
  fields.push(field);
  const [userName, systemUser, computer, since] = fields.map((value) => value.trim());
  const user = userName || systemUser;
  return {
    ...(user ? { user } : {}),
    ...(computer ? { computer } : {}),
    ...(since ? { since } : {}),
  };
}

export function excelOwner(bytes: Uint8Array): Omit<OfficeLock, 'program' | 'lockFile'> {
  const length = bytes[0] ?? 0;
  if (length === 0 || length > 52 || bytes.length < 56) return {};
  // The UTF-16 copy comes after a 2-byte length at byte 54 (Word) or 55 (Excel, PowerPoint);
  // in Word's form the bytes before it are zeros (LibreOffice reads them the same way).
  let at = 54;
  if (bytes[at] === 0x20 && (bytes[at - 1] !== 0 || bytes[at - 2] !== 0)) at = 55;
  const wide = bytes[at] ?? 0;
  if (wide > 0 && wide <= 52 && at + 2 + wide * 2 <= bytes.length) {
    const name = new TextDecoder('utf-16le').decode(bytes.subarray(at + 2, at + 2 + wide * 2));
    if (name.trim()) return { user: name.trim() };
  }
  const narrow = new TextDecoder('windows-1252').decode(bytes.subarray(1, 1 + length)).trim();
  return narrow ? { user: narrow } : {};
}

/** "is open in LibreOffice by Jane Officer (on JANE-PC, since 22.11.2026 10:15)". */
export function describeOfficeLock(lock: OfficeLock): string {
  const details = [
    lock.computer ? `on ${lock.computer}` : '',
    lock.since ? `since ${lock.since}` : '',
  ].filter(Boolean);
  return `is open in ${lock.program}${lock.user ? ` by ${lock.user}` : ''}${
    details.length > 0 ? ` (${details.join(', ')})` : ''
  }`;
}

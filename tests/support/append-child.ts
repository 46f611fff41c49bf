/**
 * A separate process appending Circulation rows to one workbook, for tests of writes from
 * several processes (tests/workbook-writes.test.ts). It says "ready" once loaded, waits for
 * the file named by its third argument to appear (so that all processes start together),
 * appends its rows one by one, and prints what it did as JSON.
 *
 *   node --import tsx tests/support/append-child.ts <workbook> <pack id prefix> <start file> <rows>
 */
import { access } from 'node:fs/promises';
import { localWorkbookSource } from '../../server/sources/local-workbook';

const [path, prefix, startFile, rows] = process.argv.slice(2);
if (!path || !prefix || !startFile)
  throw new Error('usage: append-child <workbook> <prefix> <start file> <rows>');

console.log('ready');
for (;;) {
  try {
    await access(startFile);
    break;
  } catch (error) {
    // Only "not there yet" is worth waiting for; anything else would never change.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const source = localWorkbookSource(path, { writeLock: { waitMs: 120_000 } });
const written: string[] = [];
try {
  for (let index = 1; index <= Number(rows ?? 1); index++) {
    const packId = `${prefix}-${index}`;
    await source.appendRow('Circulation', {
      'Pack ID': packId,
      'Meeting ID': 'MT-2026-10',
      Audience: 'DMT',
      'Generated at': '2026-11-22 12:00:00',
    });
    written.push(packId);
  }
  console.log(JSON.stringify({ written }));
} catch (error) {
  console.log(
    JSON.stringify({ written, error: error instanceof Error ? error.message : String(error) }),
  );
  process.exitCode = 1;
}

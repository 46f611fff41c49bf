/**
 * Circulation packs (R13, issue 5): golden content for a demo meeting, determinism, and the
 * hash. The golden files were read by eye once; after a deliberate change to the packs or to the
 * demo board (npm run demo:generate), rewrite them with
 *   UPDATE_GOLDEN=1 npx vitest run tests/packs.test.ts
 * then read `git diff tests/golden` before committing it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../schema/snapshot';
import { demoSnapshot, GOLDEN_MEETING, packFor, withCell } from './packs-fixtures';

const GOLDEN_DIR = join(import.meta.dirname, 'golden');
const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const GOLDEN = [
  { file: `pack-${GOLDEN_MEETING}-borough-partnership.html`, format: 'HTML', easyRead: false },
  { file: `pack-${GOLDEN_MEETING}-borough-partnership.txt`, format: 'TEXT', easyRead: false },
  {
    file: `pack-${GOLDEN_MEETING}-borough-partnership-easy-read.html`,
    format: 'HTML',
    easyRead: true,
  },
  {
    file: `pack-${GOLDEN_MEETING}-borough-partnership-easy-read.txt`,
    format: 'TEXT',
    easyRead: true,
  },
  // A meeting with feedback reported back since the one before, one item not acted on.
  { file: 'pack-MT-2026-07-borough-partnership.txt', format: 'TEXT', easyRead: false },
  { file: 'pack-MT-2026-07-borough-partnership-easy-read.txt', format: 'TEXT', easyRead: true },
] as const;

describe('golden packs for the demo board', () => {
  for (const { file, format, easyRead } of GOLDEN) {
    it(`${file} is unchanged`, () => {
      const meetingId = file.slice('pack-'.length, 'pack-MT-2026-10'.length);
      const pack = packFor(demoSnapshot(), { meetingId, format, easyRead });
      const path = join(GOLDEN_DIR, file);
      if (process.env.UPDATE_GOLDEN) writeFileSync(path, pack.content);
      expect(pack.content).toBe(readFileSync(path, 'utf8'));
      expect(pack).toMatchObject({
        meetingId,
        audience: 'Borough Partnership',
        format,
        easyRead,
        sha256: nodeSha256(pack.content),
      });
    });
  }
});

describe('determinism', () => {
  it('gives the same bytes and hash for the same snapshot, and for a snapshot rebuilt from the same grids', () => {
    const first = packFor(demoSnapshot());
    const again = packFor(demoSnapshot());
    const rebuilt = packFor(buildSnapshot(withCell('Members', 'M01', 'Name', 'Dorothy Finchley')));
    expect(again.content).toBe(first.content);
    expect(again.sha256).toBe(first.sha256);
    expect(rebuilt.sha256).toBe(first.sha256);
  });

  it('changes the hash when one cell the pack shows changes', () => {
    const before = packFor(demoSnapshot());
    const changed = [
      withCell('Actions', 'A149', 'Due date', '2026-12-23'),
      withCell('Actions', 'A140', 'Completed on', '2026-10-26'),
      withCell('Attendance', GOLDEN_MEETING, 'Attendance', 'Apologies'),
      withCell('Projects', 'P02', 'Phase', 'After completion'),
      withCell('Members', 'M05', 'Name in circulation', 'Yes'),
    ];
    for (const grids of changed) {
      const after = packFor(buildSnapshot(grids));
      expect(after.sha256).not.toBe(before.sha256);
      expect(after.sha256).toBe(nodeSha256(after.content));
    }
  });

  it('keeps the hash when a cell the pack must not show changes (contact details, notes)', () => {
    const before = packFor(demoSnapshot()).sha256;
    for (const grids of [
      withCell('Members', 'M05', 'Email', 'someone.else@example.org'),
      withCell('Members', 'M05', 'Notes', 'A new private note'),
      withCell('Actions', 'A142', 'Follow-up note', 'Chased again'),
    ]) {
      expect(packFor(buildSnapshot(grids)).sha256).toBe(before);
    }
  });

  it("does not depend on the clock: packs are judged on the meeting's date", () => {
    const before = packFor(demoSnapshot());
    const realNow = Date.now;
    try {
      Date.now = () => Date.UTC(2031, 0, 1);
      expect(packFor(demoSnapshot()).sha256).toBe(before.sha256);
    } finally {
      Date.now = realNow;
    }
    expect(before.content).toContain('917');
  });
});

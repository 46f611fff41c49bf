/**
 * Cell notes for "Check membership". The check's own notes are the lines that start with
 * NOTE_PREFIX, so a later run can replace them (or clear the ones that no longer apply) while
 * an officer's own note text in the same cell is kept as it was.
 */

export const NOTE_PREFIX = 'Board check: ';

/** A problem to note, at a 1-based row and column of its tab. */
export interface NoteTarget {
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

/** The cell's note with the check's old lines removed and `lines` added after the rest. */
export function mergeNote(existing: string, lines: readonly string[]): string {
  const own = existing
    .split('\n')
    .filter((line) => !line.startsWith(NOTE_PREFIX))
    .join('\n')
    .replace(/\s+$/, '');
  const added = lines.map((line) => `${NOTE_PREFIX}${line.replace(/\s*\n\s*/g, ' ')}`).join('\n');
  if (own && added) return `${own}\n\n${added}`;
  return own || added;
}

/**
 * The whole block of notes after this check, or null when nothing changes (so an unchanged
 * tab is not written at all). Targets outside the block are skipped: the dialog lists them.
 */
export function updatedNotes(
  current: readonly (readonly string[])[],
  targets: readonly NoteTarget[],
): string[][] | null {
  const byCell = new Map<string, string[]>();
  for (const target of targets) {
    if (target.row > current.length || target.column > (current[0]?.length ?? 0)) continue;
    const key = `${target.row - 1},${target.column - 1}`;
    const lines = byCell.get(key);
    if (!lines) byCell.set(key, [target.text]);
    else if (!lines.includes(target.text)) lines.push(target.text);
  }
  let changed = false;
  const notes = current.map((row, rowIndex) =>
    row.map((note, columnIndex) => {
      const lines = byCell.get(`${rowIndex},${columnIndex}`) ?? [];
      // Most cells have no note and nothing to add: skip the string work for them.
      if (lines.length === 0 && !note.includes(NOTE_PREFIX)) return note;
      const merged = mergeNote(note, lines);
      if (merged !== note) changed = true;
      return merged;
    }),
  );
  return changed ? notes : null;
}

/** "F7" → row 7, column 6 (1-based). */
export function parseA1(cell: string): { row: number; column: number } | null {
  const match = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1] as string) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

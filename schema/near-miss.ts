/**
 * Headers that are nearly a board column: `Due` for `Due date`, `Minute taker` for
 * `Minute-taker`, `Catagory` for `Category`. Such a column is not read (its values could mean
 * something else), but it is never ignored in silence either: the parser names its cell and
 * the column it probably means (DESIGN §2).
 */

/** The words of a header, lower case, with punctuation and spacing folded away. */
function wordsOf(header: string): string[] {
  return header
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** How far apart two headers are, or null when they are not close at all. Lower is closer. */
export function headerDistance(written: string, column: string): number | null {
  const a = wordsOf(written);
  const b = wordsOf(column);
  if (a.length === 0 || b.length === 0) return null;
  const looseA = a.join('');
  const looseB = b.join('');
  // Case, spaces and punctuation only: "minute taker" / "Minute-taker".
  if (looseA === looseB) return 0;
  // One word left out or added: "Due" / "Due date", "Owner IDs" / "Owner".
  if (Math.abs(a.length - b.length) === 1) {
    const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
    if (shorter.every((word) => longer.includes(word))) return 1;
  }
  // A typing slip: one edit in a short header, two in a longer one ("Catagory", "Responsable").
  const allowed = Math.min(looseA.length, looseB.length) <= 5 ? 1 : 2;
  const edits = editDistance(looseA, looseB, allowed);
  return edits <= allowed ? 1 + edits : null;
}

/** The closest of the candidate headers to what was written, or null when none is close. */
export function closestHeader<T extends { readonly header: string }>(
  written: string,
  candidates: readonly T[],
): T | null {
  let best: T | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = headerDistance(written, candidate.header);
    if (distance !== null && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The small-number rule (DESIGN §4), written once: no figure a partner gets counts fewer than
 * `Smallest reported group` (3) people who have not agreed to be named. Such a figure is
 * withheld: null in the API, "not shown" in packs. Every partner figure about people (the
 * balance, attendance, the annual report) goes through this file.
 *
 * Withholding one figure is not enough when a partner can work it out from others: a total
 * minus the figures shown beside it gives back the one withheld. `protectTable` therefore also
 * withholds complementary figures, so that no sum of withheld figures a partner can work out
 * from one published total or one margin they know counts 1 to `smallest - 1` of those people,
 * and no withheld figure is pinned to such a number by all of them together (`pinned`). Figures
 * over a period are sums of the per-meeting figures partners already have (`sumReported`), so
 * comparing two periods reveals nothing more. Every withheld figure reads the same, whatever the
 * reason: if the complementary ones read differently, they could be told apart and solved.
 */

/** A figure about people, with the people in it who have not agreed to be named. */
export interface Tally {
  readonly value: number;
  /** Member IDs of those counted who have not agreed to be named, each once. */
  readonly withheld: readonly string[];
}

/** The rule itself: 1 to `smallest - 1` people who have not consented is too few to show. */
export function isSmallGroup(people: number, smallest: number): boolean {
  return people > 0 && people < smallest;
}

/** One figure on its own, as partners see it. */
export function reportable(tally: Tally, smallest: number): number | null {
  return isSmallGroup(tally.withheld.length, smallest) ? null : tally.value;
}

/**
 * A sum of figures partners already see, withheld when any part is. A figure over a period
 * built this way is a function of the per-meeting figures, so differencing two periods (the
 * year to 28 October minus the year to 27 October) gives nothing a partner did not have.
 */
export function sumReported(values: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const value of values) {
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

export interface ProtectedTable {
  /** Same shape as the tallies; null where withheld. */
  readonly cells: readonly (readonly (number | null)[])[];
  /** One per column; null where withheld. */
  readonly columnTotals: readonly (number | null)[];
}

export interface TableOptions {
  readonly smallest: number;
  /**
   * True when a partner can learn each row's total, and how many in it have not consented,
   * from elsewhere: a meeting's register is usually its invitee list, which partners get with
   * each invitee's constituency. Each such person must then be counted in one cell only (one
   * register row per person), and what the known rows and the shown figures pin down is
   * worked out exactly.
   */
  readonly rowTotalsKnown: boolean;
  /**
   * Cells to withhold from the start for a reason of the caller's (same shape as the tallies):
   * another rule about the same figures, say. They are then treated as any withheld cell, so
   * the complementary figures protect them too.
   */
  readonly alsoWithheld?: readonly (readonly boolean[])[];
  /** Totals to withhold from the start, one per column, for the same kind of reason. */
  readonly totalsAlsoWithheld?: readonly boolean[];
}

type Cell = readonly [row: number, column: number];

/**
 * A table of tallies (rows by columns, with published column totals) as partners may see it:
 * each figure counting too few people who have not consented is withheld (primary), then more
 * figures are withheld (complementary) until
 * - no shown total, and no known row, minus the figures shown beside it, gives back a sum of
 *   withheld figures that counts 1 to `smallest - 1` of them (a row may give back its whole
 *   self: who is in it is known anyway);
 * - with known rows, no withheld figure is pinned to 1 to `smallest - 1` by all of those
 *   together (`pinned`, which tries every spread of the people over the withheld cells).
 * The choice depends on the data only, so the same board always gives the same table.
 */
export function protectTable(
  tallies: readonly (readonly Tally[])[],
  options: TableOptions,
): ProtectedTable {
  const { smallest, rowTotalsKnown } = options;
  const rows = tallies.length;
  const columns = tallies[0]?.length ?? 0;
  const tally = ([row, column]: Cell) => tallies[row]?.[column] as Tally;
  const rowCells = (row: number): Cell[] =>
    Array.from({ length: columns }, (_, column) => [row, column] as const);
  const columnCells = (column: number): Cell[] =>
    Array.from({ length: rows }, (_, row) => [row, column] as const);
  const withheldIn = (cells: readonly Cell[]) =>
    new Set(cells.flatMap((cell) => tally(cell).withheld)).size;
  const small = (people: number) => isSmallGroup(people, smallest);
  const totalOf = (column: number) =>
    columnCells(column).reduce((sum, cell) => sum + tally(cell).value, 0);

  const hidden = tallies.map((row, rowIndex) =>
    row.map(
      (cell, column) =>
        small(cell.withheld.length) || options.alsoWithheld?.[rowIndex]?.[column] === true,
    ),
  );
  const isHidden = ([row, column]: Cell) => hidden[row]?.[column] === true;
  const hide = ([row, column]: Cell) => {
    (hidden[row] as boolean[])[column] = true;
  };
  const totalHidden = Array.from(
    { length: columns },
    (_, column) =>
      small(withheldIn(columnCells(column))) || options.totalsAlsoWithheld?.[column] === true,
  );

  /** The shown cell to withhold next: it must add people who have not consented (it then
   * holds at least `smallest` of them), and the smallest such figure loses the least. */
  const complement = (cells: readonly Cell[]): Cell | undefined =>
    cells
      .filter((cell) => !isHidden(cell) && tally(cell).withheld.length > 0)
      .sort((a, b) => tally(a).value - tally(b).value)[0];

  let changed = true;
  while (changed) {
    changed = false;
    if (rowTotalsKnown) {
      for (let row = 0; row < rows; row++) {
        const cells = rowCells(row);
        const withheld = cells.filter(isHidden);
        if (withheld.length === 0 || withheld.length === columns) continue;
        if (!small(withheldIn(withheld))) continue;
        const next = complement(cells);
        for (const cell of next ? [next] : cells) hide(cell);
        changed = true;
      }
    }
    // Nobody knows who is in a column, so when no cell can go, the total goes.
    for (let column = 0; column < columns; column++) {
      if (totalHidden[column]) continue;
      const withheld = columnCells(column).filter(isHidden);
      if (withheld.length === 0 || !small(withheldIn(withheld))) continue;
      const next = complement(columnCells(column));
      if (next) hide(next);
      else totalHidden[column] = true;
      changed = true;
    }
    if (changed || !rowTotalsKnown) continue;
    // Rows and totals together can still pin a withheld figure down; a total less goes.
    const pins = pinned(tallies, hidden, totalHidden, smallest);
    if (pins === null) continue;
    const shownTotals = totalHidden.flatMap((isWithheld, column) => (isWithheld ? [] : [column]));
    const target =
      pins.column !== null && !totalHidden[pins.column]
        ? pins.column
        : shownTotals.sort((a, b) => totalOf(a) - totalOf(b))[0];
    if (target !== undefined) {
      totalHidden[target] = true;
      changed = true;
    } else {
      // No totals left: only the known rows pin it, so the rest of its row goes (if any is left).
      const shown = rowCells(pins.row ?? 0).filter((cell) => !isHidden(cell));
      for (const cell of shown) hide(cell);
      changed = shown.length > 0;
    }
  }

  return {
    cells: tallies.map((row, rowIndex) =>
      row.map((cell, column) => (hidden[rowIndex]?.[column] ? null : cell.value)),
    ),
    columnTotals: Array.from({ length: columns }, (_, column) =>
      totalHidden[column] ? null : totalOf(column),
    ),
  };
}

/** All ways to put `total` people into `parts` cells. */
function spreads(total: number, parts: number): number[][] {
  if (parts === 0) return total === 0 ? [[]] : [];
  if (parts === 1) return [[total]];
  const out: number[][] = [];
  for (let first = 0; first <= total; first++) {
    for (const rest of spreads(total - first, parts - 1)) out.push([first, ...rest]);
  }
  return out;
}

/**
 * What a partner who knows each row's number of people who have not consented, every shown
 * cell and every shown total can be sure of: the first withheld cell or total whose number of
 * such people is the same in every arrangement consistent with all of that, and is 1 to
 * `smallest - 1`; null when there is none. Rows are taken one at a time, keeping only the
 * column sums so far, so the work grows with the number of people, not their arrangements.
 */
export function pinned(
  tallies: readonly (readonly Tally[])[],
  hidden: readonly (readonly boolean[])[],
  totalHidden: readonly boolean[],
  smallest: number,
): { row: number | null; column: number | null } | null {
  const rows = tallies.length;
  const columns = tallies[0]?.length ?? 0;
  const people = tallies.map((row) => row.map((cell) => cell.withheld.length));
  const open = hidden.map((row) => row.flatMap((isHidden, column) => (isHidden ? [column] : [])));
  // Each row's choices: its people not in shown cells, spread over its withheld cells.
  const choices = people.map((row, index) => {
    const free = row.reduce((sum, n, column) => (hidden[index]?.[column] ? sum + n : sum), 0);
    return spreads(free, open[index]?.length ?? 0).map((spread) => {
      const sums = row.map((n, column) => (hidden[index]?.[column] ? 0 : n));
      for (const [at, n] of spread.entries()) {
        const column = open[index]?.[at] as number;
        sums[column] = (sums[column] ?? 0) + n;
      }
      return { spread, sums };
    });
  });
  const target = Array.from({ length: columns }, (_, column) =>
    people.reduce((sum, row) => sum + (row[column] ?? 0), 0),
  );
  const key = (sums: readonly number[]) => sums.join(',');
  const add = (a: readonly number[], b: readonly number[]) => a.map((n, i) => n + (b[i] ?? 0));
  const fits = (sums: readonly number[]) =>
    sums.every((n, column) => totalHidden[column] || n === target[column]);
  const within = (sums: readonly number[]) =>
    sums.every((n, column) => totalHidden[column] || n <= (target[column] ?? 0));

  // before[r]: column sums reachable by rows before r; after[r]: by rows r and after.
  const before: Map<string, number[]>[] = [
    new Map([[key(target.map(() => 0)), target.map(() => 0)]]),
  ];
  for (let row = 0; row < rows; row++) {
    const next = new Map<string, number[]>();
    for (const sums of before[row]?.values() ?? []) {
      for (const choice of choices[row] ?? []) {
        const total = add(sums, choice.sums);
        if (within(total)) next.set(key(total), total);
      }
    }
    before.push(next);
  }
  const after: Map<string, number[]>[] = [];
  after[rows] = new Map([[key(target.map(() => 0)), target.map(() => 0)]]);
  for (let row = rows - 1; row >= 0; row--) {
    const next = new Map<string, number[]>();
    for (const sums of after[row + 1]?.values() ?? []) {
      for (const choice of choices[row] ?? []) {
        const total = add(sums, choice.sums);
        if (within(total)) next.set(key(total), total);
      }
    }
    after[row] = next;
  }

  const sure = (values: ReadonlySet<number>) => {
    const [only] = [...values];
    return values.size === 1 && only !== undefined && isSmallGroup(only, smallest);
  };
  // A withheld cell: the values it takes in the arrangements that fit. Only the columns with a
  // shown total constrain the rows after this one, so those are all that is looked up.
  const shownPart = (sums: readonly number[]) =>
    sums.map((n, column) => (totalHidden[column] ? 0 : n));
  for (let row = 0; row < rows; row++) {
    const seen = (open[row] ?? []).map(() => new Set<number>());
    const rest = new Set([...(after[row + 1]?.values() ?? [])].map((sums) => key(shownPart(sums))));
    const sofar = [...(before[row]?.values() ?? [])];
    for (const choice of choices[row] ?? []) {
      const possible = sofar.some((sums) => {
        const needed = target.map(
          (n, column) => n - (sums[column] ?? 0) - (choice.sums[column] ?? 0),
        );
        return rest.has(key(shownPart(needed)));
      });
      if (!possible) continue;
      for (const [at, n] of choice.spread.entries()) seen[at]?.add(n);
    }
    const at = seen.findIndex(sure);
    if (at !== -1) return { row, column: open[row]?.[at] ?? null };
  }
  // A withheld total: the values its column adds up to in the arrangements that fit.
  for (let column = 0; column < columns; column++) {
    if (!totalHidden[column]) continue;
    const values = new Set(
      [...(before[rows]?.values() ?? [])].filter(fits).map((sums) => sums[column] ?? 0),
    );
    if (sure(values)) return { row: null, column };
  }
  return null;
}

/**
 * The small-number rule (DESIGN §4, schema/small-numbers.ts): a figure counting 1 or 2 people
 * who have not consented is withheld, and so is whatever would let a partner work it out again.
 * The audit below plays the partner: it knows the named people's attendance (packs name them),
 * each row's total and who is in it (the invitee lists), and every figure shown; it tries every
 * way the others could have attended, and fails if a withheld figure can only be 1 or 2.
 */
import { describe, expect, it } from 'vitest';
import { attendanceTallies, partnerAttendance, partnerBalance } from '../schema/partner-figures';
import { attendanceByConstituency } from '../schema/rules';
import {
  isSmallGroup,
  type ProtectedTable,
  protectTable,
  reportable,
  sumReported,
  type Tally,
} from '../schema/small-numbers';
import { buildSnapshot } from '../schema/snapshot';
import { demoSnapshot } from './packs-fixtures';
import { FIXTURE_GRIDS } from './support/partner-fixture';

const tally = (value: number, ...withheld: string[]): Tally => ({ value, withheld });

describe('the rule', () => {
  it('withholds 1 to smallest - 1 people who have not consented, never 0 or more', () => {
    expect([0, 1, 2, 3, 4].map((people) => isSmallGroup(people, 3))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(reportable(tally(5), 3)).toBe(5);
    expect(reportable(tally(5, 'a'), 3)).toBeNull();
    expect(reportable(tally(5, 'a', 'b', 'c'), 3)).toBe(5);
    expect(reportable(tally(5, 'a', 'b', 'c'), 5)).toBeNull();
  });

  it('adds figures up only when every part is shown', () => {
    expect(sumReported([1, 2, 3])).toBe(6);
    expect(sumReported([1, null, 3])).toBeNull();
    expect(sumReported([])).toBe(0);
  });
});

describe('protectTable', () => {
  it('withholds the cells that count too few, and the totals that would give them back', () => {
    const table = protectTable(
      [
        [tally(4, 'a', 'b', 'c'), tally(0)],
        [tally(2), tally(1, 'd')],
      ],
      { smallest: 3, rowTotalsKnown: false },
    );
    // Column 2: its total minus the 0 shown would give d's cell back, and no other cell in it
    // counts anyone withheld, so the total goes.
    expect(table).toEqual({
      cells: [
        [4, 0],
        [2, null],
      ],
      columnTotals: [6, null],
    });
  });

  it('withholds the rest of a known row rather than let its total give a cell away', () => {
    // The Council row of the demo's October meeting: M13 alone (withheld) came; M04 (named)
    // was absent. Shown zeros would say where M13 was not, and the invitee list says how many.
    const table = protectTable(
      [
        [tally(3, 'M13'), tally(0), tally(1)],
        [tally(1), tally(0), tally(0)],
      ],
      { smallest: 3, rowTotalsKnown: true },
    );
    expect(table.cells[0]).toEqual([null, null, null]);
    expect(table.cells[1]).toEqual([1, 0, 0]);
  });

  it('keeps a figure that counts enough people who have not consented', () => {
    const table = protectTable([[tally(3, 'a', 'b', 'c'), tally(0), tally(1)]], {
      smallest: 3,
      rowTotalsKnown: true,
    });
    expect(table).toEqual({ cells: [[3, 0, 1]], columnTotals: [3, 0, 1] });
  });

  it('is the same table for the same tallies (packs keep their bytes)', () => {
    const tallies = attendanceTallies(demoSnapshot(), 'MT-2026-10');
    const options = { smallest: 3, rowTotalsKnown: true };
    expect(protectTable(tallies, options)).toEqual(protectTable(tallies, options));
  });
});

/** Every way the withheld people of each row could be spread over the columns. */
function compositions(total: number, parts: number): number[][] {
  if (parts === 1) return [[total]];
  const out: number[][] = [];
  for (let first = 0; first <= total; first++) {
    for (const rest of compositions(total - first, parts - 1)) out.push([first, ...rest]);
  }
  return out;
}

/**
 * The partner's view: withheld people per row (public), shown cells and totals less their named
 * part (known), and all else open. Returns the withheld figures that every consistent board
 * agrees on and that count 1 to smallest - 1 people: those are leaks.
 */
function audit(tallies: readonly (readonly Tally[])[], shown: ProtectedTable, smallest: number) {
  const columns = tallies[0]?.length ?? 0;
  const withheld = tallies.map((row) => row.map((cell) => cell.withheld.length));
  const named = tallies.map((row, r) => row.map((cell, c) => cell.value - (withheld[r]?.[c] ?? 0)));
  const totalKnown = shown.columnTotals.map((total, c) =>
    total === null ? null : total - named.reduce((sum, row) => sum + (row[c] ?? 0), 0),
  );
  const options = tallies.map((row, r) =>
    compositions(
      row.reduce((sum, cell) => sum + cell.withheld.length, 0),
      columns,
    ).filter((spread) =>
      spread.every((people, c) => shown.cells[r]?.[c] === null || people === withheld[r]?.[c]),
    ),
  );
  const seenCells = tallies.map((row) => row.map(() => new Set<number>()));
  const seenTotals = Array.from({ length: columns }, () => new Set<number>());
  const chosen: number[][] = [];
  const search = (row: number) => {
    if (row === tallies.length) {
      const sums = Array.from({ length: columns }, (_, c) =>
        chosen.reduce((sum, spread) => sum + (spread[c] ?? 0), 0),
      );
      if (sums.some((sum, c) => totalKnown[c] !== null && totalKnown[c] !== sum)) return;
      for (const [r, spread] of chosen.entries()) {
        for (const [c, people] of spread.entries()) seenCells[r]?.[c]?.add(people);
      }
      for (const [c, sum] of sums.entries()) seenTotals[c]?.add(sum);
      return;
    }
    for (const spread of options[row] ?? []) {
      chosen.push(spread);
      search(row + 1);
      chosen.pop();
    }
  };
  search(0);
  const pinned = (values: Set<number>) => {
    const [only] = [...values];
    return values.size === 1 && only !== undefined && isSmallGroup(only, smallest);
  };
  const leaks: string[] = [];
  seenCells.forEach((row, r) => {
    row.forEach((values, c) => {
      if (shown.cells[r]?.[c] === null && pinned(values))
        leaks.push(`cell ${r},${c} = ${[...values]}`);
    });
  });
  seenTotals.forEach((values, c) => {
    if (shown.columnTotals[c] === null && pinned(values)) leaks.push(`total ${c} = ${[...values]}`);
  });
  return leaks;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

describe('differencing: what a partner can work out from a protected table', () => {
  const options = { smallest: 3, rowTotalsKnown: true };

  it('gives back no withheld figure of any meeting of the demo or the fixture board', () => {
    for (const board of [demoSnapshot(), buildSnapshot(FIXTURE_GRIDS)]) {
      for (const meeting of board.meetings) {
        const tallies = attendanceTallies(board, meeting.id);
        const leaks = audit(tallies, protectTable(tallies, options), 3);
        expect(leaks, meeting.id).toEqual([]);
      }
    }
  });

  it('gives back no withheld figure of 2,000 random attendance tables', () => {
    const next = random(20261122);
    for (let run = 0; run < Number(process.env.AUDIT_RUNS ?? 2000); run++) {
      let person = 0;
      // Some tables with a few people who have not consented, some with many.
      const dense = next(2) === 0;
      const tallies = Array.from({ length: 2 + next(4) }, () =>
        Array.from({ length: 3 }, () => {
          const withheld = Array.from(
            { length: dense ? next(5) : next(3) === 0 ? next(4) : 0 },
            () => `p${person++}`,
          );
          return tally(withheld.length + next(3), ...withheld);
        }),
      );
      const leaks = audit(tallies, protectTable(tallies, options), 3);
      expect(leaks, JSON.stringify(tallies)).toEqual([]);
    }
  }, 600_000);
});

describe('the board figures partners get', () => {
  it('are the officers’ counts wherever shown', () => {
    for (const board of [demoSnapshot(), buildSnapshot(FIXTURE_GRIDS)]) {
      for (const meeting of board.meetings) {
        const officer = attendanceByConstituency(board, [meeting.id]);
        partnerAttendance(board, meeting.id).byConstituency.forEach((row, index) => {
          for (const key of ['present', 'apologies', 'absent'] as const) {
            if (row[key] !== null) expect(row[key]).toBe(officer[index]?.[key]);
          }
        });
      }
    }
    const balance = partnerBalance(demoSnapshot());
    expect(balance.activeMembers).toBe(17);
    expect(balance.counts.find((row) => row.constituency === 'Resident')?.count).toBe(7);
  });

  it('follow the Smallest reported group setting', () => {
    const board = buildSnapshot({
      ...FIXTURE_GRIDS,
      Settings: [
        ['Key', 'Value'],
        ['Smallest reported group', 2],
      ],
    });
    expect(board.settings.smallestReportedGroup).toBe(2);
    // MTG-C: two who have not consented sent apologies; with 2 that is enough to show.
    expect(partnerAttendance(board, 'MTG-C').byConstituency[0]?.apologies).toBe(2);
    const strict = buildSnapshot({
      ...FIXTURE_GRIDS,
      Settings: [
        ['Key', 'Value'],
        ['Smallest reported group', 1],
      ],
    });
    // 1 would show everything: it is refused, and the default kept.
    expect(strict.settings.smallestReportedGroup).toBe(3);
    expect(strict.issues.map((issue) => issue.message).join(' ')).toContain(
      'Smallest reported group: must be at least 2',
    );
  });
});

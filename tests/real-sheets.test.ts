/**
 * Sheets shaped the way officers keep them (issue: real sheets): Yes/No columns turned into
 * checkboxes, renamed columns, duplicated IDs. Each case is a change to the demo board, and
 * the check must say exactly what it says of the demo board, or name the one thing changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FORMULA_WITHOUT_VALUE,
  type RawCell,
  type RawGrid,
  type WorkbookGrids,
} from '../schema/grid';
import { cellLabel } from '../schema/issues';
import { closestHeader, headerDistance } from '../schema/near-miss';
import { followUp, membershipCheck } from '../schema/rules';
import { buildSnapshot } from '../schema/snapshot';
import { formatCheckReport } from '../server/cli/check-report';
import { readXlsxGrids } from '../server/sources/xlsx-grids';

const DEMO_TODAY = '2026-11-22';
const demo = (): WorkbookGrids =>
  readXlsxGrids(readFileSync(new URL('../server/demo/demo-board.xlsx', import.meta.url)));

function checkText(grids: WorkbookGrids): string {
  const snapshot = buildSnapshot(grids);
  return formatCheckReport(snapshot, membershipCheck(snapshot, DEMO_TODAY), {
    source: 'the demo board',
    today: DEMO_TODAY,
  }).text;
}

function columnOf(grid: RawGrid, header: string): number {
  const index = (grid[0] ?? []).indexOf(header);
  if (index === -1) throw new Error(`no ${header} column`);
  return index;
}

/** The tab with a Yes/No column as checkboxes: TRUE/FALSE, and FALSE down to row `until`. */
function asCheckboxes(grid: RawGrid, header: string, until: number): RawGrid {
  const column = columnOf(grid, header);
  const rows: RawCell[][] = grid.map((row) => [...row]);
  for (let index = 1; index < until; index++) {
    const row = rows[index] ?? [];
    const value = row[column];
    row[column] = typeof value === 'string' ? value.trim().toLowerCase() === 'yes' : false;
    rows[index] = row;
  }
  return rows;
}

function renameHeader(grid: RawGrid, from: string, to: string): RawGrid {
  const rows = grid.map((row) => [...row]);
  (rows[0] as RawCell[])[columnOf(grid, from)] = to;
  return rows;
}

describe('Yes/No columns as checkboxes', () => {
  it('reads the demo board with checkboxes down to row 1,000 exactly as the demo board', () => {
    const grids = demo();
    const boxed = {
      ...grids,
      Members: asCheckboxes(grids.Members as RawGrid, 'Name in circulation', 1000),
      Meetings: asCheckboxes(grids.Meetings as RawGrid, 'Circulate to DMT', 1000),
    };
    expect((boxed.Members as RawGrid).length).toBe(1000);
    expect(checkText(boxed)).toBe(checkText(grids));
    const before = buildSnapshot(grids);
    const after = buildSnapshot(boxed);
    expect(after.members).toEqual(before.members);
    expect(after.meetings).toEqual(before.meetings);
  });

  it('still reads a ticked box as Yes in a row that has other values', () => {
    const grids = demo();
    const members = asCheckboxes(grids.Members as RawGrid, 'Name in circulation', 30);
    const snapshot = buildSnapshot({ ...grids, Members: members });
    expect(snapshot.members.some((member) => member.nameInCirculation)).toBe(true);
  });
});

describe('near-miss headers', () => {
  it('knows a renamed column when it sees one, and leaves other extra columns alone', () => {
    expect(headerDistance('Due', 'Due date')).not.toBeNull();
    expect(headerDistance('Minute taker', 'Minute-taker')).toBe(0);
    expect(headerDistance('Catagory', 'Category')).not.toBeNull();
    expect(headerDistance('Responsable', 'Responsible')).not.toBeNull();
    expect(headerDistance('Comments', 'Notes')).toBeNull();
    expect(headerDistance('RAG rating', 'Status')).toBeNull();
    expect(closestHeader('due', [{ header: 'Done on' }, { header: 'Due date' }])?.header).toBe(
      'Due date',
    );
  });

  it('names the cell of a renamed optional column, and R12 says it cannot judge due dates', () => {
    const grids = demo();
    const actions = renameHeader(grids.Actions as RawGrid, 'Due date', 'Due');
    const snapshot = buildSnapshot({ ...grids, Actions: actions });
    const cell = `Actions!${String.fromCharCode(65 + columnOf(actions, 'Due'))}1`;
    const warning = snapshot.issues.find((issue) => cellLabel(issue) === cell);
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toBe(
      '"Due" is not a board column; did you mean "Due date"? Its values are ignored until it is renamed. Until then the board cannot tell which actions are overdue or due before the next meeting (R12).',
    );
    // The impossible due date in F58 is no longer read, so it is no longer reported.
    expect(snapshot.issues.some((issue) => issue.cell === 'F58')).toBe(false);
    const list = followUp(snapshot, DEMO_TODAY);
    expect(list.dueDatesKnown).toBe(false);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.flatMap((item) => item.reasons)).not.toContain('no due date');
    expect(followUp(buildSnapshot(grids), DEMO_TODAY).dueDatesKnown).toBe(true);
  });

  it('gives R11 one warning, not an error per meeting, when Minute-taker is renamed', () => {
    const grids = demo();
    const meetings = renameHeader(grids.Meetings as RawGrid, 'Minute-taker', 'Minute taker');
    const snapshot = buildSnapshot({ ...grids, Meetings: meetings });
    const r11 = membershipCheck(snapshot, DEMO_TODAY).filter((finding) => finding.rule === 'R11');
    expect(r11).toHaveLength(1);
    expect(r11[0]?.severity).toBe('warning');
    expect(r11[0]?.message).toContain('the Meetings tab has no "Minute-taker" column');
    const nearMiss = snapshot.issues.filter((issue) => issue.message.includes('"Minute taker"'));
    expect(nearMiss).toHaveLength(1);
    expect(nearMiss[0]?.message).toContain('did you mean "Minute-taker"?');
  });

  it('hints at the probable column when a required header is renamed', () => {
    const grids = demo();
    const actions = renameHeader(grids.Actions as RawGrid, 'Status', 'Staus');
    const snapshot = buildSnapshot({ ...grids, Actions: actions });
    const unusable = snapshot.issues.find(
      (issue) => issue.sheet === 'Actions' && issue.severity === 'error',
    );
    expect(unusable?.message).toContain('cannot be read: it has no "Status" header');
    expect(unusable?.message).toContain('"Staus" in ');
    expect(unusable?.message).toContain('may be it: rename it "Status".');
  });
});

describe('duplicated IDs', () => {
  it('is one data issue naming both cells, and references resolve to the first row', () => {
    const grids = demo();
    const members = (grids.Members as RawGrid).map((row) => [...row]);
    const idColumn = columnOf(members, 'Member ID');
    const original = members.findIndex((row) => row[idColumn] === 'M07');
    const copy = [...(members[original] as RawCell[])];
    copy[columnOf(members, 'Name')] = 'Somebody Else';
    members.push(copy);
    const before = buildSnapshot(grids);
    const after = buildSnapshot({ ...grids, Members: members });
    const added = after.issues.filter(
      (issue) => !before.issues.some((old) => old.message === issue.message),
    );
    expect(added).toHaveLength(1);
    expect(added[0]?.cell).toBe(`A${members.length}`);
    expect(added[0]?.message).toContain(
      `already used in row ${original + 1} (Members!A${original + 1})`,
    );
    expect(after.memberById.get('M07')?.name).toBe(before.memberById.get('M07')?.name);
  });
});

describe('a Settings value that is a formula saved without its value', () => {
  it('is named as such, and the default is used', () => {
    const snapshot = buildSnapshot({
      Settings: [
        ['Key', 'Value'],
        ['Member cap', FORMULA_WITHOUT_VALUE],
      ],
    });
    expect(snapshot.settings.memberCap).toBe(20);
    const issue = snapshot.issues.find((candidate) => candidate.cell === 'B2');
    expect(issue?.message).toContain('has a formula whose value was never stored');
    expect(issue?.message).toContain('The default is used instead.');
  });
});

/**
 * Issue #10, item 1: no per-request work that belongs to the snapshot. The actions are sorted
 * once per snapshot (in natural ID order, by `sortByIds`, which must order exactly as
 * `compareIds`), and `actions(first, after, ...)` pages from the snapshot's lists without
 * sorting, giving the same pages as filtering and sorting every time would.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOverdue } from '../schema/actions';
import { londonToday } from '../schema/dates';
import type { RawCell, WorkbookGrids } from '../schema/grid';
import type { Action } from '../schema/records';
import { compareIds, sortByIds } from '../schema/rules/wording';
import { buildSnapshot } from '../schema/snapshot';
import { withShuffledActions } from '../scripts/bench-kit';
import { OFFICER_TOKEN, readOnceStatus, testServer } from './support/board-server';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('natural ID order, sorted once', () => {
  const id = fc.oneof(
    // Board-style IDs: a prefix and a number, sometimes with leading zeros or more parts.
    fc
      .tuple(
        fc.constantFrom('A-', 'a-', 'A', 'ACT-', 'A-1-', 'B ', ''),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom('', '0', '00'),
        fc.constantFrom('', 'b', '-2'),
      )
      .map(([prefix, n, zeros, suffix]) => `${prefix}${zeros}${n}${suffix}`),
    // Anything else people type, other scripts and digits included.
    fc.string({ maxLength: 6 }),
    fc.constantFrom('x٣01', 'x٣9', 'A-٣', 'A-1000000000000000001', 'A-999999999999999', 'É-1'),
  );

  it('sortByIds orders exactly as compareIds, stably', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 60 }), (ids) => {
        const items = ids.map((value, index) => ({ value, index }));
        const expected = [...items].sort(
          (a, b) => compareIds(a.value, b.value) || a.index - b.index,
        );
        expect(sortByIds(items, (item) => item.value)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('builds the snapshot’s ID orders once, in compareIds order', () => {
    const snapshot = buildSnapshot(board(300));
    const ids = snapshot.actionsInIdOrder.map((action) => action.id);
    expect(ids).toEqual([...ids].sort(compareIds));
    expect(new Set(snapshot.actionsInIdOrder)).toEqual(new Set(snapshot.actions));
    for (const [owner, owned] of snapshot.actionsByOwner) {
      expect(owned).toEqual(
        snapshot.actionsInIdOrder.filter((action) => action.ownerIds.includes(owner)),
      );
    }
    for (const [meeting, raised] of snapshot.actionsByMeeting) {
      expect(raised).toEqual(
        snapshot.actionsInIdOrder.filter((action) => action.meetingId === meeting),
      );
    }
    expect(Object.isFrozen(snapshot.actionsInIdOrder)).toBe(true);
    expect(() => (snapshot.actionsByOwner as Map<string, unknown>).set('M1', [])).toThrow(
      /read-only/,
    );
  });
});

describe('Query.actions paging', () => {
  const ACTIONS = 400;
  const snapshot = buildSnapshot(board(ACTIONS));
  const cache = {
    get: async () => ({
      snapshot,
      readAt: Date.parse('2025-06-01T11:59:00Z'),
      stale: null,
      version: 1,
    }),
    status: readOnceStatus,
  };
  const server = testServer({ cache, now: new Date('2025-06-01T12:00:00Z') });
  const today = londonToday(new Date('2025-06-01T12:00:00Z'));

  type Page = {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string } }[];
  };
  /** Pages through with `first`, each page a different query text so none is a cached hit. */
  async function pageThrough(
    filters: string,
    first: number,
  ): Promise<{ ids: string[]; total: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 1_000; page++) {
      const args = [`first: ${first}`, filters, after ? `after: "${after}"` : ''].filter(Boolean);
      const { body } = await server.query(
        OFFICER_TOKEN,
        `{ page${page}: actions(${args.join(', ')}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
      );
      expect(body.errors).toBeUndefined();
      const result = body.data?.[`page${page}`] as Page;
      if (total === -1) total = result.totalCount;
      expect(result.totalCount).toBe(total);
      ids.push(...result.edges.map((edge) => edge.node.id));
      expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor ?? null);
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    return { ids, total };
  }

  /** What the answer must be: every action through the filter, sorted by ID. */
  const expected = (keep: (action: Action) => boolean) =>
    [...snapshot.actions]
      .filter(keep)
      .sort((a, b) => compareIds(a.id, b.id))
      .map((action) => action.id);

  const cases: [string, string, (action: Action) => boolean][] = [
    ['no filter', '', () => true],
    ['one status', 'status: [OPEN]', (action) => action.status === 'Open'],
    [
      'two statuses',
      'status: [OPEN, DONE]',
      (action) => action.status === 'Open' || action.status === 'Done',
    ],
    ['no status at all', 'status: []', () => false],
    ['an owner', 'ownerId: "M3"', (action) => action.ownerIds.includes('M3')],
    ['an owner nobody is', 'ownerId: "M999"', () => false],
    ['a project', 'projectId: "P1"', (action) => action.projectId === 'P1'],
    [
      'owner, status and overdue',
      `ownerId: "M2", status: [OPEN, IN_PROGRESS], overdueOn: "${today}"`,
      (action) =>
        action.ownerIds.includes('M2') &&
        ['Open', 'In progress'].includes(action.status) &&
        isOverdue(action, today),
    ],
  ];

  it.each(cases)(
    'pages %s in ID order, as filtering and sorting would',
    async (_name, filters, keep) => {
      for (const first of [7, 50]) {
        const { ids, total } = await pageThrough(filters, first);
        expect(ids).toEqual(expected(keep));
        expect(total).toBe(ids.length);
      }
    },
  );

  it('sorts nothing the size of the board to answer a page', async () => {
    const sort = vi.spyOn(Array.prototype, 'sort');
    const middle = snapshot.actionsInIdOrder[ACTIONS / 2] as Action;
    const cursor = Buffer.from(`action:${middle.id}`, 'utf8').toString('base64url');
    for (const [index, filters] of [
      '',
      `after: "${cursor}"`,
      'status: [OPEN]',
      'ownerId: "M3"',
      `status: [OPEN, IN_PROGRESS], overdueOn: "${today}"`,
    ].entries()) {
      const { body } = await server.query(
        OFFICER_TOKEN,
        `{ q${index}: actions(first: 50${filters ? `, ${filters}` : ''}) { totalCount edges { node { id owners { name } } } } }`,
      );
      expect(body.errors).toBeUndefined();
    }
    // Sorting a page's owners (two or three people) is fine; sorting the actions is not.
    const sortedLengths = sort.mock.contexts.map((array) => (array as unknown[]).length);
    expect(Math.max(0, ...sortedLengths)).toBeLessThan(50);
  });

  it('refuses a cursor that is not in the filtered list', async () => {
    const closed = snapshot.actionsInIdOrder.find((action) => action.status === 'Done') as Action;
    const cursor = Buffer.from(`action:${closed.id}`, 'utf8').toString('base64url');
    for (const filters of [
      'status: [OPEN]',
      `status: [OPEN, IN_PROGRESS], overdueOn: "${today}"`,
    ]) {
      const { body } = await server.query(
        OFFICER_TOKEN,
        `{ actions(first: 5, ${filters}, after: "${cursor}") { totalCount } }`,
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

/** A board with `count` actions over a few owners, projects and statuses, IDs shuffled. */
function board(count: number): WorkbookGrids {
  const members: RawCell[][] = [
    ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'],
  ];
  for (let index = 1; index <= 6; index++) {
    members.push([
      `M${index}`,
      `Member ${index}`,
      'Member',
      'Provider',
      'Provider',
      45259,
      'Active',
    ]);
  }
  const statuses = ['Open', 'In progress', 'Done', 'Dropped'];
  const actions: RawCell[][] = [
    ['Action ID', 'Meeting ID', 'Project ID', 'Action', 'Owner', 'Due date', 'Status'],
  ];
  for (let index = 0; index < count; index++) {
    actions.push([
      // Mixed styles, as officers type them: most A-n, some with another prefix or zeros.
      index % 11 === 0 ? `ACT-${index}` : index % 13 === 0 ? `A-0${index}` : `A-${index}`,
      `MT-${index % 4}`,
      index % 3 === 0 ? 'P1' : index % 3 === 1 ? 'P2' : null,
      `Action ${index}`,
      index % 7 === 0 ? null : `M${1 + (index % 6)}, M${1 + ((index + 2) % 6)}`,
      45_600 + (index % 200),
      statuses[index % 4] as string,
    ]);
  }
  return withShuffledActions({
    Members: members,
    Meetings: [
      ['Meeting ID', 'Date', 'Status'],
      ...[0, 1, 2, 3].map((month) => [`MT-${month}`, 45_300 + 30 * month, 'Held']),
    ],
    Actions: actions,
    Projects: [
      ['Project ID', 'Name', 'Stage', 'Phase', 'Status'],
      ['P1', 'One', 'Planning', 'Initiation', 'Active'],
      ['P2', 'Two', 'Purchasing', 'During', 'Active'],
    ],
  });
}

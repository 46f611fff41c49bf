import { GraphQLError } from 'graphql';
import type { Action } from '../../../schema/records';
import { compareIds, isOverdue } from '../../../schema/rules';
import { requireTab, sheetIdFromArgument } from '../access';
import type { BoardContext } from '../context';
import type { QueryActionsArgs, Resolvers, ResolversTypes } from '../generated/resolvers-types';
import { membersByIds } from './members';

export const MAX_PAGE_SIZE = 200;

export const actionResolvers: Resolvers['Action'] = {
  owners: (action, _args, context) => membersByIds(context, action.ownerIds),
  overdue: (action, _args, context) => isOverdue(action, context.today),
  meeting: (action, _args, context) => context.snapshot.meetingById.get(action.meetingId) ?? null,
  project: (action, _args, context) =>
    action.projectId === null ? null : (context.snapshot.projectById.get(action.projectId) ?? null),
};

/** Cursors are opaque to clients; inside they carry the action ID, which is stable. */
function cursorOf(action: Action): string {
  return Buffer.from(`action:${action.id}`, 'utf8').toString('base64url');
}

function idFromCursor(cursor: string): string | null {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  return decoded.startsWith('action:') ? decoded.slice('action:'.length) : null;
}

function badArgument(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}" ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}

const NO_ACTIONS: readonly Action[] = [];

/**
 * `Query.actions`: filtered, in natural ID order, paged with cursors. Nothing is sorted here:
 * the snapshot keeps the actions in ID order, and each owner's, project's and status's too, so
 * a page starts from the shortest of those lists that the filters allow. With no filter beyond
 * that list's own, a page costs its own length plus a binary search for the cursor, however many
 * actions the board has; other filters are tested on that list's actions as they are counted.
 */
export function actionConnection(
  context: BoardContext,
  args: QueryActionsArgs & { first: number },
): ResolversTypes['ActionConnection'] {
  requireTab(context, 'Actions');
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw badArgument('first', `must be between 1 and ${MAX_PAGE_SIZE}; got ${args.first}.`);
  }
  const { snapshot } = context;
  const { status, projectId, overdueOn } = args;
  // The owner as the asker names them (an opaque ID from a partner); an ID that names nobody
  // matches no action, so a partner cannot test which sheet IDs own actions.
  const ownerId =
    args.ownerId == null ? null : (sheetIdFromArgument(context, args.ownerId) ?? undefined);

  // Start from the shortest list in ID order that holds every action the filters let through.
  const all = snapshot.actionsInIdOrder;
  let candidates = all;
  const consider = (list: readonly Action[] | undefined) => {
    if ((list ?? NO_ACTIONS).length < candidates.length) candidates = list ?? NO_ACTIONS;
  };
  if (ownerId !== null)
    consider(ownerId === undefined ? NO_ACTIONS : snapshot.actionsByOwner.get(ownerId));
  if (projectId != null) consider(snapshot.actionsByProject.get(projectId));
  if (status && status.length <= 1) {
    const only = status[0];
    consider(only === undefined ? NO_ACTIONS : snapshot.actionsByStatus.get(only));
  }
  const filters =
    Number(ownerId !== null) +
    Number(projectId != null) +
    Number(status != null) +
    Number(overdueOn != null);
  // The list is exactly the answer when it is the one filter's own list (or the whole list and
  // there is no filter), or when it is empty.
  const exact = candidates.length === 0 || filters === (candidates === all ? 0 : 1);
  const matches = (action: Action) =>
    (!status || status.includes(action.status)) &&
    (ownerId === null || (ownerId !== undefined && action.ownerIds.includes(ownerId))) &&
    (projectId == null || action.projectId === projectId) &&
    (overdueOn == null || isOverdue(action, overdueOn));

  const afterId = args.after == null ? null : idFromCursor(args.after);
  const notACursor = () =>
    badArgument('after', 'is not a cursor from this list of actions; start again without it.');
  if (args.after != null && afterId === null) throw notACursor();

  const page: Action[] = [];
  let totalCount: number;
  let hasNextPage: boolean;
  if (exact) {
    let start = 0;
    if (afterId !== null) {
      const at = positionOf(candidates, afterId);
      if (at === -1) throw notACursor();
      start = at + 1;
    }
    const end = Math.min(candidates.length, start + args.first);
    for (let index = start; index < end; index++) page.push(candidates[index] as Action);
    totalCount = candidates.length;
    hasNextPage = end < candidates.length;
  } else {
    // One pass: count every match, and take the page after the cursor's action.
    let cursorSeen = afterId === null;
    totalCount = 0;
    hasNextPage = false;
    for (const action of candidates) {
      if (!matches(action)) continue;
      totalCount++;
      if (!cursorSeen) {
        cursorSeen = action.id === afterId;
      } else if (page.length < args.first) {
        page.push(action);
      } else {
        hasNextPage = true;
      }
    }
    if (!cursorSeen) throw notACursor();
  }
  const last = page[page.length - 1];
  return {
    edges: page.map((action) => ({ node: action, cursor: cursorOf(action) })),
    pageInfo: { hasNextPage, endCursor: last ? cursorOf(last) : null },
    totalCount,
  };
}

/** Where the action with this ID is in a list in ID order (binary search), or -1. */
function positionOf(actions: readonly Action[], id: string): number {
  let low = 0;
  let high = actions.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = (actions[middle] as Action).id;
    if (found === id) return middle;
    if (compareIds(found, id) < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

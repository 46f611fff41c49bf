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

/** `Query.actions`: filtered, in natural ID order, paged with cursors. */
export function actionConnection(
  context: BoardContext,
  args: QueryActionsArgs & { first: number },
): ResolversTypes['ActionConnection'] {
  requireTab(context, 'Actions');
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw badArgument('first', `must be between 1 and ${MAX_PAGE_SIZE}; got ${args.first}.`);
  }
  const { status, projectId, overdueOn } = args;
  // The owner as the asker names them (an opaque ID from a partner); an ID that names nobody
  // matches no action, so a partner cannot test which sheet IDs own actions.
  const ownerId =
    args.ownerId == null ? null : (sheetIdFromArgument(context, args.ownerId) ?? undefined);
  const matching = context.snapshot.actions
    .filter(
      (action) =>
        (!status || status.includes(action.status)) &&
        (ownerId === null || (ownerId !== undefined && action.ownerIds.includes(ownerId))) &&
        (projectId == null || action.projectId === projectId) &&
        (overdueOn == null || isOverdue(action, overdueOn)),
    )
    .sort((a, b) => compareIds(a.id, b.id));

  let start = 0;
  if (args.after != null) {
    const afterId = idFromCursor(args.after);
    const index = afterId === null ? -1 : matching.findIndex((action) => action.id === afterId);
    if (index === -1) {
      throw badArgument(
        'after',
        'is not a cursor from this list of actions; start again without it.',
      );
    }
    start = index + 1;
  }
  const page = matching.slice(start, start + args.first);
  const last = page[page.length - 1];
  return {
    edges: page.map((action) => ({ node: action, cursor: cursorOf(action) })),
    pageInfo: {
      hasNextPage: start + page.length < matching.length,
      endCursor: last ? cursorOf(last) : null,
    },
    totalCount: matching.length,
  };
}

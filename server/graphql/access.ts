/**
 * Who may see what, in one place. Redaction is done on the Member type and on the few
 * officer-only fields, so every path that reaches a member (owners, minute-taker, attendance,
 * co-chairs, invitees...) goes through the same checks.
 */
import { GraphQLError } from 'graphql';
import type { TabName } from '../../schema/layout';
import { circulatedName } from '../../schema/packs/names';
import type { Member } from '../../schema/records';
import type { BoardContext } from './context';

export function requireOfficer(context: BoardContext, what: string): void {
  if (context.role !== 'OFFICER') {
    throw new GraphQLError(`${what} is for officers only.`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
}

/** Partners never see contact details, formats or notes. */
export function officerOnly<T>(context: BoardContext, value: T): T | null {
  return context.role === 'OFFICER' ? value : null;
}

/** A member's name, or for partners the name as circulated (role and category without consent). */
export function visibleName(context: BoardContext, member: Member): string {
  return context.role === 'OFFICER' ? member.name : circulatedName(member);
}

/** Fails clearly when a query needs a tab that is missing or lacks a required header. */
export function requireTab(context: BoardContext, tab: TabName): void {
  const missing = context.snapshot.unusableTabs.get(tab);
  if (missing === undefined) return;
  throw new GraphQLError(
    missing.length === 0
      ? `The workbook has no "${tab}" tab, so this cannot be answered. Add the tab (see dataIssues).`
      : `The ${tab} tab cannot be read: it has no ${missing.map((header) => `"${header}"`).join(', ')} header. Add it to the tab (see dataIssues).`,
    { extensions: { code: 'BOARD_DATA_UNUSABLE', tab, missingHeaders: missing } },
  );
}

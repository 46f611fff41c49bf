/**
 * Who may see what, in one place. Redaction is done on the Member type and on the few
 * officer-only fields, so every path that reaches a member (owners, minute-taker, attendance,
 * co-chairs, invitees...) goes through the same checks. Figures about people go through the
 * small-number rule in `schema/partner-figures.ts`, which packs use too.
 *
 * Partners never see a sheet Member ID: every member reads to them by an opaque ID, a keyed
 * hash of the Member ID under a secret made when the process starts. It is stable while the
 * server runs (so a partner can follow one member from list to filter), says nothing of the
 * sheet's IDs or row order, and cannot be worked back. Consenting members get one too, because
 * their visible sheet IDs would show the gaps where the others' IDs are (and, as IDs follow
 * joining order, roughly when they joined). An ID a partner passes is read only as an opaque
 * ID, so passing "M07" finds nobody, whoever M07 is: nobody can probe the sheet's IDs.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { TabName } from '../../schema/layout';
import { agreedToBeNamed, circulatedName, comparePartnerOrder } from '../../schema/packs/names';
import type { Member } from '../../schema/records';
import type { BoardSnapshot } from '../../schema/snapshot';
import { unusableTabMessage } from '../../schema/unusable-tab';
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

/**
 * What would single out a member who has not agreed to be named (term dates, organisation,
 * group): officers always, partners only with the member's consent.
 */
export function consentedOnly<T>(context: BoardContext, member: Member, value: T): T | null {
  return context.role === 'OFFICER' || agreedToBeNamed(member) ? value : null;
}

/** A member's name, or for partners the name as circulated (role and category without consent). */
export function visibleName(context: BoardContext, member: Member): string {
  return context.role === 'OFFICER' ? member.name : circulatedName(member);
}

/** New for every process: IDs partners saw before a restart no longer match. */
const PARTNER_ID_KEY = randomBytes(32);

/** The opaque ID partners know a member by: "member-" and 20 hex digits of an HMAC-SHA-256. */
export function partnerMemberId(memberId: string): string {
  const digest = createHmac('sha256', PARTNER_ID_KEY).update(memberId, 'utf8').digest('hex');
  return `member-${digest.slice(0, 20)}`;
}

/**
 * Each snapshot member's opaque ID, worked out once: an HMAC costs a few microseconds, and a
 * page of actions asks for its owners' IDs, and sorts them by these, every time.
 */
const partnerIds = new WeakMap<Member, string>();
function partnerIdOf(member: Member): string {
  let id = partnerIds.get(member);
  if (id === undefined) {
    id = partnerMemberId(member.id);
    partnerIds.set(member, id);
  }
  return id;
}

/** The member's ID as the asker may see it. */
export function visibleMemberId(context: BoardContext, member: Member): string {
  return context.role === 'OFFICER' ? member.id : partnerIdOf(member);
}

const byPartnerId = new WeakMap<BoardSnapshot, ReadonlyMap<string, Member>>();

/**
 * The member an ID from the asker names: a sheet Member ID from an officer, an opaque ID from a
 * partner (anything else from a partner names nobody, so it reveals nothing).
 */
export function memberFromArgument(context: BoardContext, id: string): Member | null {
  const { snapshot } = context;
  if (context.role === 'OFFICER') return snapshot.memberById.get(id) ?? null;
  let index = byPartnerId.get(snapshot);
  if (!index) {
    index = new Map(snapshot.members.map((member) => [partnerIdOf(member), member]));
    byPartnerId.set(snapshot, index);
  }
  return index.get(id) ?? null;
}

/**
 * The sheet Member ID an ID from the asker stands for, to filter rows by: an officer's as given
 * (an owner not on the Members tab still finds their actions), a partner's only when it is the
 * opaque ID of a member; null when it names nobody.
 */
export function sheetIdFromArgument(context: BoardContext, id: string): string | null {
  return context.role === 'OFFICER' ? id : (memberFromArgument(context, id)?.id ?? null);
}

const partnerOrder = comparePartnerOrder<Member>(partnerIdOf);

/**
 * Members in the order the asker gets them: officers as the rules give them (often the sheet's
 * order); partners by role, category, then name, ties by opaque ID (DESIGN §4), so no list
 * hints at sheet order, IDs or withheld names.
 */
export function inVisibleOrder(context: BoardContext, members: readonly Member[]): Member[] {
  return context.role === 'OFFICER' ? [...members] : [...members].sort(partnerOrder);
}

/** Fails clearly when a query needs a tab that is missing or lacks a required header. */
export function requireTab(context: BoardContext, tab: TabName): void {
  const missing = context.snapshot.unusableTabs.get(tab);
  if (missing === undefined) return;
  throw new GraphQLError(
    unusableTabMessage(tab, missing, 'this cannot be answered', ' (see dataIssues)'),
    { extensions: { code: 'BOARD_DATA_UNUSABLE', tab, missingHeaders: missing } },
  );
}

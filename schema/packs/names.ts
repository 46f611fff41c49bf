/**
 * How people are named outside the board. Packs go to partners, so they use the partners'
 * redaction (DESIGN §4): a member's name only with their consent (`Name in circulation` Yes),
 * otherwise their role and category. The GraphQL server applies the same rule to partners, so
 * this is the one place it is written, with the order partners get people in.
 */
import { MEMBER_CATEGORIES, MEMBER_ROLES } from '../layout';
import type { Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { compareText } from './wording';

/** Consent to be named outside the board; without it a member must not be singled out. */
export function agreedToBeNamed(member: Pick<Member, 'nameInCirculation'>): boolean {
  return member.nameInCirculation;
}

/**
 * The member as partners see them: "Priya Raman", "Resident co-chair",
 * "Officer co-chair (Commissioning team)", "Member (Provider)".
 */
export function circulatedName(
  member: Pick<Member, 'name' | 'role' | 'category' | 'nameInCirculation'>,
): string {
  if (agreedToBeNamed(member)) return member.name;
  // DESIGN §4: the role and category ("Member (Provider)"); said once when they are the same.
  return member.role === member.category ? member.role : `${member.role} (${member.category})`;
}

/**
 * A Member ID as partners see it. An ID not on the Members tab is shown as unknown, not dropped,
 * and without the ID: nobody has recorded that person's consent (the check names the cell).
 */
export function circulatedNameOf(snapshot: BoardSnapshot, memberId: string): string {
  const member = snapshot.memberById.get(memberId);
  return member ? circulatedName(member) : 'Unknown member';
}

type Ordered = Pick<Member, 'name' | 'role' | 'category' | 'nameInCirculation'>;

/**
 * The order partners get people in (DESIGN §4): role, then category, then name as circulated.
 * Nothing of the sheet's row order or IDs survives: people with the same role and category who
 * have not consented share a label, and `tieBreak` (a key that reveals nothing, such as the
 * server's opaque partner ID) orders them. Code-point order, so every runtime agrees.
 */
export function comparePartnerOrder<T extends Ordered>(
  tieBreak: (member: T) => string,
): (a: T, b: T) => number {
  return (a, b) =>
    MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role) ||
    MEMBER_CATEGORIES.indexOf(a.category) - MEMBER_CATEGORIES.indexOf(b.category) ||
    compareText(circulatedName(a).toLowerCase(), circulatedName(b).toLowerCase()) ||
    compareText(tieBreak(a), tieBreak(b));
}

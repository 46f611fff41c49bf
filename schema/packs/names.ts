/**
 * How people are named outside the board. Packs go to partners, so they use the partners'
 * redaction (DESIGN §4): a member's name only with their consent (`Name in circulation` Yes),
 * otherwise their role and category. The GraphQL server applies the same rule to partners, so
 * this is the one place it is written.
 */
import type { Member } from '../records';
import type { BoardSnapshot } from '../snapshot';

/**
 * The member as partners see them: "Priya Raman", "Resident co-chair",
 * "Officer co-chair (Commissioning team)", "Member (Provider)".
 */
export function circulatedName(
  member: Pick<Member, 'name' | 'role' | 'category' | 'nameInCirculation'>,
): string {
  if (member.nameInCirculation) return member.name;
  // DESIGN §4: the role and category ("Member (Provider)"); said once when they are the same.
  return member.role === member.category ? member.role : `${member.role} (${member.category})`;
}

/** A Member ID as partners see it; an ID not on the Members tab is shown as such, not dropped. */
export function circulatedNameOf(snapshot: BoardSnapshot, memberId: string): string {
  const member = snapshot.memberById.get(memberId);
  return member ? circulatedName(member) : `Unknown member (${memberId})`;
}

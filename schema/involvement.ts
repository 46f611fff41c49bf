/**
 * Whose involvement the board records (R16, reciprocity): residents, carers, providers and
 * every other member who does not sit on the board as council staff. Staff and Council members
 * attend as part of their job, so their time is not an Involvement entry. The one definition
 * for the rule (R16), the reports and the menu that proposes entries.
 */
import type { Member } from './records';
import type { CONSTITUENCIES } from './values';

type Constituency = (typeof CONSTITUENCIES)[number];

/** Constituencies whose members attend as part of their work: no Involvement entry for them. */
export const STAFF_CONSTITUENCIES: readonly Constituency[] = ['Staff', 'Council'];

/**
 * True for a member whose involvement is recorded: every constituency except Staff and Council
 * (Resident, Provider, Other, and any the board adds later).
 */
export function recordsInvolvement(member: Pick<Member, 'constituency'>): boolean {
  return !STAFF_CONSTITUENCIES.includes(member.constituency);
}

/**
 * Who raised a "you said, we did" item (R17), by constituency, as partners and packs see it.
 * The sheet's `Raised by` holds a constituency ("Resident", or "Residents") or Member IDs.
 * A constituency written as such is always kept: it names nobody. A constituency worked out
 * from a Member ID is kept only when it cannot single out a member who has not consented
 * (DESIGN §4): the member agreed to be named, or their constituency has at least `Smallest
 * reported group` active members who have not. Otherwise `feedback(from, to)` narrowed to one
 * day, beside a constituency with one such member, would say who raised the item.
 * Other words (a name typed by hand, a forum) are left out: they could name someone.
 */
import { agreedToBeNamed } from './packs/names';
import type { Feedback, Member } from './records';
import type { BoardSnapshot } from './snapshot';
import { CONSTITUENCIES } from './values';

type Constituency = Member['constituency'];

/** "Resident", "residents", " Provider " → the constituency; anything else → null. */
export function constituencyNamed(text: string): Constituency | null {
  const word = text.trim().toLowerCase();
  return (
    CONSTITUENCIES.find((constituency) => {
      const name = constituency.toLowerCase();
      return word === name || word === `${name}s`;
    }) ?? null
  );
}

/** The constituencies an item was raised by, each once, in the sheet's constituency order. */
export function raisedByConstituencies(
  item: Pick<Feedback, 'raisedBy'>,
  snapshot: Pick<BoardSnapshot, 'memberById' | 'members' | 'settings'>,
): Constituency[] {
  const smallest = snapshot.settings.smallestReportedGroup;
  const notNamed = (constituency: Constituency) =>
    snapshot.members.filter(
      (member) =>
        member.constituency === constituency &&
        member.status === 'Active' &&
        !agreedToBeNamed(member),
    ).length;
  const found = new Set<Constituency>();
  for (const value of item.raisedBy) {
    const member = snapshot.memberById.get(value.trim());
    if (member) {
      if (agreedToBeNamed(member) || notNamed(member.constituency) >= smallest) {
        found.add(member.constituency);
      }
      continue;
    }
    const constituency = constituencyNamed(value);
    if (constituency) found.add(constituency);
  }
  return CONSTITUENCIES.filter((constituency) => found.has(constituency));
}

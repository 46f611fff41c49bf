/** R5: at most one representative per self-advocacy group (the `Group` column). */
import type { IsoDate } from '../dates';
import type { Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { activeMembers } from './co-chairs';
import { atMembers, type Finding } from './finding';
import { listInWords, textKey, who } from './wording';

export function checkSelfAdvocacyGroups(snapshot: BoardSnapshot, _today: IsoDate): Finding[] {
  const findings: Finding[] = [];
  // Groups in order of first appearance in the sheet, compared as people type them.
  const groups = new Map<string, Member[]>();
  const withoutGroup: Member[] = [];
  for (const member of activeMembers(snapshot)) {
    if (member.category !== 'Self-advocacy group') continue;
    if (member.group === null || member.group.trim() === '') {
      withoutGroup.push(member);
      continue;
    }
    const key = textKey(member.group);
    groups.set(key, [...(groups.get(key) ?? []), member]);
  }

  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const name = (members[0] as Member).group?.trim();
    findings.push({
      rule: 'R5',
      severity: 'error',
      message: `${members.length} active members represent the self-advocacy group "${name}": ${listInWords(members.map(who))}. Each group has one representative: agree which one stays and mark the others as Former.`,
      memberIds: members.map((member) => member.id),
      cells: atMembers(members, 'group'),
    });
  }
  for (const member of withoutGroup) {
    findings.push({
      rule: 'R5',
      severity: 'warning',
      message: `${who(member)} represents a self-advocacy group but no Group is recorded, so the limit of one per group cannot be checked: fill in their Group.`,
      memberIds: [member.id],
      cells: atMembers([member], 'group'),
    });
  }
  return findings;
}

/**
 * R4: the Joint Partnership Board representative does not overlap with the co-chair
 * positions or any other listed representative. The terms of reference provide one seat.
 */
import type { IsoDate } from '../dates';
import type { Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { activeMembers, isCoChair } from './co-chairs';
import { atMembers, type Finding } from './finding';
import { listInWords, textKey, who } from './wording';

export function checkJointPartnershipBoard(snapshot: BoardSnapshot, _today: IsoDate): Finding[] {
  const active = activeMembers(snapshot);
  const representatives = active.filter((member) => member.category === 'Joint Partnership Board');
  const findings: Finding[] = [];

  for (const member of representatives) {
    if (isCoChair(member)) {
      findings.push({
        rule: 'R4',
        severity: 'error',
        message: `${who(member)} is both the Joint Partnership Board representative and the ${member.role.toLowerCase()}. The representative must not also be a co-chair: choose another representative or another co-chair.`,
        memberIds: [member.id],
        cells: atMembers([member]),
      });
    }
  }

  if (representatives.length > 1) {
    findings.push({
      rule: 'R4',
      severity: 'warning',
      message: `${representatives.length} active members represent the Joint Partnership Board (${listInWords(representatives.map(who))}); the terms of reference provide for one representative.`,
      memberIds: representatives.map((member) => member.id),
      cells: atMembers(representatives),
    });
  }

  // The same person may hold a second row under another seat: same name or same email.
  const reported = new Set<string>();
  for (const member of representatives) {
    for (const other of active) {
      if (other === member || !samePerson(member, other)) continue;
      const pair = [member.id, other.id].sort().join('\u0000');
      if (reported.has(pair)) continue;
      reported.add(pair);
      findings.push({
        rule: 'R4',
        severity: 'error',
        message: `${who(member)}, the Joint Partnership Board representative, appears to be the same person as ${who(other)}, who holds another seat (${seatOf(other)}). The representative must not also be another listed representative: keep one of the two rows.`,
        memberIds: [member.id, other.id],
        cells: atMembers([member, other]),
      });
    }
  }
  return findings;
}

function samePerson(a: Member, b: Member): boolean {
  if (textKey(a.name) === textKey(b.name)) return true;
  return a.email !== null && b.email !== null && textKey(a.email) === textKey(b.email);
}

function seatOf(member: Member): string {
  return member.role === 'Member' ? member.category : member.role.toLowerCase();
}

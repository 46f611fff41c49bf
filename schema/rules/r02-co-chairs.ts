/**
 * R2: exactly two active co-chairs: one resident co-chair (a resident who uses services) and
 * one officer co-chair (from the Commissioning team).
 */
import type { IsoDate } from '../dates';
import type { Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { activeMembers, type CoChairRole } from './co-chairs';
import { atMembers, type Finding } from './finding';
import { listInWords, who } from './wording';

export function checkCoChairs(snapshot: BoardSnapshot, _today: IsoDate): Finding[] {
  const active = activeMembers(snapshot);
  const residents = active.filter((member) => member.role === 'Resident co-chair');
  const officers = active.filter((member) => member.role === 'Officer co-chair');
  const findings = [
    ...exactlyOne('Resident co-chair', residents),
    ...exactlyOne('Officer co-chair', officers),
  ];
  for (const member of residents) {
    if (member.constituency !== 'Resident') {
      findings.push({
        rule: 'R2',
        severity: 'error',
        message: `${who(member)} is the resident co-chair but their Constituency is ${member.constituency}. The resident co-chair must be a resident who uses services: correct the Constituency or the Role.`,
        memberIds: [member.id],
        cells: atMembers([member]),
      });
    }
  }
  for (const member of officers) {
    if (member.category !== 'Commissioning team') {
      findings.push({
        rule: 'R2',
        severity: 'error',
        message: `${who(member)} is the officer co-chair but their Category is ${member.category}. The officer co-chair must be a member of the Commissioning team: correct the Category or the Role.`,
        memberIds: [member.id],
        cells: atMembers([member]),
      });
    }
  }
  return findings;
}

function exactlyOne(role: CoChairRole, holders: readonly Member[]): Finding[] {
  const kind = role === 'Resident co-chair' ? 'resident co-chair' : 'officer co-chair';
  if (holders.length === 0) {
    const howChosen =
      role === 'Resident co-chair'
        ? 'a resident who uses services, voted in by the board'
        : 'a member of the Commissioning team, nominated by the Senior Head and voted in by the board';
    return [
      {
        rule: 'R2',
        severity: 'error',
        message: `The board has no active ${kind}. It needs one (${howChosen}): set that member's Role to "${role}".`,
        memberIds: [],
        cells: [],
      },
    ];
  }
  if (holders.length > 1) {
    return [
      {
        rule: 'R2',
        severity: 'error',
        message: `The board has ${holders.length} active ${kind}s (${listInWords(holders.map(who))}) but must have exactly one. Change the Role of the others to "Member", or their Status to Former if they have left.`,
        memberIds: holders.map((member) => member.id),
        cells: atMembers(holders),
      },
    ];
  }
  return [];
}

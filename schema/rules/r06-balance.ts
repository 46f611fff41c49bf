/**
 * R6: balance between residents, providers and health and social care staff, so that the
 * voice of the resident is equally represented: the resident constituency is at least as
 * large as any other single constituency among active members. The counts are always shown.
 */
import type { IsoDate } from '../dates';
import { CONSTITUENCIES } from '../layout';
import type { Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { activeMembers } from './co-chairs';
import type { Finding } from './finding';
import { listInWords } from './wording';

export type Constituency = Member['constituency'];
export type ConstituencyCounts = Readonly<Record<Constituency, number>>;

/** How each constituency reads in a sentence of counts. */
const LABELS: Readonly<Record<Constituency, string>> = {
  Resident: 'Residents',
  Provider: 'Providers',
  Staff: 'Staff',
  Council: 'Council',
  Other: 'Other',
};

/** Active members per constituency, every constituency present (zeros included). */
export function constituencyBalance(snapshot: BoardSnapshot): ConstituencyCounts {
  const counts = Object.fromEntries(CONSTITUENCIES.map((name) => [name, 0])) as Record<
    Constituency,
    number
  >;
  for (const member of activeMembers(snapshot)) counts[member.constituency] += 1;
  return counts;
}

/** "Residents 7, Providers 3, Staff 4, Council 2, Other 1". */
export function balanceInWords(counts: ConstituencyCounts): string {
  return CONSTITUENCIES.map((name) => `${LABELS[name]} ${counts[name]}`).join(', ');
}

export function checkBalance(snapshot: BoardSnapshot, _today: IsoDate): Finding[] {
  const counts = constituencyBalance(snapshot);
  const findings: Finding[] = [
    { rule: 'R6', severity: 'info', message: balanceInWords(counts), memberIds: [], cells: [] },
  ];
  const larger = CONSTITUENCIES.filter(
    (name) => name !== 'Resident' && counts[name] > counts.Resident,
  );
  if (larger.length > 0) {
    const outnumber = larger.map((name) => `${LABELS[name]} (${counts[name]})`);
    findings.push({
      rule: 'R6',
      severity: 'warning',
      message: `${listInWords(outnumber)} ${larger.length === 1 ? 'outnumbers' : 'each outnumber'} Residents (${counts.Resident}) among active members. The co-chairs keep the membership balanced so that the voice of the resident is equally represented: consider recruiting residents who use services.`,
      memberIds: [],
      cells: [],
    });
  }
  return findings;
}

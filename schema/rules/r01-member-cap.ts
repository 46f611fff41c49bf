/** R1: at most `Member cap` (20) active members, co-chairs included; sub-groups are not rows. */
import type { IsoDate } from '../dates';
import type { BoardSnapshot } from '../snapshot';
import { activeMembers } from './co-chairs';
import type { Finding } from './finding';

export function checkMemberCap(snapshot: BoardSnapshot, _today: IsoDate): Finding[] {
  const filled = activeMembers(snapshot).length;
  const cap = snapshot.settings.memberCap;
  const findings: Finding[] = [];
  if (filled > cap) {
    findings.push({
      rule: 'R1',
      severity: 'error',
      message: `The board has ${filled} active members, more than its limit of ${cap} (co-chairs included). Mark ${filled - cap === 1 ? 'one member' : `${filled - cap} members`} as Former, or move them to a project sub-group, which does not count towards the limit.`,
      memberIds: [],
      cells: [],
    });
  }
  findings.push({
    rule: 'R1',
    severity: 'info',
    message: `${filled} of ${cap} places filled.`,
    memberIds: [],
    cells: [],
  });
  return findings;
}

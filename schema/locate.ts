/**
 * Which cell a finding is about, so that the check command can print `Members!A5` and the
 * sheet menu can put a note on it. Findings name members, meetings and actions by ID; the
 * snapshot knows their rows and where each column is.
 */
import { a1 } from './cells';
import type { TabName } from './layout';
import type { Finding } from './rules/finding';
import type { BoardSnapshot } from './snapshot';

export interface CellLocation {
  readonly sheet: TabName;
  readonly cell: string;
  readonly row: number;
}

/** Rules about meetings point at the meeting's row; the others at the member's or action's. */
const MEETING_RULES = new Set(['R7', 'R8', 'R10', 'R11']);

/** The column each rule is about, when there is one. */
const COLUMN_OF_RULE: Partial<Record<string, { tab: TabName; key: string }>> = {
  R3: { tab: 'Members', key: 'termStart' },
  R5: { tab: 'Members', key: 'group' },
  R8: { tab: 'Meetings', key: 'deputyCoChairId' },
  R10: { tab: 'Meetings', key: 'date' },
  R11: { tab: 'Meetings', key: 'minuteTakerId' },
};

export function cellOf(
  snapshot: BoardSnapshot,
  sheet: TabName,
  row: number,
  key: string,
): CellLocation {
  const columns = snapshot.columnIndex.get(sheet);
  return { sheet, cell: a1(row - 1, columns?.get(key) ?? columns?.get('id') ?? 0), row };
}

export function locateFinding(snapshot: BoardSnapshot, finding: Finding): CellLocation | null {
  const meeting = finding.meetingId ? snapshot.meetingById.get(finding.meetingId) : undefined;
  const member = finding.memberIds?.length
    ? snapshot.memberById.get(finding.memberIds[0] as string)
    : undefined;
  const action = finding.actionIds?.length
    ? snapshot.actionById.get(finding.actionIds[0] as string)
    : undefined;
  const column = COLUMN_OF_RULE[finding.rule];
  const keyFor = (tab: TabName) => (column?.tab === tab ? column.key : 'id');
  if (meeting && (MEETING_RULES.has(finding.rule) || !member)) {
    return cellOf(snapshot, 'Meetings', meeting.row, keyFor('Meetings'));
  }
  if (member) return cellOf(snapshot, 'Members', member.row, keyFor('Members'));
  if (action) return cellOf(snapshot, 'Actions', action.row, 'id');
  return null;
}

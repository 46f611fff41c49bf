/** What a rule of the terms of reference says about the board, and where in the sheet. */
import type { BoardTab } from '../columns';
import type { Meeting, Member } from '../records';
import type { TabName } from '../values';

/** The rules of DESIGN §3; the SDL's `Rule` enum has exactly these values. */
export const RULE_IDS = [
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
  'R6',
  'R7',
  'R8',
  'R9',
  'R10',
  'R11',
  'R12',
  'R13',
  'R14',
  'R15',
  'R16',
  'R17',
  'R18',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A cell a finding is about: a row of a tab and the column (record key) to look at. */
export interface FindingCell {
  readonly tab: TabName;
  readonly row: number;
  readonly key: string;
}

export interface Finding {
  readonly rule: RuleId;
  /** `error`: the rule is broken. `warning`: it soon will be, or needs a look. `info`: figures. */
  readonly severity: 'error' | 'warning' | 'info';
  /** Plain language for officers and co-chairs; names people by name, dates in words. */
  readonly message: string;
  readonly memberIds?: readonly string[];
  readonly actionIds?: readonly string[];
  readonly meetingId?: string;
  /**
   * Where to fix it, chosen by the rule that found it: the first cell is where the finding is
   * shown (`Members!L5`); the others are marked too (each of two representatives of a group).
   * Empty for a finding about the whole board (the member count).
   */
  readonly cells: readonly FindingCell[];
}

/** The rows of the members a finding is about, in the order given (unknown IDs skipped). */
export function atMembers(
  members: readonly (Member | undefined)[],
  key: keyof Member & string = 'id',
): FindingCell[] {
  return members.flatMap((member) =>
    member ? [{ tab: 'Members' as const, row: member.row, key }] : [],
  );
}

export function atMeeting(meeting: Meeting, key: keyof Meeting & string = 'id'): FindingCell[] {
  return [{ tab: 'Meetings', row: meeting.row, key }];
}

/** A rule's one finding when a column it relies on is missing, instead of one per row. */
export function cannotJudge(rule: RuleId, tab: BoardTab, key: string): Finding {
  const column = tab.columns.find((candidate) => candidate.key === key);
  const header = column?.header ?? key;
  const what = column?.neededFor ? `, so the board cannot tell ${column.neededFor}` : '';
  return {
    rule,
    severity: 'warning',
    message: `${rule} cannot be checked: the ${tab.name} tab has no "${header}" column${what}. Add the column, or rename the one that holds it to "${header}".`,
    memberIds: [],
    cells: [],
  };
}

/**
 * A rule's one finding when the tab it reads is missing or cannot be read (it lacks a required
 * header): without it every row the rule looks for would seem missing, so a rule says once that
 * it cannot judge rather than once per row. The tab's own data issue says how to fix it; this
 * says what the board cannot tell meanwhile.
 */
import { unusableTabMessage } from '../unusable-tab';
import type { TabName } from '../values';
import type { Finding, RuleId } from './finding';

export function cannotJudgeTab(
  rule: RuleId,
  tab: TabName,
  missingHeaders: readonly string[],
  cannotTell: string,
): Finding {
  return {
    rule,
    severity: 'warning',
    message: unusableTabMessage(
      tab,
      missingHeaders,
      `${rule} cannot be checked: the board cannot tell ${cannotTell}`,
      missingHeaders.length === 0 ? ' (the menu item "Set up board sheets" does this)' : '',
    ),
    memberIds: [],
    cells: [],
  };
}

/** Wording for the standard (not easy-read) packs, shared by the HTML and the text format. */
import type { FollowUpReason } from '../rules';
import { count } from '../rules/wording';
import type { ChartWords } from './chart';
import type { PackContent } from './content';
import { dayMonthYear } from './wording';

/** "Commissioning Co-Production Board: action points, 28 October 2026". */
export function packTitle(content: PackContent): string {
  return `${content.boardName}: action points, ${dayMonthYear(content.meeting.date)}`;
}

/** One sentence with the pack's headline numbers. */
export function packSummary(content: PackContent): string {
  const { overdue, open } = content.followUp;
  const stillOpen = overdue.length + open.length;
  return `These are the action points from the meeting on ${dayMonthYear(content.meeting.date)}: ${count(content.agreed.length, 'action')} agreed, and ${count(stillOpen, 'earlier action')} still open, ${overdue.length} of them overdue.`;
}

const REASONS: Readonly<Record<FollowUpReason, string>> = {
  overdue: 'Overdue',
  'due before next meeting': 'Due before the next meeting',
  'no owner': 'No owner',
  'no due date': 'No due date',
};

/** Why an open action needs the co-chairs' attention (R12), for a table cell or a line. */
export function reasonWords(reasons: readonly FollowUpReason[]): string {
  return reasons.length === 0
    ? 'Due after the next meeting'
    : reasons.map((reason) => REASONS[reason]).join('; ');
}

export const STANDARD_CHART: ChartWords = {
  title: 'Earlier actions followed up at this meeting, by status',
  label: (status) => status,
};

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

/** How a withheld figure reads in a table (DESIGN §4): one word for every reason it is withheld. */
export const NOT_SHOWN = 'not shown';

export function shownFigure(figure: number | null): string {
  return figure === null ? NOT_SHOWN : String(figure);
}

/**
 * Why a figure is "not shown". One marker for both reasons: if the figures withheld only so
 * that others cannot be worked out read differently, a partner could tell them apart and work
 * the others out after all.
 */
export function notShownNote(smallestGroup: number): string {
  return `"Not shown" stands for a figure that would count fewer than ${smallestGroup} members who have not agreed to be named, or from which such a figure could be worked out.`;
}

/** True when any attendance figure of the pack is withheld, so the note is needed. */
export function anyNotShown(attendance: PackContent['attendance']): boolean {
  return [
    attendance.present,
    attendance.apologies,
    attendance.absent,
    ...attendance.byConstituency.flatMap((row) => [row.present, row.apologies, row.absent]),
  ].includes(null);
}

/**
 * Who was present (or sent apologies): those who agreed to be named, by name, then how many
 * others, which is withheld with the total it would give away. "Priya Raman; Yusuf Demirel; and
 * 3 members not named", "none".
 */
export function attendeesInWords(names: readonly string[], notNamed: number | null): string {
  const others =
    notNamed === null
      ? 'any members not named (how many is not shown)'
      : notNamed === 0
        ? null
        : `${count(notNamed, 'member')} not named`;
  if (others === null) return names.length === 0 ? 'none' : names.join('; ');
  return names.length === 0 ? others : `${names.join('; ')}; and ${others}`;
}

/** The footer's sentence on naming, for the HTML and the text pack. */
export const NAMING_NOTE =
  'Names are shown only for members who have agreed to it; other members are shown by their role, and in the attendance they are counted, not listed.';

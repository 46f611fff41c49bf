/** Wording for the standard (not easy-read) packs, shared by the HTML and the text format. */

import type { IsoDate } from '../dates';
import type { FollowUpReason } from '../rules';
import { count, listInWords } from '../rules/wording';
import type { ChartWords } from './chart';
import type { PackContent, PackFeedback, PackFeedbackItem, PackProject } from './content';
import { dayMonthYear, sentence } from './wording';

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
/** Partners' involvement: the months a group's figures leave out, in plain words. */
export function monthsLeftOutNote(smallestGroup: number): string {
  return `Months in which fewer than ${smallestGroup} people from a group took part are left out of that group’s figures.`;
}

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

/** A constituency as a group of people, in tables and lists: "Residents", "Staff". */
export const CONSTITUENCY_GROUPS: Readonly<Record<string, string>> = {
  Resident: 'Residents',
  Provider: 'Providers',
  Staff: 'Staff',
  Council: 'Council',
  Other: 'Other',
};

/**
 * A project's people by constituency (issue 14 item 6): "Residents 3, Providers 1, Staff 2";
 * a withheld figure reads "not shown", and the total is added when it tells more than the
 * figures beside it ("Residents 1, Staff not shown; 4 in all").
 */
export function projectPeopleInWords(people: PackProject['people']): string {
  if (people.byConstituency.length === 0) return 'None recorded';
  const parts = people.byConstituency.map(
    ({ constituency, members }) => `${CONSTITUENCY_GROUPS[constituency]} ${shownFigure(members)}`,
  );
  const anyWithheld = people.byConstituency.some(({ members }) => members === null);
  const total = !anyWithheld
    ? ''
    : `; ${people.total === null ? 'total not shown' : `${people.total} in all`}`;
  return `${parts.join(', ')}${total}`;
}

/** True when a project's people figure is withheld, so the note is needed. */
export function anyProjectNotShown(projects: readonly PackProject[]): boolean {
  return projects.some(
    ({ people }) =>
      people.total === null || people.byConstituency.some((row) => row.members === null),
  );
}

/** "since the last meeting on 30 September 2026", or "since the board began". */
export function sinceLastMeeting(previous: IsoDate | null): string {
  return previous === null
    ? 'since the board began'
    : `since the last meeting on ${dayMonthYear(previous)}`;
}

/** The opening sentence of "You said, we did". */
export function feedbackIntro(feedback: PackFeedback): string {
  if (!feedback.readable) {
    return "The board's Feedback tab could not be read, so no feedback is reported back in this pack.";
  }
  const since = sinceLastMeeting(feedback.since);
  if (feedback.items.length === 0) return `No feedback was reported back ${since}.`;
  return `What people told the board, and what was done about it: ${count(feedback.items.length, 'item')} reported back ${since}. Nobody is named as having raised an item.`;
}

/** "Acted on", "Not acted on. Reason: ...", "Still open". */
export function feedbackOutcome(item: PackFeedbackItem): string {
  switch (item.status) {
    case 'Acted on':
      return 'Acted on';
    case 'Not acted on':
      return `Not acted on. Reason: ${item.reason === null ? 'not recorded' : sentence(item.reason)}`;
    case 'Open':
      return 'Still open';
  }
}

/** "Raised by: Residents. Project: Day opportunities.", or null when neither is known. */
export function feedbackContext(item: PackFeedbackItem): string | null {
  const parts = [
    ...(item.raisedBy.length === 0
      ? []
      : [`Raised by: ${listInWords(item.raisedBy.map((c) => CONSTITUENCY_GROUPS[c] ?? c))}.`]),
    ...(item.project === null ? [] : [`Project: ${sentence(item.project)}`]),
  ];
  return parts.length === 0 ? null : parts.join(' ');
}

/** The glossary's heading in the standard packs. */
export const GLOSSARY_HEADING = 'Words used in this pack';

/** A glossary definition as its own sentence: capital first, full stop last. */
export function definition(text: string): string {
  return sentence(text.charAt(0).toUpperCase() + text.slice(1));
}

/**
 * The plain-text pack, for the body of an email: the same sections as the HTML pack, with
 * actions as lists rather than tables so they survive any mail client's line wrapping.
 */
import { formatLongDate } from '../dates';
import { count, listInWords } from '../rules/wording';
import type { PackAction, PackContent } from './content';
import { safeHref } from './escape';
import { glossaryFor } from './glossary';
import {
  anyNotShown,
  anyProjectNotShown,
  attendeesInWords,
  definition,
  feedbackContext,
  feedbackIntro,
  feedbackOutcome,
  GLOSSARY_HEADING,
  NAMING_NOTE,
  notShownNote,
  packSummary,
  projectPeopleInWords,
  reasonWords,
  shownFigure,
  sinceLastMeeting,
} from './standard-wording';
import { bullet, columns, labelled, underlined, wrap } from './text-layout';
import { audienceLine, audienceReason, dayMonthYear } from './wording';

export function renderText(content: PackContent): string {
  const { meeting } = content;
  const blocks: string[][] = [
    [
      content.boardName,
      ...underlined(`Action points from the meeting on ${formatLongDate(meeting.date)}`, '='),
      audienceLine(content.audience),
    ],
    wrap(`${audienceReason(content.audience)} ${packSummary(content)}`),
    ...meetingBlocks(content),
    ...attendanceBlocks(content),
    underlined('Actions agreed at this meeting', '-'),
    actionList(content.agreed, (action) => [dueBy(action)]),
    ...followUpBlocks(content),
    ...projectBlocks(content),
    ...feedbackBlocks(content),
    ...nextMeetingBlocks(content),
  ];
  const glossary = glossaryFor(blocks.map((lines) => lines.join(' ')));
  if (glossary.length > 0) {
    blocks.push(
      underlined(GLOSSARY_HEADING, '-'),
      glossary.flatMap((entry) => wrap(`${entry.term}: ${definition(entry.standard)}`, '', '  ')),
    );
  }
  blocks.push(wrap(`Made from the board's spreadsheet for meeting ${meeting.id}. ${NAMING_NOTE}`));
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function meetingBlocks({ meeting }: PackContent): string[][] {
  const link = meeting.minutesLink === null ? null : safeHref(meeting.minutesLink);
  return [
    underlined('The meeting', '-'),
    labelled([
      ['Date', formatLongDate(meeting.date)],
      ['Time', meeting.time],
      ['Format', meeting.format],
      ['Venue', meeting.venue],
      ['Topics', meeting.topics.length === 0 ? null : listInWords(meeting.topics)],
      ['Chaired by', meeting.chairs.length === 0 ? 'Not recorded' : listInWords(meeting.chairs)],
      ['Minutes taken by', meeting.minuteTaker ?? 'Not recorded'],
      ['Minutes', link],
      ['Reference', meeting.id],
    ]),
  ];
}

function attendanceBlocks({ attendance }: PackContent): string[][] {
  const names = (label: string, list: readonly string[], notNamed: number | null) =>
    wrap(`${label}: ${attendeesInWords(list, notNamed)}.`);
  return [
    underlined('Attendance', '-'),
    columns([
      ['Constituency', 'Present', 'Apologies', 'Absent'],
      ...attendance.byConstituency.map((row) => [
        row.constituency,
        shownFigure(row.present),
        shownFigure(row.apologies),
        shownFigure(row.absent),
      ]),
      [
        'Total',
        shownFigure(attendance.present),
        shownFigure(attendance.apologies),
        shownFigure(attendance.absent),
      ],
    ]),
    ...(anyNotShown(attendance) ? [wrap(notShownNote(attendance.smallestGroup))] : []),
    [
      ...names('Present', attendance.presentNames, attendance.presentNotNamed),
      ...names('Apologies', attendance.apologiesNames, attendance.apologiesNotNamed),
    ],
  ];
}

function dueBy(action: PackAction): string {
  return `Due by: ${action.dueDate === null ? 'no due date' : dayMonthYear(action.dueDate)}.`;
}

function owners(action: PackAction): string {
  return action.owners.length > 1
    ? `Owners: ${listInWords(action.owners)}.`
    : `Owner: ${action.owners[0] ?? 'no owner yet'}.`;
}

/** Each action as "- A12: what" then its owner and the lines `details` gives. */
function actionList(actions: readonly PackAction[], details: (action: PackAction) => string[]) {
  if (actions.length === 0) return ['None.'];
  return actions.flatMap((action) =>
    bullet(
      `${action.id}: ${action.description}`,
      ...(action.project === null ? [] : [`Project: ${action.project}.`]),
      `${owners(action)} ${details(action).join(' ')}`,
    ),
  );
}

function followUpBlocks({ followUp, meeting }: PackContent): string[][] {
  const since = sinceLastMeeting(followUp.previousMeetingDate);
  const followed = followUp.statusCounts.reduce((sum, { count }) => sum + count, 0);
  const closedOn = (action: PackAction) =>
    `Closed on: ${action.closedOn === null ? 'not recorded' : dayMonthYear(action.closedOn)}.`;
  return [
    underlined('Follow-up of earlier actions', '-'),
    wrap(
      `The co-chairs followed up ${count(followed, 'earlier action')}: those still open on ${dayMonthYear(meeting.date)} and those closed ${since}. By status: ${followUp.statusCounts.map(({ status, count }) => `${status} ${count}`).join(', ')}.`,
    ),
    [
      `Overdue (${followUp.overdue.length})${followUp.overdue.length > 1 ? ', most overdue first' : ''}:`,
      ...actionList(followUp.overdue, (action) => [
        dueBy(action),
        `${count(action.daysOverdue ?? 0, 'day')} overdue.`,
        `Status: ${action.status}.`,
      ]),
    ],
    [
      `Still open (${followUp.open.length}):`,
      ...actionList(followUp.open, (action) => [
        dueBy(action),
        `Status: ${action.status}.`,
        `${reasonWords(action.reasons)}.`,
      ]),
    ],
    [
      `Done ${since} (${followUp.done.length}):`,
      ...actionList(followUp.done, (a) => [closedOn(a)]),
    ],
    [
      `Dropped ${since} (${followUp.dropped.length}):`,
      ...actionList(followUp.dropped, (a) => [closedOn(a)]),
    ],
  ];
}

function projectBlocks({ projects, smallestGroup }: PackContent): string[][] {
  if (projects.length === 0)
    return [underlined('Project updates', '-'), ['No projects are under way.']];
  return [
    underlined('Project updates', '-'),
    ...(anyProjectNotShown(projects) ? [wrap(notShownNote(smallestGroup))] : []),
    ...projects.map((project) => [
      project.name,
      ...labelled([
        ['Service area', project.serviceArea],
        ['Stage', project.stage],
        ['Phase', project.phase],
        ['Status', project.status],
        ['Members', projectPeopleInWords(project.people)],
        ['Tasks', `${project.tasksDone} done, ${project.tasksToDo} to do`],
      ]),
      ...(project.nextTasks.length === 0 ? [] : [`Still to do in the ${project.phase} phase:`]),
      ...project.nextTasks.flatMap((task) =>
        bullet(
          `${task.task} (${task.responsible}${task.dueDate === null ? '' : `, due by ${dayMonthYear(task.dueDate)}`})`,
        ),
      ),
    ]),
  ];
}

function feedbackBlocks({ feedback }: PackContent): string[][] {
  const items = feedback.items.flatMap((item) => {
    const context = feedbackContext(item);
    return [
      ...bullet(
        `You said: ${item.youSaid}`,
        `We did: ${item.weDid ?? 'not recorded'}`,
        `Outcome: ${feedbackOutcome(item)}${/[.!?]$/.test(feedbackOutcome(item)) ? '' : '.'} Reported back on ${dayMonthYear(item.reportedBackOn)}.`,
        ...(context === null ? [] : [context]),
      ),
    ];
  });
  return [
    underlined('You said, we did', '-'),
    wrap(feedbackIntro(feedback)),
    ...(items.length === 0 ? [] : [items]),
  ];
}

function nextMeetingBlocks({ nextMeeting }: PackContent): string[][] {
  if (!nextMeeting.inMeetingsTab) {
    return [
      underlined('Next meeting', '-'),
      wrap(
        `The next meeting is due on ${formatLongDate(nextMeeting.date)}, on the board's usual meeting day.`,
      ),
    ];
  }
  return [
    underlined('Next meeting', '-'),
    labelled([
      ['Date', formatLongDate(nextMeeting.date)],
      ['Time', nextMeeting.time],
      ['Format', nextMeeting.format],
      ['Venue', nextMeeting.venue],
      ['Topics', nextMeeting.topics.length === 0 ? null : listInWords(nextMeeting.topics)],
    ]),
  ];
}

/**
 * The standard HTML pack: headings in order under one h1, facts as a description list, tables
 * with captions and header cells scoped to their rows and columns, and the follow-up chart
 * with its numbers also in text. Every value from the sheet goes through `escapeHtml`.
 */
import { formatLongDate } from '../dates';
import { count, listInWords } from '../rules/wording';
import { statusChartSvg } from './chart';
import type { PackAction, PackContent } from './content';
import { escapeHtml as e, safeHref } from './escape';
import { glossaryFor } from './glossary';
import { htmlDocument } from './page';
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
  packTitle,
  projectPeopleInWords,
  reasonWords,
  STANDARD_CHART,
  shownFigure,
  sinceLastMeeting,
} from './standard-wording';
import { audienceLine, audienceReason, dayMonthYear } from './wording';

export function renderHtml(content: PackContent): string {
  const { meeting } = content;
  const main = [
    `<p class="board">${e(content.boardName)}</p>`,
    `<h1>Action points from the meeting on ${formatLongDate(meeting.date)}</h1>`,
    `<p class="audience">${e(audienceLine(content.audience))}</p>`,
    `<p>${e(audienceReason(content.audience))} ${e(packSummary(content))}</p>`,
    meetingSection(content),
    attendanceSection(content),
    '<h2>Actions agreed at this meeting</h2>',
    actionTable(`Actions agreed on ${dayMonthYear(meeting.date)}`, content.agreed, ['Due by']),
    followUpSection(content),
    projectsSection(content),
    feedbackSection(content),
    nextMeetingSection(content),
  ].join('\n');
  const glossary = glossarySection(main);
  const footer = [
    `<p>Made from the board's spreadsheet for meeting ${e(meeting.id)}. ${NAMING_NOTE}</p>`,
  ].join('\n');
  return htmlDocument({
    title: packTitle(content),
    easyRead: false,
    main: glossary === null ? main : `${main}\n${glossary}`,
    footer,
  });
}

function facts(entries: readonly (readonly [string, string | null])[]): string {
  const rows = entries
    .filter((entry): entry is readonly [string, string] => entry[1] !== null)
    .map(([term, value]) => `<dt>${e(term)}</dt><dd>${value}</dd>`);
  return `<dl class="facts">\n${rows.join('\n')}\n</dl>`;
}

function meetingSection({ meeting }: PackContent): string {
  const link = meeting.minutesLink === null ? null : safeHref(meeting.minutesLink);
  return [
    '<h2>The meeting</h2>',
    facts([
      ['Date', formatLongDate(meeting.date)],
      ['Time', meeting.time],
      ['Format', meeting.format],
      ['Venue', meeting.venue === null ? null : e(meeting.venue)],
      ['Topics', meeting.topics.length === 0 ? null : e(listInWords(meeting.topics))],
      ['Chaired by', meeting.chairs.length === 0 ? 'Not recorded' : e(listInWords(meeting.chairs))],
      ['Minutes taken by', e(meeting.minuteTaker ?? 'Not recorded')],
      ['Minutes', link === null ? null : `<a href="${e(link)}">Minutes of the meeting</a>`],
      ['Reference', e(meeting.id)],
    ]),
  ].join('\n');
}

function attendanceSection({ attendance }: PackContent): string {
  const cell = (figure: number | null) => `<td class="number">${shownFigure(figure)}</td>`;
  const body = attendance.byConstituency.map(
    (row) =>
      `<tr><th scope="row">${row.constituency}</th>${cell(row.present)}${cell(row.apologies)}${cell(row.absent)}</tr>`,
  );
  const names = (label: string, list: readonly string[], notNamed: number | null) =>
    `<p><strong>${label}:</strong> ${e(attendeesInWords(list, notNamed))}.</p>`;
  return [
    '<h2>Attendance</h2>',
    '<table>',
    '<caption>Attendance by constituency</caption>',
    '<thead><tr><th scope="col">Constituency</th><th scope="col" class="number">Present</th><th scope="col" class="number">Apologies</th><th scope="col" class="number">Absent</th></tr></thead>',
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    `<tfoot><tr><th scope="row">Total</th>${cell(attendance.present)}${cell(attendance.apologies)}${cell(attendance.absent)}</tr></tfoot>`,
    '</table>',
    ...(anyNotShown(attendance) ? [`<p>${e(notShownNote(attendance.smallestGroup))}</p>`] : []),
    names('Present', attendance.presentNames, attendance.presentNotNamed),
    names('Apologies', attendance.apologiesNames, attendance.apologiesNotNamed),
  ].join('\n');
}

type ExtraColumn = 'Due by' | 'Status' | 'Days overdue' | 'Why it needs attention' | 'Closed on';

function extraCell(action: PackAction, column: ExtraColumn): string {
  switch (column) {
    case 'Due by':
      return action.dueDate === null ? 'No due date' : dayMonthYear(action.dueDate);
    case 'Status':
      return action.status;
    case 'Days overdue':
      return String(action.daysOverdue ?? '');
    case 'Why it needs attention':
      return reasonWords(action.reasons);
    case 'Closed on':
      return action.closedOn === null ? 'Not recorded' : dayMonthYear(action.closedOn);
  }
}

const CELL_CLASSES: Readonly<Record<ExtraColumn, string>> = {
  'Due by': ' class="nowrap"',
  Status: ' class="nowrap"',
  'Days overdue': ' class="number"',
  'Why it needs attention': '',
  'Closed on': ' class="nowrap"',
};

/** A table of actions; "None." instead of a table with no rows. */
function actionTable(
  caption: string,
  actions: readonly PackAction[],
  extra: ExtraColumn[],
): string {
  if (actions.length === 0) return '<p>None.</p>';
  const headers = [
    '<th scope="col">Ref</th><th scope="col">Action</th><th scope="col">Owner</th>',
    ...extra.map((column) => `<th scope="col"${CELL_CLASSES[column]}>${column}</th>`),
  ];
  const rows = actions.map((action) => {
    const project =
      action.project === null ? '' : ` <span class="project">Project: ${e(action.project)}</span>`;
    const owners = action.owners.length === 0 ? 'No owner yet' : e(listInWords(action.owners));
    const cells = extra.map(
      (column) =>
        `<td${CELL_CLASSES[column]} data-label="${column}">${e(extraCell(action, column))}</td>`,
    );
    return `<tr><th scope="row" data-label="Ref">${e(action.id)}</th><td data-label="Action">${e(action.description)}${project}</td><td data-label="Owner">${owners}</td>${cells.join('')}</tr>`;
  });
  return [
    // A card per row on a phone (page.ts): each cell says which column it is.
    '<table class="stack">',
    `<caption>${e(caption)} (${actions.length})</caption>`,
    `<thead><tr>${headers.join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

function followUpSection({ followUp, meeting }: PackContent): string {
  const since = sinceLastMeeting(followUp.previousMeetingDate);
  const followed = followUp.statusCounts.reduce((sum, { count }) => sum + count, 0);
  const numbers = followUp.statusCounts.map(({ status, count }) => `${status}: ${count}`);
  return [
    '<h2>Follow-up of earlier actions</h2>',
    `<p>The co-chairs followed up ${count(followed, 'earlier action')}: those still open on ${dayMonthYear(meeting.date)} and those closed ${since}.</p>`,
    '<figure>',
    statusChartSvg(followUp.statusCounts, STANDARD_CHART),
    `<figcaption>Earlier actions by status. ${numbers.join(', ')}.</figcaption>`,
    '</figure>',
    '<h3>Overdue</h3>',
    actionTable('Overdue actions, most overdue first', followUp.overdue, [
      'Due by',
      'Days overdue',
      'Status',
    ]),
    '<h3>Still open</h3>',
    actionTable('Open actions not yet overdue', followUp.open, [
      'Due by',
      'Status',
      'Why it needs attention',
    ]),
    '<h3>Done since the last meeting</h3>',
    actionTable(`Actions done ${since}`, followUp.done, ['Closed on']),
    '<h3>Dropped since the last meeting</h3>',
    actionTable(`Actions dropped ${since}`, followUp.dropped, ['Closed on']),
  ].join('\n');
}

/** A table to compare the projects, then what each still has to do in its current phase. */
function projectsSection({ projects, smallestGroup }: PackContent): string {
  if (projects.length === 0) return '<h2>Project updates</h2>\n<p>No projects are under way.</p>';
  const rows = projects.map(
    (project) =>
      `<tr><th scope="row">${e(project.name)}</th><td data-label="Service area">${e(project.serviceArea ?? '')}</td><td data-label="Stage">${project.stage}</td><td data-label="Phase">${project.phase}</td><td data-label="Status">${project.status}</td><td data-label="Members by constituency">${projectPeopleInWords(project.people)}</td><td class="number" data-label="Tasks done">${project.tasksDone}</td><td class="number" data-label="Tasks to do">${project.tasksToDo}</td></tr>`,
  );
  const parts = [
    '<h2>Project updates</h2>',
    '<table class="stack">',
    `<caption>Projects under way (${projects.length})</caption>`,
    '<thead><tr><th scope="col">Project</th><th scope="col">Service area</th><th scope="col">Stage</th><th scope="col">Phase</th><th scope="col">Status</th><th scope="col">Members by constituency</th><th scope="col" class="number">Tasks done</th><th scope="col" class="number">Tasks to do</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    ...(anyProjectNotShown(projects) ? [`<p>${e(notShownNote(smallestGroup))}</p>`] : []),
  ];
  for (const project of projects) {
    if (project.nextTasks.length === 0) continue;
    const items = project.nextTasks.map(
      (task) =>
        `<li>${e(task.task)} (${e(task.responsible)}${task.dueDate === null ? '' : `, due by ${dayMonthYear(task.dueDate)}`})</li>`,
    );
    parts.push(
      `<h3>${e(project.name)}</h3>`,
      `<p>Still to do in the ${project.phase} phase:</p>`,
      `<ul>\n${items.join('\n')}\n</ul>`,
    );
  }
  return parts.join('\n');
}

/** "You said, we did" (R17): what was reported back since the last meeting. */
function feedbackSection({ feedback }: PackContent): string {
  const parts = ['<h2>You said, we did</h2>', `<p>${e(feedbackIntro(feedback))}</p>`];
  if (feedback.items.length === 0) return parts.join('\n');
  const rows = feedback.items.map((item) => {
    const context = feedbackContext(item);
    const more = context === null ? '' : ` <span class="project">${e(context)}</span>`;
    return `<tr><th scope="row" data-label="You said">${e(item.youSaid)}${more}</th><td data-label="We did">${e(item.weDid ?? 'Not recorded')}</td><td data-label="Outcome">${e(feedbackOutcome(item))}</td><td class="nowrap" data-label="Reported back on">${dayMonthYear(item.reportedBackOn)}</td></tr>`;
  });
  parts.push(
    '<table class="stack">',
    `<caption>You said, we did (${feedback.items.length})</caption>`,
    '<thead><tr><th scope="col">You said</th><th scope="col">We did</th><th scope="col">Outcome</th><th scope="col" class="nowrap">Reported back on</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  );
  return parts.join('\n');
}

/** The board's words that `main` uses, explained; null when it uses none of them. */
function glossarySection(main: string): string | null {
  const entries = glossaryFor([main]);
  if (entries.length === 0) return null;
  return [
    `<h2>${GLOSSARY_HEADING}</h2>`,
    `<dl class="glossary">\n${entries.map((entry) => `<dt>${e(entry.term)}</dt><dd>${e(definition(entry.standard))}</dd>`).join('\n')}\n</dl>`,
  ].join('\n');
}

function nextMeetingSection({ nextMeeting }: PackContent): string {
  if (!nextMeeting.inMeetingsTab) {
    return `<h2>Next meeting</h2>\n<p>The next meeting is due on ${formatLongDate(nextMeeting.date)}, on the board's usual meeting day.</p>`;
  }
  return [
    '<h2>Next meeting</h2>',
    facts([
      ['Date', formatLongDate(nextMeeting.date)],
      ['Time', nextMeeting.time],
      ['Format', nextMeeting.format],
      ['Venue', nextMeeting.venue === null ? null : e(nextMeeting.venue)],
      ['Topics', nextMeeting.topics.length === 0 ? null : e(listInWords(nextMeeting.topics))],
    ]),
  ].join('\n');
}

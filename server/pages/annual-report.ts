/**
 * `GET /reports/annual.html`: R15's figures for the Joint Partnership Board's annual report to
 * the Scrutiny Panel, as a page to read, print to A4 and quote from. Pure: the figures come in
 * as the API gave them to the asker (`annualReport`, so a partner's are a partner's), with the
 * series over time from the same rule (`schema/reports/annual-series.ts`).
 *
 * Each chart is a static SVG that is one image with a text alternative carrying its figures,
 * inside a figure with a caption, and beside it a table of the same figures: whoever cannot see
 * the chart loses nothing. Figure cells carry `data-figure` so that tests can read them back and
 * compare them with the API's answer.
 */
import { barChartSvg, calendarChartSvg, lineChartSvg, PALETTE } from '../../schema/charts';
import { formatLongDate, formatShortDate, type IsoDate } from '../../schema/dates';
import { escapeHtml as e } from '../../schema/packs/escape';
import { notShownNote } from '../../schema/packs/standard-wording';
import { dayMonthYear } from '../../schema/packs/wording';
import type { AnnualSeries } from '../../schema/reports/annual-series';
import { count } from '../../schema/rules/wording';
import { annualEasyRead } from './annual-report-easy-read';
import { feedbackSection, involvementSection } from './annual-report-reciprocity';
import { pageDocument, type Viewer } from './chrome';
import type { AnnualReportFigures } from './data';
import { figureCell, figureText, sheetValue } from './labels';
import { monthName, periodForm, periodInWords, reportAddress } from './period';

export interface AnnualReportView {
  readonly boardName: string;
  readonly figures: AnnualReportFigures;
  readonly series: AnnualSeries;
  readonly smallestGroup: number;
  /** R17: feedback is reported back within this many days. */
  readonly reportBackWithinDays: number;
  readonly today: IsoDate;
  readonly easyRead: boolean;
  readonly viewer: Viewer;
  /** A sentence saying the board could not be read just now, or null. */
  readonly stale: string | null;
}

export const ATTENDANCE_SERIES = [
  { key: 'present', name: 'Present', colour: PALETTE.green },
  { key: 'apologies', name: 'Apologies', colour: PALETTE.blue },
  { key: 'absent', name: 'Absent', colour: PALETTE.rust },
] as const;

export function annualReportPage(view: AnnualReportView): string {
  const { figures } = view;
  const title = `Annual report, ${periodInWords(figures.from, figures.to)}`;
  const main = view.easyRead ? annualEasyRead(view) : standardMain(view);
  const footer = [
    `<p>Made from the board’s spreadsheet on ${dayMonthYear(view.today)}, for the Joint Partnership Board’s annual report to the Scrutiny Panel (rule R15 of the terms of reference). Names and figures follow the board’s rules for partners: nobody who has not agreed to be named can be picked out.</p>`,
  ].join('\n');
  return pageDocument({
    title: view.easyRead ? `Easy read: ${title}` : `${title}: ${view.boardName}`,
    boardName: view.boardName,
    viewer: view.viewer,
    current: 'annual',
    main,
    footer,
    easyRead: view.easyRead,
  });
}

function standardMain(view: AnnualReportView): string {
  const { figures } = view;
  const { from, to } = figures;
  return [
    `<h1>Annual report: ${e(periodInWords(from, to))}</h1>`,
    ...(view.stale ? [`<div class="notice"><p>${e(view.stale)}</p></div>`] : []),
    `<p class="lede">What the ${e(view.boardName)} did from ${formatLongDate(from)} to ${formatLongDate(to)}: its meetings and who came, its commissioning projects, the actions it agreed and how they went, how it worked with residents, what its members gave and what people told it.</p>`,
    '<ul class="links no-print">',
    `<li><a href="${e(reportAddress(from, to, true))}">Easy read version of this report</a></li>`,
    `<li><a href="${e(reportAddress(from, to, false, 'csv'))}">Download these figures for a spreadsheet (CSV)</a></li>`,
    '<li>To print it, or save it as a PDF, use your browser’s Print command: the report is laid out for A4.</li>',
    '</ul>',
    summary(figures),
    meetingsSection(view),
    attendanceSection(view),
    projectsSection(figures),
    actionsSection(view),
    activitiesSection(figures),
    involvementSection(view),
    feedbackSection(view),
    '<h2 class="no-print">Another period</h2>',
    periodForm({ from, to, easyRead: false }),
  ].join('\n');
}

function summary(figures: AnnualReportFigures): string {
  const projects = figures.projectsByStage.reduce((sum, row) => sum + row.count, 0);
  const item = (value: number, label: string, figure: string) =>
    `<li><span class="figure" data-figure="${figure}">${value}</span> ${e(label)}</li>`;
  return [
    '<h2>In short</h2>',
    '<ul class="figures">',
    item(
      figures.meetingsHeld,
      figures.meetingsHeld === 1 ? 'meeting held' : 'meetings held',
      'meetingsHeld',
    ),
    item(
      figures.meetingsCancelled,
      figures.meetingsCancelled === 1 ? 'meeting cancelled' : 'meetings cancelled',
      'meetingsCancelled',
    ),
    item(projects, projects === 1 ? 'project under way' : 'projects under way', 'projects'),
    item(
      figures.actionsRaised,
      figures.actionsRaised === 1 ? 'action agreed' : 'actions agreed',
      'actionsRaised',
    ),
    item(figures.actionsDone, 'of them done', 'actionsDone'),
    item(figures.actionsOverdue, 'of them overdue', 'actionsOverdue'),
    '</ul>',
  ].join('\n');
}

/** A chart and its table side by side (stacked on a phone, and for a wide table in print). */
function pair(chart: string, caption: string, table: string, wideTable = false): string {
  return [
    `<div class="pair${wideTable ? ' wide-table' : ''}">`,
    `<figure>\n${chart}\n<figcaption>${e(caption)}</figcaption>\n</figure>`,
    table,
    '</div>',
  ].join('\n');
}

function meetingsSection(view: AnnualReportView): string {
  const { figures, series } = view;
  const months = series.meetingsByMonth;
  const busy = months.filter((month) => month.held > 0).length;
  const description = `${count(figures.meetingsHeld, 'meeting')} held in ${count(months.length, 'month')}: ${months
    .map((month) => `${monthName(month.month, true)}: ${month.held}`)
    .join('; ')}.`;
  const chart = calendarChartSvg({
    id: 'meetings-chart',
    title: 'Meetings held each month',
    description,
    months: months.map((month) => ({ month: month.month, count: month.held })),
  });
  const rows = months.map(
    (month) =>
      `<tr><th scope="row">${monthName(month.month, true)}</th><td class="number" data-figure="meetings.${month.month}">${month.held}</td></tr>`,
  );
  const table = [
    '<table>',
    '<caption>Meetings held each month</caption>',
    '<thead><tr><th scope="col">Month</th><th scope="col" class="number">Held</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    `<tfoot><tr><th scope="row">All months</th><td class="number">${figures.meetingsHeld}</td></tr></tfoot>`,
    '</table>',
  ].join('\n');
  return [
    '<h2>Meetings</h2>',
    `<p>The board held ${count(figures.meetingsHeld, 'meeting')} in the period, in ${count(busy, 'month')} of ${months.length}${figures.meetingsCancelled > 0 ? `, and cancelled ${count(figures.meetingsCancelled, 'meeting')}` : ''}. The terms of reference ask for a meeting every month (rule R10).</p>`,
    pair(chart, 'Each square is a month; the number in it is how many meetings were held.', table),
  ].join('\n');
}

function attendanceSection(view: AnnualReportView): string {
  const rows = view.figures.attendanceByConstituency;
  const anyWithheld = rows.some((row) => ATTENDANCE_SERIES.some(({ key }) => row[key] === null));
  const label = (constituency: string) => sheetValue('Constituency', constituency);
  const description = rows
    .map(
      (row) =>
        `${label(row.constituency)}: ${ATTENDANCE_SERIES.map(({ key, name }) => `${name.toLowerCase()} ${figureText(row[key])}`).join(', ')}.`,
    )
    .join(' ');
  const chart = barChartSvg({
    id: 'attendance-chart',
    title: 'Attendance at the meetings held, by constituency',
    description,
    series: ATTENDANCE_SERIES,
    groups: rows.map((row) => ({
      label: label(row.constituency),
      values: ATTENDANCE_SERIES.map(({ key }) => row[key]),
    })),
    notShown: 'not shown',
  });
  const body = rows.map(
    (row) =>
      `<tr><th scope="row">${e(label(row.constituency))}</th>${ATTENDANCE_SERIES.map(({ key }) => figureCell(row[key], `attendance.${row.constituency}.${key}`)).join('')}</tr>`,
  );
  const table = [
    '<table>',
    '<caption>Attendance by constituency</caption>',
    `<thead><tr><th scope="col">Constituency</th>${ATTENDANCE_SERIES.map(({ name }) => `<th scope="col" class="number">${name}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
  return [
    '<h2>Attendance</h2>',
    `<p>Who came to the ${count(view.figures.meetingsHeld, 'meeting')} held, counted by constituency: each member counts once for each meeting, so someone who came to every meeting counts ${view.figures.meetingsHeld} times.</p>`,
    pair(
      chart,
      'Present, apologies and absent at the meetings held, by constituency.',
      table,
      true,
    ),
    ...(anyWithheld ? [`<p>${e(notShownNote(view.smallestGroup))}</p>`] : []),
  ].join('\n');
}

function countSection(options: {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly column: string;
  readonly unit: string;
  readonly figure: string;
  readonly rows: readonly { label: string; key: string; count: number }[];
  readonly colour: string;
}): string {
  const description = options.rows.map((row) => `${row.label}: ${row.count}.`).join(' ');
  const chart = barChartSvg({
    id: options.id,
    title: options.title,
    description,
    series: [{ name: options.unit, colour: options.colour }],
    groups: options.rows.map((row) => ({ label: row.label, values: [row.count] })),
    notShown: 'not shown',
  });
  const body = options.rows.map(
    (row) =>
      `<tr><th scope="row">${e(row.label)}</th><td class="number" data-figure="${options.figure}.${row.key}">${row.count}</td></tr>`,
  );
  const table = [
    '<table>',
    `<caption>${e(options.title)}</caption>`,
    `<thead><tr><th scope="col">${e(options.column)}</th><th scope="col" class="number">${e(options.unit)}</th></tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
  return pair(chart, options.caption, table);
}

function projectsSection(figures: AnnualReportFigures): string {
  const projects = figures.projectsByStage.reduce((sum, row) => sum + row.count, 0);
  return [
    '<h2>Commissioning projects</h2>',
    `<p>${count(projects, 'project')} ${projects === 1 ? 'was' : 'were'} under way at some time in the period. Each is at one stage of commissioning, and at one phase of the board’s own work on it (the phases of the standard task list, rule R14).</p>`,
    '<h3>By stage of commissioning</h3>',
    countSection({
      id: 'stage-chart',
      title: 'Projects by stage of commissioning',
      caption: 'How many projects are at each stage.',
      column: 'Stage',
      unit: 'Projects',
      figure: 'stage',
      colour: PALETTE.purple,
      rows: figures.projectsByStage.map((row) => ({
        label: sheetValue('CommissioningStage', row.stage),
        key: row.stage,
        count: row.count,
      })),
    }),
    '<h3>By phase of the project</h3>',
    countSection({
      id: 'phase-chart',
      title: 'Projects by phase',
      caption: 'How many projects are in each phase.',
      column: 'Phase',
      unit: 'Projects',
      figure: 'phase',
      colour: PALETTE.blue,
      rows: figures.projectsByPhase.map((row) => ({
        label: sheetValue('ProjectPhase', row.phase),
        key: row.phase,
        count: row.count,
      })),
    }),
  ].join('\n');
}

function actionsSection(view: AnnualReportView): string {
  const { figures, series } = view;
  const points = series.actionsToDate;
  const lines = [
    { name: 'Raised', colour: PALETTE.blue, values: points.map((p) => p.raised) },
    { name: 'Done', colour: PALETTE.green, dash: '8 4', values: points.map((p) => p.done) },
    { name: 'Overdue', colour: PALETTE.rust, dash: '2 3', values: points.map((p) => p.overdue) },
  ];
  const chart = lineChartSvg({
    id: 'actions-chart',
    title: 'Actions raised, done and overdue, from the start of the period',
    description: `Running totals at the end of each month. By ${dayMonthYear(figures.to)}: ${figures.actionsRaised} raised, ${figures.actionsDone} done, ${figures.actionsOverdue} overdue. Month by month in the table beside the chart.`,
    dates: points.map((p) => p.date),
    series: lines,
  });
  const rows = points.map(
    (p) =>
      `<tr><th scope="row" class="nowrap">${formatShortDate(p.date)}</th><td class="number" data-figure="actions.${p.date}.raised">${p.raised}</td><td class="number" data-figure="actions.${p.date}.done">${p.done}</td><td class="number" data-figure="actions.${p.date}.overdue">${p.overdue}</td></tr>`,
  );
  const table = [
    '<table>',
    '<caption>Actions from the start of the period</caption>',
    '<thead><tr><th scope="col">By</th><th scope="col" class="number">Raised</th><th scope="col" class="number">Done</th><th scope="col" class="number">Overdue</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
  return [
    '<h2>Actions</h2>',
    `<p>The board agreed ${count(figures.actionsRaised, 'action')} at its meetings in the period. By ${dayMonthYear(figures.to)}, ${figures.actionsDone} of them ${figures.actionsDone === 1 ? 'was' : 'were'} done and ${figures.actionsOverdue} ${figures.actionsOverdue === 1 ? 'was' : 'were'} overdue (past their due date and neither done nor dropped${figures.to > view.today ? `, as of today, ${dayMonthYear(view.today)}` : ''}).</p>`,
    pair(
      chart,
      'Running totals: each line climbs as actions are agreed, done, or fall overdue. Done and overdue count only actions agreed in the period.',
      table,
      true,
    ),
  ].join('\n');
}

function activitiesSection(figures: AnnualReportFigures): string {
  return [
    '<h2>Co-production activities</h2>',
    '<p>How the board worked with residents, carers and providers on the projects under way: co-planning, co-design, co-delivery and co-evaluation. A project can do more than one.</p>',
    countSection({
      id: 'activities-chart',
      title: 'Projects by co-production activity',
      caption: 'How many projects did each activity.',
      column: 'Activity',
      unit: 'Projects',
      figure: 'activity',
      colour: PALETTE.green,
      rows: figures.activities.map((row) => ({
        label: sheetValue('CoProductionActivity', row.activity),
        key: row.activity,
        count: row.count,
      })),
    }),
  ].join('\n');
}

/**
 * The easy-read annual report: the same figures in short sentences, one idea each, with large
 * type and a simple chart for each part, in the words the easy-read packs use
 * (`schema/packs/easy-read-words.ts`). A withheld figure is said to be withheld, and why.
 */
import { barChartSvg, calendarChartSvg, PALETTE } from '../../schema/charts';
import { formatLongDate } from '../../schema/dates';
import { GROUPS, STAGES } from '../../schema/packs/easy-read-words';
import { escapeHtml as e } from '../../schema/packs/escape';
import { count } from '../../schema/rules/wording';
import type { AnnualReportView } from './annual-report';
import { feedbackEasyRead, involvementEasyRead } from './annual-report-reciprocity';
import { sheetValue } from './labels';
import { monthName, periodForm, reportAddress } from './period';

const ACTIVITY_WORDS: Readonly<Record<string, string>> = {
  CO_PLANNING: 'planning the service together',
  CO_DESIGN: 'designing the service together',
  CO_DELIVERY: 'running the service together',
  CO_EVALUATION: 'checking together how the service is going',
};

const p = (text: string) => `<p>${e(text)}</p>`;
const says = (items: readonly string[]) =>
  items.length === 0
    ? ''
    : `<ul class="says">\n${items.map((item) => `<li>${e(item)}</li>`).join('\n')}\n</ul>`;
const figure = (chart: string, caption: string) =>
  `<figure>\n${chart}\n<figcaption>${e(caption)}</figcaption>\n</figure>`;

export function annualEasyRead(view: AnnualReportView): string {
  const { figures } = view;
  const { from, to } = figures;
  return [
    '<h1>Easy read: what our board did</h1>',
    ...(view.stale ? [`<div class="notice">${p(view.stale)}</div>`] : []),
    p(`This report is about ${formatLongDate(from)} to ${formatLongDate(to)}.`),
    p('It is for the Joint Partnership Board.'),
    p('It tells the Scrutiny Panel what our board did.'),
    meetings(view),
    whoCame(view),
    projects(view),
    things(view),
    together(view),
    involvementEasyRead(view),
    feedbackEasyRead(view),
    '<h2>More about this report</h2>',
    `<p><a href="${e(reportAddress(from, to, false))}">Read the full report, with more numbers</a></p>`,
    `<p><a href="${e(reportAddress(from, to, false, 'csv'))}">Get the numbers for a spreadsheet</a></p>`,
    '<h2 class="no-print">Choose other dates</h2>',
    periodForm({ from, to, easyRead: true }),
  ].join('\n');
}

function meetings({ figures, series }: AnnualReportView): string {
  const months = series.meetingsByMonth;
  return [
    '<h2>Our meetings</h2>',
    p(`We had ${count(figures.meetingsHeld, 'board meeting')}.`),
    p(
      figures.meetingsCancelled === 0
        ? 'We did not cancel any meetings.'
        : `We cancelled ${count(figures.meetingsCancelled, 'meeting')}.`,
    ),
    figure(
      calendarChartSvg({
        id: 'easy-meetings-chart',
        title: 'Our meetings each month',
        description: months.map((m) => `${monthName(m.month, true)}: ${m.held}.`).join(' '),
        months: months.map((m) => ({ month: m.month, count: m.held })),
      }),
      'Each square is a month. The number is how many meetings we had.',
    ),
  ].join('\n');
}

function whoCame(view: AnnualReportView): string {
  const rows = view.figures.attendanceByConstituency;
  const group = (constituency: string) =>
    GROUPS[sheetValue('Constituency', constituency)] ?? sheetValue('Constituency', constituency);
  const sentences = rows.map((row) =>
    row.present === null
      ? `We do not say how many times ${group(row.constituency)} came.`
      : `${group(row.constituency)} came ${count(row.present, 'time')}.`,
  );
  const withheld = rows.some((row) => row.present === null);
  return [
    '<h2>Who came to our meetings</h2>',
    p('We count each person once for each meeting they came to.'),
    says(sentences),
    ...(withheld
      ? [
          p(`Some numbers are very small. We do not say them.`),
          p('This is so nobody can find out who came.'),
        ]
      : []),
    figure(
      barChartSvg({
        id: 'easy-attendance-chart',
        title: 'How many times people came, by group',
        description: sentences.join(' '),
        series: [{ name: 'Came', colour: PALETTE.green }],
        groups: rows.map((row) => ({ label: group(row.constituency), values: [row.present] })),
        notShown: 'we do not say',
        fontSize: 17,
      }),
      'The longer the bar, the more times people came.',
    ),
  ].join('\n');
}

function projects({ figures }: AnnualReportView): string {
  const total = figures.projectsByStage.reduce((sum, row) => sum + row.count, 0);
  const sentences = figures.projectsByStage
    .filter((row) => row.count > 0)
    .map((row) => {
      const stage = sheetValue('CommissioningStage', row.stage);
      return `${count(row.count, 'project')} ${row.count === 1 ? 'is' : 'are'} at the ${stage.toLowerCase()} stage. ${STAGES[stage as keyof typeof STAGES] ?? ''}`.trim();
    });
  return [
    '<h2>Our projects</h2>',
    p(`We worked on ${count(total, 'project')}.`),
    says(sentences),
    figure(
      barChartSvg({
        id: 'easy-stage-chart',
        title: 'Our projects, by stage',
        description: sentences.join(' ') || 'No projects.',
        series: [{ name: 'Projects', colour: PALETTE.purple }],
        groups: figures.projectsByStage.map((row) => ({
          label: sheetValue('CommissioningStage', row.stage),
          values: [row.count],
        })),
        notShown: 'we do not say',
        fontSize: 17,
      }),
      'How many projects are at each stage.',
    ),
  ].join('\n');
}

function things({ figures }: AnnualReportView): string {
  return [
    '<h2>Things we agreed to do</h2>',
    p(`At our meetings we agreed to do ${count(figures.actionsRaised, 'thing')}.`),
    p(`${figures.actionsDone} of them are done.`),
    p(
      figures.actionsOverdue === 0
        ? 'None of them are late.'
        : `${figures.actionsOverdue} of them are late.`,
    ),
    figure(
      barChartSvg({
        id: 'easy-actions-chart',
        title: 'Things we agreed to do',
        description: `We agreed ${figures.actionsRaised}. ${figures.actionsDone} are done. ${figures.actionsOverdue} are late.`,
        series: [{ name: 'Things', colour: PALETTE.blue }],
        groups: [
          { label: 'We agreed', values: [figures.actionsRaised] },
          { label: 'Done', values: [figures.actionsDone] },
          { label: 'Late', values: [figures.actionsOverdue] },
        ],
        notShown: 'we do not say',
        fontSize: 17,
      }),
      'How many things we agreed, how many are done, and how many are late.',
    ),
  ].join('\n');
}

function together({ figures }: AnnualReportView): string {
  const sentences = figures.activities.map(
    (row) =>
      `${count(row.count, 'project')} did ${sheetValue('CoProductionActivity', row.activity).toLowerCase()}. This means ${ACTIVITY_WORDS[row.activity] ?? 'working together'}.`,
  );
  return ['<h2>How we worked together</h2>', says(sentences)].join('\n');
}

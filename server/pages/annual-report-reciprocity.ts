/**
 * The annual report's involvement and reciprocity (R16) and "you said, we did" (R17) parts, in
 * the standard page and in easy read. The figures are the asker's `annualReport` (a partner's
 * by constituency, withheld where the smallest-group rule says, over whole months); a part
 * whose tab the board cannot read says so instead of failing the whole report.
 */
import { barChartSvg, PALETTE } from '../../schema/charts';
import { GROUPS } from '../../schema/packs/easy-read-words';
import { escapeHtml as e } from '../../schema/packs/escape';
import { monthsLeftOutNote, NOT_SHOWN, notShownNote } from '../../schema/packs/standard-wording';
import { dayMonthYear } from '../../schema/packs/wording';
import { count } from '../../schema/rules/wording';
import type { AnnualReportView } from './annual-report';
import type { InvolvementFigures, InvolvementRowFigures } from './data';
import { figureCell, figureText, sheetValue } from './labels';

type Key = Exclude<keyof InvolvementRowFigures, 'monthsLeftOut'>;

interface Column {
  readonly key: Key;
  readonly name: string;
  readonly money: boolean;
}

/**
 * Two narrow tables rather than one wide one, so that both fit a phone's width (with "not
 * shown" in every cell) without scrolling sideways. The number of entries is in the CSV.
 */
const TIME_COLUMNS: readonly Column[] = [
  { key: 'members', name: 'Members', money: false },
  { key: 'hours', name: 'Hours', money: false },
  { key: 'trainingEntries', name: 'Training', money: false },
];
const MONEY_COLUMNS: readonly Column[] = [
  { key: 'payments', name: 'Payments (£)', money: true },
  { key: 'expenses', name: 'Expenses (£)', money: true },
];
const COLUMNS = [...TIME_COLUMNS, ...MONEY_COLUMNS];

/** Pounds with pence, no thousands separator (so a spreadsheet pasting it reads a number). */
export function pounds(value: number): string {
  return value.toFixed(2);
}

/** A table cell like `figureCell`'s, with pounds written with their pence. */
function cell(value: number | null, money: boolean, figure: string): string {
  if (value === null || !money) return figureCell(value, figure);
  return `<td class="number" data-figure="${figure}">${pounds(value)}</td>`;
}

const unreadable = (tab: string) =>
  `<p>The board’s ${tab} tab cannot be read just now, so this part of the report is left out. An officer can see why in the board’s data issues.</p>`;

/** "1 July 2026 to 30 September 2026", when the figures cover more than the period asked. */
function coveredNote(view: AnnualReportView, involvement: InvolvementFigures): string | null {
  const { from, to } = involvement;
  if (from === null || to === null) return null;
  if (from === view.figures.from && to === view.figures.to) return null;
  return `These figures are counted in whole months, so they cover ${dayMonthYear(from)} to ${dayMonthYear(to)}.`;
}

/** True when partners' figures leave out some months of some group (or of the board). */
export const anyMonthsLeftOut = (involvement: InvolvementFigures) =>
  [involvement, ...involvement.byConstituency].some((row) => row.monthsLeftOut.length > 0);

const anyWithheld = (involvement: InvolvementFigures) =>
  [involvement, ...involvement.byConstituency].some((row) =>
    COLUMNS.some(({ key }) => row[key] === null),
  );

export function involvementSection(view: AnnualReportView): string {
  const involvement = view.figures.involvement;
  const heading = '<h2>Involvement and reciprocity</h2>';
  if (!involvement) return [heading, unreadable('Involvement')].join('\n');
  const label = (constituency: string) => sheetValue('Constituency', constituency);
  const rows = involvement.byConstituency;
  const description = rows
    .map((row) =>
      row.hours === null
        ? `${label(row.constituency)}: hours ${figureText(row.hours)}.`
        : `${label(row.constituency)}: ${row.hours} hours.`,
    )
    .join(' ');
  const chart = barChartSvg({
    id: 'involvement-chart',
    title: 'Hours members gave, by constituency',
    description,
    series: [{ name: 'Hours', colour: PALETTE.purple }],
    groups: rows.map((row) => ({ label: label(row.constituency), values: [row.hours] })),
    notShown: NOT_SHOWN,
  });
  // Partners get the people of the busiest month, not of the period (see the API's members).
  const named = (column: Column) =>
    column.key === 'members' && view.viewer.role !== 'OFFICER'
      ? 'Members (busiest month)'
      : column.name;
  const table = (caption: string, columns: readonly Column[]) => {
    const line = (name: string, key: string, row: InvolvementRowFigures) =>
      `<tr><th scope="row">${e(name)}</th>${columns
        .map(({ key: column, money }) => cell(row[column], money, `involvement.${key}.${column}`))
        .join('')}</tr>`;
    return [
      '<table>',
      `<caption>${e(caption)}</caption>`,
      `<thead><tr><th scope="col">Constituency</th>${columns.map((column) => `<th scope="col" class="number">${e(named(column))}</th>`).join('')}</tr></thead>`,
      `<tbody>\n${rows.map((row) => line(label(row.constituency), row.constituency, row)).join('\n')}\n</tbody>`,
      `<tfoot>${line('All members', 'all', involvement)}</tfoot>`,
      '</table>',
    ].join('\n');
  };
  const covered = coveredNote(view, involvement);
  return [
    heading,
    '<p>Reciprocity is a principle of the terms of reference: the board recognises what its members give. These are the hours they gave to meetings, preparation, co-production and training, and what they were paid and given for expenses, from the board’s Involvement records. “Training” counts entries that were training or that record training or recognition.</p>',
    ...(covered ? [`<p>${e(covered)}</p>`] : []),
    `<div class="pair wide-table">\n<figure>\n${chart}\n<figcaption>Hours given, by constituency.</figcaption>\n</figure>\n${table('Involvement by constituency', TIME_COLUMNS)}\n</div>`,
    table('Payments and expenses by constituency', MONEY_COLUMNS),
    ...(anyMonthsLeftOut(involvement)
      ? [`<p>${e(monthsLeftOutNote(view.smallestGroup))}</p>`]
      : []),
    ...(anyWithheld(involvement) ? [`<p>${e(notShownNote(view.smallestGroup))}</p>`] : []),
  ].join('\n');
}

export function feedbackSection(view: AnnualReportView): string {
  const feedback = view.figures.feedback;
  const heading = '<h2>You said, we did</h2>';
  if (!feedback) return [heading, unreadable('Feedback')].join('\n');
  const item = (value: number, label: string, figure: string) =>
    `<li><span class="figure" data-figure="feedback.${figure}">${value}</span> ${e(label)}</li>`;
  return [
    heading,
    `<p>What people told the board in the period, what it did about it, and whether they were told within ${count(view.reportBackWithinDays, 'day')} of raising it (rule R17).</p>`,
    '<ul class="figures">',
    item(feedback.raised, feedback.raised === 1 ? 'thing raised' : 'things raised', 'raised'),
    item(feedback.actedOn, 'acted on', 'actedOn'),
    item(feedback.notActedOn, 'not acted on, with the reason', 'notActedOn'),
    item(feedback.open, 'still open', 'open'),
    item(feedback.reportedBack, 'reported back', 'reportedBack'),
    item(
      feedback.reportedBackInTime,
      `reported back within ${count(view.reportBackWithinDays, 'day')}`,
      'reportedBackInTime',
    ),
    '</ul>',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Easy read

const p = (text: string) => `<p>${e(text)}</p>`;

/** A figure in a sentence, marked so tests can read it back. */
const mark = (value: number | string, figure: string) =>
  `<span data-figure="${figure}">${e(String(value))}</span>`;

export function involvementEasyRead(view: AnnualReportView): string {
  const involvement = view.figures.involvement;
  const heading = '<h2>How people took part</h2>';
  if (!involvement) return [heading, p('We cannot read these numbers just now.')].join('\n');
  const group = (constituency: string) =>
    GROUPS[sheetValue('Constituency', constituency)] ?? sheetValue('Constituency', constituency);
  const sentences: string[] = [];
  if (involvement.hours === null) {
    sentences.push(p('We do not say how many hours people gave.'));
  } else {
    sentences.push(
      `<p>People gave ${mark(involvement.hours, 'involvement.all.hours')} hours to the board.</p>`,
    );
  }
  if (involvement.payments !== null) {
    sentences.push(
      `<p>We paid people £${mark(pounds(involvement.payments), 'involvement.all.payments')} for their time.</p>`,
    );
  }
  if (involvement.expenses !== null) {
    sentences.push(
      `<p>We paid £${mark(pounds(involvement.expenses), 'involvement.all.expenses')} for travel and other costs.</p>`,
    );
  }
  const byGroup = involvement.byConstituency
    .filter((row) => row.hours !== 0)
    .map((row) =>
      row.hours === null
        ? `<li>${e(`We do not say how many hours ${group(row.constituency).toLowerCase()} gave.`)}</li>`
        : `<li>${e(group(row.constituency))} gave ${mark(row.hours, `involvement.${row.constituency}.hours`)} hours.</li>`,
    );
  const covered = coveredNote(view, involvement);
  return [
    heading,
    p('People on the board give their time. We thank them and pay them for it.'),
    ...(covered ? [p(covered)] : []),
    ...sentences,
    ...(byGroup.length > 0 ? [`<ul class="says">\n${byGroup.join('\n')}\n</ul>`] : []),
    ...(anyMonthsLeftOut(involvement) ? [p(monthsLeftOutNote(view.smallestGroup))] : []),
    ...(anyWithheld(involvement)
      ? [p('Some numbers are about very few people. We do not say them.')]
      : []),
  ].join('\n');
}

export function feedbackEasyRead(view: AnnualReportView): string {
  const feedback = view.figures.feedback;
  const heading = '<h2>You said, we did</h2>';
  if (!feedback) return [heading, p('We cannot read these numbers just now.')].join('\n');
  return [
    heading,
    p(`You told us ${count(feedback.raised, 'thing')}.`),
    p(`We did something about ${feedback.actedOn} of them.`),
    p(
      feedback.notActedOn === 0
        ? 'There was nothing we could not do.'
        : `We could not do ${feedback.notActedOn} of them. We said why.`,
    ),
    p(`We told you what we did about ${feedback.reportedBack} of them.`),
    p(
      `We told you in time about ${feedback.reportedBackInTime} of them. In time means within ${count(view.reportBackWithinDays, 'day')}.`,
    ),
  ].join('\n');
}

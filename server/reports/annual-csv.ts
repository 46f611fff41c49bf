/**
 * `GET /reports/annual.csv?from=&to=`: the annual report page's figures for a spreadsheet, one
 * figure a row (section, item, measure, value), so they can be filtered, pivoted and charted
 * as they are. The figures are the asker's `annualReport` and the same series as the page's
 * charts; a withheld figure has an empty value and "not shown" in the note, never a number.
 *
 * Involvement (R16) is by constituency and for the whole board ("All"), never by member, with
 * the days it covers (for partners the whole months of the period, and for each row the number
 * of months left out of its figures, with why); money is in pounds. A part
 * whose tab cannot be read has one row saying so.
 */
import { monthsLeftOutNote, NOT_SHOWN } from '../../schema/packs/standard-wording';
import type { AnnualSeries } from '../../schema/reports/annual-series';
import type { AnnualReportFigures, InvolvementRowFigures } from '../pages/data';
import { sheetValue } from '../pages/labels';
import { type CsvValue, csvDocument } from './csv';

export const ANNUAL_CSV_HEADER = ['Section', 'Item', 'Measure', 'Value', 'Note'] as const;

type AddRow = (
  section: string,
  item: string,
  measure: string,
  value: number | string | null,
) => void;

const INVOLVEMENT_MEASURES = [
  ['members', 'Members'],
  ['hours', 'Hours'],
  ['entries', 'Entries'],
  ['trainingEntries', 'Training entries'],
  ['payments', 'Payments (£)'],
  ['expenses', 'Expenses (£)'],
] as const satisfies readonly (readonly [
  Exclude<keyof InvolvementRowFigures, 'monthsLeftOut'>,
  string,
])[];

const UNREADABLE = 'The tab cannot be read just now';

function involvementRows(
  figures: AnnualReportFigures,
  row: AddRow,
  rows: CsvValue[][],
  smallestGroup: number,
): void {
  const involvement = figures.involvement;
  if (!involvement) {
    rows.push(['Involvement', 'All', 'Hours', null, UNREADABLE]);
    return;
  }
  row('Involvement period', 'From', 'Date', involvement.from);
  row('Involvement period', 'To', 'Date', involvement.to);
  const measures = (section: string, item: string, line: InvolvementRowFigures) => {
    for (const [key, measure] of INVOLVEMENT_MEASURES) row(section, item, measure, line[key]);
    // Partners' figures are the sums of the months shown: say how many were left out, and why.
    if (line.monthsLeftOut.length > 0) {
      rows.push([
        section,
        item,
        'Months left out',
        line.monthsLeftOut.length,
        monthsLeftOutNote(smallestGroup),
      ]);
    }
  };
  measures('Involvement', 'All', involvement);
  for (const line of involvement.byConstituency) {
    measures('Involvement by constituency', sheetValue('Constituency', line.constituency), line);
  }
}

function feedbackRows(figures: AnnualReportFigures, row: AddRow, rows: CsvValue[][]): void {
  const feedback = figures.feedback;
  if (!feedback) {
    rows.push(['Feedback', 'Raised', 'Items', null, UNREADABLE]);
    return;
  }
  row('Feedback', 'Raised', 'Items', feedback.raised);
  row('Feedback', 'Acted on', 'Items', feedback.actedOn);
  row('Feedback', 'Not acted on', 'Items', feedback.notActedOn);
  row('Feedback', 'Open', 'Items', feedback.open);
  row('Feedback', 'Reported back', 'Items', feedback.reportedBack);
  row('Feedback', 'Reported back in time', 'Items', feedback.reportedBackInTime);
}

export function annualReportCsv(
  figures: AnnualReportFigures,
  series: AnnualSeries,
  smallestGroup: number,
): string {
  const rows: CsvValue[][] = [];
  const row = (section: string, item: string, measure: string, value: number | string | null) =>
    rows.push([section, item, measure, value, value === null ? NOT_SHOWN : null]);
  row('Period', 'From', 'Date', figures.from);
  row('Period', 'To', 'Date', figures.to);
  row('Meetings', 'Held', 'Meetings', figures.meetingsHeld);
  row('Meetings', 'Cancelled', 'Meetings', figures.meetingsCancelled);
  for (const month of series.meetingsByMonth) {
    row('Meetings held by month', month.month, 'Meetings', month.held);
  }
  for (const line of figures.attendanceByConstituency) {
    const constituency = sheetValue('Constituency', line.constituency);
    row('Attendance by constituency', constituency, 'Present', line.present);
    row('Attendance by constituency', constituency, 'Apologies', line.apologies);
    row('Attendance by constituency', constituency, 'Absent', line.absent);
  }
  for (const line of figures.projectsByStage) {
    row('Projects by stage', sheetValue('CommissioningStage', line.stage), 'Projects', line.count);
  }
  for (const line of figures.projectsByPhase) {
    row('Projects by phase', sheetValue('ProjectPhase', line.phase), 'Projects', line.count);
  }
  row('Actions', 'Raised', 'Actions', figures.actionsRaised);
  row('Actions', 'Done', 'Actions', figures.actionsDone);
  row('Actions', 'Overdue', 'Actions', figures.actionsOverdue);
  for (const point of series.actionsToDate) {
    row('Actions to date', point.date, 'Raised', point.raised);
    row('Actions to date', point.date, 'Done', point.done);
    row('Actions to date', point.date, 'Overdue', point.overdue);
  }
  for (const line of figures.activities) {
    row(
      'Co-production activities',
      sheetValue('CoProductionActivity', line.activity),
      'Projects',
      line.count,
    );
  }
  involvementRows(figures, row, rows, smallestGroup);
  feedbackRows(figures, row, rows);
  return csvDocument(ANNUAL_CSV_HEADER, rows);
}

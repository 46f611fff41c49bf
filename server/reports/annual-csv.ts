/**
 * `GET /reports/annual.csv?from=&to=`: the annual report page's figures for a spreadsheet, one
 * figure a row (section, item, measure, value), so they can be filtered, pivoted and charted
 * as they are. The figures are the asker's `annualReport` and the same series as the page's
 * charts; a withheld figure has an empty value and "not shown" in the note, never a number.
 */
import { NOT_SHOWN } from '../../schema/packs/standard-wording';
import type { AnnualSeries } from '../../schema/reports/annual-series';
import type { AnnualReportFigures } from '../pages/data';
import { sheetValue } from '../pages/labels';
import { type CsvValue, csvDocument } from './csv';

export const ANNUAL_CSV_HEADER = ['Section', 'Item', 'Measure', 'Value', 'Note'] as const;

export function annualReportCsv(figures: AnnualReportFigures, series: AnnualSeries): string {
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
  return csvDocument(ANNUAL_CSV_HEADER, rows);
}

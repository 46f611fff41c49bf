/** Static SVG charts with text alternatives, for pages that must read without script. */
export { type BarChartOptions, type BarGroup, type BarSeries, barChartSvg } from './bars';
export { type CalendarChartOptions, calendarChartSvg, type MonthCount } from './calendar';
export { type LineChartOptions, type LineSeries, lineChartSvg } from './lines';
export { type ChartText, PALETTE } from './svg';

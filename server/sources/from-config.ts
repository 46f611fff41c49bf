import type { SourceConfig } from '../config';
import type { BoardSource } from './board-source';
import { googleSheetsSource } from './google-sheets';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from './local-workbook';

/** The board's source as configured: a Google spreadsheet, a local workbook, or the demo board. */
export function sourceFromConfig(config: SourceConfig): BoardSource {
  if (config.kind === 'google') return googleSheetsSource(config);
  return localWorkbookSource(config.path ?? DEMO_WORKBOOK_PATH);
}

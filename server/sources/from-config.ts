import { type Env, readSourceConfig, type SourceConfig } from '../config';
import type { BoardSource } from './board-source';
import { googleSheetsSource } from './google-sheets';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from './local-workbook';

/** The board's source as configured: a Google spreadsheet, a local workbook, or the demo board. */
export function sourceFromConfig(config: SourceConfig): BoardSource {
  if (config.kind === 'google') return googleSheetsSource(config);
  return localWorkbookSource(config.path ?? DEMO_WORKBOOK_PATH);
}

export interface ConfiguredSource {
  readonly source: BoardSource;
  /** The bundled demo board, so that a report can say so instead of naming a file. */
  readonly demo: boolean;
}

/**
 * The board the command-line tools read: the one the server would serve (BOARD_SPREADSHEET_ID,
 * BOARD_WORKBOOK or the demo board), unless a workbook is named on the command line, which
 * wins over the environment. Throws `ConfigError` for a contradictory environment.
 */
export function configuredSource(env: Env, workbook?: string): ConfiguredSource {
  const config: SourceConfig =
    workbook === undefined ? readSourceConfig(env) : { kind: 'workbook', path: workbook };
  return {
    source: sourceFromConfig(config),
    demo: config.kind === 'workbook' && (config.path ?? DEMO_WORKBOOK_PATH) === DEMO_WORKBOOK_PATH,
  };
}

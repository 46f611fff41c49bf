import { type Env, readSourceConfig, type SourceConfig } from '../config';
import {
  type SnapshotsOffThreadOptions,
  snapshotsOffThread,
} from '../refresh/snapshots-off-thread';
import type { BoardSource } from './board-source';
import { googleSheetsSource } from './google-sheets';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from './local-workbook';

/**
 * The board's source as configured: a Google spreadsheet, a local workbook, or the demo board.
 * The server's snapshot cache asks it for snapshots (`readSnapshot`), which a worker thread
 * reads and builds from the same configuration (refresh/snapshots-off-thread.ts), so that
 * reading and building a large board never holds up requests. The worker starts on the first
 * such read: the command-line tools, which only read grids, never start one.
 */
export function sourceFromConfig(
  config: SourceConfig,
  options: { readonly log?: SnapshotsOffThreadOptions['log'] } = {},
): BoardSource {
  const source = plainSourceFromConfig(config);
  // The log hears what each snapshot cost (`{ event: 'snapshot', mainThreadMs, ... }`).
  const offThread = snapshotsOffThread(config, options.log ? { log: options.log } : {});
  const append = source.appendRow?.bind(source);
  return {
    description: source.description,
    readGrids: () => source.readGrids(),
    ...(append ? { appendRow: append } : {}),
    readSnapshot: () => offThread.read(),
  };
}

/** The source itself, reading on the thread that calls it (what the worker thread reads with). */
export function plainSourceFromConfig(config: SourceConfig): BoardSource {
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

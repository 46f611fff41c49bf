import type { IsoDate } from '../../schema/dates';
import type { BoardSnapshot } from '../../schema/snapshot';
import type { CirculationRecorder } from '../packs/record';

/** Who is asking: officers see everything; partners see reports without personal details. */
export type Role = 'OFFICER' | 'PARTNER';

/**
 * What a token grants: a role that reads the board, or `REFRESH`, which may only ask for the
 * board to be read again (`POST /hooks/sheet-changed`, DESIGN §9) and never reaches a resolver.
 * Kept apart from `Role` so that nothing answering with the board's data can be handed one.
 */
export type TokenRole = Role | 'REFRESH';

/** What every resolver gets: one snapshot for the whole request, so answers agree. */
export interface BoardContext {
  readonly role: Role;
  readonly snapshot: BoardSnapshot;
  /** Today's date in Europe/London, fixed once per request. */
  readonly today: IsoDate;
  /** Present when the board's source can be written to (recordCirculation). */
  readonly recorder?: CirculationRecorder;
}

/**
 * Circulation packs (R13): the action points of one held meeting for one audience. The builder
 * is pure and shared: same snapshot in, same bytes out, so the SHA-256 recorded in the
 * Circulation tab identifies exactly what was sent.
 */
import type { AUDIENCES } from '../layout';

export type PackAudience = (typeof AUDIENCES)[number];
export const PACK_FORMATS = ['HTML', 'TEXT'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

export interface PackRequest {
  readonly meetingId: string;
  readonly audience: PackAudience;
  readonly format: PackFormat;
  readonly easyRead: boolean;
}

export interface CirculationPack {
  readonly meetingId: string;
  readonly audience: PackAudience;
  readonly format: PackFormat;
  readonly easyRead: boolean;
  readonly content: string;
  /** Lowercase hex SHA-256 of the UTF-8 content. */
  readonly sha256: string;
}

export type PackErrorCode =
  | 'UNKNOWN_MEETING'
  | 'MEETING_NOT_HELD'
  | 'DMT_NOT_REQUESTED'
  | 'BOARD_DATA_UNUSABLE';

/** Why a pack cannot be made, in words for the co-chair who asked for it. */
export class PackError extends Error {
  override readonly name = 'PackError';
  constructor(
    readonly code: PackErrorCode,
    message: string,
  ) {
    super(message);
  }
}

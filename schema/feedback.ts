/**
 * "You said, we did" (R17), the facts every reader shares: when an item is due to be reported
 * back, whether it was in time, and which were reported back in a period. The R17 finding, the
 * API, the packs and the annual report all ask these, so each is answered here once.
 */
import { addDays, type IsoDate } from './dates';
import type { Feedback } from './records';
import type { BoardSettings } from './settings';

type Timing = Pick<Feedback, 'dateRaised' | 'reportedBackOn'>;

/** The last day the item may be reported back on: `Report back within (days)` after raising. */
export function reportBackDue(
  item: Pick<Feedback, 'dateRaised'>,
  settings: Pick<BoardSettings, 'reportBackWithinDays'>,
): IsoDate {
  return addDays(item.dateRaised, settings.reportBackWithinDays);
}

/** Reported back, with a "we did", on or before its due day. */
export function reportedBackInTime(
  item: Timing & Pick<Feedback, 'weDid'>,
  settings: Pick<BoardSettings, 'reportBackWithinDays'>,
): boolean {
  return (
    item.reportedBackOn !== null &&
    item.weDid !== null &&
    item.reportedBackOn <= reportBackDue(item, settings)
  );
}

/** Past its due day on `today` and not yet reported back. */
export function reportBackOverdue(
  item: Timing,
  settings: Pick<BoardSettings, 'reportBackWithinDays'>,
  today: IsoDate,
): boolean {
  return item.reportedBackOn === null && reportBackDue(item, settings) < today;
}

/**
 * Items reported back after `after` (exclusive; null: from the start) up to `through`
 * (inclusive), in the order reported back, then raised: a pack's "You said, we did" is those
 * reported back since the last meeting.
 */
export function reportedBackBetween<T extends Timing & Pick<Feedback, 'id'>>(
  feedback: readonly T[],
  after: IsoDate | null,
  through: IsoDate,
): T[] {
  return feedback
    .filter(
      (item) =>
        item.reportedBackOn !== null &&
        (after === null || item.reportedBackOn > after) &&
        item.reportedBackOn <= through,
    )
    .sort(
      (a, b) =>
        (a.reportedBackOn ?? '').localeCompare(b.reportedBackOn ?? '') ||
        a.dateRaised.localeCompare(b.dateRaised) ||
        a.id.localeCompare(b.id),
    );
}

/**
 * recordCirculation: logs in the Circulation tab that a meeting's pack went to an audience.
 * The row carries the SHA-256 of the HTML pack, so anyone can later check that a pack they
 * hold is the one that was sent. Recording the same pack twice finds the row already there.
 *
 * Several recordings asked together (one mutation with aliases) are all recorded or none: every
 * pack is built, and any that cannot be (an unknown meeting, a DMT pack not asked for) refuses
 * the lot, before the first row is written.
 */
import { londonDateTime } from '../../schema/dates';
import { newPackId } from '../../schema/ids';
import { buildCirculationPack } from '../../schema/packs';
import type { PackAudience } from '../../schema/packs/types';
import type { Circulation } from '../../schema/records';
import type { BoardSnapshot } from '../../schema/snapshot';
import { type BoardSource, SourceError } from '../sources/board-source';

export interface CirculationRecord {
  readonly packId: string;
  readonly meetingId: string;
  readonly audience: PackAudience;
  readonly generatedAt: string;
  readonly sha256: string | null;
  /** False when the same pack had been recorded already. */
  readonly created: boolean;
}

export interface CirculationRequest {
  readonly meetingId: string;
  readonly audience: PackAudience;
}

export interface CirculationRecorder {
  record(meetingId: string, audience: PackAudience): Promise<CirculationRecord>;
  /**
   * Records each request, in order, or none of them: throws (a `PackError`, a `SourceError`)
   * before writing anything when one of the packs cannot be made or the board cannot be written.
   * A request repeated in the list is recorded once; the repeat returns the same row. Only a
   * write failing part-way (the source takes one row per write) leaves some rows written, and
   * its error names them.
   */
  recordAll(requests: readonly CirculationRequest[]): Promise<CirculationRecord[]>;
}

interface Snapshots {
  get(): Promise<{ snapshot: BoardSnapshot }>;
  refreshNow(): Promise<{ snapshot: BoardSnapshot }>;
}

export function circulationRecorder(
  source: BoardSource,
  snapshots: Snapshots,
  now: () => Date,
): CirculationRecorder {
  // One recording at a time; each re-reads the board after writing, so the next one sees
  // the rows the last one added and cannot add them again.
  let queue: Promise<unknown> = Promise.resolve();

  const recordAll = (requests: readonly CirculationRequest[]) => {
    const run = queue.then(async () => {
      const { snapshot } = await snapshots.get();
      const planned = plan(snapshot, requests, londonDateTime(now()));
      const rows = planned.filter((record) => record.created);
      if (rows.length > 0 && !source.appendRow) {
        throw new SourceError(
          `The board's source (${source.description}) cannot be written to.`,
          false,
        );
      }
      // Sources add one row per write, so a write failing after the first (a full disk, a lost
      // connection) can still leave some rows written; the error then says which.
      const written: string[] = [];
      try {
        for (const record of rows) {
          await source.appendRow?.('Circulation', {
            'Pack ID': record.packId,
            'Meeting ID': record.meetingId,
            Audience: record.audience,
            'Generated at': record.generatedAt.replace('T', ' '),
            'SHA-256': record.sha256 ?? '',
          });
          written.push(record.packId);
        }
      } catch (error) {
        if (written.length === 0) throw error;
        await snapshots.refreshNow().catch(() => {});
        const reason = error instanceof Error ? error.message : String(error);
        throw new SourceError(
          `${reason} ${written.length} of ${rows.length} rows had been written (${written.join(', ')}); the others were not.`,
          false,
        );
      }
      if (rows.length > 0) await snapshots.refreshNow();
      return planned;
    });
    queue = run.catch(() => {});
    return run;
  };

  return {
    recordAll,
    async record(meetingId, audience) {
      const [record] = await recordAll([{ meetingId, audience }]);
      return record as CirculationRecord;
    },
  };
}

/**
 * What recording each request would do, decided on one snapshot before anything is written:
 * the row already there for the same pack, or a new row. Throws if any pack cannot be made.
 */
function plan(
  snapshot: BoardSnapshot,
  requests: readonly CirculationRequest[],
  generatedAt: string,
): CirculationRecord[] {
  // The sheet's rows plus the ones planned so far, so that two new rows never share an ID.
  const circulation: Pick<Circulation, 'id' | 'meetingId' | 'audience'>[] = [
    ...snapshot.circulation,
  ];
  const created: CirculationRecord[] = [];
  return requests.map(({ meetingId, audience }) => {
    const { sha256 } = buildCirculationPack(snapshot, {
      meetingId,
      audience,
      format: 'HTML',
      easyRead: false,
    });
    const same = (row: { meetingId: string; audience: PackAudience; sha256: string | null }) =>
      row.meetingId === meetingId &&
      row.audience === audience &&
      row.sha256?.toLowerCase() === sha256;
    const inSheet = snapshot.circulation.find(same);
    if (inSheet) {
      return {
        packId: inSheet.id,
        meetingId,
        audience,
        generatedAt: inSheet.generatedAt,
        sha256: inSheet.sha256,
        created: false,
      };
    }
    const earlier = created.find(same);
    if (earlier) return { ...earlier, created: false };
    const record: CirculationRecord = {
      packId: newPackId(circulation, meetingId, audience),
      meetingId,
      audience,
      generatedAt,
      sha256,
      created: true,
    };
    created.push(record);
    circulation.push({ id: record.packId, meetingId, audience });
    return record;
  });
}

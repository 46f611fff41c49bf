/**
 * recordCirculation: logs in the Circulation tab that a meeting's pack went to an audience.
 * The row carries the SHA-256 of the HTML pack, so anyone can later check that a pack they
 * hold is the one that was sent. Recording the same pack twice finds the row already there.
 */
import { londonDateTime } from '../../schema/dates';
import { buildCirculationPack } from '../../schema/packs';
import type { PackAudience } from '../../schema/packs/types';
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

const AUDIENCE_CODES: Readonly<Record<PackAudience, string>> = {
  'Borough Partnership': 'BP',
  'Senior Head': 'SH',
  DMT: 'DMT',
};

export interface CirculationRecorder {
  record(meetingId: string, audience: PackAudience): Promise<CirculationRecord>;
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
  // the row the last one added and cannot add it again.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    record(meetingId, audience) {
      const run = queue.then(async () => {
        const { snapshot } = await snapshots.get();
        const pack = buildCirculationPack(snapshot, {
          meetingId,
          audience,
          format: 'HTML',
          easyRead: false,
        });
        const sent = snapshot.circulation.filter(
          (row) => row.meetingId === meetingId && row.audience === audience,
        );
        const same = sent.find((row) => row.sha256?.toLowerCase() === pack.sha256);
        if (same) {
          return {
            packId: same.id,
            meetingId,
            audience,
            generatedAt: same.generatedAt,
            sha256: same.sha256,
            created: false,
          };
        }
        if (!source.appendRow) {
          throw new SourceError(
            `The board's source (${source.description}) cannot be written to.`,
            false,
          );
        }
        const taken = new Set(snapshot.circulation.map((row) => row.id));
        let number = sent.length + 1;
        const idOf = (n: number) => `${meetingId}-${AUDIENCE_CODES[audience]}-${n}`;
        while (taken.has(idOf(number))) number++;
        const record = {
          packId: idOf(number),
          meetingId,
          audience,
          generatedAt: londonDateTime(now()),
          sha256: pack.sha256,
          created: true,
        };
        await source.appendRow('Circulation', {
          'Pack ID': record.packId,
          'Meeting ID': meetingId,
          Audience: audience,
          'Generated at': record.generatedAt.replace('T', ' '),
          'SHA-256': pack.sha256,
        });
        await snapshots.refreshNow();
        return record;
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}

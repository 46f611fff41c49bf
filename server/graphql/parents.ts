import type { IsoDate } from '../../schema/dates';
import type { DataIssue } from '../../schema/issues';
import type { Member } from '../../schema/records';
import type { Finding } from '../../schema/rules';
import type { MemberInvolvement } from '../../schema/rules/r16-reciprocity-totals';

/** `Query.board` returns this marker; every Board field reads the context's snapshot. */
export type BoardParent = Record<string, never>;

/** A finding with the cell it points at, when there is one. */
export type FindingParent = Finding & {
  readonly location: Pick<DataIssue, 'sheet' | 'cell'> | null;
};

type Constituency = Member['constituency'];

/** A constituency's involvement as the asker may see it (partners: null where withheld). */
export interface ConstituencyInvolvementParent {
  readonly constituency: Constituency;
  readonly hours: number | null;
  readonly payments: number | null;
  readonly expenses: number | null;
  readonly entries: number | null;
  readonly trainingEntries: number | null;
  readonly people: number | null;
  /** Partners: the first day of each month left out of these figures; officers: none. */
  readonly monthsLeftOut?: readonly IsoDate[];
}

/**
 * `InvolvementSummary` as the asker may see it: officers' plain totals (with each member's),
 * or partners' through the smallest-group rule (with no member's at all: `byMember` is null,
 * and its resolver refuses partners whatever this holds).
 */
export interface InvolvementParent extends Omit<ConstituencyInvolvementParent, 'constituency'> {
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
  readonly byConstituency: readonly ConstituencyInvolvementParent[];
  readonly byMember: readonly MemberInvolvement[] | null;
}

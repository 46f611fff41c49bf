/**
 * R16's totals (reciprocity): the hours members gave, what they were paid, their expenses and
 * their training, over a period, for the whole board, by constituency and by member. These are
 * the plain figures officers get; partners get them through the small-number rule instead
 * (`partnerInvolvement` in `schema/partner-involvement.ts`), by constituency only.
 *
 * Money is added in pence and hours in hundredths, so that a year of £12.10 payments adds up
 * to what a spreadsheet says, not to £1452.0000000002.
 */
import type { IsoDate } from '../dates';
import type { Involvement, Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { CONSTITUENCIES } from '../values';

type Constituency = Member['constituency'];

export interface InvolvementFilter {
  /** First day counted (inclusive); null: from the first entry. */
  readonly from?: IsoDate | null;
  /** Last day counted (inclusive); null: to the last entry. */
  readonly to?: IsoDate | null;
  /** A sheet Member ID. */
  readonly memberId?: string | null;
  readonly projectId?: string | null;
}

export interface InvolvementTotals {
  readonly hours: number;
  /** Pounds. */
  readonly payments: number;
  /** Pounds. */
  readonly expenses: number;
  readonly entries: number;
  /** Entries that were training, or that record training or recognition. */
  readonly trainingEntries: number;
  /** Different members with an entry. */
  readonly people: number;
}

export interface ConstituencyInvolvement extends InvolvementTotals {
  readonly constituency: Constituency;
}

export interface MemberInvolvement extends Omit<InvolvementTotals, 'people'> {
  readonly memberId: string;
}

export interface InvolvementSummary extends InvolvementTotals {
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
  /** Every constituency, in the sheet's order, empty ones included. */
  readonly byConstituency: readonly ConstituencyInvolvement[];
  /** Members with an entry, in the order of their first entry. */
  readonly byMember: readonly MemberInvolvement[];
}

/** Training counts when it is the activity, or when the entry records training or recognition. */
export function isTrainingEntry(
  entry: Pick<Involvement, 'activity' | 'trainingOrRecognition'>,
): boolean {
  return entry.activity === 'Training' || (entry.trainingOrRecognition?.trim() ?? '') !== '';
}

/** The entries the filter lets through, in sheet order (entries of unknown members are gone). */
export function involvementEntries(
  snapshot: BoardSnapshot,
  filter: InvolvementFilter,
): Involvement[] {
  const { from, to, memberId, projectId } = filter;
  return snapshot.involvement.filter(
    (entry) =>
      (from == null || entry.date >= from) &&
      (to == null || entry.date <= to) &&
      (memberId == null || entry.memberId === memberId) &&
      (projectId == null || entry.projectId === projectId),
  );
}

/** Running sums in whole pence and hundredths of an hour. */
class Tally {
  hundredthsOfHours = 0;
  paymentPence = 0;
  expensePence = 0;
  entries = 0;
  trainingEntries = 0;
  readonly people = new Set<string>();

  add(entry: Involvement): void {
    this.hundredthsOfHours += Math.round((entry.hours ?? 0) * 100);
    this.paymentPence += Math.round((entry.payment ?? 0) * 100);
    this.expensePence += Math.round((entry.expenses ?? 0) * 100);
    this.entries += 1;
    if (isTrainingEntry(entry)) this.trainingEntries += 1;
    this.people.add(entry.memberId);
  }

  totals(): InvolvementTotals {
    return {
      hours: this.hundredthsOfHours / 100,
      payments: this.paymentPence / 100,
      expenses: this.expensePence / 100,
      entries: this.entries,
      trainingEntries: this.trainingEntries,
      people: this.people.size,
    };
  }
}

/** The sums of some entries, as `involvementSummary` adds them up. */
export function involvementTotals(entries: readonly Involvement[]): InvolvementTotals {
  const tally = new Tally();
  for (const entry of entries) tally.add(entry);
  return tally.totals();
}

/** R16's totals of the entries the filter lets through. */
export function involvementSummary(
  snapshot: BoardSnapshot,
  filter: InvolvementFilter = {},
): InvolvementSummary {
  const all = new Tally();
  const byConstituency = new Map(CONSTITUENCIES.map((c) => [c, new Tally()]));
  const byMember = new Map<string, Tally>();
  for (const entry of involvementEntries(snapshot, filter)) {
    const member = snapshot.memberById.get(entry.memberId);
    if (!member) continue;
    all.add(entry);
    byConstituency.get(member.constituency)?.add(entry);
    let tally = byMember.get(member.id);
    if (!tally) {
      tally = new Tally();
      byMember.set(member.id, tally);
    }
    tally.add(entry);
  }
  return {
    from: filter.from ?? null,
    to: filter.to ?? null,
    ...all.totals(),
    byConstituency: CONSTITUENCIES.map((constituency) => ({
      constituency,
      ...(byConstituency.get(constituency) as Tally).totals(),
    })),
    byMember: [...byMember].map(([memberId, tally]) => {
      const { people: _one, ...totals } = tally.totals();
      return { memberId, ...totals };
    }),
  };
}

/**
 * Two parts of a pack's facts that concern people's voice: "You said, we did" (R17, issue 14
 * item 2) and who works on each project, by constituency (issue 14 item 6).
 *
 * Feedback in a pack is what was reported back after the previous held meeting, up to and
 * including this meeting's day (`reportedBackBetween`). Nobody is named as having raised it:
 * the pack says only which constituencies raised it, as the API tells partners
 * (`raisedByConstituencies`: a constituency in `Raised by`, or the constituency of a member
 * it lists when that cannot single out a member who has not consented).
 *
 * Project people are counted the way partners may see counts of people (DESIGN §4), by
 * `partnerProjectPeople` in `partner-figures.ts`: the API gives partners the same figures.
 */
import type { IsoDate } from '../dates';
import { reportedBackBetween } from '../feedback';
import { raisedByConstituencies } from '../feedback-raised-by';
import { type PartnerProjectPeople, partnerProjectPeople } from '../partner-figures';
import type { Constituency } from '../project-constituencies';
import type { Feedback } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { tidyText } from './escape';

export interface PackFeedbackItem {
  readonly id: string;
  readonly dateRaised: IsoDate;
  readonly youSaid: string;
  readonly weDid: string | null;
  readonly status: Feedback['status'];
  /** Why not, for an item `Not acted on`. */
  readonly reason: string | null;
  readonly reportedBackOn: IsoDate;
  /** The constituencies that raised it, in the sheet's order; never a person. */
  readonly raisedBy: readonly Constituency[];
  readonly project: string | null;
}

export interface PackFeedback {
  /** False when the Feedback tab is missing or lacks a required header. */
  readonly readable: boolean;
  /** The previous held meeting's date: items reported back after it; null for the first. */
  readonly since: IsoDate | null;
  readonly items: readonly PackFeedbackItem[];
}

export function packFeedback(
  snapshot: BoardSnapshot,
  previousMeetingDate: IsoDate | null,
  meetingDate: IsoDate,
): PackFeedback {
  const items = reportedBackBetween(snapshot.feedback, previousMeetingDate, meetingDate).map(
    (item): PackFeedbackItem => {
      const project = item.projectId ? snapshot.projectById.get(item.projectId) : undefined;
      return {
        id: item.id,
        dateRaised: item.dateRaised,
        youSaid: tidyText(item.youSaid),
        weDid: item.weDid === null ? null : tidyText(item.weDid),
        status: item.status,
        reason: item.reason === null ? null : tidyText(item.reason),
        reportedBackOn: item.reportedBackOn as IsoDate,
        raisedBy: raisedByConstituencies(item, snapshot),
        project: project ? tidyText(project.name) : null,
      };
    },
  );
  return {
    readable: !snapshot.unusableTabs.has('Feedback'),
    since: previousMeetingDate,
    items,
  };
}

/** Moved to `partner-figures.ts`, which the API's `Project.membersByConstituency` reads too. */
export type PackProjectPeople = PartnerProjectPeople;
export { partnerProjectPeople };

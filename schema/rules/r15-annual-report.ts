/**
 * R15: information for the Joint Partnership Board's annual report to the Scrutiny Panel, over
 * a date range: meetings held, attendance by constituency, projects by stage and phase, actions
 * raised / done / overdue, the co-production activities of the projects, involvement and
 * reciprocity (R16's totals, `r16-reciprocity-totals.ts`) and feedback reported back (R17).
 *
 * The sheet keeps each action's current status only, so "done" and "overdue" are worked out
 * from the dates it does keep: an action counts as done in the period when it is Done and was
 * completed by the end of the period (or has no completion date); it counts as overdue when it
 * was due before the end of the period (or today, if earlier) and was not done (or dropped) by
 * then. Feedback is counted the same way: the items raised in the period, with their status
 * today, and those reported back by the end of the period (in time: within `Report back within
 * (days)` of being raised, `schema/feedback.ts`).
 */
import { closedBy, raisedOn } from '../actions';
import type { IsoDate } from '../dates';
import { reportedBackInTime } from '../feedback';
import {
  ATTENDANCE_VALUES,
  CO_PRODUCTION_ACTIVITIES,
  COMMISSIONING_STAGES,
  CONSTITUENCIES,
  PROJECT_PHASES,
} from '../layout';
import type { Action, Meeting, Member, Project } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { type InvolvementSummary, involvementSummary } from './r16-reciprocity-totals';

type Constituency = Member['constituency'];

export interface ConstituencyAttendance {
  readonly constituency: Constituency;
  readonly present: number;
  readonly apologies: number;
  readonly absent: number;
}

export interface AnnualReport {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly meetingsHeld: number;
  readonly meetingsCancelled: number;
  readonly attendanceByConstituency: readonly ConstituencyAttendance[];
  readonly projectsByStage: readonly { stage: Project['stage']; count: number }[];
  readonly projectsByPhase: readonly { phase: Project['phase']; count: number }[];
  readonly actionsRaised: number;
  readonly actionsDone: number;
  readonly actionsOverdue: number;
  readonly activities: readonly { activity: Project['activities'][number]; count: number }[];
  /** R16: hours, payments, expenses and training over the period (officers' figures). */
  readonly involvement: InvolvementSummary;
  readonly feedback: FeedbackFigures;
}

/** R17: the "you said, we did" items raised in the period, and how they were answered. */
export interface FeedbackFigures {
  readonly raised: number;
  /** Raised in the period and still Open. */
  readonly open: number;
  readonly actedOn: number;
  readonly notActedOn: number;
  /** Raised in the period and reported back by its end. */
  readonly reportedBack: number;
  /** Of those reported back, the ones reported back in time, with a "we did". */
  readonly reportedBackInTime: number;
}

export function annualReport(
  snapshot: BoardSnapshot,
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
): AnnualReport {
  if (from > to) throw new RangeError(`The report period starts (${from}) after it ends (${to}).`);
  const inPeriod = (date: IsoDate) => date >= from && date <= to;
  const meetings = snapshot.meetings.filter((meeting) => inPeriod(meeting.date));
  const held = heldMeetingsIn(snapshot, from, to);
  const projects = snapshot.projects.filter((project) => activeDuring(project, from, to));
  // Unlike the follow-up, an action whose meeting is not in the tab has no period to count in.
  const raised = snapshot.actions.filter((action) => {
    const raisedAt = raisedOn(snapshot, action);
    return raisedAt !== null && inPeriod(raisedAt);
  });
  const overdueOn = today < to ? today : to;

  return {
    from,
    to,
    meetingsHeld: held.length,
    meetingsCancelled: meetings.filter((meeting) => meeting.status === 'Cancelled').length,
    attendanceByConstituency: attendanceByConstituency(
      snapshot,
      held.map((meeting) => meeting.id),
    ),
    projectsByStage: COMMISSIONING_STAGES.map((stage) => ({
      stage,
      count: projects.filter((project) => project.stage === stage).length,
    })),
    projectsByPhase: PROJECT_PHASES.map((phase) => ({
      phase,
      count: projects.filter((project) => project.phase === phase).length,
    })),
    actionsRaised: raised.length,
    actionsDone: raised.filter((action) => doneBy(action, to)).length,
    actionsOverdue: raised.filter(
      (action) =>
        action.dueDate !== null && action.dueDate < overdueOn && !closedBy(action, overdueOn),
    ).length,
    activities: CO_PRODUCTION_ACTIVITIES.map((activity) => ({
      activity,
      count: projects.filter((project) => project.activities.includes(activity)).length,
    })),
    involvement: involvementSummary(snapshot, { from, to }),
    feedback: feedbackFigures(snapshot, from, to),
  };
}

/** R17's figures for the items raised in [from, to]. */
export function feedbackFigures(
  snapshot: BoardSnapshot,
  from: IsoDate,
  to: IsoDate,
): FeedbackFigures {
  const raised = snapshot.feedback.filter(
    (item) => item.dateRaised >= from && item.dateRaised <= to,
  );
  const reportedBack = raised.filter(
    (item) => item.reportedBackOn !== null && item.reportedBackOn <= to,
  );
  return {
    raised: raised.length,
    open: raised.filter((item) => item.status === 'Open').length,
    actedOn: raised.filter((item) => item.status === 'Acted on').length,
    notActedOn: raised.filter((item) => item.status === 'Not acted on').length,
    reportedBack: reportedBack.length,
    reportedBackInTime: reportedBack.filter((item) => reportedBackInTime(item, snapshot.settings))
      .length,
  };
}

/** The meetings held in the period, whose attendance the report counts (partners' too). */
export function heldMeetingsIn(snapshot: BoardSnapshot, from: IsoDate, to: IsoDate): Meeting[] {
  return snapshot.meetings.filter(
    (meeting) => meeting.status === 'Held' && meeting.date >= from && meeting.date <= to,
  );
}

/** Attendance rows of the given meetings counted by the member's constituency. */
export function attendanceByConstituency(
  snapshot: BoardSnapshot,
  meetingIds: readonly string[],
): ConstituencyAttendance[] {
  const counts = new Map(
    CONSTITUENCIES.map((constituency) => [
      constituency,
      Object.fromEntries(ATTENDANCE_VALUES.map((value) => [value, 0])) as Record<
        (typeof ATTENDANCE_VALUES)[number],
        number
      >,
    ]),
  );
  for (const meetingId of meetingIds) {
    for (const row of snapshot.attendanceByMeeting.get(meetingId) ?? []) {
      const member = snapshot.memberById.get(row.memberId);
      const tally = member && counts.get(member.constituency);
      if (tally) tally[row.attendance] += 1;
    }
  }
  return CONSTITUENCIES.map((constituency) => {
    const tally = counts.get(constituency);
    return {
      constituency,
      present: tally?.Present ?? 0,
      apologies: tally?.Apologies ?? 0,
      absent: tally?.Absent ?? 0,
    };
  });
}

/** A project without dates is taken to run throughout; otherwise its dates must overlap. */
function activeDuring(project: Project, from: IsoDate, to: IsoDate): boolean {
  return (
    (project.start === null || project.start <= to) && (project.end === null || project.end >= from)
  );
}

/** Done (not dropped) by the end of `date`: what the report counts as done (its series too). */
export function doneBy(action: Action, date: IsoDate): boolean {
  return action.status === 'Done' && closedBy(action, date);
}

/**
 * The example reporting queries GraphiQL opens with, one tab each, and that the README shows as
 * curl commands: the annual report, overdue actions a page at a time, the follow-up list, the
 * projects with their tasks, involvement and reciprocity, and "you said, we did". Each works for partners and officers alike, within the depth
 * and cost limits (tests/portal-pages.test.ts runs every one as a partner).
 */
import type { IsoDate } from '../../schema/dates';
import { lastTwelveMonths } from './period';

export interface ExampleQuery {
  readonly name: string;
  readonly query: string;
  /** The variables to open it with, from today's date. */
  readonly variables: (today: IsoDate) => Record<string, unknown>;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    name: 'AnnualReport',
    query: `# R15: the figures for the Joint Partnership Board's
# annual report to the Scrutiny Panel. For partners, a figure
# that would single someone out is null ("not shown").
query AnnualReport($from: Date!, $to: Date!) {
  annualReport(from: $from, to: $to) {
    from
    to
    meetingsHeld
    meetingsCancelled
    attendanceByConstituency { constituency present apologies absent }
    projectsByStage { stage count }
    projectsByPhase { phase count }
    actionsRaised
    actionsDone
    actionsOverdue
    activities { activity count }
    feedback { raised actedOn notActedOn reportedBack reportedBackInTime }
  }
}`,
    variables: (today) => ({ ...lastTwelveMonths(today) }),
  },
  {
    name: 'OverdueActions',
    query: `# Actions overdue on a day, 20 at a time. For the next
# page, set "after" to this page's endCursor (while
# hasNextPage is true).
query OverdueActions($on: Date!, $first: Int = 20, $after: String) {
  actions(overdueOn: $on, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        description
        dueDate
        status
        owners { name }
        meeting { id date }
        project { name }
      }
    }
  }
}`,
    variables: (today) => ({ on: today, first: 20, after: null }),
  },
  {
    name: 'FollowUp',
    query: `# R12: every action the co-chairs follow up at the next
# meeting (or the meeting given by meetingId), overdue
# first, with the reasons.
query FollowUp($meetingId: ID) {
  followUp(meetingId: $meetingId) {
    meeting { id date }
    referenceDate
    nextMeetingDate
    items {
      action { id description dueDate status owners { name } }
      reasons
      daysOverdue
    }
  }
}`,
    variables: () => ({ meetingId: null }),
  },
  {
    name: 'ProjectsWithTasks',
    query: `# Commissioning projects, their progress, and the
# standard tasks by phase (R14).
query ProjectsWithTasks {
  projects {
    id
    name
    stage
    phase
    status
    activities
    progress { done toDo total percentDone }
    tasksByPhase {
      phase
      tasks { task responsible dueDate status }
    }
  }
}`,
    variables: () => ({}),
  },
  {
    name: 'Involvement',
    query: `# R16: what members gave and were given: hours, payments
# and expenses (pounds), training, by constituency. For
# partners it covers whole months, a figure that would single
# someone out is null, and byMember is for officers only.
query Involvement($from: Date, $to: Date) {
  involvement(from: $from, to: $to) {
    from
    to
    hours
    payments
    expenses
    trainingEntries
    members
    byConstituency { constituency hours payments expenses members }
  }
}`,
    variables: (today) => ({ ...lastTwelveMonths(today) }),
  },
  {
    name: 'Feedback',
    query: `# R17: "you said, we did": what people raised, what the
# board did, and whether they were told in time.
query Feedback($status: [FeedbackStatus!], $from: Date, $to: Date) {
  feedback(status: $status, from: $from, to: $to) {
    id
    dateRaised
    youSaid
    weDid
    status
    reason
    reportedBackOn
    reportedBackInTime
    raisedByConstituencies
    meeting { id date }
  }
}`,
    variables: (today) => ({ status: null, ...lastTwelveMonths(today) }),
  },
];

/** The query on one line without its comments: how the README's curl commands send it. */
export function compactQuery(example: ExampleQuery): string {
  return example.query
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What the pages and downloads show comes from the GraphQL API itself: fixed queries run on the
 * server's own schema and resolvers, with the asker's role, the request's snapshot and today's
 * date. So every redaction a partner gets from the API (names without consent, opaque IDs,
 * withheld small figures, the order of members) is in every page and CSV too, by the same code,
 * and no page can show a figure the API would not: there is no second copy of the access rules.
 */
import { execute, GraphQLError, type GraphQLSchema, parse } from 'graphql';
import type { FeedbackFigures } from '../../schema/rules/r15-annual-report';
import type { BoardContext } from '../graphql/context';

/** An answer the page cannot be made from; `status` is the HTTP status to give. */
export class PageDataError extends Error {
  override readonly name = 'PageDataError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  BOARD_DATA_UNUSABLE: 503,
  FORBIDDEN: 403,
};

export type PageQuery = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

const parsed = new Map<string, ReturnType<typeof parse>>();

/**
 * Runs one of the pages' queries as the asker. An error the resolvers meant (a bad date, a tab
 * the sheet lacks) is passed on in its own words; anything else is masked, as the API masks it.
 */
export function pageQuery(schema: GraphQLSchema, context: BoardContext): PageQuery {
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    let document = parsed.get(query);
    if (!document) {
      document = parse(query);
      parsed.set(query, document);
    }
    const result = await execute({
      schema,
      document,
      contextValue: context,
      variableValues: variables,
    });
    const error = result.errors?.[0];
    if (error) {
      const meant = error.originalError instanceof GraphQLError ? error.originalError : null;
      const code = String(meant?.extensions?.code ?? '');
      if (meant) throw new PageDataError(meant.message, STATUS_OF_CODE[code] ?? 400);
      throw new PageDataError('Something went wrong while making this page. Try again later.', 500);
    }
    return result.data as T;
  };
}

// ---------------------------------------------------------------------------------------------
// The queries, and the shapes of their answers (API enum names, not sheet values).

export const PORTAL_QUERY = /* GraphQL */ `
  query PortalPage {
    board {
      name
      memberCap
      activeMemberCount
      coChairs { name role category }
      balance { counts { constituency count } residentsLargest }
      nextMeeting { id date startTime lengthHours venue format topics }
    }
    meetings(status: HELD) { id date circulateToDmt }
  }
`;

export interface PortalData {
  readonly board: {
    readonly name: string;
    readonly memberCap: number;
    readonly activeMemberCount: number | null;
    readonly coChairs: readonly { name: string; role: string; category: string }[];
    readonly balance: {
      readonly counts: readonly { constituency: string; count: number | null }[];
      readonly residentsLargest: boolean;
    };
    readonly nextMeeting: {
      readonly id: string;
      readonly date: string;
      readonly startTime: string | null;
      readonly lengthHours: number | null;
      readonly venue: string | null;
      readonly format: string | null;
      readonly topics: readonly string[];
    } | null;
  };
  readonly meetings: readonly { id: string; date: string; circulateToDmt: boolean }[];
}

export const ANNUAL_REPORT_QUERY = /* GraphQL */ `
  query AnnualReportPage($from: Date!, $to: Date!) {
    board { name }
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
    }
  }
`;

export interface AnnualReportFigures {
  readonly from: string;
  readonly to: string;
  readonly meetingsHeld: number;
  readonly meetingsCancelled: number;
  readonly attendanceByConstituency: readonly {
    constituency: string;
    present: number | null;
    apologies: number | null;
    absent: number | null;
  }[];
  readonly projectsByStage: readonly { stage: string; count: number }[];
  readonly projectsByPhase: readonly { phase: string; count: number }[];
  readonly actionsRaised: number;
  readonly actionsDone: number;
  readonly actionsOverdue: number;
  readonly activities: readonly { activity: string; count: number }[];
  /** R16; null when the board's Involvement tab cannot be read (the page says so). */
  readonly involvement?: InvolvementFigures | null;
  /** R17; null when the board's Feedback tab cannot be read. */
  readonly feedback?: FeedbackFigures | null;
}

export interface AnnualReportData {
  readonly board: { readonly name: string };
  readonly annualReport: AnnualReportFigures;
}

/**
 * R16 and R17 for the annual report, asked apart from the rest: a board whose Involvement or
 * Feedback tab is missing (one set up before they existed) still gets the rest of its report.
 */
export const ANNUAL_INVOLVEMENT_QUERY = /* GraphQL */ `
  query AnnualReportInvolvement($from: Date!, $to: Date!) {
    annualReport(from: $from, to: $to) {
      involvement {
        from
        to
        hours
        payments
        expenses
        entries
        trainingEntries
        members
        monthsLeftOut
        byConstituency {
          constituency hours payments expenses entries trainingEntries members monthsLeftOut
        }
      }
    }
  }
`;

export const ANNUAL_FEEDBACK_QUERY = /* GraphQL */ `
  query AnnualReportFeedback($from: Date!, $to: Date!) {
    annualReport(from: $from, to: $to) {
      feedback { raised open actedOn notActedOn reportedBack reportedBackInTime }
    }
  }
`;

export interface InvolvementRowFigures {
  readonly hours: number | null;
  readonly payments: number | null;
  readonly expenses: number | null;
  readonly entries: number | null;
  readonly trainingEntries: number | null;
  readonly members: number | null;
  /** For partners, the months left out of these figures (first days); none for officers. */
  readonly monthsLeftOut: readonly string[];
}

export interface InvolvementFigures extends InvolvementRowFigures {
  /** The days the figures cover: for partners, the whole months the period touches. */
  readonly from: string | null;
  readonly to: string | null;
  readonly byConstituency: readonly (InvolvementRowFigures & { constituency: string })[];
}

/** The API's `AnnualReport.feedback`: the same figures for partners and officers. */
export type { FeedbackFigures };

/** One page of the action log; the CSV asks page after page, as any API client would. */
export const ACTIONS_QUERY = /* GraphQL */ `
  query ActionsDownload(
    $status: [ActionStatus!]
    $ownerId: ID
    $projectId: ID
    $overdueOn: Date
    $after: String
  ) {
    actions(
      status: $status
      ownerId: $ownerId
      projectId: $projectId
      overdueOn: $overdueOn
      first: 200
      after: $after
    ) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          description
          status
          dueDate
          overdue
          lastFollowedUp
          followUpNote
          completedOn
          owners { name }
          meeting { id date }
          project { id name }
        }
      }
    }
  }
`;

export interface ActionRow {
  readonly id: string;
  readonly description: string;
  readonly status: string;
  readonly dueDate: string | null;
  readonly overdue: boolean;
  readonly lastFollowedUp: string | null;
  readonly followUpNote: string | null;
  readonly completedOn: string | null;
  readonly owners: readonly { name: string }[];
  readonly meeting: { id: string; date: string } | null;
  readonly project: { id: string; name: string } | null;
}

export interface ActionsPage {
  readonly actions: {
    readonly totalCount: number;
    readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
    readonly edges: readonly { node: ActionRow }[];
  };
}

/**
 * Issue 9 item 5, DESIGN §4: a partner cannot single out a member who has not consented. The
 * sweep (tests/support/partner-sweep.ts) asks, as a partner, every field the schema has, with
 * every member, meeting and project, and checks every answer for a forbidden value: a sheet
 * Member ID, the name, contact details, format, notes, organisation, group or term dates of a
 * member who has not consented, anyone of them listed in a pack's attendance, and any figure
 * counting 1 or 2 of them. It runs on a board built to tempt leaks and on the demo board, and a
 * second part proves it finds leaks planted in the resolvers.
 */
import { type GraphQLObjectType, getNamedType, graphql } from 'graphql';
import { createSchema } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { londonToday } from '../schema/dates';
import { attendanceByConstituency, heldMeetingsIn } from '../schema/rules';
import { involvementSummary } from '../schema/rules/r16-reciprocity-totals';
import { buildSnapshot } from '../schema/snapshot';
import { partnerMemberId } from '../server/graphql/access';
import type { BoardContext } from '../server/graphql/context';
import type { Resolvers } from '../server/graphql/generated/resolvers-types';
import { resolvers } from '../server/graphql/resolvers';
import { involvementFor } from '../server/graphql/resolvers/involvement';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import {
  DEMO_NOW,
  gridsSource,
  OFFICER_TOKEN,
  PARTNER_TOKEN,
  testServer,
} from './support/board-server';
import { FIXTURE_GRIDS, WITHHELD_IDS, withHiddenFactsChanged } from './support/partner-fixture';
import {
  type Answered,
  argumentTable,
  type Execute,
  type Leak,
  PartnerChecker,
  pageFigures,
  plannedCalls,
  reachableFields,
  runSweep,
  SDL,
  type SweepBoard,
  type SweepRun,
  sdlSchema,
} from './support/partner-sweep';

/** One field of an answer's data, for the test to cast (fails the test when there is no data). */
function dataField(body: { data?: Record<string, unknown> | null }, name: string): unknown {
  expect(body.data, name).toBeTruthy();
  return (body.data as Record<string, unknown>)[name];
}

const today = londonToday(DEMO_NOW);
const fixture = buildSnapshot(FIXTURE_GRIDS);
const demoGrids = await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids();
const demo = buildSnapshot(demoGrids);

function board(snapshot: typeof fixture, meetingSample?: number): SweepBoard {
  return { snapshot, today, partnerId: partnerMemberId, meetingSample };
}

function throughServer(grids: typeof FIXTURE_GRIDS): Execute {
  const server = testServer({ source: gridsSource(grids) });
  return async (query) => (await server.query(PARTNER_TOKEN, query)).body;
}

/** The resolvers straight through graphql-js, as a partner: for maps with a leak planted. */
function throughResolvers(snapshot: typeof fixture, map: Resolvers): Execute {
  const schema = createSchema<BoardContext>({ typeDefs: SDL, resolvers: map });
  const contextValue: BoardContext = { role: 'PARTNER', snapshot, today };
  return async (source) => {
    const result = await graphql({ schema, source, contextValue });
    return JSON.parse(JSON.stringify(result));
  };
}

async function sweep(subject: SweepBoard, execute: Execute) {
  const run = await runSweep(plannedCalls(subject), execute);
  const checker = new PartnerChecker(subject);
  const leaks: Leak[] = run.answered.flatMap((answered) =>
    checker
      .check(answered)
      .map((leak) => ({ ...leak, where: `${answered.query} -> ${leak.where}` })),
  );
  return { run, leaks, checked: checker.checked };
}

/** A readable failure: the first few leaks, with the query that found them. */
function report(leaks: readonly Leak[]): string {
  return leaks
    .slice(0, 8)
    .map((leak) => `${leak.what}\n    at ${leak.where}`)
    .join('\n');
}

let fixtureRun: SweepRun | undefined;

describe('the partner sweep', () => {
  it('finds nothing on a board built to tempt leaks, asking every field the schema has', async () => {
    const { run, leaks, checked } = await sweep(board(fixture), throughServer(FIXTURE_GRIDS));
    fixtureRun = run;
    expect(leaks, report(leaks)).toEqual([]);
    // It looked at real members, figures and packs, in every format (3 meetings, 4 formats, 3
    // audiences but one refused DMT).
    expect(checked.members).toBeGreaterThan(500);
    expect(checked.figures).toBeGreaterThan(300);
    expect(checked.packs).toBe(32);
    expect(checked.packFigures).toBeGreaterThan(100);
    const missing = [...reachableFields()].filter((field) => !run.covered.has(field));
    expect(missing, 'fields no partner query reached').toEqual([]);
    expect(run.answered.length).toBeGreaterThan(150);
    // The board does give partners figures and names: the sweep looked at real answers.
    const text = JSON.stringify(run.answered.map((answered) => answered.answer.data));
    expect(text).toContain('Ada Quillfeather');
    expect(text).toContain('"present":null');
    expect(text).toMatch(/"present":[1-9]/);
  }, 60_000);

  it('finds nothing on the demo board', async () => {
    const { leaks, run } = await sweep(board(demo, 6), throughServer(demoGrids));
    expect(leaks, report(leaks)).toEqual([]);
    expect(run.answered.length).toBeGreaterThan(150);
  }, 60_000);

  it('gives a partner the same answers whatever the facts they must not learn', async () => {
    // Organisation, group, term dates, contact details, notes and row order of the members
    // who have not consented all change; nothing a partner gets may change with them.
    const changed = withHiddenFactsChanged();
    const before = await runSweep(plannedCalls(board(fixture)), throughServer(FIXTURE_GRIDS));
    const after = await runSweep(
      plannedCalls(board(buildSnapshot(changed))),
      throughServer(changed),
    );
    expect(after.answered.map((answered) => answered.query)).toEqual(
      before.answered.map((answered) => answered.query),
    );
    // What the board says; extensions say when each server read it (asOf), which differs.
    const said = ({ data, errors }: Answered['answer']) => ({ data, errors });
    before.answered.forEach((answered, index) => {
      const answer = after.answered[index]?.answer;
      expect(answer && said(answer), answered.query).toEqual(said(answered.answer));
    });
    // While officers see the change.
    const officer = testServer({ source: gridsSource(changed) });
    const { body } = await officer.query(
      OFFICER_TOKEN,
      '{ meeting(id: "MTG-A") { invitees { id } } }',
    );
    const invited = (dataField(body, 'meeting') as { invitees: { id: string }[] }).invitees.map(
      (m) => m.id,
    );
    expect(invited).not.toContain('MB05');
  }, 60_000);

  it('gets nothing for a sheet Member ID, the same as for an ID that does not exist', async () => {
    const server = testServer({ source: gridsSource(FIXTURE_GRIDS) });
    const ask = async (query: string) => (await server.query(PARTNER_TOKEN, query)).body.data;
    const nobody = await ask(
      '{ member(id: "nobody") { name } actions(ownerId: "nobody") { totalCount } }',
    );
    expect(nobody).toEqual({ member: null, actions: { totalCount: 0 } });
    for (const member of fixture.members) {
      const probe = `{ member(id: "${member.id}") { name } actions(ownerId: "${member.id}") { totalCount } }`;
      expect(await ask(probe), member.id).toEqual(nobody);
    }
    // The IDs partners do get work, for those who have not consented as for the others.
    const owner = partnerMemberId(WITHHELD_IDS[0] as string);
    expect(await ask(`{ actions(ownerId: "${owner}") { totalCount } }`)).toEqual({
      actions: { totalCount: 1 },
    });
  });
});

describe('the sweep finds a planted leak', () => {
  const clean = throughResolvers(fixture, resolvers);
  const withPlant = (plant: (map: Resolvers) => Resolvers) =>
    throughResolvers(fixture, plant(resolvers));
  const member = (overrides: NonNullable<Resolvers['Member']>) => (map: Resolvers) => ({
    ...map,
    Member: { ...map.Member, ...overrides },
  });

  it('finds nothing in the real resolvers run the same way', async () => {
    const { leaks } = await sweep(board(fixture), clean);
    expect(leaks, report(leaks)).toEqual([]);
  }, 60_000);

  const plants: [string, (map: Resolvers) => Resolvers, RegExp][] = [
    ['sheet IDs for members', member({ id: (m) => m.id }), /sheet Member ID|not a partner ID/],
    [
      'term dates for everyone',
      member({ termStart: (m) => m.termStart, termEnd: (m) => m.termEnd }),
      /termStart of MB\d+, who has not consented/,
    ],
    [
      'organisation and group for everyone',
      member({ organisation: (m) => m.organisation, group: (m) => m.group }),
      /forbidden text|organisation of|group of/,
    ],
    ['real names', member({ name: (m) => m.name }), /forbidden text|the name of/],
    [
      'attendance counted without the rule',
      (map) => ({
        ...map,
        Meeting: {
          ...map.Meeting,
          attendanceSummary: (meeting, _args, context) =>
            attendanceByConstituency(context.snapshot, [meeting.id]),
        },
      }),
      /a figure counting [12] who have not consented/,
    ],
    [
      'the balance counted without the rule',
      (map) => ({
        ...map,
        Board: {
          ...map.Board,
          activeMemberCount: (_board, _args, context) =>
            context.snapshot.members.filter((m) => m.status === 'Active').length,
          balance: (_board, _args, context) => ({
            residentsLargest: true,
            counts: ['Resident', 'Provider', 'Staff', 'Council', 'Other'].map((constituency) => ({
              constituency: constituency as 'Resident',
              count: context.snapshot.members.filter(
                (m) => m.status === 'Active' && m.constituency === constituency,
              ).length,
            })),
          }),
        },
      }),
      /a figure counting [12] who have not consented/,
    ],
    [
      'per-person attendance for partners',
      (map) => ({
        ...map,
        Meeting: {
          ...map.Meeting,
          attendance: (meeting, _args, context) => [
            ...(context.snapshot.attendanceByMeeting.get(meeting.id) ?? []),
          ],
        },
      }),
      /attendance person by person/,
    ],
    [
      'communication needs for partners',
      member({ communicationNeeds: (m) => m.communicationNeeds }),
      /communicationNeeds of MB\d+|forbidden text/,
    ],
    [
      'each member’s involvement for partners',
      (map) => ({
        ...map,
        InvolvementSummary: {
          ...map.InvolvementSummary,
          byMember: (_summary, _args, context) =>
            involvementSummary(context.snapshot).byMember.map((row) => ({ ...row })),
        },
      }),
      /involvement \(hours, payments\) member by member/,
    ],
    [
      'involvement that says no month was left out',
      (map) => ({
        ...map,
        InvolvementSummary: { ...map.InvolvementSummary, monthsLeftOut: () => [] },
        ConstituencyInvolvement: { ...map.ConstituencyInvolvement, monthsLeftOut: () => [] },
      }),
      /is not the sum of the months it counts/,
    ],
    [
      'involvement by constituency counted without the rule',
      (map) => ({
        ...map,
        Query: {
          ...map.Query,
          involvement: (_root, args, context) =>
            involvementFor({ ...context, role: 'OFFICER' }, { ...args, memberId: null }),
        },
      }),
      /a figure counting [12] who have not consented/,
    ],
    [
      'feedback’s Raised by for partners',
      (map) => ({
        ...map,
        FeedbackItem: { ...map.FeedbackItem, raisedBy: (item) => [...item.raisedBy] },
      }),
      /Raised by as the sheet has it|forbidden text "MB03"/,
    ],
  ];

  for (const [name, plant, expected] of plants) {
    it(`catches ${name}`, async () => {
      const { leaks } = await sweep(board(fixture), withPlant(plant));
      expect(leaks.length, name).toBeGreaterThan(0);
      expect(
        leaks.some((leak) => expected.test(leak.what)),
        report(leaks),
      ).toBe(true);
    }, 60_000);
  }

  it('flags a pack that lists withheld attendees or shows a small figure', () => {
    const checker = new PartnerChecker(board(fixture));
    const pack = (content: string) =>
      checker.check({
        operation: 'query',
        query: 'crafted',
        node: {
          field: 'circulationPack',
          children: ['meetingId', 'format', 'easyRead', 'content'].map((field) => ({ field })),
        },
        answer: {
          data: {
            circulationPack: { meetingId: 'MTG-A', format: 'TEXT', easyRead: false, content },
          },
        },
      });
    const section = (table: string, names: string) =>
      `Fixture Board\n\nAttendance\n----------\n\n${table}\n\n${names}\n\nActions agreed at this meeting\n`;
    const safe = section(
      'Constituency  Present  Apologies  Absent\nOther               0          0       0',
      'Present: Ada Quillfeather; and 4 members not named.',
    );
    expect(pack(safe)).toEqual([]);
    // MTG-A: one Provider (MB04) was absent, and MB11 alone sent apologies.
    expect(
      pack(
        section(
          'Constituency  Present  Apologies  Absent\nProvider            1          0       1',
          'Present: none.',
        ),
      ),
    ).toEqual([expect.objectContaining({ what: expect.stringContaining('Provider absent 1') })]);
    expect(pack(section('', 'Apologies: 1 member not named.'))[0]?.what).toContain('counting 1');
    expect(pack(section('', 'Present: Member (Social worker).'))[0]?.what).toContain(
      'listed in the attendance',
    );
    expect(pack(section('', 'Present: Esme Rowanberry.'))[0]?.what).toContain('forbidden text');
  });
});

/**
 * Issue 13: the portal's pages and downloads, as a partner gets them, through the same checks:
 * every page and CSV for every period the sweep asks `annualReport` about (periods one meeting
 * apart included), the action log with each filter, and the portal.
 */
describe('the partner sweep of pages and downloads', () => {
  function pagePaths(subject: SweepBoard): {
    path: string;
    kind: 'html' | 'easy' | 'csv' | 'text';
    meetings: string[];
    period?: { from: string; to: string };
  }[] {
    // The sweep's periods, but for those that end before they start (the API refuses them).
    const periods = (argumentTable(subject).annualReport as { from: string; to: string }[]).filter(
      ({ from, to }) => from <= to,
    );
    const held = (from: string, to: string) =>
      heldMeetingsIn(subject.snapshot, from, to).map((meeting) => meeting.id);
    return [
      { path: '/', kind: 'html' as const, meetings: [] },
      ...periods.flatMap(({ from, to }) => [
        {
          path: `/reports/annual.html?from=${from}&to=${to}`,
          kind: 'html' as const,
          meetings: held(from, to),
          period: { from, to },
        },
        {
          path: `/reports/annual.html?from=${from}&to=${to}&easyRead=1`,
          kind: 'easy' as const,
          meetings: held(from, to),
          period: { from, to },
        },
        {
          path: `/reports/annual.csv?from=${from}&to=${to}`,
          kind: 'csv' as const,
          meetings: held(from, to),
          period: { from, to },
        },
      ]),
      ...[
        '',
        '?status=OPEN',
        '?status=IN_PROGRESS',
        '?status=DONE',
        '?status=DROPPED',
        '?overdue=1',
      ].map((query) => ({
        path: `/reports/actions.csv${query}`,
        kind: 'text' as const,
        meetings: [],
      })),
    ];
  }

  async function fetchAll(grids: typeof FIXTURE_GRIDS, subject: SweepBoard, token = PARTNER_TOKEN) {
    const server = testServer({ source: gridsSource(grids) });
    const pages: {
      path: string;
      kind: 'html' | 'easy' | 'csv' | 'text';
      meetings: string[];
      period?: { from: string; to: string };
      body: string;
    }[] = [];
    for (const page of pagePaths(subject)) {
      const response = await server.yoga.fetch(`http://board.test${page.path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
      });
      expect(response.status, page.path).toBe(200);
      pages.push({ ...page, body: await response.text() });
    }
    return pages;
  }

  function leaksIn(subject: SweepBoard, pages: Awaited<ReturnType<typeof fetchAll>>) {
    const checker = new PartnerChecker(subject);
    const leaks = pages.flatMap((page) => [
      ...checker.document(page.path, page.body),
      ...(page.kind === 'text'
        ? []
        : pageFigures(page.body, page.kind).flatMap((figure) =>
            checker.pageFigure(page.path, figure, page.meetings, page.period),
          )),
    ]);
    return { leaks, checked: checker.checked.pageFigures };
  }

  it('finds nothing in any page or download on the board built to tempt leaks', async () => {
    const subject = board(fixture);
    const pages = await fetchAll(FIXTURE_GRIDS, subject);
    const { leaks, checked } = leaksIn(subject, pages);
    expect(leaks, report(leaks)).toEqual([]);
    // It looked at real figures and names: the pages do show some.
    expect(checked).toBeGreaterThan(20);
    expect(pages.map((page) => page.body).join('\n')).toContain('Ada Quillfeather');
  }, 60_000);

  it('finds nothing in any page or download on the demo board', async () => {
    const subject = board(demo, 6);
    const { leaks, checked } = leaksIn(subject, await fetchAll(demoGrids, subject));
    expect(leaks, report(leaks)).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  }, 60_000);

  it('gives a partner the same pages and downloads whatever the facts they must not learn', async () => {
    const changed = withHiddenFactsChanged();
    const before = await fetchAll(FIXTURE_GRIDS, board(fixture));
    const after = await fetchAll(changed, board(buildSnapshot(changed)));
    expect(after.map((page) => page.path)).toEqual(before.map((page) => page.path));
    before.forEach((page, index) => {
      expect(after[index]?.body, page.path).toBe(page.body);
    });
  }, 60_000);

  it('would catch a leak: an officer’s pages, checked as a partner’s, are full of them', async () => {
    const subject = board(fixture);
    const { leaks } = leaksIn(subject, await fetchAll(FIXTURE_GRIDS, subject, OFFICER_TOKEN));
    expect(
      leaks.some((leak) => /forbidden text/.test(leak.what)),
      report(leaks),
    ).toBe(true);
    expect(
      leaks.some((leak) => /a page figure counting [12] who/.test(leak.what)),
      report(leaks),
    ).toBe(true);
    const checker = new PartnerChecker(subject);
    const withheld = fixture.members.find((member) => !member.nameInCirculation);
    expect(
      checker.document('crafted', `<td>${withheld?.name.replace("'", '&#39;')}</td>`),
    ).toHaveLength(1);
  }, 60_000);
});

describe('what the sweep covers', () => {
  it('reaches Member through every path a partner has', () => {
    // Every field whose values are members, whatever it is called.
    const isMemberField = (field: string) => {
      const [type = '', name = ''] = field.split('.');
      const definition = (sdlSchema.getType(type) as GraphQLObjectType).getFields()[name];
      return definition !== undefined && getNamedType(definition.type).name === 'Member';
    };
    const paths = new Set([...(fixtureRun?.covered ?? [])].filter(isMemberField));
    expect([...paths].sort()).toEqual(
      [
        'Action.owners',
        'Board.coChairs',
        'Meeting.deputyCoChair',
        'Meeting.invitees',
        'Meeting.minuteTaker',
        'Project.lead',
        'Project.members',
        'Query.member',
        'Query.members',
        'Task.assignedTo',
        'Attendance.member',
        'Attendance.deputisingFor',
        'MemberInvolvement.member',
      ].sort(),
    );
  });
});

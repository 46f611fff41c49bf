import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../schema/snapshot';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { gridsSource, OFFICER_TOKEN, PARTNER_TOKEN, testServer } from './support/board-server';

const demo = testServer();
const demoSnapshot = buildSnapshot(await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids());

describe('access', () => {
  it('answers 401 without a token, and with an unknown one', async () => {
    const none = await demo.query(null, '{ board { name } }');
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.message).toContain('Authorization: Bearer');
    const wrong = await demo.query('not-a-real-token-at-all', '{ board { name } }');
    expect(wrong.status).toBe(401);
    expect(wrong.body.data).toBeUndefined();
  });

  it('keeps GET /health open and reports the snapshot', async () => {
    await demo.query(OFFICER_TOKEN, '{ board { name } }');
    const response = await demo.yoga.fetch('http://board.test/health');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.status).toBe('ok');
    expect(typeof body.snapshotAgeSeconds).toBe('number');
    expect(body.lastRefreshError).toBeNull();
  });

  it('needs the token for the GraphiQL page too, and refuses it to partners off the demo', async () => {
    const page = (token: string | null) =>
      demo.yoga.fetch(`http://board.test/graphql${token ? `?token=${token}` : ''}`, {
        headers: { accept: 'text/html' },
      });
    expect((await page(null)).status).toBe(401);
    const officer = await page(OFFICER_TOKEN);
    expect(officer.status).toBe(200);
    expect(await officer.text()).toContain('GraphiQL');
    // The token in the address is for the GraphiQL page only, never for data or packs.
    const pack = await demo.yoga.fetch(
      `http://board.test/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html?token=${OFFICER_TOKEN}`,
      { headers: { accept: 'text/html' } },
    );
    expect(pack.status).toBe(401);
    const partnerPage = await page(PARTNER_TOKEN);
    expect(partnerPage.status).not.toBe(200);
    expect(await partnerPage.text()).not.toContain('GraphiQL');
    const demoPage = await testServer({ demo: true }).yoga.fetch(
      `http://board.test/graphql?token=${PARTNER_TOKEN}`,
      { headers: { accept: 'text/html' } },
    );
    expect(await demoPage.text()).toContain('GraphiQL');
  });

  it('logs one line per request with role and operation, never the token', async () => {
    const server = testServer();
    await server.query(PARTNER_TOKEN, 'query BoardName { board { name } }');
    await server.query(null, '{ board { name } }');
    expect(server.logs).toHaveLength(2);
    expect(server.logs[0]).toMatchObject({ role: 'PARTNER', status: 200, path: '/graphql' });
    expect(server.logs[1]).toMatchObject({ role: null, status: 401 });
    expect(JSON.stringify(server.logs)).not.toContain(PARTNER_TOKEN);
  });
});

describe('queries on the demo board', () => {
  it('board: name, cap, active members, co-chairs, balance, next meeting', async () => {
    const { body } = await demo.query(
      OFFICER_TOKEN,
      '{ board { name memberCap activeMemberCount coChairs { id role } balance { residentsLargest counts { constituency count } } nextMeeting { id date status } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.board).toEqual({
      name: 'Commissioning Co-Production Board (demo)',
      memberCap: 20,
      activeMemberCount: 17,
      coChairs: [
        { id: 'M16', role: 'RESIDENT_CO_CHAIR' },
        { id: 'M18', role: 'OFFICER_CO_CHAIR' },
      ],
      balance: {
        residentsLargest: true,
        counts: [
          { constituency: 'RESIDENT', count: 7 },
          { constituency: 'PROVIDER', count: 1 },
          { constituency: 'STAFF', count: 3 },
          { constituency: 'COUNCIL', count: 4 },
          { constituency: 'OTHER', count: 2 },
        ],
      },
      nextMeeting: { id: 'MT-2026-11', date: '2026-11-25', status: 'PLANNED' },
    });
  });

  it('filters members, meetings and projects by their enum arguments', async () => {
    const { body } = await demo.query(
      OFFICER_TOKEN,
      `{ former: members(status: FORMER) { id }
         residents: members(constituency: RESIDENT, status: ACTIVE) { id }
         y2024: meetings(from: "2024-01-01", to: "2024-12-31") { id status }
         held: meetings(status: CANCELLED) { id }
         during: projects(phase: DURING) { id stage } }`,
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as Record<string, { id: string }[]>;
    expect(data.former?.map((member) => member.id)).toEqual(['M01', 'M02', 'M03']);
    expect(data.residents).toHaveLength(7);
    expect(data.y2024).toHaveLength(12);
    expect(data.held?.map((meeting) => meeting.id)).toEqual(['MT-2024-12']);
    expect(data.during).toEqual([{ id: 'P02', stage: 'IMPLEMENTING' }]);
  });

  it('pages through actions with cursors and counts them all', async () => {
    const page = async (after: string | null) =>
      (
        await demo.query(
          OFFICER_TOKEN,
          'query($after: String) { actions(first: 40, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
          { after },
        )
      ).body.data?.actions as {
        totalCount: number;
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result = await page(after);
      expect(result.totalCount).toBe(demoSnapshot.actions.length);
      seen.push(...result.edges.map((edge) => edge.node.id));
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(Math.ceil(demoSnapshot.actions.length / 40));
    expect(new Set(seen).size).toBe(demoSnapshot.actions.length);
  });

  it('filters actions by status, owner, project and overdue day', async () => {
    type Page = { totalCount: number; edges: { node: Record<string, unknown> }[] };
    const actions = async (filter: string, fields: string) => {
      const { body } = await demo.query(
        OFFICER_TOKEN,
        `{ actions(${filter}, first: 200) { totalCount edges { node { ${fields} } } } }`,
      );
      expect(body.errors, filter).toBeUndefined();
      return body.data?.actions as Page;
    };
    const open = await actions('status: [OPEN, IN_PROGRESS]', 'status');
    expect(open.totalCount).toBe(20);
    expect(
      open.edges.every(({ node }) => node.status === 'OPEN' || node.status === 'IN_PROGRESS'),
    ).toBe(true);
    const overdue = await actions('overdueOn: "2026-11-22"', 'overdue');
    expect(overdue.totalCount).toBe(14);
    expect(overdue.edges.every(({ node }) => node.overdue === true)).toBe(true);
    const p02 = await actions('projectId: "P02"', 'project { id }');
    expect(p02.totalCount).toBeGreaterThan(0);
    expect(p02.edges.every(({ node }) => (node.project as { id: string }).id === 'P02')).toBe(true);
    const owned = await actions('ownerId: "M05"', 'owners { id }');
    expect(owned.totalCount).toBeGreaterThan(0);
    expect(
      owned.edges.every(({ node }) =>
        (node.owners as { id: string }[]).some((owner) => owner.id === 'M05'),
      ),
    ).toBe(true);
  });

  it('followUp lists every open action for the next meeting, overdue first, with reasons', async () => {
    const { body } = await demo.query(
      OFFICER_TOKEN,
      '{ followUp { meeting { id } referenceDate items { action { id status } reasons daysOverdue } } }',
    );
    expect(body.errors).toBeUndefined();
    const followUp = body.data?.followUp as {
      meeting: { id: string };
      referenceDate: string;
      items: { action: { status: string }; reasons: string[]; daysOverdue: number | null }[];
    };
    expect(followUp.meeting.id).toBe('MT-2026-11');
    expect(followUp.referenceDate).toBe('2026-11-22');
    expect(followUp.items).toHaveLength(20);
    const overdue = followUp.items.filter((item) => item.reasons.includes('OVERDUE'));
    expect(overdue.length).toBeGreaterThan(0);
    expect(followUp.items.slice(0, overdue.length)).toEqual(overdue);
    const days = overdue.map((item) => item.daysOverdue ?? 0);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(followUp.items.some((item) => item.reasons.includes('NO_OWNER'))).toBe(true);
  });

  it('project shows tasks by phase and progress', async () => {
    const { body } = await demo.query(
      OFFICER_TOKEN,
      '{ project(id: "P01") { phase tasksByPhase { phase tasks { status } } progress { done toDo notNeeded total percentDone } } }',
    );
    expect(body.errors).toBeUndefined();
    const project = body.data?.project as {
      tasksByPhase: { phase: string; tasks: unknown[] }[];
      progress: {
        total: number;
        done: number;
        toDo: number;
        notNeeded: number;
        percentDone: number;
      };
    };
    expect(project.tasksByPhase.map((group) => group.phase)).toEqual([
      'PRE_INITIATION',
      'INITIATION',
      'DURING',
      'AFTER_COMPLETION',
      'CONCLUSION',
    ]);
    expect(project.progress.total).toBe(17);
    expect(project.progress.done + project.progress.toDo + project.progress.notNeeded).toBe(17);
  });

  it('membershipCheck and dataIssues give the demo board its deliberate imperfections', async () => {
    const { body } = await demo.query(
      OFFICER_TOKEN,
      '{ membershipCheck { rule severity sheet cell } dataIssues { sheet cell severity } }',
    );
    expect(body.errors).toBeUndefined();
    const findings = (
      (body.data?.membershipCheck ?? []) as { rule: string; severity: string }[]
    ).filter((finding) => finding.severity !== 'INFO');
    expect(findings.map((finding) => finding.rule).sort()).toEqual(['R11', 'R3', 'R5', 'R8']);
    expect(body.data?.dataIssues).toEqual([
      { sheet: 'Actions', cell: 'F58', severity: 'WARNING' },
      { sheet: 'Actions', cell: 'E145', severity: 'ERROR' },
    ]);
  });

  it('annualReport counts meetings, attendance, projects, actions and activities', async () => {
    const { body } = await demo.query(
      OFFICER_TOKEN,
      `{ annualReport(from: "2024-01-01", to: "2024-12-31") {
          meetingsHeld meetingsCancelled actionsRaised actionsDone actionsOverdue
          attendanceByConstituency { constituency present apologies absent }
          projectsByStage { stage count } activities { activity count } } }`,
    );
    expect(body.errors).toBeUndefined();
    const report = body.data?.annualReport as Record<string, unknown>;
    expect(report.meetingsHeld).toBe(11);
    expect(report.meetingsCancelled).toBe(1);
    const raised2024 = demoSnapshot.actions.filter((action) =>
      demoSnapshot.meetingById.get(action.meetingId)?.date.startsWith('2024'),
    ).length;
    expect(report.actionsRaised).toBe(raised2024);
    const present = (report.attendanceByConstituency as { present: number }[]).reduce(
      (sum, row) => sum + row.present,
      0,
    );
    expect(present).toBeGreaterThan(0);
  });
});

describe('partners', () => {
  it('never see contact details, formats, notes or names withheld from circulation, on any path', async () => {
    const member = 'id name email phone preferredFormat notes';
    // Every path from the root to a member, each within the query cost limit.
    const paths = [
      `board { coChairs { ${member} } nextMeeting { minuteTaker { ${member} } invitees { ${member} } } }`,
      `members { ${member} }`,
      `member(id: "M05") { ${member} }`,
      `meetings { minuteTaker { ${member} } deputyCoChair { ${member} } }`,
      `meetings(from: "2026-01-01") { invitees { ${member} } }`,
      `meetings(from: "2026-01-01") { actionsRaised { owners { ${member} } } }`,
      `actions(first: 100) { edges { node { owners { ${member} } } } }`,
      `actions(first: 50) { edges { node { project { lead { ${member} } } } } }`,
      `followUp { items { action { owners { ${member} } } } }`,
      `projects { lead { ${member} } members { ${member} } }`,
      `projects { tasks { assignedTo { ${member} } } }`,
    ];
    let text = '';
    for (const path of paths) {
      const { body } = await demo.query(PARTNER_TOKEN, `{ ${path} }`);
      expect(body.errors, path).toBeUndefined();
      text += JSON.stringify(body.data);
    }
    for (const person of demoSnapshot.members) {
      for (const secret of [person.email, person.phone, person.notes]) {
        if (secret) expect(text).not.toContain(secret);
      }
      if (!person.nameInCirculation) expect(text).not.toContain(`"${person.name}"`);
    }
    expect(text).not.toMatch(/"(email|phone|preferredFormat|notes)":"/);
    const named = demoSnapshot.members.find((person) => person.nameInCirculation);
    expect(named && text.includes(named.name)).toBe(true);
  });

  it('read a withheld name as the role and category', async () => {
    const withheld = demoSnapshot.members.find(
      (person) => !person.nameInCirculation && person.role === 'Member',
    );
    const { body } = await demo.query(PARTNER_TOKEN, `{ member(id: "${withheld?.id}") { name } }`);
    expect(body.data?.member).toEqual({ name: `Member (${withheld?.category})` });
  });

  it('see invitees in an order that does not hint at withheld names', async () => {
    const { body } = await demo.query(
      PARTNER_TOKEN,
      '{ meeting(id: "MT-2026-11") { invitees { name role } } }',
    );
    const meeting = body.data?.meeting as
      | { invitees: { name: string; role: string }[] }
      | undefined;
    const invited = meeting?.invitees ?? [];
    expect(invited.length).toBeGreaterThan(2);
    const others = invited
      .filter((member) => member.role === 'MEMBER')
      .map((member) => member.name);
    expect(others).toEqual([...others].sort((a, b) => a.localeCompare(b)));
    expect(invited.slice(0, 2).map((member) => member.role)).toEqual([
      'RESIDENT_CO_CHAIR',
      'OFFICER_CO_CHAIR',
    ]);
  });

  it('read a withheld co-chair as role and category too', async () => {
    const server = testServer({
      source: gridsSource({
        Members: [
          ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'],
          [
            'M1',
            'Ann Oduya',
            'Resident co-chair',
            'Resident co-chair',
            'Resident',
            46000,
            'Active',
          ],
          ['M2', 'Ben Marsh', 'Officer co-chair', 'Commissioning team', 'Council', 46000, 'Active'],
        ],
      }),
    });
    const { body } = await server.query(PARTNER_TOKEN, '{ members { name } }');
    expect(body.data?.members).toEqual([
      { name: 'Resident co-chair' },
      { name: 'Officer co-chair (Commissioning team)' },
    ]);
  });

  it('get attendance as counts by constituency, never person by person', async () => {
    const perPerson = await demo.query(
      PARTNER_TOKEN,
      '{ meeting(id: "MT-2026-06") { id attendance { member { id } } } }',
    );
    expect(perPerson.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The refusal empties that field only; the rest of the meeting is still answered.
    expect(perPerson.body.data?.meeting).toEqual({ id: 'MT-2026-06', attendance: null });
    const counts = await demo.query(
      PARTNER_TOKEN,
      '{ meeting(id: "MT-2026-06") { attendanceSummary { constituency present apologies absent } } }',
    );
    expect(counts.body.errors).toBeUndefined();
    expect(
      (counts.body.data?.meeting as { attendanceSummary: unknown[] } | undefined)
        ?.attendanceSummary,
    ).toHaveLength(5);
  });

  it('cannot read the membership check or the data issues', async () => {
    for (const field of ['membershipCheck { message }', 'dataIssues { message }']) {
      const { body } = await demo.query(PARTNER_TOKEN, `{ ${field} }`);
      expect(body.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
  });

  it('cannot introspect a real board; officers can, and everyone can on the demo', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect((await demo.query(PARTNER_TOKEN, introspect)).body.errors).toBeDefined();
    expect((await demo.query(OFFICER_TOKEN, introspect)).body.errors).toBeUndefined();
    const demoServer = testServer({ demo: true });
    expect((await demoServer.query(PARTNER_TOKEN, introspect)).body.errors).toBeUndefined();
  });
});

describe('bad input', () => {
  it('names the argument of a bad date or page size', async () => {
    const date = await demo.query(OFFICER_TOKEN, '{ meetings(from: "2024-13-45") { id } }');
    expect(date.body.errors?.[0]?.message).toContain('Argument "from"');
    expect(date.body.errors?.[0]?.message).toContain('yyyy-mm-dd');
    const variable = await demo.query(
      OFFICER_TOKEN,
      'query($to: Date) { meetings(to: $to) { id } }',
      {
        to: '31/02/2024',
      },
    );
    expect(variable.body.errors?.[0]?.message).toContain('$to');
    const first = await demo.query(OFFICER_TOKEN, '{ actions(first: 500) { totalCount } }');
    expect(first.body.errors?.[0]?.message).toContain('Argument "first"');
    const range = await demo.query(
      OFFICER_TOKEN,
      '{ annualReport(from: "2025-01-01", to: "2024-01-01") { meetingsHeld } }',
    );
    expect(range.body.errors?.[0]?.message).toContain('Argument "from"');
  });

  it('answers variables nested 200,000 deep with an error, not a crash', async () => {
    const depth = 200_000;
    const response = await demo.yoga.fetch('http://board.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OFFICER_TOKEN}` },
      body: `{"query":"query($v: String) { board { name } }","variables":{"v":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`,
    });
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it('refuses depth and alias bombs', async () => {
    const deep = await demo.query(
      OFFICER_TOKEN,
      '{ meetings { actionsRaised { meeting { actionsRaised { meeting { actionsRaised { meeting { id } } } } } } } }',
    );
    expect(deep.body.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = Array.from({ length: 50 }, (_, index) => `a${index}: board { name }`).join(' ');
    const bomb = await demo.query(OFFICER_TOKEN, `{ ${aliases} }`);
    expect(bomb.body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('serves the good rows of a messy sheet and lists its data issues', async () => {
    const server = testServer({
      source: gridsSource({
        Members: [
          ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'],
          [
            'M1',
            'Ann Oduya',
            'resident co-chair',
            'Resident co-chair',
            'Resident',
            45259,
            'Active',
          ],
          ['M2', '#REF!', 'Member', 'Provider', 'Provider', 45259, 'Active'],
          ['M3', 'Cy Adams', 'Member', 'Provider', 'Provider', '31/02/2024', 'Active'],
          ['M4', 'Dee Khan', 'Member', 'ICB', 'Staff', '2024-01-05', 'Active'],
        ],
        Actions: [['Action ID', 'Meeting ID', 'Action', 'Owner']],
      }),
    });
    const { body } = await server.query(
      OFFICER_TOKEN,
      '{ members { id } dataIssues { sheet cell severity } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.members).toEqual([{ id: 'M1' }, { id: 'M4' }]);
    const issues = body.data?.dataIssues as { sheet: string; cell: string }[];
    expect(issues.map((issue) => `${issue.sheet}!${issue.cell}`)).toEqual(
      expect.arrayContaining(['Members!B3', 'Members!F4', 'Actions!E1']),
    );
    const actions = await server.query(OFFICER_TOKEN, '{ actions { totalCount } }');
    expect(actions.body.errors?.[0]?.message).toContain('The Actions tab cannot be read');
    expect(actions.body.errors?.[0]?.message).toContain('"Status"');
  });

  it('masks unexpected errors', async () => {
    const broken = testServer({
      cache: {
        get: async () => {
          throw new TypeError('secret internal detail');
        },
        status: () => ({
          ageSeconds: null,
          lastError: null,
          lastSuccessAt: null,
          reads: 0,
          refreshing: false,
        }),
      },
    });
    const { body } = await broken.query(OFFICER_TOKEN, '{ board { name } }');
    expect(body.errors?.[0]?.message).toContain('secret internal detail');
    expect(body.errors?.[0]?.extensions?.code).toBe('BOARD_UNAVAILABLE');
  });
});

import { describe, expect, it } from 'vitest';
import { enumValueName } from '../schema/graphql/enums';
import { MEMBER_CATEGORIES, MEMBER_ROLES } from '../schema/layout';
import { partnerAttendance, partnerBalance } from '../schema/partner-figures';
import { attendanceByConstituency, heldMeetingsIn } from '../schema/rules';
import { buildSnapshot } from '../schema/snapshot';
import { partnerMemberId } from '../server/graphql/access';
import { DEMO_WORKBOOK_PATH, localWorkbookSource } from '../server/sources/local-workbook';
import { gridsSource, OFFICER_TOKEN, PARTNER_TOKEN, testServer } from './support/board-server';

/** One field of an answer's data, for the test to cast (fails the test when there is no data). */
function dataField(body: { data?: Record<string, unknown> | null }, name: string): unknown {
  expect(body.data, name).toBeTruthy();
  return (body.data as Record<string, unknown>)[name];
}

const demo = testServer();
const demoSnapshot = buildSnapshot(await localWorkbookSource(DEMO_WORKBOOK_PATH).readGrids());

/** DESIGN §4: partners get members by role, then category, then name as circulated. */
function expectPartnerOrder(members: readonly { name: string; role: string; category: string }[]) {
  const roles = MEMBER_ROLES.map(enumValueName);
  const categories = MEMBER_CATEGORIES.map(enumValueName);
  const name = (member: { name: string }) => member.name.toLowerCase();
  const sorted = [...members].sort(
    (a, b) =>
      roles.indexOf(a.role) - roles.indexOf(b.role) ||
      categories.indexOf(a.category) - categories.indexOf(b.category) ||
      (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0),
  );
  expect(members.map((member) => member.name)).toEqual(sorted.map((member) => member.name));
}

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
    expect(findings.map((finding) => finding.rule).sort()).toEqual([
      'R11',
      'R16',
      'R16',
      'R17',
      'R17',
      'R3',
      'R5',
      'R6',
      'R8',
    ]);
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
    const id = partnerMemberId(withheld?.id ?? '');
    const { body } = await demo.query(PARTNER_TOKEN, `{ member(id: "${id}") { id name } }`);
    expect(body.data?.member).toEqual({ id, name: `Member (${withheld?.category})` });
  });

  it('see invitees by role, then category, then name (DESIGN §4)', async () => {
    const { body } = await demo.query(
      PARTNER_TOKEN,
      '{ meeting(id: "MT-2026-11") { invitees { name role category } } }',
    );
    const meeting = body.data?.meeting as
      | { invitees: { name: string; role: string; category: string }[] }
      | undefined;
    const invited = meeting?.invitees ?? [];
    expect(invited.length).toBeGreaterThan(2);
    expect(invited.slice(0, 2).map((member) => member.role)).toEqual([
      'RESIDENT_CO_CHAIR',
      'OFFICER_CO_CHAIR',
    ]);
    expectPartnerOrder(invited);
  });

  it('never get a sheet Member ID, and cannot probe one', async () => {
    const ids = demoSnapshot.members.map((person) => person.id);
    const { body } = await demo.query(
      PARTNER_TOKEN,
      '{ members { id } board { coChairs { id } } projects { lead { id } members { id } } }',
    );
    const text = JSON.stringify(body.data);
    for (const id of ids) expect(text).not.toContain(`"${id}"`);
    const seen = (dataField(body, 'members') as { id: string }[]).map((member) => member.id);
    expect(seen).toHaveLength(ids.length);
    for (const id of seen) expect(id).toMatch(/^member-[0-9a-f]{20}$/);
    // Every sheet ID, consenting or not, names nobody: the answer is the same as for "M99".
    const probes = [...ids, 'M99'].map((id, index) => `p${index}: member(id: "${id}") { name }`);
    for (let start = 0; start < probes.length; start += 10) {
      const probe = await demo.query(
        PARTNER_TOKEN,
        `{ ${probes.slice(start, start + 10).join(' ')} }`,
      );
      expect(Object.values(probe.body.data ?? {}).every((answer) => answer === null)).toBe(true);
    }
    const owned = await demo.query(PARTNER_TOKEN, '{ actions(ownerId: "M05") { totalCount } }');
    expect(owned.body.data?.actions).toEqual({ totalCount: 0 });
  });

  it('follow a member by their opaque ID from a list to member() and actions(ownerId:)', async () => {
    const m05 = partnerMemberId('M05');
    const member = await demo.query(PARTNER_TOKEN, `{ member(id: "${m05}") { id name } }`);
    expect(member.body.data?.member).toEqual({ id: m05, name: 'Member (Social worker)' });
    const officer = await demo.query(OFFICER_TOKEN, '{ actions(ownerId: "M05") { totalCount } }');
    const partner = await demo.query(
      PARTNER_TOKEN,
      `{ actions(ownerId: "${m05}", first: 200) { totalCount edges { node { owners { id } } } } }`,
    );
    const page = partner.body.data?.actions as {
      totalCount: number;
      edges: { node: { owners: { id: string }[] } }[];
    };
    expect(page.totalCount).toBe(
      (dataField(officer.body, 'actions') as { totalCount: number }).totalCount,
    );
    expect(page.totalCount).toBeGreaterThan(0);
    for (const edge of page.edges) expect(edge.node.owners.map((owner) => owner.id)).toContain(m05);
    // Officers still use the sheet's IDs; an opaque ID means nothing to them.
    const officerById = await demo.query(OFFICER_TOKEN, `{ member(id: "${m05}") { id } }`);
    expect(officerById.body.data?.member).toBeNull();
  });

  it("get no term dates, organisation or group of a member who has not consented; a consenting member's are shown", async () => {
    const fields = 'name organisation group termStart termEnd extendedTo';
    const { body } = await demo.query(
      PARTNER_TOKEN,
      `{ withheld: member(id: "${partnerMemberId('M19')}") { ${fields} }
         former: member(id: "${partnerMemberId('M03')}") { ${fields} }
         named: member(id: "${partnerMemberId('M01')}") { ${fields} } }`,
    );
    expect(body.data).toEqual({
      withheld: {
        name: 'Member (Self-advocacy group)',
        organisation: null,
        group: null,
        termStart: null,
        termEnd: null,
        extendedTo: null,
      },
      former: {
        name: 'Member (Provider)',
        organisation: null,
        group: null,
        termStart: null,
        termEnd: null,
        extendedTo: null,
      },
      named: {
        name: 'Dorothy Finchley',
        organisation: null,
        group: null,
        termStart: '2023-11-01',
        termEnd: '2024-10-31',
        extendedTo: '2025-01-14',
      },
    });
    const officer = await demo.query(
      OFFICER_TOKEN,
      `{ member(id: "M19") { ${fields} } other: member(id: "M03") { organisation termEnd } }`,
    );
    expect(officer.body.data).toEqual({
      member: {
        name: 'Leon Whitacre',
        organisation: null,
        group: 'Northside Speak Up',
        termStart: '2026-03-01',
        termEnd: null,
        extendedTo: null,
      },
      other: { organisation: 'Brookvale Home Care', termEnd: '2025-06-30' },
    });
  });

  it('get members by role, category and name, never in sheet order; officers in sheet order', async () => {
    const query = '{ members { id name role category } }';
    const partner = (await demo.query(PARTNER_TOKEN, query)).body.data?.members as {
      id: string;
      name: string;
      role: string;
      category: string;
    }[];
    expectPartnerOrder(partner);
    expect(partner.map((member) => member.id).sort()).toEqual(
      demoSnapshot.members.map((member) => partnerMemberId(member.id)).sort(),
    );
    const officer = (await demo.query(OFFICER_TOKEN, query)).body.data?.members as { id: string }[];
    expect(officer.map((member) => member.id)).toEqual(demoSnapshot.members.map((m) => m.id));
  });

  it('get figures about people through the small-number rule; officers get them whole', async () => {
    const query = `{ board { activeMemberCount balance { residentsLargest counts { constituency count } } }
      meeting(id: "MT-2026-10") { attendanceSummary { constituency present apologies absent } } }`;
    const partner = await demo.query(PARTNER_TOKEN, query);
    expect(partner.body.errors).toBeUndefined();
    const balance = partnerBalance(demoSnapshot);
    expect(partner.body.data?.board).toEqual({
      activeMemberCount: balance.activeMembers,
      balance: {
        residentsLargest: true,
        counts: balance.counts.map(({ constituency, count }) => ({
          constituency: constituency.toUpperCase(),
          count,
        })),
      },
    });
    // Provider and Council have one active member each who has not consented; Staff is
    // withheld too, or the total minus the others would give their sum (two people) back.
    expect(balance.counts.map((row) => row.count)).toEqual([7, null, null, null, 2]);
    const summary = (dataField(partner.body, 'meeting') as { attendanceSummary: unknown[] })
      .attendanceSummary;
    expect(summary).toEqual(
      partnerAttendance(demoSnapshot, 'MT-2026-10').byConstituency.map((row) => ({
        ...row,
        constituency: row.constituency.toUpperCase(),
      })),
    );
    expect(summary).toContainEqual({
      constituency: 'RESIDENT',
      present: null,
      apologies: null,
      absent: null,
    });
    const officer = await demo.query(OFFICER_TOKEN, query);
    expect(officer.body.data?.board).toMatchObject({ activeMemberCount: 17 });
    expect(
      (dataField(officer.body, 'meeting') as { attendanceSummary: unknown[] }).attendanceSummary,
    ).toEqual(
      attendanceByConstituency(demoSnapshot, ['MT-2026-10']).map((row) => ({
        ...row,
        constituency: row.constituency.toUpperCase(),
      })),
    );
  });

  it('cannot difference two annual reports to get one meeting back', async () => {
    // The year to the golden meeting minus the year to the day before is that meeting alone.
    const report = async (from: string, to: string) =>
      (
        await demo.query(
          PARTNER_TOKEN,
          `{ annualReport(from: "${from}", to: "${to}") { attendanceByConstituency { constituency present apologies absent } } }`,
        )
      ).body.data?.annualReport as {
        attendanceByConstituency: Record<'present' | 'apologies' | 'absent', number | null>[];
      };
    const meetingIds = (from: string, to: string) =>
      heldMeetingsIn(demoSnapshot, from, to).map((meeting) => meeting.id);
    for (const [from, to] of [
      ['2023-11-01', '2026-10-28'],
      ['2023-11-01', '2026-10-27'],
      ['2026-10-28', '2026-10-28'],
      ['2024-06-26', '2024-07-31'],
    ] as const) {
      const rows = (await report(from, to)).attendanceByConstituency;
      const perMeeting = meetingIds(from, to).map((id) => partnerAttendance(demoSnapshot, id));
      rows.forEach((row, index) => {
        for (const key of ['present', 'apologies', 'absent'] as const) {
          // Each figure is a sum of figures partners have per meeting, or withheld.
          const parts = perMeeting.map((table) => table.byConstituency[index]?.[key] ?? null);
          expect(row[key]).toBe(
            parts.includes(null) ? null : parts.reduce<number>((a, b) => a + (b ?? 0), 0),
          );
        }
      });
    }
    const single = (await report('2026-10-28', '2026-10-28')).attendanceByConstituency;
    expect(single.map((row) => row.present)).toEqual(
      partnerAttendance(demoSnapshot, 'MT-2026-10').byConstituency.map((row) => row.present),
    );
  });

  it("cannot date a withheld member's joining from past meetings' invitee lists", async () => {
    // M19 joined in March 2026; a partner sees them invited to a 2024 meeting as to any other,
    // while an officer sees the roster of the day.
    const query = '{ meeting(id: "MT-2024-05") { invitees { id } } }';
    const ids = (body: { data?: Record<string, unknown> | null }) =>
      ((dataField(body, 'meeting') as { invitees: { id: string }[] }).invitees ?? []).map(
        (m) => m.id,
      );
    expect(ids((await demo.query(PARTNER_TOKEN, query)).body)).toContain(partnerMemberId('M19'));
    expect(ids((await demo.query(OFFICER_TOKEN, query)).body)).not.toContain('M19');
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

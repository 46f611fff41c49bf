/**
 * R16's totals and R17's items, in the rules, the API, the annual report page and its CSV, on
 * the partner fixture (tests/support/partner-fixture.ts): sixteen involvement entries over July
 * to September 2026 and four feedback items. Partners get the board's figures by constituency
 * through the smallest-group rule, over whole months, and never one member's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { raisedByConstituencies } from '../schema/feedback-raised-by';
import { partnerProjectPeople } from '../schema/partner-figures';
import {
  type PartnerMonth,
  partnerInvolvement,
  partnerMonth,
  protectMonth,
} from '../schema/partner-involvement';
import type { Involvement } from '../schema/records';
import { annualReport } from '../schema/rules';
import { involvementSummary, isTrainingEntry } from '../schema/rules/r16-reciprocity-totals';
import { isSmallGroup } from '../schema/small-numbers';
import { buildSnapshot } from '../schema/snapshot';
import { CONSTITUENCIES } from '../schema/values';
import { partnerMemberId } from '../server/graphql/access';
import { gridsSource, OFFICER_TOKEN, PARTNER_TOKEN, testServer } from './support/board-server';
import { FIXTURE_GRIDS } from './support/partner-fixture';

const snapshot = buildSnapshot(FIXTURE_GRIDS);
const server = testServer({ source: gridsSource(FIXTURE_GRIDS) });

const constituencyOf = (id: string) =>
  (snapshot.memberById.get(id) as NonNullable<ReturnType<typeof snapshot.memberById.get>>)
    .constituency;

const ask = async (token: string, query: string) => (await server.query(token, query)).body;

async function page(path: string, token = PARTNER_TOKEN): Promise<string> {
  const response = await server.yoga.fetch(`http://board.test${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
  });
  expect(response.status, path).toBe(200);
  return response.text();
}

const SUMMARY = 'from to hours payments expenses entries trainingEntries members monthsLeftOut';
const ROWS =
  'byConstituency { constituency hours payments expenses entries trainingEntries members monthsLeftOut }';

describe('R16 totals (officers)', () => {
  it('adds up hours, payments, expenses, entries, training and people, to the penny', () => {
    const all = involvementSummary(snapshot);
    expect(all).toMatchObject({
      hours: 37.5,
      payments: 485,
      expenses: 35.2,
      entries: 16,
      trainingEntries: 2,
      people: 7,
    });
    expect(all.byConstituency.map((row) => [row.constituency, row.people, row.payments])).toEqual([
      ['Resident', 5, 420],
      ['Provider', 2, 65],
      ['Staff', 0, 0],
      ['Council', 0, 0],
      ['Other', 0, 0],
    ]);
    expect(all.byMember.find((row) => row.memberId === 'MB04')).toMatchObject({
      hours: 3.5,
      payments: 65,
      entries: 2,
    });
  });

  it('filters by period, member and project', () => {
    expect(involvementSummary(snapshot, { from: '2026-09-01', to: '2026-09-30' })).toMatchObject({
      hours: 18,
      payments: 210,
      expenses: 14.5,
      entries: 6,
      trainingEntries: 2,
    });
    expect(involvementSummary(snapshot, { memberId: 'MB06' })).toMatchObject({
      hours: 9,
      payments: 75,
      expenses: 11.2,
      trainingEntries: 1,
      people: 1,
    });
    expect(involvementSummary(snapshot, { projectId: 'PR2' }).entries).toBe(4);
  });

  it('counts training by activity or by a Training or recognition entry', () => {
    expect(isTrainingEntry({ activity: 'Training', trainingOrRecognition: null })).toBe(true);
    expect(isTrainingEntry({ activity: 'Board meeting', trainingOrRecognition: 'Thanks' })).toBe(
      true,
    );
    expect(isTrainingEntry({ activity: 'Board meeting', trainingOrRecognition: '  ' })).toBe(false);
  });
});

describe('R16 totals as partners get them', () => {
  it('shows a month whose residents include three who have not consented', () => {
    const september = partnerInvolvement(snapshot, '2026-09-03', '2026-09-20');
    // Widened to the whole month, and saying so.
    expect([september.from, september.to]).toEqual(['2026-09-01', '2026-09-30']);
    expect(september).toMatchObject({ hours: 18, payments: 210, people: 5 });
    expect(september.byConstituency[0]).toMatchObject({ constituency: 'Resident', hours: 18 });
  });

  it('withholds a row that counts one or two who have not consented, and what gives it back', () => {
    const july = partnerInvolvement(snapshot, '2026-07-01', '2026-07-31');
    // Residents MB03 and MB10, and provider MB04 (paid alone beside a consenting provider).
    expect(july.byConstituency.slice(0, 2).map((row) => row.payments)).toEqual([null, null]);
    expect(july.byConstituency[1]).toMatchObject({ hours: null, people: null, entries: null });
    // Together they are three, so the board's total may show.
    expect(july.payments).toBe(155);
    const august = partnerInvolvement(snapshot, '2026-08-01', '2026-08-31');
    // Two residents who have not consented and nobody else: the total would give them back.
    expect(august.byConstituency[0]?.hours).toBeNull();
    expect(august.hours).toBeNull();
  });

  it('sums the months shown, says which are left out, and is not null for the quarter', () => {
    const quarter = partnerInvolvement(snapshot, '2026-07-01', '2026-09-30');
    // Residents: July and August are left out (two who have not consented each), September shown.
    expect(quarter.byConstituency[0]).toMatchObject({
      hours: 18,
      payments: 210,
      people: 5,
      monthsLeftOut: ['2026-07-01', '2026-08-01'],
    });
    // The board: July's total and September's; August's would give two residents back.
    expect(quarter).toMatchObject({ hours: 29.5, payments: 365, monthsLeftOut: ['2026-08-01'] });
    // Providers had entries in July only, and July is left out: not shown rather than 0.
    expect(quarter.byConstituency[1]).toMatchObject({ hours: null, monthsLeftOut: ['2026-07-01'] });
    expect(quarter.byConstituency[2]).toMatchObject({
      constituency: 'Staff',
      hours: 0,
      monthsLeftOut: [],
    });
  });
});

describe('R16 totals as partners get them, on any board', () => {
  const template = snapshot.involvement[0] as Involvement;
  const smallest = snapshot.settings.smallestReportedGroup;
  const entry = (memberId: string, date: string, hours: number, payment: number): Involvement => ({
    ...template,
    memberId,
    date,
    hours,
    payment,
    expenses: 0,
  });
  const month = (entries: Involvement[]) =>
    protectMonth({ ...snapshot, involvement: entries }, '2026-01', entries);
  const RESIDENT = 0;
  const PROVIDER = 1;
  const STAFF = 2;

  it('withholds a row of one or two people even when they all agreed to be named', () => {
    // MB01 and MB12 are residents who agreed to be named; MB02 and MB07 council, likewise.
    const one = month([entry('MB01', '2026-01-10', 2, 40)]);
    expect(one.rows[RESIDENT]).toBeNull();
    expect(one.total).toBeNull();
    const two = month([entry('MB01', '2026-01-10', 2, 40), entry('MB12', '2026-01-10', 2, 40)]);
    expect(two.rows[RESIDENT]).toBeNull();
    expect(two.total).toBeNull();
    // Three residents, one of whom has not consented: still withheld (DESIGN §4's own rule).
    const mixed = month([
      entry('MB01', '2026-01-10', 2, 40),
      entry('MB12', '2026-01-10', 2, 40),
      entry('MB03', '2026-01-10', 2, 40),
    ]);
    expect(mixed.rows[RESIDENT]).toBeNull();
    // Three staff who have not consented: shown.
    const staff = month(['MB05', 'MB09', 'MB11'].map((id) => entry(id, '2026-01-10', 1, 10)));
    expect(staff.rows[STAFF]).toMatchObject({ hours: 3, payments: 30, people: 3 });
    expect(staff.total).toMatchObject({ hours: 3, payments: 30 });
  });

  it('withholds another row too when the total minus the rows shown would give one back', () => {
    const table = month([
      entry('MB01', '2026-01-05', 2, 40),
      ...['MB05', 'MB09', 'MB11'].map((id) => entry(id, '2026-01-10', 1, 10)),
    ]);
    // The lone resident is withheld, and the total (four people) may show: the staff row,
    // big enough on its own, goes too, or the total minus it would be the resident's £40.
    expect(table.rows[RESIDENT]).toBeNull();
    expect(table.total).toMatchObject({ payments: 70, people: 4 });
    expect(table.rows[STAFF]).toBeNull();
    expect(table.rows[PROVIDER]).toMatchObject({ payments: 0 });
    const shown = table.rows.reduce((sum, row) => sum + (row?.payments ?? 0), 0);
    expect((table.total?.payments ?? 0) - shown).not.toBe(40);
  });

  const ids = snapshot.members.map((member) => member.id);
  const boards = fc.array(
    fc.record({
      member: fc.constantFrom(...ids),
      month: fc.integer({ min: 1, max: 6 }),
      day: fc.integer({ min: 1, max: 28 }),
      hours: fc.integer({ min: 1, max: 8 }),
      pence: fc.integer({ min: 0, max: 9000 }),
    }),
    { maxLength: 60 },
  );
  const monthOf = (n: number) => `2026-${String(n).padStart(2, '0')}`;
  const periods = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

  it('shows a month’s row only when it counts enough people, and protects it by complement', () => {
    fc.assert(
      fc.property(boards, (drawn) => {
        const entries = drawn.map((e) =>
          entry(
            e.member,
            `${monthOf(e.month)}-${String(e.day).padStart(2, '0')}`,
            e.hours,
            e.pence / 100,
          ),
        );
        const board = { ...snapshot, involvement: entries };
        for (let m = 1; m <= 6; m++) {
          const inMonth = entries.filter((e) => e.date.startsWith(monthOf(m)));
          const table = partnerMonth(board, monthOf(m));
          const peopleOf = (rows: number[]) => {
            const members = new Set(
              inMonth
                .filter((e) => rows.includes(CONSTITUENCIES.indexOf(constituencyOf(e.memberId))))
                .map((e) => e.memberId),
            );
            const notNamed = [...members].filter(
              (id) => !snapshot.memberById.get(id)?.nameInCirculation,
            );
            return { all: members.size, notNamed: notNamed.length };
          };
          const safe = ({ all, notNamed }: { all: number; notNamed: number }) =>
            !isSmallGroup(all, smallest) && !isSmallGroup(notNamed, smallest);
          const hidden = table.rows.flatMap((row, index) => (row === null ? [index] : []));
          table.rows.forEach((row, index) => {
            if (row !== null) expect(safe(peopleOf([index]))).toBe(true);
          });
          if (table.total !== null) {
            expect(safe(peopleOf([0, 1, 2, 3, 4]))).toBe(true);
            // Total minus the rows shown: the withheld rows together, which must be safe too.
            expect(safe(peopleOf(hidden))).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives any period the sums of its shown months only, so two periods differ by shown months', () => {
    fc.assert(
      fc.property(boards, periods, periods, (drawn, first, second) => {
        const entries = drawn.map((e) =>
          entry(
            e.member,
            `${monthOf(e.month)}-${String(e.day).padStart(2, '0')}`,
            e.hours,
            e.pence / 100,
          ),
        );
        const board = { ...snapshot, involvement: entries };
        const withEntries = new Set(entries.map((e) => e.date.slice(0, 7)));
        for (const [from, to] of [first, second]) {
          const answer = partnerInvolvement(board, `${monthOf(from)}-01`, `${monthOf(to)}-28`);
          const months: PartnerMonth[] = [];
          for (let m = from; m <= to; m++) {
            if (withEntries.has(monthOf(m))) months.push(partnerMonth(board, monthOf(m)));
          }
          const rows = [
            { answer, cells: months.map((one) => ({ month: one.month, cell: one.total })) },
            ...answer.byConstituency.map((row, index) => ({
              answer: row,
              cells: months.map((one) => ({ month: one.month, cell: one.rows[index] ?? null })),
            })),
          ];
          for (const { answer: row, cells } of rows) {
            const shown = cells.flatMap(({ cell }) => (cell ? [cell] : []));
            expect(row.monthsLeftOut).toEqual(
              cells.flatMap(({ month: m, cell }) => (cell ? [] : [`${m}-01`])),
            );
            const pence = shown.reduce((sum, cell) => sum + Math.round(cell.payments * 100), 0);
            if (row.payments === null) {
              expect(shown.every((cell) => cell.entries === 0)).toBe(true);
              expect(row.monthsLeftOut.length).toBeGreaterThan(0);
            } else {
              expect(Math.round(row.payments * 100)).toBe(pence);
              expect(row.entries).toBe(shown.reduce((sum, cell) => sum + cell.entries, 0));
              expect(row.people).toBe(Math.max(0, ...shown.map((cell) => cell.people)));
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives a year on a board with some small months, as the sum of the months shown', () => {
    const year = partnerInvolvement(snapshot, '2026-01-01', '2026-12-31');
    expect(year.hours).toBe(29.5);
    expect(year.byConstituency[0]?.payments).toBe(210);
  });
});

describe('R17 feedback', () => {
  it('reads who raised an item as constituencies', () => {
    const item = (raisedBy: string[]) => raisedByConstituencies({ raisedBy }, snapshot);
    // MB03 has not consented, and only two active residents have not: Resident would say who.
    expect(item(['MB03'])).toEqual([]);
    // Written as a constituency: always kept. MB04 is the only provider who has not consented.
    expect(item(['residents', 'MB04'])).toEqual(['Resident']);
    // Members who agreed to be named (MB01 a resident, MB08 a provider) give their constituency.
    expect(item(['MB08', 'MB01'])).toEqual(['Resident', 'Provider']);
    // Three active staff have not consented (MB05, MB09, MB11): one of them is not singled out.
    expect(item(['MB05'])).toEqual(['Staff']);
    expect(item(['Carers forum', 'Cora Vantablack'])).toEqual([]);
    // With a smallest group of 4, three are too few.
    const stricter = { ...snapshot, settings: { ...snapshot.settings, smallestReportedGroup: 4 } };
    expect(raisedByConstituencies({ raisedBy: ['MB05'] }, stricter)).toEqual([]);
    expect(raisedByConstituencies({ raisedBy: ['Staff'] }, stricter)).toEqual(['Staff']);
  });

  it('counts the annual report’s feedback', () => {
    const report = annualReport(snapshot, '2026-07-01', '2026-09-30', '2026-11-22');
    // F2 was reported back after the period (and late); F4 raised on its last day, reported after.
    expect(report.feedback).toEqual({
      raised: 4,
      open: 1,
      actedOn: 2,
      notActedOn: 1,
      reportedBack: 1,
      reportedBackInTime: 1,
    });
    expect(annualReport(snapshot, '2026-07-01', '2026-12-31', '2026-11-22').feedback).toMatchObject(
      {
        reportedBack: 3,
        reportedBackInTime: 2,
      },
    );
  });
});

describe('the API', () => {
  it('gives officers every member’s involvement, and filters by member and project', async () => {
    const body = await ask(
      OFFICER_TOKEN,
      `{ all: involvement { ${SUMMARY} byMember { member { id } payments } }
         one: involvement(memberId: "MB04") { payments entries }
         project: involvement(projectId: "PR2", from: "2026-09-01") { hours members } }`,
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as Record<string, Record<string, unknown>>;
    expect(data.all).toMatchObject({ hours: 37.5, payments: 485, members: 7, from: null });
    expect(data.all?.byMember).toContainEqual({ member: { id: 'MB04' }, payments: 65 });
    expect(data.one).toEqual({ payments: 65, entries: 2 });
    expect(data.project).toEqual({ hours: 12, members: 4 });
  });

  it('never gives a partner one member’s figures', async () => {
    const body = await ask(
      PARTNER_TOKEN,
      `{ involvement(from: "2026-09-01", to: "2026-09-30") { ${SUMMARY} ${ROWS} byMember { payments } } }`,
    );
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((body.errors?.[0] as { path?: unknown } | undefined)?.path).toEqual([
      'involvement',
      'byMember',
    ]);
    const data = body.data as { involvement: Record<string, unknown> };
    expect(data.involvement).toMatchObject({ hours: 18, payments: 210, byMember: null });
    // No filter narrows a partner's figures: not by opaque ID, sheet ID or project.
    for (const filter of [
      `memberId: "${partnerMemberId('MB04')}"`,
      'memberId: "MB04"',
      'memberId: "nobody"',
      'projectId: "PR1"',
    ]) {
      const refused = await ask(PARTNER_TOKEN, `{ involvement(${filter}) { payments } }`);
      expect(refused.data, filter).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code, filter).toBe('FORBIDDEN');
      expect(JSON.stringify(refused)).not.toMatch(/\bMB04\b|65/);
    }
  });

  it('gives partners the annual report’s involvement through the rule, and its feedback', async () => {
    const body = await ask(
      PARTNER_TOKEN,
      `{ annualReport(from: "2026-07-01", to: "2026-09-30") {
          involvement { ${SUMMARY} ${ROWS} }
          feedback { raised open actedOn notActedOn reportedBack reportedBackInTime } } }`,
    );
    expect(body.errors).toBeUndefined();
    const report = (body.data as { annualReport: Record<string, Record<string, unknown>> })
      .annualReport;
    // The sums of the months shown (July and September), August left out, busiest month's people.
    expect(report.involvement).toMatchObject({
      hours: 29.5,
      payments: 365,
      members: 5,
      monthsLeftOut: ['2026-08-01'],
    });
    expect(report.feedback).toMatchObject({ raised: 4, actedOn: 2 });
  });

  it('filters feedback by status and date raised, and keeps Raised by from partners', async () => {
    const query = `{
      open: feedback(status: [OPEN, NOT_ACTED_ON]) { id status }
      august: feedback(from: "2026-08-01", to: "2026-09-29") { id }
      all: feedback { id reportBackDue reportedBackInTime overdue raisedByConstituencies meeting { id } project { id } }
      raisedBy: feedback { raisedBy }
    }`;
    const officer = await ask(OFFICER_TOKEN, query);
    expect(officer.errors).toBeUndefined();
    const data = officer.data as Record<string, Record<string, unknown>[]>;
    expect(data.open).toEqual([
      { id: 'F2', status: 'NOT_ACTED_ON' },
      { id: 'F3', status: 'OPEN' },
    ]);
    expect(data.august).toEqual([{ id: 'F3' }]);
    expect(data.all?.[0]).toEqual({
      id: 'F1',
      reportBackDue: '2026-09-27',
      reportedBackInTime: true,
      overdue: false,
      // Raised by MB03 alone, who has not consented, among two such residents: nobody said.
      raisedByConstituencies: [],
      meeting: { id: 'MTG-A' },
      project: { id: 'PR1' },
    });
    // F3 was never reported back, and its 60 days have passed.
    expect(data.all?.[2]).toMatchObject({ id: 'F3', overdue: true });
    expect(data.raisedBy?.[0]).toEqual({ raisedBy: ['MB03'] });

    const partner = await ask(PARTNER_TOKEN, query);
    expect(partner.data?.raisedBy).toEqual(data.raisedBy?.map(() => ({ raisedBy: null })));
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(partner.data?.all).toEqual(data.all);
    expect(JSON.stringify(partner)).not.toMatch(/\bMB0\d\b/);
  });

  it('keeps communication needs for officers, and counts project members by constituency', async () => {
    const query = `{ member(id: "MB03") { communicationNeeds }
      members { communicationNeeds }
      project(id: "PR1") { membersByConstituency { constituency members } } }`;
    const officer = (await ask(OFFICER_TOKEN, query)).data as Record<string, unknown>;
    expect(officer.member).toEqual({ communicationNeeds: 'Easy read with a supporter present' });
    expect((await ask(OFFICER_TOKEN, query)).data?.project).toEqual({
      membersByConstituency: [
        { constituency: 'PROVIDER', members: 2 },
        { constituency: 'STAFF', members: 2 },
      ],
    });
    const partner = (await ask(PARTNER_TOKEN, query)).data as {
      members: { communicationNeeds: string | null }[];
      project: unknown;
    };
    expect(partner.members.every((member) => member.communicationNeeds === null)).toBe(true);
    // Partners get the packs' counts (partnerProjectPeople): two providers, one of whom has
    // not consented (MB04), and two staff who have not: withheld.
    expect(partner.project).toEqual({
      membersByConstituency: [
        { constituency: 'PROVIDER', members: null },
        { constituency: 'STAFF', members: null },
      ],
    });
    const pr1 = snapshot.projectById.get('PR1') as NonNullable<
      ReturnType<typeof snapshot.projectById.get>
    >;
    expect(
      (
        partner.project as { membersByConstituency: { members: number | null }[] }
      ).membersByConstituency.map((row) => row.members),
    ).toEqual(partnerProjectPeople(snapshot, pr1).byConstituency.map((row) => row.members));
  });
});

describe('the annual report page and CSV', () => {
  const period = 'from=2026-09-01&to=2026-09-30';

  it('shows involvement by constituency and the feedback figures, in tables with headers', async () => {
    const html = await page(`/reports/annual.html?${period}`);
    expect(html).toContain('<h2>Involvement and reciprocity</h2>');
    expect(html).toContain('<caption>Involvement by constituency</caption>');
    expect(html).toContain('<th scope="col" class="number">Payments (£)</th>');
    expect(html).toContain('data-figure="involvement.RESIDENT.payments">210.00<');
    expect(html).toContain('data-figure="involvement.all.hours">18<');
    expect(html).toContain('<h2>You said, we did</h2>');
    expect(html).toContain('data-figure="feedback.raised">1<');
    const easy = await page(`/reports/annual.html?${period}&easyRead=1`);
    expect(easy).toContain('<h2>How people took part</h2>');
    expect(easy).toMatch(/People gave <span data-figure="involvement.all.hours">18<\/span> hours/);
    expect(easy).toContain('You told us 1 thing.');
  });

  it('says "not shown" and which months a partner’s figures cover', async () => {
    const html = await page('/reports/annual.html?from=2026-07-10&to=2026-09-30');
    // Residents: September's figures only; providers had entries in July only, left out.
    expect(html).toContain('data-figure="involvement.RESIDENT.hours">18<');
    expect(html).toContain('data-figure="involvement.PROVIDER.hours">not shown<');
    expect(html).toContain('they cover 1 July 2026 to 30 September 2026');
    expect(html).toContain(
      'Months in which fewer than 3 people from a group took part are left out of that group’s figures.',
    );
    expect(html).toContain('<th scope="col" class="number">Members (busiest month)</th>');
    expect(html).toContain('&quot;Not shown&quot; stands for a figure');
    const easy = await page('/reports/annual.html?from=2026-07-10&to=2026-09-30&easyRead=1');
    expect(easy).toContain('Months in which fewer than 3 people from a group took part');
    const officer = await page('/reports/annual.html?from=2026-07-10&to=2026-09-30', OFFICER_TOKEN);
    expect(officer).not.toContain('Months in which');
    expect(officer).toContain('<th scope="col" class="number">Members</th>');
  });

  it('downloads the same figures, by constituency, never by member', async () => {
    const csv = await page('/reports/annual.csv?from=2026-07-01&to=2026-09-30');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Section,Item,Measure,Value,Note');
    expect(lines).toContain('Involvement period,From,Date,2026-07-01,');
    expect(lines).toContain('Involvement by constituency,Resident,Payments (£),210,');
    expect(lines).toContain(
      'Involvement by constituency,Resident,Months left out,2,Months in which fewer than 3 people from a group took part are left out of that group’s figures.',
    );
    expect(lines).toContain('Involvement by constituency,Provider,Payments (£),,not shown');
    expect(lines).toContain('Involvement by constituency,Staff,Hours,0,');
    expect(lines.some((line) => line.startsWith('Involvement by constituency,Staff,Months'))).toBe(
      false,
    );
    expect(lines).toContain('Involvement,All,Hours,29.5,');
    expect(lines).toContain('Feedback,Raised,Items,4,');
    expect(lines).toContain('Feedback,Reported back in time,Items,1,');
    const officer = await page('/reports/annual.csv?from=2026-07-01&to=2026-09-30', OFFICER_TOKEN);
    expect(officer).toContain('Involvement by constituency,Provider,Payments (£),65,');
    expect(officer).toContain('Involvement,All,Payments (£),485,');
    for (const body of [csv, officer]) expect(body).not.toMatch(/\bMB\d\d\b/);
  });
});

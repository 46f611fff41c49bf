/**
 * The demo board's content: a fictional Commissioning Co-Production Board that has met monthly
 * since 29 November 2023. Everything here is invented (names, emails at example.org, phone
 * numbers in Ofcom's drama range 020 7946 0xxx) and deterministic: a seeded generator stands in
 * for chance, and the only clock is the `asOf` date passed in.
 *
 * The board is clean for every rule of DESIGN §3 except for a few deliberate imperfections, so
 * that a demo of the checks has something to show (see `DEMO_IMPERFECTIONS`).
 *
 * Records are written as plain values keyed by the layout's column keys; `demoBoardRows` turns
 * them into rows in the layout's column order, choosing the cell type from the column's kind
 * (real date cells, Yes/No as text, lists as comma-separated text).
 */
import type { Cell, Row } from 'write-excel-file/node';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  type IsoDate,
  isIsoDate,
  weekdayOf,
} from '../schema/dates';
import {
  ACTIONS_TAB,
  ATTENDANCE_TAB,
  CIRCULATION_TAB,
  type CONSTITUENCIES,
  type ColumnSpec,
  MEETINGS_TAB,
  type MEMBER_CATEGORIES,
  type MEMBER_ROLES,
  MEMBERS_TAB,
  type PREFERRED_FORMATS,
  PROJECT_PHASES,
  PROJECTS_TAB,
  SETTINGS_TAB,
  TASKS_TAB,
  type TabName,
  type TabSpec,
} from '../schema/layout';
import { standardTasksFor } from '../schema/rules';
import { type BoardSettings, SETTING_KEYS } from '../schema/settings';

// ---------------------------------------------------------------------------------------------
// Values

/** A cell that must stay text even where the column expects something else (a typo). */
interface AsTyped {
  readonly typed: string;
}
type Value = string | number | boolean | readonly string[] | AsTyped | null | undefined;
type RecordValues = Readonly<Record<string, Value>>;

const typed = (text: string): AsTyped => ({ typed: text });

/** Tab name → rows: the header row (bold) first, then one row per record. */
export type DemoBoardRows = Readonly<Record<TabName, Row[]>>;

export const DATE_FORMAT = 'dd/mm/yyyy';
export const TIME_FORMAT = 'hh:mm';

function dateCell(date: IsoDate): Cell {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { value: new Date(Date.UTC(year, month - 1, day)), format: DATE_FORMAT };
}

/** The cell for a value, as the column's kind expects it. */
function cellFor(column: ColumnSpec, value: Value): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'typed' in value) return value.typed;
  const kind = column.kind;
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (kind.type === 'date' && typeof value === 'string' && isIsoDate(value)) return dateCell(value);
  if (kind.type === 'time' && typeof value === 'string') {
    const [hours, minutes] = value.split(':').map(Number) as [number, number];
    return { value: (hours * 60 + minutes) / 1440, format: TIME_FORMAT };
  }
  return value as string | number;
}

function headerRow(spec: TabSpec): Row {
  return spec.columns.map((column) => ({ value: column.header, fontWeight: 'bold' as const }));
}

function tabRows(spec: TabSpec, records: readonly RecordValues[]): Row[] {
  return [
    headerRow(spec),
    ...records.map((record) => spec.columns.map((column) => cellFor(column, record[column.key]))),
  ];
}

// ---------------------------------------------------------------------------------------------
// Chance, seeded

/** mulberry32: a small, fast, seeded generator, so the same as-of date gives the same board. */
class Chance {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  /** `count` distinct items, in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(this.int(0, items.length - 1));
    return [...chosen].sort((a, b) => a - b).map((index) => items[index] as T);
  }
}

const SEED = 20231129;

// ---------------------------------------------------------------------------------------------
// Members

type Role = (typeof MEMBER_ROLES)[number];
type Category = (typeof MEMBER_CATEGORIES)[number];
type Constituency = (typeof CONSTITUENCIES)[number];
type Format = (typeof PREFERRED_FORMATS)[number];

export const SERVICE_AREAS = [
  'Learning disabilities',
  'Mental health',
  'Older people',
  'Dementia',
  'Physical disabilities',
  'Carers',
] as const;
type Area = (typeof SERVICE_AREAS)[number] | 'All';

interface DemoMember {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly category: Category;
  readonly constituency: Constituency;
  readonly organisation?: string;
  readonly group?: string;
  readonly serviceAreas: readonly Area[];
  readonly phone: string;
  readonly preferredFormat: Format;
  readonly termStart: IsoDate;
  readonly termEnd?: IsoDate;
  readonly extendedTo?: IsoDate;
  readonly status: 'Active' | 'Former';
  readonly nameInCirculation: boolean;
  readonly notes?: string;
}

/** The self-advocacy group with two active representatives (deliberate R5 error). */
const SHARED_GROUP = 'Northside Speak Up';

/**
 * The roster, in the order people joined. M01-M03 have left; M16 and M18 are the current
 * co-chairs (their predecessors are M01 and M02). M21 is deliberately not on it.
 */
const MEMBERS: readonly DemoMember[] = [
  {
    id: 'M01',
    name: 'Dorothy Finchley',
    role: 'Resident co-chair',
    category: 'Resident co-chair',
    constituency: 'Resident',
    serviceAreas: ['Physical disabilities', 'Older people'],
    phone: '020 7946 0101',
    preferredFormat: 'Large print',
    termStart: '2023-11-01',
    termEnd: '2024-10-31',
    extendedTo: '2025-01-14',
    status: 'Former',
    nameInCirculation: true,
    notes: 'First resident co-chair; term extended to January 2025, then stood down.',
  },
  {
    id: 'M02',
    name: 'Graham Ashdown',
    role: 'Officer co-chair',
    category: 'Commissioning team',
    constituency: 'Council',
    organisation: 'Adult Social Care Commissioning',
    serviceAreas: ['All'],
    phone: '020 7946 0102',
    preferredFormat: 'Standard',
    termStart: '2023-10-01',
    termEnd: '2025-09-30',
    status: 'Former',
    nameInCirculation: true,
    notes: 'First officer co-chair (two-year term).',
  },
  {
    id: 'M03',
    name: 'Lena Marchetti',
    role: 'Member',
    category: 'Provider',
    constituency: 'Provider',
    organisation: 'Brookvale Home Care',
    serviceAreas: ['Older people', 'Dementia'],
    phone: '020 7946 0103',
    preferredFormat: 'Standard',
    termStart: '2023-11-01',
    termEnd: '2025-06-30',
    status: 'Former',
    nameInCirculation: false,
    notes: 'Left when Brookvale Home Care closed its local branch.',
  },
  {
    id: 'M04',
    name: 'Priya Raman',
    role: 'Member',
    category: 'Commissioner',
    constituency: 'Council',
    organisation: 'Adult Social Care Commissioning',
    serviceAreas: ['All'],
    phone: '020 7946 0104',
    preferredFormat: 'Standard',
    termStart: '2023-11-01',
    status: 'Active',
    nameInCirculation: true,
  },
  {
    id: 'M05',
    name: 'Tomasz Adeyemi-Wolski',
    role: 'Member',
    category: 'Social worker',
    constituency: 'Staff',
    organisation: 'Adult Social Care Operations',
    serviceAreas: ['Learning disabilities', 'Mental health', 'Older people'],
    phone: '020 7946 0105',
    preferredFormat: 'Standard',
    termStart: '2023-11-01',
    status: 'Active',
    nameInCirculation: false,
  },
  {
    id: 'M06',
    name: 'Margaret Olawale',
    role: 'Member',
    category: 'Joint Partnership Board',
    constituency: 'Other',
    organisation: 'Joint Partnership Board',
    serviceAreas: ['All'],
    phone: '020 7946 0106',
    preferredFormat: 'Standard',
    termStart: '2023-11-01',
    status: 'Active',
    nameInCirculation: true,
  },
  {
    id: 'M07',
    name: 'Kwabena Mensah-Hart',
    role: 'Member',
    category: 'Disability Action Haringey',
    constituency: 'Other',
    organisation: 'Disability Action Haringey',
    serviceAreas: ['Physical disabilities', 'Learning disabilities'],
    phone: '020 7946 0107',
    preferredFormat: 'Large print',
    termStart: '2023-11-01',
    status: 'Active',
    nameInCirculation: true,
  },
  {
    id: 'M08',
    name: 'Sandra Kowalczyk',
    role: 'Member',
    category: 'Reference group',
    constituency: 'Resident',
    group: "Older People's Reference Group",
    serviceAreas: ['Older people', 'Dementia'],
    phone: '020 7946 0108',
    preferredFormat: 'Large print',
    termStart: '2023-11-01',
    status: 'Active',
    nameInCirculation: false,
  },
  {
    id: 'M09',
    name: 'Daniel Frostwick',
    role: 'Member',
    category: 'Self-advocacy group',
    constituency: 'Resident',
    group: SHARED_GROUP,
    serviceAreas: ['Learning disabilities'],
    phone: '020 7946 0109',
    preferredFormat: 'Easy read',
    termStart: '2023-11-01',
    status: 'Active',
    nameInCirculation: true,
    notes: 'Supported at meetings by a self-advocacy worker.',
  },
  {
    id: 'M10',
    name: 'Ruth Castellane',
    role: 'Member',
    category: 'Clinical staff',
    constituency: 'Staff',
    organisation: 'Borough Mental Health Trust',
    serviceAreas: ['Mental health', 'Dementia'],
    phone: '020 7946 0110',
    preferredFormat: 'Standard',
    termStart: '2023-11-01',
    status: 'Active',
    nameInCirculation: false,
  },
  {
    id: 'M11',
    name: 'Simon Adairson',
    role: 'Member',
    category: 'ICB',
    constituency: 'Staff',
    organisation: 'Integrated Care Board',
    serviceAreas: ['Older people', 'Mental health'],
    phone: '020 7946 0111',
    preferredFormat: 'Standard',
    termStart: '2023-11-01',
    status: 'Active',
    nameInCirculation: false,
  },
  {
    id: 'M12',
    name: 'Cllr Ayesha Rahmani',
    role: 'Member',
    category: 'Elected member',
    constituency: 'Council',
    organisation: 'Council (ward councillor)',
    serviceAreas: ['All'],
    phone: '020 7946 0112',
    preferredFormat: 'Standard',
    termStart: '2024-01-15',
    status: 'Active',
    nameInCirculation: true,
  },
  {
    id: 'M13',
    name: 'Fergus Lindqvist',
    role: 'Member',
    category: 'Council department',
    constituency: 'Council',
    organisation: 'Procurement',
    serviceAreas: [],
    phone: '020 7946 0113',
    preferredFormat: 'Standard',
    termStart: '2024-02-01',
    status: 'Active',
    nameInCirculation: false,
    notes: 'Attends for procurement advice; no service area of his own.',
  },
  {
    id: 'M14',
    name: 'Joseph Amankwah',
    role: 'Member',
    category: 'Self-representative',
    constituency: 'Resident',
    serviceAreas: ['Mental health', 'Physical disabilities'],
    phone: '020 7946 0114',
    preferredFormat: 'Audio',
    termStart: '2024-03-01',
    status: 'Active',
    nameInCirculation: true,
  },
  {
    id: 'M15',
    name: 'Bernadette Clarkson',
    role: 'Member',
    category: 'Carer or advocate',
    constituency: 'Resident',
    serviceAreas: ['Carers', 'Dementia', 'Older people'],
    phone: '020 7946 0115',
    preferredFormat: 'Large print',
    termStart: '2024-04-01',
    status: 'Active',
    nameInCirculation: false,
  },
  {
    id: 'M16',
    name: 'Yusuf Demirel',
    role: 'Resident co-chair',
    category: 'Resident co-chair',
    constituency: 'Resident',
    serviceAreas: ['Physical disabilities', 'Carers'],
    phone: '020 7946 0116',
    preferredFormat: 'Standard',
    termStart: '2025-01-15',
    termEnd: '2026-01-14',
    extendedTo: '2027-01-14',
    status: 'Active',
    nameInCirculation: true,
    notes: 'Voted in January 2025; term extended once by the board in December 2025.',
  },
  {
    id: 'M17',
    name: 'Olivia Brennagh',
    role: 'Member',
    category: 'Provider',
    constituency: 'Provider',
    organisation: 'Riverside Support Services',
    serviceAreas: ['Learning disabilities', 'Physical disabilities'],
    phone: '020 7946 0117',
    preferredFormat: 'Standard',
    termStart: '2025-07-01',
    status: 'Active',
    nameInCirculation: false,
  },
  {
    id: 'M18',
    name: 'Hannah Osei-Bonsu',
    role: 'Officer co-chair',
    category: 'Commissioning team',
    constituency: 'Council',
    organisation: 'Adult Social Care Commissioning',
    serviceAreas: ['All'],
    phone: '020 7946 0118',
    preferredFormat: 'Standard',
    termStart: '2025-10-01',
    status: 'Active',
    nameInCirculation: true,
    notes: 'Nominated by the Senior Head; voted in September 2025.',
  },
  {
    id: 'M19',
    name: 'Leon Whitacre',
    role: 'Member',
    category: 'Self-advocacy group',
    constituency: 'Resident',
    group: SHARED_GROUP,
    serviceAreas: ['Learning disabilities', 'Mental health'],
    phone: '020 7946 0119',
    preferredFormat: 'Easy read',
    termStart: '2026-03-01',
    status: 'Active',
    nameInCirculation: false,
  },
  {
    id: 'M20',
    name: 'Grace Nwachukwu',
    role: 'Member',
    category: 'Carer or advocate',
    constituency: 'Resident',
    serviceAreas: ['Carers', 'Learning disabilities'],
    phone: '020 7946 0120',
    preferredFormat: 'BSL',
    termStart: '2026-05-01',
    status: 'Active',
    nameInCirculation: false,
    notes: 'Needs a BSL interpreter booked for in-person meetings.',
  },
];

const RESIDENT_CO_CHAIR = 'M16';
const OFFICER_CO_CHAIR = 'M18';
/** Not on the roster: written into one action's Owner (deliberate data issue). */
export const UNKNOWN_MEMBER_ID = 'M21';

function emailOf(member: DemoMember): string {
  const local = member.name
    .replace(/^Cllr\s+/, 'cllr.')
    .toLowerCase()
    .replace(/[^a-z.\s-]/g, '')
    .trim()
    .replace(/\s+/g, '.');
  return `${local}@example.org`;
}

function lastDayOfTerm(member: DemoMember): IsoDate | null {
  const ends = [member.termEnd, member.extendedTo].filter((end): end is IsoDate => !!end).sort();
  return ends.at(-1) ?? null;
}

/** Same meaning as the rules' `onRoster`: the term had started and had not ended. */
function onRosterOn(member: DemoMember, date: IsoDate): boolean {
  const end = lastDayOfTerm(member);
  return member.termStart <= date && (end === null || end >= date);
}

/** The resident co-chair then the officer co-chair on a day. */
function coChairsOn(date: IsoDate): DemoMember[] {
  return (['Resident co-chair', 'Officer co-chair'] as const).flatMap((role) =>
    MEMBERS.filter((member) => member.role === role && onRosterOn(member, date)),
  );
}

function isCoChair(member: DemoMember): boolean {
  return member.role !== 'Member';
}

function coversAll(member: DemoMember): boolean {
  return member.serviceAreas.length === 0 || member.serviceAreas.includes('All');
}

/** The co-chairs plus the members on the roster that day whose areas meet the topics (R7). */
function inviteesOf(date: IsoDate, topics: readonly string[]): DemoMember[] {
  const others = MEMBERS.filter(
    (member) =>
      !isCoChair(member) &&
      onRosterOn(member, date) &&
      (coversAll(member) || member.serviceAreas.some((area) => topics.includes(area))),
  );
  return [...coChairsOn(date), ...others];
}

function memberRecords(): RecordValues[] {
  return MEMBERS.map((member) => ({
    ...member,
    organisation: member.organisation ?? null,
    group: member.group ?? null,
    email: emailOf(member),
    termEnd: member.termEnd ?? null,
    extendedTo: member.extendedTo ?? null,
    notes: member.notes ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Settings

const FIRST_MEETING: IsoDate = '2023-11-29';

const SETTINGS: Readonly<Record<keyof BoardSettings, Value>> = {
  boardName: 'Commissioning Co-Production Board (demo)',
  firstMeeting: FIRST_MEETING,
  meetingPattern: 'last Wednesday',
  meetingLengthHours: 2,
  memberCap: 20,
  residentCoChairTermMonths: 12,
  coChairExtensionMonths: 12,
  officerCoChairTermMonths: 24,
  dateOrder: 'DMY',
  circulationBoroughPartnership: [
    'borough.partnership@example.org',
    'partnership.support@example.org',
  ],
  circulationSeniorHead: ['senior.head.commissioning@example.org'],
  circulationDmt: ['asc.dmt@example.org', 'dmt.business.support@example.org'],
};

/** Settings rows, keyed as the parser reads them; First meeting is a real date cell. */
function settingsRows(): Row[] {
  return [
    headerRow(SETTINGS_TAB),
    ...SETTING_KEYS.map(([label, property]) => {
      const value = SETTINGS[property];
      const cell =
        typeof value === 'string' && isIsoDate(value)
          ? dateCell(value)
          : Array.isArray(value)
            ? value.join(', ')
            : (value as Cell);
      return [label, cell];
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Meetings and attendance

/** The last Wednesday of a month (month 1-12). */
function lastWednesday(year: number, month: number): IsoDate {
  const last = `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  return addDays(last, -((weekdayOf(last) - 3 + 7) % 7));
}

const meetingIdOf = (date: IsoDate) => `MT-${date.slice(0, 7)}`;

/** Christmas Day 2024 was the last Wednesday of December: that meeting was cancelled. */
const CANCELLED_MEETING = 'MT-2024-12';
/** The resident co-chair sent apologies; a deputy co-chair stood in. */
const DEPUTISED_MEETING = 'MT-2026-03';
const DEPUTY = 'M14';
/** The officer co-chair sent apologies and no deputy was nominated (deliberate R8 error). */
const UNDEPUTISED_MEETING = 'MT-2026-06';

const VENUES = [
  { venue: 'Civic Centre, Committee Room 2', format: 'In person' },
  { venue: 'Microsoft Teams', format: 'Online' },
  { venue: 'Northside Community Hub, Room 1 and Microsoft Teams', format: 'Hybrid' },
  { venue: 'Riverside Library, community room', format: 'In person' },
] as const;

interface DemoMeeting {
  readonly id: string;
  readonly date: IsoDate;
  readonly status: 'Planned' | 'Held' | 'Cancelled';
  readonly topics: readonly string[];
  readonly venue: string;
  readonly format: string;
  readonly minuteTakerId: string | null;
  readonly deputyCoChairId: string | null;
  readonly circulateToDmt: boolean;
  readonly minutesLink: string | null;
}

interface DemoAttendance {
  readonly meetingId: string;
  readonly memberId: string;
  readonly attendance: 'Present' | 'Apologies' | 'Absent';
  readonly deputisingForId: string | null;
  readonly notes: string | null;
}

/** Topics the board returned to while each project was running. */
const FOCUS_BY_PERIOD: readonly { readonly from: IsoDate; readonly area: string }[] = [
  { from: '2024-02-01', area: 'Mental health' },
  { from: '2025-06-01', area: 'Dementia' },
  { from: '2026-04-01', area: 'Learning disabilities' },
  { from: '2026-09-01', area: 'Carers' },
];

function meetingDates(asOf: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  const lastMonth = addMonths(`${asOf.slice(0, 7)}-01`, 1);
  for (let month = '2023-11-01'; month <= lastMonth; month = addMonths(month, 1)) {
    dates.push(lastWednesday(Number(month.slice(0, 4)), Number(month.slice(5, 7))));
  }
  return dates;
}

function topicsFor(date: IsoDate, chance: Chance): string[] {
  if (date === FIRST_MEETING) return [];
  const focus = FOCUS_BY_PERIOD.filter((period) => period.from <= date).at(-1)?.area;
  const topics = new Set<string>(focus && chance.chance(0.6) ? [focus] : []);
  const wanted = topics.size + chance.int(1, 2);
  while (topics.size < wanted) topics.add(chance.pick(SERVICE_AREAS));
  return SERVICE_AREAS.filter((area) => topics.has(area));
}

interface MeetingsAndAttendance {
  readonly meetings: DemoMeeting[];
  readonly attendance: DemoAttendance[];
}

function meetingsAndAttendance(asOf: IsoDate, chance: Chance): MeetingsAndAttendance {
  const meetings: DemoMeeting[] = [];
  const attendance: DemoAttendance[] = [];
  const minutesTaken = new Map<string, number>();
  let firstPlanned = true;

  meetingDates(asOf).forEach((date, index) => {
    const id = meetingIdOf(date);
    const status = id === CANCELLED_MEETING ? 'Cancelled' : date < asOf ? 'Held' : 'Planned';
    let topics = topicsFor(date, chance);
    if (id === DEPUTISED_MEETING && !topics.includes('Mental health')) {
      topics = SERVICE_AREAS.filter((area) => area === 'Mental health' || topics.includes(area));
    }
    const place = VENUES[index % VENUES.length] as (typeof VENUES)[number];
    const rows: DemoAttendance[] = [];
    let deputyCoChairId: string | null = null;

    if (status === 'Held') {
      for (const member of inviteesOf(date, topics)) {
        let value: DemoAttendance['attendance'];
        let notes: string | null = null;
        if (isCoChair(member)) {
          value = 'Present';
          if (id === DEPUTISED_MEETING && member.id === RESIDENT_CO_CHAIR) {
            value = 'Apologies';
            notes = 'Unwell on the day; deputy co-chair nominated.';
          }
          if (id === UNDEPUTISED_MEETING && member.id === OFFICER_CO_CHAIR) {
            value = 'Apologies';
            notes = 'Called to an urgent provider failure meeting.';
          }
        } else {
          const roll = chance.next();
          value = roll < 0.72 ? 'Present' : roll < 0.92 ? 'Apologies' : 'Absent';
          if (id === DEPUTISED_MEETING && member.id === DEPUTY) value = 'Present';
          if (value === 'Apologies' && chance.chance(0.3)) notes = 'Sent comments in writing.';
          if (value === 'Present' && place.format === 'Hybrid' && chance.chance(0.3)) {
            notes = 'Joined online.';
          }
        }
        const deputising = id === DEPUTISED_MEETING && member.id === DEPUTY;
        if (deputising) deputyCoChairId = DEPUTY;
        rows.push({
          meetingId: id,
          memberId: member.id,
          attendance: value,
          deputisingForId: deputising ? RESIDENT_CO_CHAIR : null,
          notes: deputising ? 'Chaired in place of the resident co-chair.' : notes,
        });
      }
    }

    // Minute-takers rotate among members who are not co-chairs (nor deputising that day).
    let minuteTakerId: string | null = null;
    const candidates =
      status === 'Held'
        ? rows
            .filter((row) => row.attendance === 'Present' && row.memberId !== deputyCoChairId)
            .map((row) => MEMBERS.find((member) => member.id === row.memberId) as DemoMember)
            .filter((member) => !isCoChair(member))
        : status === 'Planned'
          ? MEMBERS.filter(
              (member) =>
                !isCoChair(member) && member.status === 'Active' && onRosterOn(member, date),
            )
          : [];
    const nextUp = [...candidates].sort(
      (a, b) =>
        (minutesTaken.get(a.id) ?? 0) - (minutesTaken.get(b.id) ?? 0) || a.id.localeCompare(b.id),
    )[0];
    // The first planned meeting has nobody nominated yet (deliberate R11 error).
    const leaveBlank = status === 'Planned' && firstPlanned;
    if (status === 'Planned') firstPlanned = false;
    if (nextUp && !leaveBlank) {
      minuteTakerId = nextUp.id;
      minutesTaken.set(nextUp.id, (minutesTaken.get(nextUp.id) ?? 0) + 1);
    }

    meetings.push({
      id,
      date,
      status,
      topics,
      venue: place.venue,
      format: place.format,
      minuteTakerId,
      deputyCoChairId,
      circulateToDmt: status !== 'Cancelled' && index % 5 === 2,
      minutesLink:
        status === 'Held' ? `https://example.org/coproduction-board/minutes/${id}` : null,
    });
    attendance.push(...rows);
  });
  return { meetings, attendance };
}

function meetingRecords(meetings: readonly DemoMeeting[]): RecordValues[] {
  return meetings.map((meeting) => ({
    ...meeting,
    startTime: '14:00',
    lengthHours: 2,
  }));
}

// ---------------------------------------------------------------------------------------------
// Projects and tasks

interface DemoProject {
  readonly id: string;
  readonly name: string;
  readonly serviceArea: string;
  readonly stage: string;
  readonly phase: (typeof PROJECT_PHASES)[number];
  readonly activities: readonly string[];
  readonly objectives: string;
  readonly leadId: string;
  readonly memberIds: readonly string[];
  readonly start: IsoDate;
  readonly end: IsoDate | null;
  readonly budget: number | null;
  readonly status: 'Active' | 'Monitoring' | 'Closed';
  /** When each phase began, up to the current one. */
  readonly phaseStarts: readonly IsoDate[];
}

const PROJECTS: readonly DemoProject[] = [
  {
    id: 'P01',
    name: 'Mental health floating support',
    serviceArea: 'Mental health',
    stage: 'Reviewing',
    phase: 'Conclusion',
    activities: ['Co-design', 'Co-evaluation'],
    objectives:
      'Redesign floating support for adults with mental health needs with the people who use it, then review the first year of the new contract.',
    leadId: 'M04',
    memberIds: ['M05', 'M10', 'M14'],
    start: '2024-02-28',
    end: '2026-12-31',
    budget: 320000,
    status: 'Monitoring',
    phaseStarts: ['2024-02-28', '2024-04-24', '2024-07-31', '2026-01-28', '2026-04-29'],
  },
  {
    id: 'P02',
    name: 'Dementia day opportunities',
    serviceArea: 'Dementia',
    stage: 'Implementing',
    phase: 'During',
    activities: ['Co-design', 'Co-delivery'],
    objectives:
      'Co-design day opportunities for people living with dementia and their carers, and help the new provider put them in place.',
    leadId: 'M18',
    memberIds: ['M08', 'M10', 'M11', 'M15'],
    start: '2025-06-25',
    end: '2027-03-31',
    budget: 450000,
    status: 'Active',
    phaseStarts: ['2025-06-25', '2025-08-27', '2025-11-26'],
  },
  {
    id: 'P03',
    name: 'Supported living for adults with learning disabilities',
    serviceArea: 'Learning disabilities',
    stage: 'Purchasing',
    phase: 'Initiation',
    activities: ['Co-planning', 'Co-design'],
    objectives:
      'Plan and buy a supported living framework with self-advocates on the evaluation panel, and an easy read tender summary.',
    leadId: 'M04',
    memberIds: ['M05', 'M07', 'M09', 'M17'],
    start: '2026-04-29',
    end: '2027-09-30',
    budget: 1200000,
    status: 'Active',
    phaseStarts: ['2026-04-29', '2026-07-29'],
  },
  {
    id: 'P04',
    name: "Carers' short breaks",
    serviceArea: 'Carers',
    stage: 'Planning',
    phase: 'Pre-initiation',
    activities: ['Co-planning'],
    objectives:
      'Find out from unpaid carers what short breaks they need before anything is commissioned.',
    leadId: 'M15',
    memberIds: ['M06', 'M08', 'M20'],
    start: '2026-09-30',
    end: null,
    budget: null,
    status: 'Active',
    phaseStarts: ['2026-09-30'],
  },
];

function projectRecords(): RecordValues[] {
  return PROJECTS.map(({ phaseStarts: _phaseStarts, ...project }) => project);
}

function taskRecords(asOf: IsoDate, chance: Chance): RecordValues[] {
  const records: RecordValues[] = [];
  for (const project of PROJECTS) {
    const current = PROJECT_PHASES.indexOf(project.phase);
    const standard = standardTasksFor(project.id, []);
    const lead = MEMBERS.find((member) => member.id === project.leadId) as DemoMember;
    const officer = lead.constituency === 'Council' ? lead.id : 'M04';
    for (const task of standard) {
      const phase = PROJECT_PHASES.indexOf(task.phase);
      const phaseStart = project.phaseStarts[phase];
      const nextStart = project.phaseStarts[phase + 1];
      const inPhase = standard.filter((other) => other.phase === task.phase);
      const position = inPhase.indexOf(task);
      const assignedTo = /co-chair/i.test(task.responsible)
        ? coChairsOn(phaseStart && phaseStart < asOf ? phaseStart : asOf).map((member) => member.id)
        : /minute-taker/i.test(task.responsible)
          ? []
          : /council/i.test(task.responsible)
            ? [officer]
            : chance.sample(project.memberIds, chance.int(1, 2));
      let status = 'To do';
      let doneOn: IsoDate | null = null;
      let dueDate: IsoDate | null = null;
      if (phaseStart !== undefined) {
        const span = nextStart ? daysBetween(phaseStart, nextStart) : 56;
        const step = Math.max(1, Math.floor(span / (inPhase.length + 1)));
        dueDate = addDays(phaseStart, step * (position + 1));
        // Earlier phases are finished; the current one is about half way through.
        const finished = phase < current || position < Math.floor(inPhase.length / 2);
        if (finished) {
          status = 'Done';
          const done = addDays(dueDate, -chance.int(0, Math.min(6, step - 1)));
          doneOn = done < asOf ? done : addDays(asOf, -1);
        } else if (dueDate <= asOf) {
          dueDate = addDays(asOf, 14 + 7 * position);
        }
      }
      records.push({
        id: task.id,
        projectId: project.id,
        task: task.task,
        phase: task.phase,
        responsible: task.responsible,
        assignedToIds: phase <= current ? assignedTo : [],
        dueDate,
        status,
        doneOn,
      });
    }
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Actions

const GENERAL_ACTIONS: readonly string[] = [
  'Circulate the draft service specification for {area} to members a week before the next meeting',
  'Arrange an easy read version of the {area} survey',
  'Invite the {area} contract manager to present quarterly performance figures',
  'Find out how many people using {area} services receive direct payments',
  'Share the findings of the {area} listening events with the board',
  'Check that the {area} provider forum has a resident speaker slot',
  'Write to providers asking how people who use {area} services can give feedback',
  'Bring the {area} needs analysis to a future meeting',
  'Ask the quality assurance team for the latest {area} visit reports',
  'Book an accessible venue for the {area} workshop',
  'Draft questions for the {area} provider site visit with residents',
  'Update the board on complaints received about {area} services',
  'Agree how people who use {area} services will be paid for their time on the project',
  'Produce a large print summary of the {area} briefing',
  'Contact the self-advocacy groups about joining the {area} discussion',
];

const BOARD_ACTIONS: readonly string[] = [
  'Send out the minutes and action log within ten working days',
  'Review the accessibility of the meeting venue and report back',
  'Update the members list and check everyone has their preferred format',
  'Draft the co-production update for the Borough Partnership',
  'Organise co-production training for new members',
  'Confirm interpreter and easy read support for the next meeting',
  'Collect travel expense claims from resident members',
  'Share the forward plan of commissioning decisions with the board',
];

const PROJECT_ACTIONS: readonly string[] = [
  'Agree the questions for the {project} engagement sessions',
  'Recruit two residents to the {project} evaluation panel',
  'Share the {project} budget and timescales with project members',
  'Feed back comments on the {project} service specification',
  'Report progress on {project} to the next meeting',
  'Check the {project} communications plan with the self-advocacy groups',
  'Collect case studies for the {project} review',
];

const FOLLOW_UP_NOTES: readonly string[] = [
  'Waiting to hear back from the provider.',
  'Partly done; the rest is planned before the next meeting.',
  'Owner asked for more time.',
  'Draft shared; comments due next week.',
  'Chased by email after the meeting.',
];

interface ActionPlan {
  readonly status: 'Open' | 'In progress' | 'Done' | 'Dropped';
}

function statusByAge(ageDays: number, chance: Chance): ActionPlan['status'] {
  const roll = chance.next();
  if (ageDays > 180) {
    return roll < 0.84 ? 'Done' : roll < 0.95 ? 'Dropped' : roll < 0.98 ? 'In progress' : 'Open';
  }
  if (ageDays > 60) {
    return roll < 0.5 ? 'Done' : roll < 0.6 ? 'Dropped' : roll < 0.82 ? 'In progress' : 'Open';
  }
  return roll < 0.2 ? 'Done' : roll < 0.55 ? 'In progress' : 'Open';
}

/** Where the deliberate data issues go: (meeting, 0-based action number at that meeting). */
const IMPOSSIBLE_DUE_DATE = { meetingId: 'MT-2025-01', index: 0, text: '31/02/2025' } as const;
const UNKNOWN_OWNER = { meetingId: 'MT-2026-09', index: 0, realOwner: 'M05' } as const;
/** Open actions that nobody has taken on yet (R12's "no owner"). */
const NO_OWNER = new Set(['MT-2026-08#3', 'MT-2026-10#2']);

function actionRecords(
  asOf: IsoDate,
  meetings: readonly DemoMeeting[],
  attendance: readonly DemoAttendance[],
  chance: Chance,
): RecordValues[] {
  const records: RecordValues[] = [];
  const held = meetings.filter((meeting) => meeting.status === 'Held');
  let number = 0;
  held.forEach((meeting, meetingIndex) => {
    const present = attendance
      .filter((row) => row.meetingId === meeting.id && row.attendance === 'Present')
      .map((row) => MEMBERS.find((member) => member.id === row.memberId) as DemoMember);
    const later = held.filter((other) => other.date > meeting.date && other.date < asOf);
    const projects = PROJECTS.filter(
      (project) => project.start <= meeting.date && (!project.end || project.end >= meeting.date),
    );
    const howMany = 4 + (meetingIndex % 3 === 1 ? 1 : 0);
    for (let index = 0; index < howMany; index++) {
      number += 1;
      const key = `${meeting.id}#${index}`;
      const ageDays = daysBetween(meeting.date, asOf);
      let status = statusByAge(ageDays, chance);

      const project = projects.length > 0 && chance.chance(0.25) ? chance.pick(projects) : null;
      const area = chance.pick(meeting.topics.length > 0 ? meeting.topics : SERVICE_AREAS);
      const template = project
        ? chance.pick(PROJECT_ACTIONS)
        : chance.chance(0.25)
          ? chance.pick(BOARD_ACTIONS)
          : chance.pick(GENERAL_ACTIONS);
      const description = template
        .replace('{area}', area.toLowerCase())
        .replace('{project}', project?.name ?? '');

      const isImpossibleDate =
        meeting.id === IMPOSSIBLE_DUE_DATE.meetingId && index === IMPOSSIBLE_DUE_DATE.index;
      const isUnknownOwner =
        meeting.id === UNKNOWN_OWNER.meetingId && index === UNKNOWN_OWNER.index;
      if (isUnknownOwner || NO_OWNER.has(key)) status = 'Open';
      if (isImpossibleDate) status = 'Done';
      const open = status === 'Open' || status === 'In progress';
      // Some actions are agreed without a date (R12 follows them up as "no due date").
      let dueDate: Value = chance.chance(open ? 0.25 : 0.06)
        ? null
        : addDays(meeting.date, 7 * chance.int(2, 8));

      // Open actions belong to current members (R9); older ones to whoever was there.
      let ownerIds: string[];
      const owners = present.filter((member) => !open || member.status === 'Active');
      const pool = owners.length > 0 ? owners : present;
      ownerIds = chance.sample(pool, chance.chance(0.15) ? 2 : 1).map((member) => member.id);
      if (isUnknownOwner) ownerIds = [UNKNOWN_MEMBER_ID, UNKNOWN_OWNER.realOwner];
      if (NO_OWNER.has(key)) ownerIds = [];

      let completedOn: IsoDate | null = null;
      if (status === 'Done') {
        const target = typeof dueDate === 'string' ? dueDate : addDays(meeting.date, 28);
        const done = addDays(target, chance.int(-10, 10));
        const earliest = addDays(meeting.date, 2);
        completedOn = done < earliest ? earliest : done >= asOf ? addDays(asOf, -1) : done;
        if (completedOn < earliest) completedOn = earliest;
      }
      if (isImpossibleDate) {
        dueDate = typed(IMPOSSIBLE_DUE_DATE.text);
        completedOn = '2025-02-24';
      }

      const lastMeeting = later.at(-1);
      const lastFollowedUp = open && lastMeeting ? lastMeeting.date : null;
      const followUpNote =
        lastFollowedUp && chance.chance(0.4) ? chance.pick(FOLLOW_UP_NOTES) : null;

      records.push({
        id: `A${String(number).padStart(3, '0')}`,
        meetingId: meeting.id,
        projectId: project?.id ?? null,
        description: description.charAt(0).toUpperCase() + description.slice(1),
        ownerIds,
        dueDate,
        status,
        lastFollowedUp,
        followUpNote,
        completedOn,
      });
    }
  });
  return records;
}

// ---------------------------------------------------------------------------------------------
// The board

/**
 * Every tab of the demo board as it stands on `asOf`: meetings monthly from 29 November 2023 to
 * the month after `asOf` (held before it, planned from it), and actions aged accordingly.
 */
export function demoBoardRows(asOf: IsoDate): DemoBoardRows {
  if (!isIsoDate(asOf) || asOf <= FIRST_MEETING) {
    throw new RangeError(`The as-of date must be an ISO date after ${FIRST_MEETING}: ${asOf}`);
  }
  const chance = new Chance(SEED);
  const { meetings, attendance } = meetingsAndAttendance(asOf, chance);
  const actions = actionRecords(asOf, meetings, attendance, chance);
  const tasks = taskRecords(asOf, chance);
  const rows: Record<TabName, Row[]> = {
    Members: tabRows(MEMBERS_TAB, memberRecords()),
    Meetings: tabRows(MEETINGS_TAB, meetingRecords(meetings)),
    Attendance: tabRows(
      ATTENDANCE_TAB,
      attendance.map((row) => ({ ...row })),
    ),
    Actions: tabRows(ACTIONS_TAB, actions),
    Projects: tabRows(PROJECTS_TAB, projectRecords()),
    Tasks: tabRows(TASKS_TAB, tasks),
    Circulation: [headerRow(CIRCULATION_TAB)],
    Settings: settingsRows(),
  };
  return rows;
}

/** Column widths (in characters) for a tab, from each column's header and kind. */
export function columnWidths(spec: TabSpec): { width: number }[] {
  const wide: Record<string, number> = {
    name: 26,
    description: 70,
    task: 70,
    objectives: 60,
    notes: 40,
    email: 34,
    serviceAreas: 34,
    topics: 34,
    venue: 40,
    minutesLink: 50,
    followUpNote: 40,
    organisation: 30,
    group: 28,
    responsible: 34,
    value: 60,
    key: 34,
  };
  return spec.columns.map((column) => ({
    width: wide[column.key] ?? Math.max(12, column.header.length + 4),
  }));
}

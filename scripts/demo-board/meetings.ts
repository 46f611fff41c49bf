/** Meetings, monthly from the first, and who attended each. */
import { addDays, addMonths, daysInMonth, type IsoDate, weekdayOf } from '../../schema/dates';
import type { Chance } from './chance';
import { type DemoMember, SERVICE_AREAS } from './member';
import {
  inviteesOf,
  isCoChair,
  MEMBERS,
  OFFICER_CO_CHAIR,
  onRosterOn,
  RESIDENT_CO_CHAIR,
} from './members';
import { FIRST_MEETING } from './settings';
import type { RecordValues } from './values';

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

export interface DemoMeeting {
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

export interface DemoAttendance {
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

export function meetingsAndAttendance(asOf: IsoDate, chance: Chance): MeetingsAndAttendance {
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

export function meetingRecords(meetings: readonly DemoMeeting[]): RecordValues[] {
  return meetings.map((meeting) => ({
    ...meeting,
    startTime: '14:00',
    lengthHours: 2,
  }));
}

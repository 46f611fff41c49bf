/**
 * The figures about people that partners get (DESIGN §4), in the API and in packs alike: the
 * balance of active members and attendance by constituency, each through the small-number rule
 * (`small-numbers.ts`). Officers get the plain counts from the rules (R6, R15) instead.
 * Involvement (R16) is protected the same way, month by month, in `partner-involvement.ts`.
 * Who works on each project, by constituency, is here too (`partnerProjectPeople`): the API's
 * `Project.membersByConstituency` and the packs' project updates give partners the same figure.
 *
 * A meeting's attendance table is protected as a whole, with its column totals (which packs
 * print) and with its row totals treated as known, since a meeting's register is usually its
 * invitee list and partners see every invitee's constituency. Figures over several meetings are
 * sums of these per-meeting figures, withheld when any part is, so choosing two periods that
 * differ by one meeting cannot give back a figure withheld for that meeting.
 */
import { ATTENDANCE_VALUES, CONSTITUENCIES } from './layout';
import { agreedToBeNamed } from './packs/names';
import { projectConstituencies, projectPeople } from './project-constituencies';
import type { Member, Project } from './records';
import { activeMembers } from './rules/co-chairs';
import { protectTable, sumReported, type Tally } from './small-numbers';
import type { BoardSnapshot } from './snapshot';

type Constituency = Member['constituency'];
type AttendanceValue = (typeof ATTENDANCE_VALUES)[number];

export interface PartnerConstituencyAttendance {
  readonly constituency: Constituency;
  readonly present: number | null;
  readonly apologies: number | null;
  readonly absent: number | null;
}

export interface PartnerAttendance {
  readonly byConstituency: readonly PartnerConstituencyAttendance[];
  readonly totals: {
    readonly present: number | null;
    readonly apologies: number | null;
    readonly absent: number | null;
  };
}

export interface PartnerBalance {
  readonly counts: readonly {
    readonly constituency: Constituency;
    readonly count: number | null;
  }[];
  readonly activeMembers: number | null;
}

const KEYS: Readonly<Record<AttendanceValue, 'present' | 'apologies' | 'absent'>> = {
  Present: 'present',
  Apologies: 'apologies',
  Absent: 'absent',
};

/** One tally per constituency and attendance value (rows and columns in sheet order). */
export function attendanceTallies(snapshot: BoardSnapshot, meetingId: string): Tally[][] {
  const cells = CONSTITUENCIES.map(() =>
    ATTENDANCE_VALUES.map(() => ({ value: 0, withheld: [] as string[] })),
  );
  for (const row of snapshot.attendanceByMeeting.get(meetingId) ?? []) {
    const member = snapshot.memberById.get(row.memberId);
    if (!member) continue;
    const cell =
      cells[CONSTITUENCIES.indexOf(member.constituency)]?.[
        ATTENDANCE_VALUES.indexOf(row.attendance)
      ];
    if (!cell) continue;
    cell.value += 1;
    // The snapshot keeps one row per member per meeting, so each person is counted once.
    if (!agreedToBeNamed(member)) cell.withheld.push(member.id);
  }
  return cells;
}

const attendanceCache = new WeakMap<BoardSnapshot, Map<string, PartnerAttendance>>();

/** A meeting's attendance by constituency as partners may see it, with its totals. */
export function partnerAttendance(snapshot: BoardSnapshot, meetingId: string): PartnerAttendance {
  let byMeeting = attendanceCache.get(snapshot);
  if (!byMeeting) {
    byMeeting = new Map();
    attendanceCache.set(snapshot, byMeeting);
  }
  const cached = byMeeting.get(meetingId);
  if (cached) return cached;
  const table = protectTable(attendanceTallies(snapshot, meetingId), {
    smallest: snapshot.settings.smallestReportedGroup,
    rowTotalsKnown: true,
  });
  const column = (values: readonly (number | null)[]) =>
    Object.fromEntries(
      ATTENDANCE_VALUES.map((value, index) => [KEYS[value], values[index] ?? null]),
    );
  const result = Object.freeze({
    byConstituency: Object.freeze(
      CONSTITUENCIES.map((constituency, row) =>
        Object.freeze({
          constituency,
          ...column(table.cells[row] ?? []),
        } as PartnerConstituencyAttendance),
      ),
    ),
    totals: Object.freeze(column(table.columnTotals) as PartnerAttendance['totals']),
  });
  byMeeting.set(meetingId, result);
  return result;
}

/** Attendance at several meetings: each figure the sum of the per-meeting figures partners see. */
export function partnerAttendanceOver(
  snapshot: BoardSnapshot,
  meetingIds: readonly string[],
): PartnerConstituencyAttendance[] {
  const tables = meetingIds.map((id) => partnerAttendance(snapshot, id).byConstituency);
  return CONSTITUENCIES.map((constituency, row) => {
    const sum = (key: 'present' | 'apologies' | 'absent') =>
      sumReported(tables.map((table) => (table[row] as PartnerConstituencyAttendance)[key]));
    return {
      constituency,
      present: sum('present'),
      apologies: sum('apologies'),
      absent: sum('absent'),
    };
  });
}

/** R6's counts of active members by constituency, and their total, as partners may see them. */
export function partnerBalance(snapshot: BoardSnapshot): PartnerBalance {
  const table = protectedConstituencyCounts(snapshot, activeMembers(snapshot), CONSTITUENCIES);
  return {
    counts: CONSTITUENCIES.map((constituency, row) => ({
      constituency,
      count: table.cells[row]?.[0] ?? null,
    })),
    activeMembers: table.columnTotals[0] ?? null,
  };
}

/**
 * People counted by constituency (one row each, in the order given) with their total, through
 * the small-number rule: the counts are the table's one column, and the rows are not taken as
 * known, as for the board's balance. The balance and each project's people share it.
 */
function protectedConstituencyCounts(
  snapshot: BoardSnapshot,
  people: readonly Member[],
  constituencies: readonly Constituency[],
) {
  const tallies = constituencies.map((constituency) => {
    const members = people.filter((member) => member.constituency === constituency);
    return [
      {
        value: members.length,
        withheld: members.filter((member) => !agreedToBeNamed(member)).map((member) => member.id),
      },
    ];
  });
  return protectTable(tallies, {
    smallest: snapshot.settings.smallestReportedGroup,
    rowTotalsKnown: false,
  });
}

export interface PartnerProjectPeople {
  /** The constituencies with someone on the project, in the sheet's order; null: not shown. */
  readonly byConstituency: readonly {
    readonly constituency: Constituency;
    readonly members: number | null;
  }[];
  /** Everyone on the project (lead and members, each once); null: not shown. */
  readonly total: number | null;
}

/**
 * A project's people by constituency as partners may see them, in the API and in packs alike:
 * each count through the small-number rule with its total (`protectTable`, the same protection
 * as the board's balance), so no figure counts 1 to `Smallest reported group` - 1 members who
 * have not agreed to be named.
 */
export function partnerProjectPeople(
  snapshot: BoardSnapshot,
  project: Pick<Project, 'leadId' | 'memberIds'>,
): PartnerProjectPeople {
  const counts = projectConstituencies(project, snapshot.memberById);
  const table = protectedConstituencyCounts(
    snapshot,
    projectPeople(project, snapshot.memberById),
    counts.map(({ constituency }) => constituency),
  );
  return {
    byConstituency: counts.map(({ constituency }, row) => ({
      constituency,
      members: table.cells[row]?.[0] ?? null,
    })),
    total: counts.length === 0 ? 0 : (table.columnTotals[0] ?? null),
  };
}

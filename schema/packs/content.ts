/**
 * The facts of one pack, gathered from the snapshot into plain data that the HTML, text and
 * easy-read renderers only lay out. Every date is judged against the meeting's own date, never
 * "today", so the same snapshot always gives the same pack. People are named as partners see
 * them (`names.ts`), attendance is counted as partners may see it (`partner-figures.ts`), and
 * contact details, notes and preferred formats are never read here.
 */
import type { IsoDate } from '../dates';
import { nextMeeting } from '../next-meeting';
import { type PartnerConstituencyAttendance, partnerAttendance } from '../partner-figures';
import type { Meeting, Member, Project } from '../records';
import { coChairsOn, compareIds, nextScheduledMeeting } from '../rules';
import type { BoardSnapshot } from '../snapshot';
import { type PackAction, type PackFollowUp, packAction, packFollowUp } from './content-actions';
import {
  type PackFeedback,
  type PackProjectPeople,
  packFeedback,
  partnerProjectPeople,
} from './content-feedback';
import { tidyText } from './escape';
import { agreedToBeNamed, circulatedName, circulatedNameOf } from './names';
import type { PackAudience } from './types';
import { compareText, timeSpan } from './wording';

export type { PackAction, PackFollowUp } from './content-actions';
export type { PackFeedback, PackFeedbackItem, PackProjectPeople } from './content-feedback';

export interface PackMeeting {
  readonly id: string;
  readonly date: IsoDate;
  /** "2pm to 4pm", when the sheet gives a start time. */
  readonly time: string | null;
  readonly format: Meeting['format'];
  readonly venue: string | null;
  readonly topics: readonly string[];
  /** "Yusuf Demirel (resident co-chair)": the co-chairs present, then any deputy. */
  readonly chairs: readonly string[];
  readonly minuteTaker: string | null;
  readonly minutesLink: string | null;
}

/**
 * Attendance as partners may see it (DESIGN §4, §5): members who agreed to be named are listed;
 * the others are counted, never listed one by one; every figure has been through the
 * small-number rule, so it is null where it would single anyone out.
 */
export interface PackAttendance {
  readonly byConstituency: readonly PartnerConstituencyAttendance[];
  readonly present: number | null;
  readonly apologies: number | null;
  readonly absent: number | null;
  /** Who was there and who sent apologies, of those who agreed to be named, by name. */
  readonly presentNames: readonly string[];
  readonly apologiesNames: readonly string[];
  /** How many of those present or sending apologies are not named; null when withheld. */
  readonly presentNotNamed: number | null;
  readonly apologiesNotNamed: number | null;
  /** `Smallest reported group`, for the sentence that says why a figure is not shown. */
  readonly smallestGroup: number;
}

export interface PackTask {
  readonly task: string;
  readonly responsible: string;
  readonly dueDate: IsoDate | null;
}

export interface PackProject {
  readonly id: string;
  readonly name: string;
  readonly serviceArea: string | null;
  readonly stage: Project['stage'];
  readonly phase: Project['phase'];
  readonly status: Project['status'];
  readonly tasksDone: number;
  readonly tasksToDo: number;
  /** The tasks still to do in the project's current phase, earliest due first. */
  readonly nextTasks: readonly PackTask[];
  /** Who works on it, by constituency, as partners may see it (issue 14 item 6). */
  readonly people: PackProjectPeople;
}

export interface PackNextMeeting {
  readonly date: IsoDate;
  readonly time: string | null;
  readonly format: Meeting['format'];
  readonly venue: string | null;
  readonly topics: readonly string[];
  /** False when no later meeting is in the Meetings tab and the date is the board's pattern. */
  readonly inMeetingsTab: boolean;
}

export interface PackContent {
  readonly boardName: string;
  readonly audience: PackAudience;
  readonly meeting: PackMeeting;
  readonly attendance: PackAttendance;
  /** The actions agreed at this meeting. */
  readonly agreed: readonly PackAction[];
  readonly followUp: PackFollowUp;
  readonly projects: readonly PackProject[];
  /** "You said, we did": feedback reported back since the last meeting (R17). */
  readonly feedback: PackFeedback;
  readonly nextMeeting: PackNextMeeting;
  /** `Smallest reported group`, for the sentence that says why a figure is not shown. */
  readonly smallestGroup: number;
  /** `Easy read checked by` in Settings: shown in the easy-read pack. */
  readonly easyReadCheckedBy: string | null;
}

/** The pack's facts for a held meeting (the caller has checked that it is one). */
export function collectPackContent(
  snapshot: BoardSnapshot,
  meeting: Meeting,
  audience: PackAudience,
): PackContent {
  const agreed = (snapshot.actionsByMeeting.get(meeting.id) ?? []).map((action) =>
    packAction(snapshot, action),
  );
  const followUp = packFollowUp(snapshot, meeting);
  const checkedBy = snapshot.settings.easyReadCheckedBy;
  return {
    boardName: tidyText(snapshot.settings.boardName),
    audience,
    meeting: packMeeting(snapshot, meeting),
    attendance: packAttendance(snapshot, meeting),
    agreed: agreed.sort((a, b) => compareIds(a.id, b.id)),
    followUp,
    projects: snapshot.projects
      .filter((project) => project.status !== 'Closed')
      .filter((project) => project.start === null || project.start <= meeting.date)
      .map((project) => packProject(snapshot, project))
      .sort((a, b) => compareIds(a.id, b.id)),
    feedback: packFeedback(snapshot, followUp.previousMeetingDate, meeting.date),
    nextMeeting: packNextMeeting(snapshot, meeting),
    smallestGroup: snapshot.settings.smallestReportedGroup,
    easyReadCheckedBy:
      checkedBy === null || tidyText(checkedBy) === '' ? null : tidyText(checkedBy),
  };
}

function packMeeting(snapshot: BoardSnapshot, meeting: Meeting): PackMeeting {
  const rows = snapshot.attendanceByMeeting.get(meeting.id) ?? [];
  const attended = (member: Member) =>
    rows.find((row) => row.memberId === member.id)?.attendance ?? null;
  const coChairs = coChairsOn(snapshot, meeting.date);
  const chairs = coChairs
    .filter((member) => attended(member) === 'Present')
    .map((member) => chairLabel(circulatedName(member), member.role.toLowerCase()));
  const deputy = meeting.deputyCoChairId
    ? snapshot.memberById.get(meeting.deputyCoChairId)
    : undefined;
  // A deputy named on the meeting stood in, unless the register says they were not there (or
  // they are a co-chair already, which R8 reports).
  if (deputy && !coChairs.includes(deputy) && (attended(deputy) ?? 'Present') === 'Present') {
    chairs.push(chairLabel(circulatedName(deputy), 'deputy co-chair'));
  }
  return {
    id: meeting.id,
    date: meeting.date,
    time: timeSpan(meeting.startTime, meeting.lengthHours),
    format: meeting.format,
    venue: meeting.venue === null ? null : tidyText(meeting.venue),
    topics: meeting.topics.map(tidyText),
    chairs,
    minuteTaker: meeting.minuteTakerId ? circulatedNameOf(snapshot, meeting.minuteTakerId) : null,
    minutesLink: meeting.minutesLink === null ? null : meeting.minutesLink.trim(),
  };
}

/**
 * "Yusuf Demirel (resident co-chair)"; a co-chair shown by role alone is not named twice, and a
 * label that has brackets already ("Member (Provider)") takes the role after a comma.
 */
function chairLabel(name: string, role: string): string {
  if (name.toLowerCase() === role) return name;
  return name.includes('(') ? `${name}, ${role}` : `${name} (${role})`;
}

function packAttendance(snapshot: BoardSnapshot, meeting: Meeting): PackAttendance {
  const rows = snapshot.attendanceByMeeting.get(meeting.id) ?? [];
  const named = (attendance: 'Present' | 'Apologies') =>
    rows
      .filter((row) => row.attendance === attendance)
      .flatMap((row) => {
        const member = snapshot.memberById.get(row.memberId);
        return member && agreedToBeNamed(member) ? [member.name] : [];
      })
      .sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
  const { byConstituency, totals } = partnerAttendance(snapshot, meeting.id);
  const presentNames = named('Present');
  const apologiesNames = named('Apologies');
  // The named are known, so a total shown gives the others' number; it goes with the total.
  const notNamed = (total: number | null, names: readonly string[]) =>
    total === null ? null : total - names.length;
  return {
    byConstituency,
    ...totals,
    presentNames,
    apologiesNames,
    presentNotNamed: notNamed(totals.present, presentNames),
    apologiesNotNamed: notNamed(totals.apologies, apologiesNames),
    smallestGroup: snapshot.settings.smallestReportedGroup,
  };
}

function packProject(snapshot: BoardSnapshot, project: Project): PackProject {
  const tasks = snapshot.tasksByProject.get(project.id) ?? [];
  return {
    id: project.id,
    name: tidyText(project.name),
    serviceArea: project.serviceArea === null ? null : tidyText(project.serviceArea),
    stage: project.stage,
    phase: project.phase,
    status: project.status,
    tasksDone: tasks.filter((task) => task.status === 'Done').length,
    tasksToDo: tasks.filter((task) => task.status === 'To do').length,
    nextTasks: tasks
      .filter((task) => task.status === 'To do' && task.phase === project.phase)
      .sort(
        (a, b) => compareText(a.dueDate ?? '9999', b.dueDate ?? '9999') || compareIds(a.id, b.id),
      )
      .map((task) => ({
        task: tidyText(task.task),
        responsible: tidyText(task.responsible),
        dueDate: task.dueDate,
      })),
    people: partnerProjectPeople(snapshot, project),
  };
}

function packNextMeeting(snapshot: BoardSnapshot, meeting: Meeting): PackNextMeeting {
  // Whatever comes after this meeting, held already or not: a pack made late still names it.
  const next = nextMeeting(snapshot.meetings, { from: meeting.date, onTheDay: false, held: true });
  if (!next) {
    return {
      date: nextScheduledMeeting(snapshot.settings, meeting.date),
      time: null,
      format: null,
      venue: null,
      topics: [],
      inMeetingsTab: false,
    };
  }
  return {
    date: next.date,
    time: timeSpan(next.startTime, next.lengthHours),
    format: next.format,
    venue: next.venue === null ? null : tidyText(next.venue),
    topics: next.topics.map(tidyText),
    inMeetingsTab: true,
  };
}

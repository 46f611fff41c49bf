/**
 * `npm run bench:packs`: how long a circulation pack takes for a big meeting: one held meeting
 * with 1,000 actions agreed at it, plus 500 earlier actions to follow up (open, overdue, done
 * and dropped), on a full board. Prints the median of several builds of the HTML and text
 * packs (standard and easy read, hash included) and each pack's size. Target (issue 5): <= 50 ms.
 */
import type { RawCell, RawGrid, WorkbookGrids } from '../schema/grid';
import { buildCirculationPack, type PackFormat } from '../schema/packs';
import { type BoardSnapshot, buildSnapshot } from '../schema/snapshot';

const RUNS = 15;
const TARGET_MS = 50;
const AGREED = 1_000;
const EARLIER = 500;
const MEETING_ID = 'MT-13';
/** 2023-11-29 as a spreadsheet serial; meetings are four weeks apart from it. */
const FIRST_SERIAL = 45_259;

/** A year of held meetings; MT-13 is the one the pack is for, MT-14 the next (planned). */
export function bigMeetingWorkbook(): WorkbookGrids {
  const members: RawCell[][] = [
    [
      'Member ID',
      'Name',
      'Role',
      'Category',
      'Constituency',
      'Email',
      'Term start',
      'Status',
      'Name in circulation',
    ],
  ];
  for (let index = 1; index <= 20; index++) {
    const role = index === 1 ? 'Resident co-chair' : index === 2 ? 'Officer co-chair' : 'Member';
    const category =
      index === 1 ? 'Resident co-chair' : index === 2 ? 'Commissioning team' : 'Provider';
    members.push([
      `M${index}`,
      `Member Number ${index}`,
      role,
      category,
      index % 2 ? 'Resident' : 'Provider',
      `m${index}@example.org`,
      FIRST_SERIAL,
      'Active',
      index % 3 ? 'Yes' : 'No',
    ]);
  }
  const meetings: RawCell[][] = [
    [
      'Meeting ID',
      'Date',
      'Start time',
      'Length (hours)',
      'Format',
      'Venue',
      'Minute-taker',
      'Status',
    ],
  ];
  const attendance: RawCell[][] = [['Meeting ID', 'Member ID', 'Attendance']];
  for (let month = 0; month <= 14; month++) {
    const id = `MT-${month}`;
    meetings.push([
      id,
      FIRST_SERIAL + month * 28,
      0.5833,
      2,
      'Hybrid',
      'Civic Centre & Microsoft Teams',
      `M${3 + (month % 18)}`,
      month === 14 ? 'Planned' : 'Held',
    ]);
    if (month < 14) {
      for (let index = 1; index <= 20; index++) {
        attendance.push([
          id,
          `M${index}`,
          index % 7 === 0 ? 'Apologies' : index % 5 === 0 ? 'Absent' : 'Present',
        ]);
      }
    }
  }
  const actions: RawCell[][] = [
    [
      'Action ID',
      'Meeting ID',
      'Project ID',
      'Action',
      'Owner',
      'Due date',
      'Status',
      'Last followed up',
      'Completed on',
    ],
  ];
  const meetingSerial = FIRST_SERIAL + 13 * 28;
  const statuses = ['Open', 'In progress', 'Done', 'Dropped'];
  for (let index = 0; index < EARLIER; index++) {
    const raisedAt = index % 13;
    const status = statuses[index % 4] ?? 'Open';
    const closed = status === 'Done' || status === 'Dropped' ? meetingSerial - (index % 40) : null;
    actions.push([
      `E-${index}`,
      `MT-${raisedAt}`,
      index % 3 ? null : `P${1 + (index % 4)}`,
      `Follow up item ${index} with the providers & report back to the board <in writing>`,
      index % 9 ? `M${1 + (index % 20)}, M${1 + ((index + 7) % 20)}` : null,
      index % 6 ? FIRST_SERIAL + raisedAt * 28 + 21 + (index % 60) : null,
      status,
      meetingSerial - 28,
      closed,
    ]);
  }
  for (let index = 0; index < AGREED; index++) {
    actions.push([
      `A-${index}`,
      MEETING_ID,
      index % 4 ? null : `P${1 + (index % 4)}`,
      `Agreed action ${index}: write to the providers about the new service and report back`,
      index % 11 ? `M${1 + (index % 20)}` : null,
      index % 5 ? meetingSerial + 14 + (index % 50) : null,
      index % 10 ? 'Open' : 'In progress',
      null,
      null,
    ]);
  }
  const projects: RawCell[][] = [
    ['Project ID', 'Name', 'Service area', 'Stage', 'Phase', 'Status'],
  ];
  const tasks: RawCell[][] = [
    ['Task ID', 'Project ID', 'Task', 'Phase', 'Responsible', 'Due date', 'Status'],
  ];
  for (let index = 1; index <= 4; index++) {
    projects.push([
      `P${index}`,
      `Project ${index}`,
      'Dementia',
      'Implementing',
      'During',
      'Active',
    ]);
    for (let task = 1; task <= 17; task++) {
      tasks.push([
        `P${index}-T${task}`,
        `P${index}`,
        `Task ${task} of project ${index}`,
        'During',
        'Board Members',
        meetingSerial + task * 7,
        task % 3 ? 'To do' : 'Done',
      ]);
    }
  }
  const grids: Record<string, RawGrid> = {
    Members: members,
    Meetings: meetings,
    Attendance: attendance,
    Actions: actions,
    Projects: projects,
    Tasks: tasks,
    Circulation: [['Pack ID', 'Meeting ID', 'Audience', 'Generated at']],
    Settings: [['Key', 'Value']],
  };
  return grids;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(snapshot: BoardSnapshot, format: PackFormat, easyRead: boolean) {
  const request = {
    meetingId: MEETING_ID,
    audience: 'Borough Partnership',
    format,
    easyRead,
  } as const;
  for (let run = 0; run < 3; run++) buildCirculationPack(snapshot, request); // JIT warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const pack = buildCirculationPack(snapshot, request);
    times.push(performance.now() - start);
    bytes = new TextEncoder().encode(pack.content).length;
  }
  return { ms: median(times), bytes };
}

function main(): void {
  const snapshot = buildSnapshot(bigMeetingWorkbook());
  const agreed = snapshot.actionsByMeeting.get(MEETING_ID)?.length ?? 0;
  console.log(
    `bench:packs on node ${process.version}: meeting ${MEETING_ID} with ${agreed} actions agreed and ${snapshot.actions.length - agreed} earlier actions; median of ${RUNS} builds (content + SHA-256)`,
  );
  console.log('pack                 | median ms | size');
  let worst = 0;
  for (const [format, easyRead] of [
    ['HTML', false],
    ['TEXT', false],
    ['HTML', true],
    ['TEXT', true],
  ] as const) {
    const { ms, bytes } = measure(snapshot, format, easyRead);
    worst = Math.max(worst, ms);
    const name = `${format}${easyRead ? ' (easy read)' : ''}`.padEnd(20);
    console.log(
      `${name} | ${ms.toFixed(1).padStart(9)} | ${(bytes / 1024).toFixed(0)} KiB (${bytes} bytes)`,
    );
  }
  console.log(
    `slowest ${worst.toFixed(1)} ms; target <= ${TARGET_MS} ms: ${worst <= TARGET_MS ? 'met' : 'MISSED'}`,
  );
  if (worst > TARGET_MS) process.exitCode = 1;
}

main();

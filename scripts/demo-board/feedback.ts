/**
 * The Feedback tab (R17, "you said, we did"): what members and the people they speak for raised
 * at meetings, what the board did, and when it told them, usually at the next meeting. Fixed
 * items, like the projects; only whether each has been reported back yet moves with the as-of
 * date.
 */
import type { IsoDate } from '../../schema/dates';
import type { DemoMeeting } from './meetings';
import type { RecordValues } from './values';

interface DemoFeedback {
  readonly meetingId: string;
  readonly projectId?: string;
  readonly youSaid: string;
  readonly raisedBy: readonly string[];
  readonly weDid: string;
  readonly status: 'Acted on' | 'Not acted on';
  readonly reason?: string;
  /** Reported back this many held meetings after it was raised (default 1, the next one). */
  readonly reportedAfter?: number;
  /** Never reported back (deliberate R17 error: past its day on DEMO_AS_OF). */
  readonly neverReported?: true;
}

const FEEDBACK: readonly DemoFeedback[] = [
  {
    meetingId: 'MT-2023-11',
    youSaid: 'Papers arrive too late to read before the meeting.',
    raisedBy: ['Resident'],
    weDid: 'Papers now go out seven days before each meeting, in each member’s format.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2024-01',
    youSaid: 'The Civic Centre committee room has no hearing loop.',
    raisedBy: ['M07'],
    weDid: 'A portable hearing loop is booked for every in-person meeting.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2024-03',
    projectId: 'P01',
    youSaid: 'People using floating support want the same worker each week.',
    raisedBy: ['M14'],
    weDid: 'Continuity of worker is now a requirement in the new service specification.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2024-05',
    youSaid: 'Meetings at 2pm clash with school pick-up for carers.',
    raisedBy: ['Resident'],
    weDid: 'Asked members about other times; most could not make mornings.',
    status: 'Not acted on',
    reason: 'Most members said 2pm suits them best; carers can join online and leave early.',
  },
  {
    meetingId: 'MT-2024-07',
    youSaid: 'Too many acronyms in the papers.',
    raisedBy: ['M09'],
    weDid: 'Every pack now has a list of the words we use, in plain English.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2024-09',
    youSaid: 'Residents should be paid for the time they spend reading papers.',
    raisedBy: ['Resident'],
    weDid: 'Payments now include up to one hour of preparation for each meeting.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2025-01',
    youSaid: 'Travel expenses take too long to be paid.',
    raisedBy: ['M08', 'M15'],
    weDid: 'Expenses are now paid with the payment for the meeting, within 30 days.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2025-03',
    youSaid: 'Could the board meet in the evening once a quarter?',
    raisedBy: ['Resident'],
    weDid: 'Looked at the cost of evening venues and staff time.',
    status: 'Not acted on',
    reason: 'No budget for evening staffing this year; the co-chairs will ask again in April.',
  },
  {
    meetingId: 'MT-2025-05',
    youSaid: 'Minutes should say who agreed to do what, in plain words.',
    raisedBy: ['M16'],
    weDid: 'The action log now names an owner and a date for every action.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2025-07',
    projectId: 'P02',
    youSaid: 'Day opportunities should be open at weekends for working carers.',
    raisedBy: ['M15'],
    weDid: 'Saturday sessions are in the new dementia day opportunities specification.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2025-09',
    youSaid: 'Online meetings should have live captions.',
    raisedBy: ['Resident'],
    weDid: 'Checked what Microsoft Teams can do.',
    // Deliberate R17 error: not acted on, and no reason recorded.
    status: 'Not acted on',
  },
  {
    meetingId: 'MT-2025-11',
    projectId: 'P02',
    youSaid: 'Carers want to visit the new day centre before it opens.',
    raisedBy: ['M08'],
    weDid: 'Two open days are booked for January, and every carer on the list is invited.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2026-01',
    youSaid: 'The members list should show who speaks for which group.',
    raisedBy: ['Other'],
    weDid: 'The members page in each pack now shows each member’s group.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2026-03',
    youSaid: 'A BSL interpreter is needed for every in-person meeting, not just some.',
    raisedBy: ['Resident'],
    weDid: 'An interpreter is now booked for every in-person and hybrid meeting.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2026-05',
    projectId: 'P03',
    youSaid: 'Self-advocates should sit on the supported living evaluation panel.',
    raisedBy: ['M09', 'M19'],
    weDid: 'Two places on the panel are kept for self-advocates, with easy read papers.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2026-06',
    youSaid: 'Could the board visit services instead of only hearing about them?',
    raisedBy: ['Resident'],
    weDid: 'Asked providers; visits need checks the board cannot arrange in time.',
    status: 'Not acted on',
    reason: 'Visits need DBS checks for every member; the council is looking at funding them.',
  },
  {
    meetingId: 'MT-2026-08',
    projectId: 'P04',
    youSaid: 'Carers want short breaks they can book at a week’s notice.',
    raisedBy: ['M15', 'M20'],
    weDid: 'Short-notice booking is in the questions for carers.',
    status: 'Acted on',
    neverReported: true,
  },
  {
    meetingId: 'MT-2026-09',
    youSaid: 'Large print papers should be on cream paper, not white.',
    raisedBy: ['M08'],
    weDid: 'The print room will use cream paper for large print from December.',
    status: 'Acted on',
    // Still being arranged: to be reported at the November meeting, within 60 days.
    reportedAfter: 2,
  },
  {
    meetingId: 'MT-2026-09',
    youSaid: 'The portal should show how many residents came to each meeting.',
    raisedBy: ['Resident'],
    weDid: 'Each meeting’s page now shows attendance by constituency.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2026-09',
    youSaid: 'Payments for meetings should go straight to a bank account, not by cheque.',
    raisedBy: ['M16', 'M19'],
    weDid: 'Payments are made by bank transfer from October for everyone who gives their details.',
    status: 'Acted on',
  },
  {
    meetingId: 'MT-2026-10',
    youSaid: 'Send a text message the day before each meeting as a reminder.',
    raisedBy: ['M14'],
    weDid: 'Text reminders go to members who give a mobile number.',
    status: 'Acted on',
  },
];

/** The items raised at held meetings before `asOf`; reported back only once that day has come. */
export function feedbackRecords(asOf: IsoDate, meetings: readonly DemoMeeting[]): RecordValues[] {
  const held = meetings.filter((meeting) => meeting.status === 'Held');
  const records: RecordValues[] = [];
  for (const item of FEEDBACK) {
    const at = held.findIndex((meeting) => meeting.id === item.meetingId);
    const raised = held[at];
    if (!raised) continue;
    const reportedAt = item.neverReported ? undefined : held[at + (item.reportedAfter ?? 1)];
    const reported = reportedAt !== undefined && reportedAt.date < asOf;
    records.push({
      id: `FB${String(records.length + 1).padStart(2, '0')}`,
      dateRaised: raised.date,
      meetingId: raised.id,
      projectId: item.projectId ?? null,
      youSaid: item.youSaid,
      raisedBy: item.raisedBy,
      weDid: reported ? item.weDid : null,
      status: reported ? item.status : 'Open',
      reason: reported ? (item.reason ?? null) : null,
      reportedBackOn: reported ? reportedAt.date : null,
    });
  }
  return records;
}

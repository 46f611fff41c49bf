/**
 * Invitations to a planned meeting (R7, R18): one email per invitee in their preferred format.
 * Standard is clear HTML in ordinary type with a plain-text alternative; Large print is the same
 * words in large type; Easy read is short sentences, one idea each, no codes, in large type.
 * Audio, BSL and Braille cannot be made here, so those invitees are listed for an officer to
 * arrange, with their `Communication needs` (as for follow-up drafts and reminders).
 * Each says when (the date in words, the time and length), where (the venue and whether it is
 * in person, online or both), what about (the topics), where the last meeting's minutes are,
 * and who to tell when they cannot come: the co-chairs, or, for a co-chair, that they nominate
 * a deputy (R8). Pure: the menu drafts what this gives.
 */
import { formatLongDate } from '../dates';
import { tidyText } from '../packs/escape';
import { clockTime, timeSpan } from '../packs/wording';
import type { Meeting, Member } from '../records';
import { coChairsOn, invitees, isCoChair } from '../rules';
import { listInWords } from '../rules/wording';
import type { BoardSnapshot } from '../snapshot';
import {
  type Block,
  type EmailFormat,
  email,
  firstName,
  type MemberMail,
  sortByDelivery,
} from './member-emails';

/** What every invitation to one meeting says, worked out once from the sheet. */
interface MeetingFacts {
  readonly boardName: string;
  readonly date: string;
  readonly startTime: string | null;
  readonly lengthHours: number;
  readonly venue: string | null;
  readonly format: Meeting['format'];
  readonly topics: readonly string[];
  /** The last held meeting's day and minutes link, when it has one. */
  readonly lastMinutes: { readonly date: string; readonly link: string } | null;
  readonly coChairs: readonly Member[];
}

/**
 * The invitations to `meeting`: its R7 invitees who are Active (co-chairs first, then by
 * name), sorted into emails, members with no email address, and members for an officer.
 */
export function invitationEmails(snapshot: BoardSnapshot, meeting: Meeting): MemberMail {
  const facts = meetingFacts(snapshot, meeting);
  const invited = invitees(snapshot, meeting)
    .filter((member) => member.status === 'Active')
    .map((member) => ({ member, items: [] }));
  return sortByDelivery(invited, (member, format) => invitation(member, format, facts));
}

function meetingFacts(snapshot: BoardSnapshot, meeting: Meeting): MeetingFacts {
  const held = snapshot.meetings
    .filter((other) => other.status === 'Held' && other.date < meeting.date)
    .reduce<Meeting | null>(
      (last, other) => (!last || other.date > last.date ? other : last),
      null,
    );
  const link = held?.minutesLink ? tidyText(held.minutesLink) : '';
  const venue = meeting.venue ? tidyText(meeting.venue) : '';
  return {
    boardName: snapshot.settings.boardName,
    date: meeting.date,
    startTime: meeting.startTime,
    lengthHours: meeting.lengthHours ?? snapshot.settings.meetingLengthHours,
    venue: venue || null,
    format: meeting.format,
    topics: meeting.topics.map(tidyText).filter((topic) => topic !== ''),
    lastMinutes: held && link ? { date: held.date, link } : null,
    coChairs: coChairsOn(snapshot, meeting.date).filter((member) => member.status === 'Active'),
  };
}

function invitation(member: Member, format: EmailFormat, facts: MeetingFacts) {
  if (format === 'Easy read') {
    return email(
      member,
      format,
      'You are invited to the Co-Production Board',
      easyRead(member, facts),
      [],
      true,
    );
  }
  return email(
    member,
    format,
    `Invitation: ${facts.boardName}, ${formatLongDate(facts.date)}`,
    standard(member, facts),
    [],
    true,
  );
}

/** "2 hours", "1 hour", "2 and a half hours", "half an hour", "1.25 hours". */
export function hoursInWords(hours: number): string {
  if (hours === 0.5) return 'half an hour';
  if (hours === 1) return '1 hour';
  if (hours > 1 && hours % 1 === 0.5) return `${Math.floor(hours)} and a half hours`;
  return `${hours} hours`;
}

function whereInWords(facts: MeetingFacts): string {
  const { venue } = facts;
  switch (facts.format) {
    case 'In person':
      return venue ? `${venue} (in person)` : 'in person (the venue will follow)';
    case 'Online':
      return venue ? `online: ${venue}` : 'online (the joining details will follow)';
    case 'Hybrid':
      return venue
        ? `${venue}, or join online (a hybrid meeting)`
        : 'in person or online (a hybrid meeting; the venue will follow)';
    default:
      return venue ?? 'to be confirmed';
  }
}

function names(members: readonly Member[]): string {
  return listInWords(members.map((member) => member.name));
}

function signOff(facts: MeetingFacts, first: boolean): string {
  const chairs = facts.coChairs.map((member) => (first ? firstName(member) : member.name));
  return chairs.length > 0 ? `${listInWords(chairs)}, co-chairs` : 'The co-chairs';
}

function standard(member: Member, facts: MeetingFacts): Block[] {
  const time = timeSpan(facts.startTime, facts.lengthHours);
  const others = facts.coChairs.filter((chair) => chair.id !== member.id);
  const apologies = isCoChair(member)
    ? `If you cannot come, please nominate a deputy co-chair for this meeting and tell ${
        others.length > 0 ? names(others) : 'the board’s officer'
      } who it is before the meeting. You can reply to this email.`
    : `If you cannot come, please send your apologies to ${
        facts.coChairs.length > 0 ? `the co-chairs, ${names(facts.coChairs)},` : 'the co-chairs'
      } before the meeting. You can reply to this email.`;
  return [
    `Dear ${firstName(member)},`,
    `You are invited to the meeting of the ${facts.boardName} on ${formatLongDate(facts.date)}.`,
    {
      list: [
        `Date: ${formatLongDate(facts.date)}`,
        `Time: ${time ? `${time} (${hoursInWords(facts.lengthHours)})` : `to be confirmed; it lasts ${hoursInWords(facts.lengthHours)}`}`,
        `Where: ${whereInWords(facts)}`,
        `Topics: ${facts.topics.length > 0 ? facts.topics.join(', ') : 'the agenda will follow'}`,
      ],
    },
    ...(facts.lastMinutes
      ? [
          `The minutes of the last meeting, on ${formatLongDate(facts.lastMinutes.date)}, are here: ${facts.lastMinutes.link}`,
        ]
      : []),
    apologies,
    ['With thanks,', signOff(facts, false), facts.boardName].join('\n'),
  ];
}

/** Where, in easy read: one idea a line, the sheet's venue on a line of its own. */
function easyReadWhere(facts: MeetingFacts): string {
  const { venue } = facts;
  const place = venue ? `The place is: ${venue}` : 'We will tell you the place soon.';
  switch (facts.format) {
    case 'In person':
      return ['We will meet in a room.', place].join('\n');
    case 'Online':
      return [
        'We will meet online.',
        'This is a video call.',
        venue ? `We will use: ${venue}` : 'We will send you the link soon.',
      ].join('\n');
    case 'Hybrid':
      return ['You can come to the room.', 'Or you can join online.', place].join('\n');
    default:
      return place;
  }
}

function easyRead(member: Member, facts: MeetingFacts): Block[] {
  const when = [`The meeting is on ${formatLongDate(facts.date)}.`];
  if (facts.startTime) {
    when.push(
      `It starts at ${clockTime(facts.startTime)}.`,
      `It ends at ${clockTime(facts.startTime, facts.lengthHours)}.`,
    );
  } else {
    when.push(`It lasts ${hoursInWords(facts.lengthHours)}.`, 'We will tell you the time soon.');
  }
  const others = facts.coChairs.filter((chair) => chair.id !== member.id);
  // "Yusuf or Hannah": either of them will do.
  const tell = (members: readonly Member[]) => {
    const first = members.map((chair) => firstName(chair));
    return first.length <= 1
      ? first.join('')
      : `${first.slice(0, -1).join(', ')} or ${first.at(-1)}`;
  };
  const apologies = isCoChair(member)
    ? [
        'Can you not come?',
        'Please ask someone to take your place.',
        'This person is called a deputy.',
        others.length > 0 ? `Please tell ${tell(others)} who it is.` : 'Please tell us who it is.',
      ]
    : [
        'Can you not come?',
        facts.coChairs.length > 0 ? `Please tell ${tell(facts.coChairs)}.` : 'Please tell us.',
        ...(facts.coChairs.length > 0
          ? [facts.coChairs.length === 1 ? 'They are the co-chair.' : 'They are the co-chairs.']
          : []),
        'You can reply to this email.',
      ];
  return [
    `Hello ${firstName(member)}.`,
    ['You are invited to a meeting.', 'It is a meeting of the Co-Production Board.'].join('\n'),
    when.join('\n'),
    easyReadWhere(facts),
    ...(facts.topics.length > 0
      ? ['We will talk about these things:', { list: facts.topics }]
      : ['We will tell you what we will talk about soon.']),
    ...(facts.lastMinutes
      ? [
          ['You can read about the last meeting.', `It is here: ${facts.lastMinutes.link}`].join(
            '\n',
          ),
        ]
      : []),
    apologies.join('\n'),
    ['Thank you.', signOff(facts, true)].join('\n'),
  ];
}

/**
 * The emails the co-chairs may send each owner before a meeting: their actions from the R12
 * list. Owners whose preferred format is Easy read get short sentences, one action each, no
 * codes. Only drafts are ever made; a co-chair reads and sends them from Gmail.
 */
import { formatLongDate, type IsoDate } from '../../schema/dates';
import type { Member } from '../../schema/records';
import { coChairsOn, type FollowUp, type FollowUpItem } from '../../schema/rules';
import { listInWords } from '../../schema/rules/wording';
import type { BoardSnapshot } from '../../schema/snapshot';

export interface OwnerEmail {
  readonly member: Member;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

export interface OwnerEmails {
  readonly emails: readonly OwnerEmail[];
  /** Owners on the roster with no email address. */
  readonly withoutEmail: readonly Member[];
}

export function ownerEmails(snapshot: BoardSnapshot, list: FollowUp, today: IsoDate): OwnerEmails {
  const byOwner = new Map<string, FollowUpItem[]>();
  for (const item of list.items) {
    for (const id of item.action.ownerIds) {
      const items = byOwner.get(id);
      if (items) items.push(item);
      else byOwner.set(id, [item]);
    }
  }
  const signOff = coChairsOn(snapshot, today).map((member) => member.name);
  const when = list.meeting ? formatLongDate(list.meeting.date) : null;
  const emails: OwnerEmail[] = [];
  const withoutEmail: Member[] = [];
  for (const [id, items] of byOwner) {
    const member = snapshot.memberById.get(id);
    if (!member) continue; // not on the roster: the Follow-up tab and the check say so
    if (!member.email) {
      withoutEmail.push(member);
      continue;
    }
    const easyRead = member.preferredFormat === 'Easy read';
    emails.push({
      member,
      to: member.email,
      subject: easyRead
        ? 'Your actions for the Co-Production Board'
        : `Actions to follow up${when ? ` before the board meeting on ${when}` : ''}`,
      body: easyRead
        ? easyReadBody(member, items, when, signOff)
        : standardBody(member, items, when, signOff, snapshot.settings.boardName),
    });
  }
  return { emails, withoutEmail };
}

/** "Kwabena" for Kwabena Mensah-Hart; a councillor is "Cllr Rahmani", as letters address them. */
function firstName(member: Member): string {
  const words = member.name.split(/\s+/);
  if (/^cllr\.?$/i.test(words[0] ?? '') && words.length > 1)
    return `Cllr ${words[words.length - 1]}`;
  return words[0] ?? member.name;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function standardBody(
  member: Member,
  items: readonly FollowUpItem[],
  when: string | null,
  signOff: readonly string[],
  boardName: string,
): string {
  const lines = items.map((item) => {
    const due = item.action.dueDate ? `due ${formatLongDate(item.action.dueDate)}` : 'no due date';
    const late = item.daysOverdue !== null ? `, ${item.daysOverdue} days overdue` : '';
    return `- ${item.action.id}: ${sentence(item.action.description)} (${due}${late}; status ${item.action.status})`;
  });
  return [
    `Dear ${firstName(member)},`,
    '',
    `${when ? `Before the ${boardName} meeting on ${when}, the` : 'The'} co-chairs are following up the actions you own:`,
    '',
    ...lines,
    '',
    'Please reply with a short update on each, or tell us if one is done or no longer needed.',
    '',
    'Thank you,',
    signOff.length > 0 ? `${listInWords([...signOff])}, co-chairs` : 'The co-chairs',
    boardName,
  ].join('\n');
}

function easyReadBody(
  member: Member,
  items: readonly FollowUpItem[],
  when: string | null,
  signOff: readonly string[],
): string {
  const paragraphs = items.map((item, index) => {
    const lines = [`Action ${index + 1}: ${sentence(item.action.description)}`];
    const due = item.action.dueDate;
    if (item.daysOverdue !== null && due) {
      lines.push(`This was due on ${formatLongDate(due)}.`, 'It is late.');
    } else if (due) {
      lines.push(`Please do this by ${formatLongDate(due)}.`);
    } else {
      lines.push('This action has no date yet.');
    }
    return lines.join('\n');
  });
  return [
    `Hello ${firstName(member)}.`,
    '',
    when ? `The Co-Production Board meets on ${when}.` : 'The Co-Production Board meets soon.',
    `You have ${items.length === 1 ? '1 action' : `${items.length} actions`} to tell us about.`,
    '',
    ...paragraphs.flatMap((paragraph) => [paragraph, '']),
    'Please tell us how each action is going.',
    'You can reply to this email.',
    '',
    'Thank you.',
    signOff.length > 0
      ? `${listInWords(signOff.map((name) => name.split(/\s+/)[0] ?? name))}, co-chairs`
      : 'The co-chairs',
  ].join('\n');
}

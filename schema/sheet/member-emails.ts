/**
 * Emails to members in their preferred format (R18): the co-chairs' follow-up drafts before a
 * meeting and the weekly action reminders. Standard is plain text; Large print is the same
 * words with an HTML body in large type; Easy read is short sentences, one action each, no
 * codes, in large type. Audio, BSL and Braille cannot be made here, so those members are
 * listed for an officer to arrange, with their `Communication needs`, instead of being sent
 * something they did not ask for.
 * Pure: the menu sends or drafts what these functions give.
 */
import { isOverdue } from '../actions';
import { formatLongDate, type IsoDate } from '../dates';
import { escapeHtml } from '../packs/escape';
import type { Action, Member } from '../records';
import { coChairsOn, type FollowUp } from '../rules';
import { listInWords } from '../rules/wording';
import type { BoardSnapshot } from '../snapshot';
import { PRODUCED_FORMATS } from '../values';

/** The preferred formats an email can be written in; the others an officer arranges. */
export const EMAIL_FORMATS = PRODUCED_FORMATS;
export type EmailFormat = (typeof EMAIL_FORMATS)[number];

export function emailFormatOf(member: Pick<Member, 'preferredFormat'>): EmailFormat | null {
  const format = member.preferredFormat;
  return (EMAIL_FORMATS as readonly string[]).includes(format) ? (format as EmailFormat) : null;
}

export interface MemberEmail {
  readonly member: Member;
  readonly to: string;
  readonly subject: string;
  /** Plain text: the whole email for Standard, the text alternative for the others. */
  readonly body: string;
  /** The HTML body: large type (Large print, Easy read), ordinary type, or null for plain text. */
  readonly htmlBody: string | null;
  readonly format: EmailFormat;
  /** The actions the email is about, by ID, in the order it lists them. */
  readonly actionIds: readonly string[];
}

/** A member whose format (Audio, BSL, Braille) an officer arranges (R18), with their actions. */
export interface ForOfficer {
  readonly member: Member;
  readonly actionIds: readonly string[];
  /** "Amina Yusuf (M20): BSL; communication needs: a BSL interpreter, and video calls." */
  readonly label: string;
}

export interface MemberMail {
  readonly emails: readonly MemberEmail[];
  /** Members on the roster with no email address. */
  readonly withoutEmail: readonly Member[];
  readonly forOfficer: readonly ForOfficer[];
}

/**
 * What an officer needs to arrange a member's update (R18): who, the format, and the member's
 * `Communication needs` (the Accessible Information Standard's record), or that none is
 * recorded, so the officer knows to ask. For officers only: it names the member.
 */
export function arrangementLabel(
  member: Pick<Member, 'id' | 'name' | 'preferredFormat' | 'communicationNeeds'>,
): string {
  const needs = member.communicationNeeds?.replace(/\s+/g, ' ').trim();
  return `${member.name} (${member.id}): ${member.preferredFormat}; ${
    needs ? `communication needs: ${sentence(needs)}` : 'no communication needs recorded.'
  }`;
}

/** One action in an email: the action and, when late, by how many days. */
export interface EmailAction {
  readonly action: Action;
  readonly daysOverdue: number | null;
}

/** "Kwabena" for Kwabena Mensah-Hart; a councillor is "Cllr Rahmani", as letters address them. */
export function firstName(member: Pick<Member, 'name'>): string {
  const words = member.name.split(/\s+/);
  if (/^cllr\.?$/i.test(words[0] ?? '') && words.length > 1) {
    return `Cllr ${words[words.length - 1]}`;
  }
  return words[0] ?? member.name;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A message laid out once and rendered as text and, for large type, HTML. */
export type Block = string | { readonly list: readonly string[] };

function renderText(blocks: readonly Block[]): string {
  return blocks
    .map((block) =>
      typeof block === 'string' ? block : block.list.map((item) => `- ${item}`).join('\n'),
    )
    .join('\n\n');
}

/**
 * Large type as RNIB's clear print guidance asks: a plain sans-serif at 18 point (16 is the
 * least for large print), left aligned, generous line spacing. Inline styles, because email
 * clients drop style sheets. `fontSize` 12pt gives the same clear layout in ordinary type.
 */
function renderLargeType(blocks: readonly Block[], subject: string, fontSize = '18pt'): string {
  const lines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');
  const body = blocks
    .map((block) =>
      typeof block === 'string'
        ? `<p style="margin:0 0 1em">${lines(block)}</p>`
        : `<ul style="margin:0 0 1em;padding-left:1.2em">${block.list
            .map((item) => `<li style="margin-bottom:.6em">${lines(item)}</li>`)
            .join('')}</ul>`,
    )
    .join('');
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><div style="font-family:Arial,Helvetica,sans-serif;font-size:${fontSize};line-height:1.5;color:#000;background:#fff;text-align:left;max-width:40em">${body}</div></body></html>`;
}

/**
 * One email in the member's format. Standard is plain text only, unless `standardHtml` asks
 * for the same clear HTML in ordinary (12 point) type, as invitations have.
 */
export function email(
  member: Member,
  format: EmailFormat,
  subject: string,
  blocks: readonly Block[],
  actionIds: readonly string[],
  standardHtml = false,
): MemberEmail {
  return {
    member,
    to: member.email ?? '',
    subject,
    body: renderText(blocks),
    htmlBody:
      format !== 'Standard'
        ? renderLargeType(blocks, subject)
        : standardHtml
          ? renderLargeType(blocks, subject, '12pt')
          : null,
    format,
    actionIds,
  };
}

/** Sorts members into those to email and those to list (no email, or a format for an officer). */
export function sortByDelivery(
  members: readonly { readonly member: Member; readonly items: readonly EmailAction[] }[],
  write: (member: Member, format: EmailFormat, items: readonly EmailAction[]) => MemberEmail,
): MemberMail {
  const emails: MemberEmail[] = [];
  const withoutEmail: Member[] = [];
  const forOfficer: ForOfficer[] = [];
  for (const { member, items } of members) {
    const format = emailFormatOf(member);
    if (format === null) {
      forOfficer.push({
        member,
        actionIds: items.map((item) => item.action.id),
        label: arrangementLabel(member),
      });
    } else if (!member.email) {
      withoutEmail.push(member);
    } else {
      emails.push(write(member, format, items));
    }
  }
  return { emails, withoutEmail, forOfficer };
}

// ---------------------------------------------------------------------------------------------
// Follow-up drafts (R12): what the co-chairs ask each owner before a meeting

/** Each owner on the roster with the actions of the follow-up list they own, in list order. */
export function followUpOwners(
  snapshot: BoardSnapshot,
  list: FollowUp,
): { member: Member; items: EmailAction[] }[] {
  const byOwner = new Map<string, EmailAction[]>();
  for (const item of list.items) {
    for (const id of item.action.ownerIds) {
      const items = byOwner.get(id);
      const entry = { action: item.action, daysOverdue: item.daysOverdue };
      if (items) items.push(entry);
      else byOwner.set(id, [entry]);
    }
  }
  const owners: { member: Member; items: EmailAction[] }[] = [];
  for (const [id, items] of byOwner) {
    const member = snapshot.memberById.get(id);
    // An owner not on the roster is named in the Follow-up tab and by the check instead.
    if (member) owners.push({ member, items });
  }
  return owners;
}

export function followUpEmails(
  snapshot: BoardSnapshot,
  list: FollowUp,
  today: IsoDate,
): MemberMail {
  const signOff = coChairsOn(snapshot, today).map((member) => member.name);
  const when = list.meeting ? formatLongDate(list.meeting.date) : null;
  const boardName = snapshot.settings.boardName;
  return sortByDelivery(followUpOwners(snapshot, list), (member, format, items) => {
    const ids = items.map((item) => item.action.id);
    if (format === 'Easy read') {
      return email(
        member,
        format,
        'Your actions for the Co-Production Board',
        easyReadFollowUp(member, items, when, signOff),
        ids,
      );
    }
    return email(
      member,
      format,
      `Actions to follow up${when ? ` before the board meeting on ${when}` : ''}`,
      standardFollowUp(member, items, when, signOff, boardName),
      ids,
    );
  });
}

function standardFollowUp(
  member: Member,
  items: readonly EmailAction[],
  when: string | null,
  signOff: readonly string[],
  boardName: string,
): Block[] {
  return [
    `Dear ${firstName(member)},`,
    `${when ? `Before the ${boardName} meeting on ${when}, the` : 'The'} co-chairs are following up the actions you own:`,
    { list: items.map((item) => actionLine(item, true)) },
    'Please reply with a short update on each, or tell us if one is done or no longer needed.',
    [
      'Thank you,',
      signOff.length > 0 ? `${listInWords([...signOff])}, co-chairs` : 'The co-chairs',
      boardName,
    ].join('\n'),
  ];
}

/** "A019: Circulate the draft. (due Wednesday 24 April 2024, 942 days overdue; status Open)" */
function actionLine(item: EmailAction, withStatus: boolean): string {
  const { action } = item;
  const due = action.dueDate ? `due ${formatLongDate(action.dueDate)}` : 'no due date';
  const late = item.daysOverdue !== null ? `, ${item.daysOverdue} days overdue` : '';
  return `${action.id}: ${sentence(action.description)} (${due}${late}${
    withStatus ? `; status ${action.status}` : ''
  })`;
}

function easyReadActions(items: readonly EmailAction[]): Block[] {
  return items.map((item, index) => {
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
}

function easyReadFollowUp(
  member: Member,
  items: readonly EmailAction[],
  when: string | null,
  signOff: readonly string[],
): Block[] {
  return [
    `Hello ${firstName(member)}.`,
    [
      when ? `The Co-Production Board meets on ${when}.` : 'The Co-Production Board meets soon.',
      `You have ${items.length === 1 ? '1 action' : `${items.length} actions`} to tell us about.`,
    ].join('\n'),
    ...easyReadActions(items),
    ['Please tell us how each action is going.', 'You can reply to this email.'].join('\n'),
    [
      'Thank you.',
      signOff.length > 0
        ? `${listInWords(signOff.map((name) => name.split(/\s+/)[0] ?? name))}, co-chairs`
        : 'The co-chairs',
    ].join('\n'),
  ];
}

// ---------------------------------------------------------------------------------------------
// Weekly reminders (DESIGN §7)

/** The reminder to one member about their actions overdue or due by `until`. */
export function reminderEmail(
  snapshot: BoardSnapshot,
  member: Member,
  format: EmailFormat,
  items: readonly EmailAction[],
  today: IsoDate,
  until: IsoDate,
): MemberEmail {
  const ids = items.map((item) => item.action.id);
  const boardName = snapshot.settings.boardName;
  const late = items.filter((item) => isOverdue(item.action, today)).length;
  if (format === 'Easy read') {
    return email(
      member,
      format,
      'A reminder about your actions',
      [
        `Hello ${firstName(member)}.`,
        [
          'This is a reminder from the Co-Production Board.',
          `You have ${items.length === 1 ? '1 action' : `${items.length} actions`} to do soon.`,
        ].join('\n'),
        ...easyReadActions(items),
        ['Please tell us how it is going.', 'You can reply to this email.'].join('\n'),
        'Thank you.',
      ],
      ids,
    );
  }
  const counts = [
    late > 0 ? `${late} overdue` : null,
    items.length - late > 0 ? `${items.length - late} due by ${formatLongDate(until)}` : null,
  ].filter((part): part is string => part !== null);
  return email(
    member,
    format,
    `Reminder: your board actions (${counts.join(', ')})`,
    [
      `Dear ${firstName(member)},`,
      `This is the weekly reminder from the ${boardName} of the actions you own that are overdue or due by ${formatLongDate(until)}:`,
      { list: items.map((item) => actionLine(item, false)) },
      'If one is done or no longer needed, please tell the co-chairs (you can reply to this email).',
      `You get this reminder because you own these actions. If you would rather not, ask an officer to set "Reminders" to No for you in the board's Members tab.\n${boardName}`,
    ],
    ids,
  );
}

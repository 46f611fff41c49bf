/**
 * Who gets this week's action reminder (DESIGN §7): every active member whose `Reminders` is
 * not No and who owns actions overdue or due within `Reminder days`, once per member per ISO
 * week. A Former member is never reminded, whatever they own. Pure: the trigger sends what
 * this plans and logs it in the `Reminders sent` tab, which is what `remindedThisWeek` reads.
 */
import { isClosed, isOverdue } from '../actions';
import { addDays, daysBetween, type IsoDate, isoWeek } from '../dates';
import type { Member, ReminderSent } from '../records';
import { compareIds } from '../rules/wording';
import type { BoardSnapshot } from '../snapshot';
import {
  type EmailAction,
  type ForOfficer,
  type MemberEmail,
  reminderEmail,
  sortByDelivery,
} from './member-emails';

export interface ReminderPlan {
  /** The ISO week the reminders are for, `2026-W47`: the key of once a week. */
  readonly week: string;
  /** Actions due on or before this day are included (today + `Reminder days`). */
  readonly until: IsoDate;
  /** The emails to send now, one per member, each in the member's format. */
  readonly emails: readonly MemberEmail[];
  /** Already reminded this week (a row in `Reminders sent`): not emailed again. */
  readonly alreadyReminded: readonly Member[];
  /** Would be reminded, but have no email address. */
  readonly withoutEmail: readonly Member[];
  /** Need Audio, BSL or Braille (R18): for an officer to arrange, with their actions and needs. */
  readonly forOfficer: readonly ForOfficer[];
}

/** The members already reminded in `week`, from the log's rows (a blank Week: its Sent at). */
export function remindedInWeek(log: readonly ReminderSent[], week: string): Set<string> {
  return new Set(
    log
      .filter((row) => (row.week ?? isoWeek(row.sentAt.slice(0, 10))) === week)
      .map((row) => row.memberId),
  );
}

export function planReminders(
  snapshot: BoardSnapshot,
  today: IsoDate,
  remindedThisWeek: ReadonlySet<string>,
): ReminderPlan {
  const week = isoWeek(today);
  const until = addDays(today, snapshot.settings.reminderDays);
  const byOwner = new Map<string, EmailAction[]>();
  for (const action of snapshot.actions) {
    if (isClosed(action) || action.dueDate === null || action.dueDate > until) continue;
    const item = {
      action,
      daysOverdue: isOverdue(action, today) ? daysBetween(action.dueDate, today) : null,
    };
    for (const id of action.ownerIds) {
      const items = byOwner.get(id);
      if (items) items.push(item);
      else byOwner.set(id, [item]);
    }
  }
  const due: { member: Member; items: EmailAction[] }[] = [];
  const alreadyReminded: Member[] = [];
  for (const member of snapshot.members) {
    const items = byOwner.get(member.id);
    if (!items || member.status !== 'Active' || !member.reminders) continue;
    if (remindedThisWeek.has(member.id)) {
      alreadyReminded.push(member);
      continue;
    }
    items.sort(
      (a, b) =>
        (a.action.dueDate as string).localeCompare(b.action.dueDate as string) ||
        compareIds(a.action.id, b.action.id),
    );
    due.push({ member, items });
  }
  const mail = sortByDelivery(due, (member, format, items) =>
    reminderEmail(snapshot, member, format, items, today, until),
  );
  return { week, until, alreadyReminded, ...mail };
}

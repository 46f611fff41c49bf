/**
 * Small helpers so every rule words its findings the same way: people by name (with their
 * Member ID, which is what officers search the sheet for), meetings by date, lists in English.
 */
import { formatLongDate } from '../dates';
import type { Meeting, Member } from '../records';

/** "Ada Lovelace (M01)". */
export function who(member: Pick<Member, 'id' | 'name'>): string {
  return `${member.name} (${member.id})`;
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "the meeting on Wednesday 29 November 2023 (MTG-01)". */
export function meetingInWords(meeting: Pick<Meeting, 'id' | 'date'>): string {
  return `the meeting on ${formatLongDate(meeting.date)} (${meeting.id})`;
}

/** "1 member", "3 members". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** How free text typed by people is compared: trimmed, spaces collapsed, any case. */
export function textKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Natural order for IDs typed by people: A-2 before A-10. */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Name order for lists of people, then ID so that equal names still sort the same way. */
export function compareByName(a: Member, b: Member): number {
  return a.name.localeCompare(b.name, 'en') || compareIds(a.id, b.id);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

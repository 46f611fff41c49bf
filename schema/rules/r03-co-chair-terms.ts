/**
 * R3: a resident co-chair serves 12 months from Term start, extendable once by 12 months
 * (Extended to), never beyond 24 months; an officer co-chair serves 24 months. Warn 60 days
 * before a term ends; error once it has ended while the member is still a co-chair.
 */
import { daysBetween, formatLongDate, type IsoDate } from '../dates';
import type { Member } from '../records';
import type { BoardSettings } from '../settings';
import type { BoardSnapshot } from '../snapshot';
import { activeMembers, type CoChairTerm, coChairTerm } from './co-chairs';
import { atMembers, type Finding } from './finding';
import { count, who } from './wording';

/** How many days ahead of a term's end the board is warned, to leave time for a vote. */
export const TERM_END_WARNING_DAYS = 60;

export function checkCoChairTerms(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  const { settings } = snapshot;
  const findings: Finding[] = [];
  for (const member of activeMembers(snapshot)) {
    const term = coChairTerm(member, settings);
    if (!term) continue;
    const say = (severity: Finding['severity'], message: string) =>
      findings.push({
        rule: 'R3',
        severity,
        message,
        memberIds: [member.id],
        cells: atMembers([member], 'termStart'),
      });
    const problems =
      member.role === 'Resident co-chair'
        ? residentTermProblems(member, term, settings)
        : officerTermProblems(member, term, settings);
    for (const [severity, message] of problems) say(severity, message);

    const kind = member.role === 'Resident co-chair' ? 'resident co-chair' : 'officer co-chair';
    const canExtend = member.role === 'Resident co-chair' && member.extendedTo === null;
    const next = canExtend
      ? 'hold a vote for the next co-chair, or extend the term once by recording the date in Extended to'
      : 'hold a vote for the next co-chair';
    if (today > term.end) {
      say(
        'error',
        `The term of ${who(member)} as ${kind} ended on ${formatLongDate(term.end)}, but they are still recorded as a co-chair: ${next}, then update their Role.`,
      );
    } else {
      const daysLeft = daysBetween(today, term.end);
      if (daysLeft <= TERM_END_WARNING_DAYS) {
        const when = daysLeft === 0 ? 'today' : `in ${count(daysLeft, 'day')}`;
        say(
          'warning',
          `The term of ${who(member)} as ${kind} ends on ${formatLongDate(term.end)} (${when}): ${next}.`,
        );
      }
    }
  }
  return findings;
}

type Problem = readonly [Finding['severity'], string];

function residentTermProblems(
  member: Member,
  term: CoChairTerm,
  settings: BoardSettings,
): Problem[] {
  const problems: Problem[] = [];
  const months = settings.residentCoChairTermMonths;
  const most = months + settings.coChairExtensionMonths;
  if (member.termEnd !== null && member.termEnd > term.baseEnd) {
    problems.push([
      'error',
      `${who(member)} has a Term end of ${formatLongDate(member.termEnd)}, later than ${formatLongDate(term.baseEnd)}, ${months} months from their Term start. A resident co-chair's term is ${months} months; use Extended to for the one extension.`,
    ]);
  }
  if (member.extendedTo !== null && member.extendedTo > term.maxEnd) {
    problems.push([
      'error',
      `${who(member)} is Extended to ${formatLongDate(member.extendedTo)}, later than ${formatLongDate(term.maxEnd)}. A resident co-chair's term can be extended once by ${settings.coChairExtensionMonths} months and never run beyond ${most} months in all.`,
    ]);
  }
  return problems;
}

function officerTermProblems(
  member: Member,
  term: CoChairTerm,
  settings: BoardSettings,
): Problem[] {
  const problems: Problem[] = [];
  const months = settings.officerCoChairTermMonths;
  if (member.termEnd !== null && member.termEnd > term.baseEnd) {
    problems.push([
      'error',
      `${who(member)} has a Term end of ${formatLongDate(member.termEnd)}, later than ${formatLongDate(term.baseEnd)}, ${months} months from their Term start. An officer co-chair is voted in for ${months} months: record a new vote as a new term.`,
    ]);
  }
  if (member.extendedTo !== null) {
    problems.push([
      'warning',
      `${who(member)} is the officer co-chair and has an Extended to date (${formatLongDate(member.extendedTo)}), which is ignored: officer co-chairs are voted in for ${months} months with no extension. Clear Extended to, or record a new vote as a new term.`,
    ]);
  }
  return problems;
}

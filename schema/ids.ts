/**
 * IDs for the rows the menus and the server add (meetings, projects, tasks, circulation packs,
 * involvement entries, and any tab to come): one allocator, and each tab's style of ID on top
 * of it. IDs are free text that officers also type, so a new one follows the board's own
 * style where it has one, and is never one already in the tab, compared as people read IDs
 * (trimmed, any case): two IDs that differ only in case would be one ID to anyone reading the
 * sheet.
 */
import type { IsoDate } from './dates';
import type { AUDIENCES } from './layout';
import type { Circulation, Meeting } from './records';
import { textKey } from './rules/wording';

/**
 * Hands out new IDs `format(from)`, `format(from + 1)`, ... in turn, skipping each one that is
 * taken, so a run that adds several rows gets a different ID for each.
 */
export function idAllocator(
  taken: Iterable<string>,
  format: (n: number) => string,
  from = 1,
): () => string {
  const used = new Set<string>();
  for (const id of taken) used.add(textKey(id));
  let n = from;
  return () => {
    let id = format(n++);
    while (used.has(textKey(id))) id = format(n++);
    used.add(textKey(id));
    return id;
  };
}

/** `7` with 2 digits → `07`. */
export function padded(n: number, digits: number): string {
  return String(n).padStart(digits, '0');
}

/**
 * Hands out new IDs in the style of the last numbered one (P04 → P05, P06, ...; from the
 * highest with that prefix plus one, so a gap is never filled in), or `prefix` and `digits`
 * for the tab's first.
 */
export function numberedIdAllocator(
  ids: readonly string[],
  first: { readonly prefix: string; readonly digits: number },
): () => string {
  const numbered = ids
    .map((id) => /^(.*?)(\d+)$/.exec(id))
    .filter((match): match is RegExpExecArray => match !== null);
  const last = numbered[numbered.length - 1];
  const prefix = last ? (last[1] as string) : first.prefix;
  const digits = last ? (last[2] as string).length : first.digits;
  const highest = Math.max(
    0,
    ...numbered
      .filter((match) => (match[1] as string).toLowerCase() === prefix.toLowerCase())
      .map((match) => Number(match[2])),
  );
  return idAllocator(ids, (n) => `${prefix}${padded(n, digits)}`, highest + 1);
}

/** The next ID in the style of the last numbered one (see `numberedIdAllocator`). */
export function nextNumberedId(
  ids: readonly string[],
  first: { readonly prefix: string; readonly digits: number },
): string {
  return numberedIdAllocator(ids, first)();
}

/** A new project's ID: P01, P02, ... or the board's own numbering. */
export function newProjectId(projectIds: readonly string[]): string {
  return nextNumberedId(projectIds, { prefix: 'P', digits: 2 });
}

/** New task IDs for a project's tasks, in turn: `<project>-T01`, `<project>-T02`, ... */
export function taskIdAllocator(projectId: string, taskIds: Iterable<string>): () => string {
  return idAllocator(taskIds, (n) => `${projectId}-T${padded(n, 2)}`);
}

/**
 * A new meeting's ID, in the style of the board's latest ID that holds its own month
 * (MT-2026-10 → MT-2026-11); `-2`, `-3`... when the month has one already.
 */
export function newMeetingId(
  meetings: readonly Pick<Meeting, 'id' | 'date'>[],
  date: IsoDate,
): string {
  const month = date.slice(0, 7);
  const template = [...meetings]
    .reverse()
    .find((meeting) => meeting.id.includes(meeting.date.slice(0, 7)));
  const base = template ? template.id.replace(template.date.slice(0, 7), month) : `MT-${month}`;
  return idAllocator(
    meetings.map((meeting) => meeting.id),
    (copy) => (copy === 1 ? base : `${base}-${copy}`),
  )();
}

/**
 * New Involvement Entry IDs, in turn: E0001, E0002, ... or the board's own numbering (the
 * entries officers typed), never one already in the tab.
 */
export function involvementIdAllocator(entryIds: readonly string[]): () => string {
  return numberedIdAllocator(entryIds, { prefix: 'E', digits: 4 });
}

type Audience = (typeof AUDIENCES)[number];

/** The audience's part of a Pack ID. */
const AUDIENCE_CODES: Readonly<Record<Audience, string>> = {
  'Borough Partnership': 'BP',
  'Senior Head': 'SH',
  DMT: 'DMT',
};

/**
 * A new Circulation row's Pack ID: `<meeting>-<audience>-<n>`, where n is one more than the
 * packs of that meeting already recorded for that audience, so the first is 1.
 */
export function newPackId(
  circulation: readonly Pick<Circulation, 'id' | 'meetingId' | 'audience'>[],
  meetingId: string,
  audience: Audience,
): string {
  const sent = circulation.filter(
    (row) => row.meetingId === meetingId && row.audience === audience,
  );
  return idAllocator(
    circulation.map((row) => row.id),
    (n) => `${meetingId}-${AUDIENCE_CODES[audience]}-${n}`,
    sent.length + 1,
  )();
}

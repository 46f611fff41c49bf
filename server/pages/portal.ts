/**
 * `GET /` with a session: the portal. The board at a glance (members by constituency, the
 * co-chairs, the next meeting), the annual report for the last 12 months and a form for another
 * period, the downloads, and every held meeting with its packs for each audience. Pure: the
 * figures and names come in as the API gave them to the asker.
 */

import { formatLongDate, type IsoDate } from '../../schema/dates';
import { enumValueName } from '../../schema/graphql/enums';
import { AUDIENCES } from '../../schema/layout';
import { escapeHtml as e } from '../../schema/packs/escape';
import { notShownNote } from '../../schema/packs/standard-wording';
import { dayMonthYear, timeSpan } from '../../schema/packs/wording';
import { listInWords } from '../../schema/rules/wording';
import { pageDocument, type Viewer } from './chrome';
import type { PortalData } from './data';
import { figureCell, sheetValue } from './labels';
import { lastTwelveMonths, periodForm, periodInWords, reportAddress } from './period';

export interface PortalView {
  readonly data: PortalData;
  readonly viewer: Viewer;
  readonly today: IsoDate;
  readonly smallestGroup: number;
  readonly stale: string | null;
}

/** Held meetings shown at once; the rest are a click away, so the page stays short. */
const RECENT_MEETINGS = 12;

export function portalPage(view: PortalView): string {
  const { board } = view.data;
  const year = lastTwelveMonths(view.today);
  const main = [
    `<h1>${e(board.name)}</h1>`,
    ...(view.stale ? [`<div class="notice"><p>${e(view.stale)}</p></div>`] : []),
    `<p class="lede">Reports from the board for its partners: the annual report, the action points of every meeting, and the figures to download. You are signed in as ${view.viewer.role === 'OFFICER' ? 'an officer' : 'a partner'}${view.viewer.role === 'OFFICER' ? '' : ': names appear only for members who have agreed to be named'}.</p>`,
    atAGlance(view),
    '<h2>Annual report</h2>',
    `<p>The figures for the Joint Partnership Board’s annual report to the Scrutiny Panel: meetings, attendance, projects, actions and co-production activities, with charts.</p>`,
    '<ul class="links">',
    `<li><a href="${e(reportAddress(year.from, year.to, false))}">Annual report for the last 12 months</a> (${e(periodInWords(year.from, year.to))})</li>`,
    `<li><a href="${e(reportAddress(year.from, year.to, true))}">The same, in easy read</a></li>`,
    '</ul>',
    '<h3 class="no-print">Another period</h3>',
    periodForm({ from: year.from, to: year.to, easyRead: false }),
    downloads(year.from, year.to),
    meetingsSection(view),
    ...(view.viewer.graphiql
      ? [
          '<h2>For programmers</h2>',
          '<p><a href="/graphql">Open GraphiQL</a> to write your own queries against the same figures; it opens with example reporting queries. Scripts send the access token as the header <code>Authorization: Bearer</code>.</p>',
        ]
      : []),
  ].join('\n');
  return pageDocument({
    title: `Portal: ${board.name}`,
    boardName: board.name,
    viewer: view.viewer,
    current: 'portal',
    main,
    footer: `<p>Made from the board’s spreadsheet on ${dayMonthYear(view.today)}. Names are shown only for members who have agreed to it; other members are shown by their role.</p>`,
  });
}

function atAGlance(view: PortalView): string {
  const { board } = view.data;
  const next = board.nextMeeting;
  const chairs = board.coChairs.map((chair) => chair.name);
  const nextWords = next
    ? [
        formatLongDate(next.date),
        timeSpan(next.startTime, next.lengthHours),
        next.format ? sheetValue('MeetingFormat', next.format).toLowerCase() : null,
        next.venue,
      ]
        .filter((part): part is string => !!part)
        .join(', ')
    : 'None planned yet';
  const rows = board.balance.counts.map(
    (row) =>
      `<tr><th scope="row">${e(sheetValue('Constituency', row.constituency))}</th>${figureCell(row.count, `balance.${row.constituency}`)}</tr>`,
  );
  const withheld =
    board.activeMemberCount === null || board.balance.counts.some((row) => row.count === null);
  return [
    '<h2>The board at a glance</h2>',
    '<dl class="facts">',
    '<dt>Members</dt>',
    `<dd><span data-figure="activeMemberCount">${board.activeMemberCount ?? 'not shown'}</span> active, of ${board.memberCap} places</dd>`,
    '<dt>Co-chairs</dt>',
    `<dd>${chairs.length === 0 ? 'None recorded' : e(listInWords(chairs))}</dd>`,
    '<dt>Next meeting</dt>',
    `<dd>${e(nextWords)}${next && next.topics.length > 0 ? `. Topics: ${e(listInWords(next.topics))}` : ''}</dd>`,
    '</dl>',
    '<table>',
    '<caption>Active members by constituency</caption>',
    '<thead><tr><th scope="col">Constituency</th><th scope="col" class="number">Members</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    `<p>${board.balance.residentsLargest ? 'Residents are at least as many as any other constituency, as the terms of reference ask (rule R6).' : 'Residents are fewer than another constituency: the terms of reference ask for them to be at least as many (rule R6).'}</p>`,
    ...(withheld ? [`<p>${e(notShownNote(view.smallestGroup))}</p>`] : []),
  ].join('\n');
}

function downloads(from: IsoDate, to: IsoDate): string {
  return [
    '<h2>Downloads for a spreadsheet</h2>',
    '<p>CSV files open in Excel, LibreOffice and Google Sheets.</p>',
    '<ul class="links">',
    `<li><a href="${e(reportAddress(from, to, false, 'csv'))}">Annual report figures, last 12 months (CSV)</a></li>`,
    '<li><a href="/reports/actions.csv">Every action, with its owners and status (CSV)</a></li>',
    '<li><a href="/reports/actions.csv?status=OPEN,IN_PROGRESS">Actions still open (CSV)</a></li>',
    '<li><a href="/reports/actions.csv?overdue=1">Actions overdue today (CSV)</a></li>',
    '</ul>',
  ].join('\n');
}

function packLinks(meeting: PortalData['meetings'][number]): string {
  const date = dayMonthYear(meeting.date);
  const items = AUDIENCES.filter((audience) => audience !== 'DMT' || meeting.circulateToDmt).map(
    (audience) => {
      const base = `/packs/${encodeURIComponent(meeting.id)}/${enumValueName(audience)}`;
      const context = `<span class="visually-hidden"> for the ${e(audience)}, ${e(date)}</span>`;
      return [
        `<li><span class="audience">${e(audience)}:</span> `,
        `<a href="${e(base)}.html">Pack${context}</a>, `,
        `<a href="${e(base)}.txt">text${context}</a>, `,
        `<a href="${e(base)}.html?easyRead=1">easy read${context}</a></li>`,
      ].join('');
    },
  );
  return `<ul>${items.join('')}</ul>`;
}

function meetingsTable(caption: string, meetings: PortalData['meetings']): string {
  const rows = meetings.map(
    (meeting) =>
      `<tr><th scope="row">${e(dayMonthYear(meeting.date))}</th><td class="packs">${packLinks(meeting)}</td></tr>`,
  );
  return [
    '<table>',
    `<caption>${e(caption)}</caption>`,
    '<thead><tr><th scope="col">Meeting</th><th scope="col">Action points, for each audience</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

function meetingsSection({ data }: PortalView): string {
  const held = [...data.meetings].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  if (held.length === 0) {
    return '<h2>Meetings and their packs</h2>\n<p>No meeting has been held yet.</p>';
  }
  const recent = held.slice(0, RECENT_MEETINGS);
  const earlier = held.slice(RECENT_MEETINGS);
  return [
    '<h2>Meetings and their packs</h2>',
    '<p>After each meeting its action points go to the Borough Partnership and the Senior Head of Commissioning, Brokerage and Quality Assurance, and to the DMT when the board asks (rule R13). Each pack is a page to read or print, plain text for an email, or easy read.</p>',
    meetingsTable(
      `The last ${recent.length === 1 ? 'meeting' : `${recent.length} meetings`} held`,
      recent,
    ),
    ...(earlier.length === 0
      ? []
      : [
          `<details>\n<summary>Earlier meetings (${earlier.length})</summary>`,
          meetingsTable('Earlier meetings', earlier),
          '</details>',
        ]),
  ].join('\n');
}

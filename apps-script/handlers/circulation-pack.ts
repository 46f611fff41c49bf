/**
 * "Prepare circulation pack" (R13): asks which meeting (default: the last one held) and which
 * audience, fetches the pack from the board's server (`GET /packs/<meetingId>/<AUDIENCE>.html`
 * with the token from Script Properties) and shows it. The server builds packs, so the sheet
 * and the API always send the same bytes.
 */

import { enumKey } from '../../schema/cells';
import { formatLongDate } from '../../schema/dates';
import { AUDIENCES } from '../../schema/layout';
import type { Meeting } from '../../schema/records';
import { errorMessage } from '../board-error';
import { showDialog } from '../html';
import type { MenuContext } from '../menu-context';
import { BoardWorkbook, requireUsable } from '../sheet-io';

export const SERVER_URL_PROPERTY = 'BOARD_SERVER_URL';
export const SERVER_TOKEN_PROPERTY = 'BOARD_SERVER_TOKEN';

/** The GraphQL / URL name of each audience (DESIGN §4). */
const AUDIENCE_CODES: Record<(typeof AUDIENCES)[number], string> = {
  'Borough Partnership': 'BOROUGH_PARTNERSHIP',
  'Senior Head': 'SENIOR_HEAD',
  DMT: 'DMT',
};

export function prepareCirculationPack(context: MenuContext): void {
  const { ui } = context;
  const properties = PropertiesService.getScriptProperties();
  const baseUrl = (properties.getProperty(SERVER_URL_PROPERTY) ?? '').trim().replace(/\/+$/, '');
  const token = (properties.getProperty(SERVER_TOKEN_PROPERTY) ?? '').trim();
  if (!baseUrl || !token) {
    ui.alert(
      context.title,
      `The board's server is not set up for this spreadsheet yet. In Extensions > Apps Script > Project Settings > Script Properties, add ${SERVER_URL_PROPERTY} (the server's address, e.g. https://board.example.org) and ${SERVER_TOKEN_PROPERTY} (an OFFICER token from whoever runs the server), then try again.`,
      ui.ButtonSet.OK,
    );
    return;
  }
  if (!/^https:\/\//i.test(baseUrl)) {
    ui.alert(
      context.title,
      `${SERVER_URL_PROPERTY} must start with https:// (it is "${baseUrl}"). Apps Script only fetches from secure addresses.`,
      ui.ButtonSet.OK,
    );
    return;
  }

  // Reading needs no lock: this item writes nothing to the sheet.
  const board = new BoardWorkbook(context.spreadsheet).readBoard(['Settings', 'Meetings']);
  requireUsable(board, 'Meetings');
  const meetings = board.snapshot.meetings;
  const lastHeld = [...meetings]
    .reverse()
    .find((meeting) => meeting.status === 'Held' && meeting.date <= context.today);
  const meeting = askMeeting(context, meetings, lastHeld ?? null);
  if (!meeting) return;
  const audience = askAudience(context);
  if (!audience) return;

  const url = `${baseUrl}/packs/${encodeURIComponent(meeting.id)}/${AUDIENCE_CODES[audience]}.html`;
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(url, {
      method: 'get',
      headers: { Authorization: `Bearer ${token}` },
      muteHttpExceptions: true,
      followRedirects: true,
    });
  } catch (error) {
    ui.alert(
      context.title,
      `Could not reach the board's server at ${baseUrl}: ${errorMessage(error)}\n\nCheck ${SERVER_URL_PROPERTY} in Script Properties, and that the server is running.`,
      ui.ButtonSet.OK,
    );
    return;
  }
  const status = response.getResponseCode();
  const text = response.getContentText();
  if (status === 200) {
    showDialog(ui, text, `Circulation pack: ${meeting.id} for ${audience}`, false);
    return;
  }
  ui.alert(context.title, refusal(status, text, meeting, audience), ui.ButtonSet.OK);
}

function askMeeting(
  context: MenuContext,
  meetings: readonly Meeting[],
  lastHeld: Meeting | null,
): Meeting | null {
  const { ui } = context;
  const response = ui.prompt(
    context.title,
    `Which meeting? Type its Meeting ID${
      lastHeld
        ? `, or leave blank for the last one held: ${lastHeld.id} on ${formatLongDate(lastHeld.date)}`
        : ''
    }.`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (response.getSelectedButton() !== ui.Button.OK) return null;
  const typed = response.getResponseText().trim();
  const meeting = typed
    ? meetings.find((candidate) => candidate.id.toLowerCase() === typed.toLowerCase())
    : lastHeld;
  if (!meeting) {
    ui.alert(
      context.title,
      typed
        ? `There is no meeting "${typed}" in the Meetings tab.`
        : 'No meeting is marked Held in the Meetings tab yet. Type a Meeting ID instead.',
      ui.ButtonSet.OK,
    );
    return null;
  }
  return meeting;
}

function askAudience(context: MenuContext): (typeof AUDIENCES)[number] | null {
  const { ui } = context;
  const choices = AUDIENCES.map((audience, index) => `${index + 1}. ${audience}`).join('\n');
  const response = ui.prompt(
    context.title,
    `Who is the pack for? Type the number or the name:\n${choices}`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (response.getSelectedButton() !== ui.Button.OK) return null;
  const typed = response.getResponseText().trim();
  const audience =
    AUDIENCES[Number(typed) - 1] ??
    AUDIENCES.find((candidate) => enumKey(candidate) === enumKey(typed));
  if (!audience) {
    ui.alert(context.title, `"${typed}" is not one of:\n${choices}`, ui.ButtonSet.OK);
    return null;
  }
  return audience;
}

/** The server's refusal in words: its own message (HTML stripped), with what to do. */
function refusal(status: number, text: string, meeting: Meeting, audience: string): string {
  const said = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 600);
  const hint =
    status === 401 || status === 403
      ? `The server did not accept the token: check ${SERVER_TOKEN_PROPERTY} in Script Properties.`
      : status === 404
        ? 'The server has no such pack: check the meeting is marked Held and the server reads this spreadsheet.'
        : status >= 500
          ? 'The server had a problem: try again in a few minutes.'
          : '';
  return [
    `The server refused the ${audience} pack for ${meeting.id} (HTTP ${status}).`,
    said ? `It said: ${said}` : '',
    hint,
  ]
    .filter(Boolean)
    .join('\n\n');
}

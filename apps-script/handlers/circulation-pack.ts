/**
 * Circulation packs from the sheet (R13, DESIGN §7). "Prepare circulation pack" opens one small
 * dialog: the meeting (the row selected in the Meetings tab if it is a held meeting, else the
 * last one held) and the audience. The dialog shows the pack, built here by the same schema/
 * code as the server's (`buildCirculationPack`: same board, same bytes, same SHA-256), and
 * offers `draftCirculationPack(meetingId, audience)`: one Gmail draft to the audience's
 * `Circulation:` list in Settings (HTML body, text alternative) and one Circulation row with
 * the SHA-256 of the HTML pack, neither made twice. No server and no token are involved.
 */
import { columnLetters, enumKey } from '../../schema/cells';
import { formatLongDate, type IsoDate } from '../../schema/dates';
import { newPackId } from '../../schema/ids';
import { AUDIENCES, type DataTabName } from '../../schema/layout';
import { buildCirculationPack, type PackAudience, PackError } from '../../schema/packs';
import { normaliseHeader } from '../../schema/parse';
import type { Meeting } from '../../schema/records';
import { SETTING_KEYS } from '../../schema/settings';
import type { BoardSnapshot } from '../../schema/snapshot';
import { parseRecord } from '../drafts-once';
import { escapeHtml, page, showDialog } from '../html';
import { withDocumentLock } from '../lock';
import { type MenuContext, scriptContext } from '../menu-context';
import {
  appendRows,
  type BoardRead,
  BoardWorkbook,
  requireUsable,
  rowByKey,
  type TabData,
} from '../sheet-io';
import { datePattern } from './set-up-format';

/** Everything a pack reads, and the Circulation log. */
const PACK_TABS: readonly DataTabName[] = [
  'Settings',
  'Members',
  'Meetings',
  'Attendance',
  'Actions',
  'Projects',
  'Tasks',
  // "You said, we did" (R17): without it the pack would differ from the server's.
  'Feedback',
  'Circulation',
];
const DRAFTS_PROPERTY = 'circulationDrafts';

const LIST_SETTING: Readonly<Record<PackAudience, keyof BoardSnapshot['settings']>> = {
  'Borough Partnership': 'circulationBoroughPartnership',
  'Senior Head': 'circulationSeniorHead',
  DMT: 'circulationDmt',
};

export function prepareCirculationPack(context: MenuContext): void {
  const { ui } = context;
  // Reading needs no lock: this item itself writes nothing (the draft's global does, locked).
  const workbook = new BoardWorkbook(context.spreadsheet);
  const board = workbook.readBoard(['Settings', 'Meetings']);
  const meetingsTab = requireUsable(board, 'Meetings');
  const held = board.snapshot.meetings.filter((meeting) => meeting.status === 'Held');
  if (held.length === 0) {
    ui.alert(
      context.title,
      'No meeting is marked Held in the Meetings tab yet. Packs are for held meetings: once a meeting has taken place, set its Status to Held.',
      ui.ButtonSet.OK,
    );
    return;
  }
  const chosen = selectedHeld(context, meetingsTab, held) ?? lastHeld(held, context.today);
  showDialog(ui, dialogHtml(board.snapshot, [...held].reverse(), chosen), context.title, false);
}

/** The meeting on the selected row of the Meetings tab, when it is a held one. */
function selectedHeld(context: MenuContext, meetingsTab: TabData, held: readonly Meeting[]) {
  const active = context.spreadsheet.getActiveSheet();
  if (active.getSheetId() !== meetingsTab.sheet.getSheetId()) return null;
  const row = active.getActiveRange()?.getRow();
  return held.find((meeting) => meeting.row === row) ?? null;
}

function lastHeld(held: readonly Meeting[], today: IsoDate): Meeting {
  return [...held].reverse().find((meeting) => meeting.date <= today) ?? (held.at(-1) as Meeting);
}

// ---------------------------------------------------------------------------------------------
// The globals the dialog calls

export type PackAnswer =
  | {
      readonly ok: true;
      readonly meetingId: string;
      readonly audience: PackAudience;
      readonly html: string;
      readonly sha256: string;
      readonly to: readonly string[];
      readonly subject: string;
      /** The Circulation tab already has this pack (same meeting, audience and SHA-256). */
      readonly recorded: string | null;
      /** You already have a draft of this pack. */
      readonly drafted: boolean;
    }
  | { readonly ok: false; readonly message: string };

/** Builds the pack for the dialog to show. Reads only. */
export function previewCirculationPack(meetingId: unknown, audience: unknown): PackAnswer {
  const { spreadsheet } = scriptContext();
  const board = new BoardWorkbook(spreadsheet).readBoard(PACK_TABS);
  return packFor(board, meetingId, audience);
}

export interface DraftAnswer {
  readonly ok: boolean;
  readonly message: string;
  readonly packId: string | null;
  readonly sha256: string | null;
  readonly draftCreated: boolean;
  readonly rowAdded: boolean;
}

/**
 * `draftCirculationPack(meetingId, audience)`: one Gmail draft of the pack to the audience's
 * list, in the Gmail of whoever asks, and one Circulation row; called again for the same pack,
 * it makes neither again (a changed board is a new pack, with a new SHA-256, and is drafted and
 * logged anew, as the server's recordCirculation does).
 */
export function draftCirculationPack(meetingId: unknown, audience: unknown): DraftAnswer {
  const { spreadsheet, now } = scriptContext();
  return withDocumentLock(() => {
    const workbook = new BoardWorkbook(spreadsheet);
    const board = workbook.readBoard(PACK_TABS);
    const circulation = requireUsable(board, 'Circulation');
    const pack = packFor(board, meetingId, audience);
    const refused = (message: string): DraftAnswer => ({
      ok: false,
      message,
      packId: null,
      sha256: null,
      draftCreated: false,
      rowAdded: false,
    });
    if (!pack.ok) return refused(pack.message);
    if (pack.to.length === 0) {
      return refused(
        `${listCellLabel(board, pack.audience)} (Circulation: ${pack.audience}) has no email addresses, so there is nobody to draft the pack to. Add the addresses there, separated by commas, and try again.`,
      );
    }
    const { snapshot } = board;
    const key = `${pack.meetingId}|${pack.audience}|${pack.sha256}`;
    const properties = PropertiesService.getUserProperties();
    const drafts = parseRecord(properties.getProperty(DRAFTS_PROPERTY));
    let draftCreated = false;
    if (!drafts[key]) {
      const text = buildCirculationPack(snapshot, {
        meetingId: pack.meetingId,
        audience: pack.audience,
        format: 'TEXT',
        easyRead: false,
      });
      const draft = GmailApp.createDraft(pack.to.join(', '), pack.subject, text.content, {
        htmlBody: pack.html,
        name: snapshot.settings.boardName,
      });
      drafts[key] = draft.getId();
      properties.setProperty(DRAFTS_PROPERTY, JSON.stringify(drafts));
      draftCreated = true;
    }
    let packId = pack.recorded;
    if (packId === null) {
      packId = newPackId(snapshot.circulation, pack.meetingId, pack.audience);
      const columns = snapshot.columnIndex.get('Circulation');
      const row = appendRows(circulation, [
        rowByKey(columns, {
          id: packId,
          meetingId: pack.meetingId,
          audience: pack.audience,
          generatedAt: now,
          sha256: pack.sha256,
          notes: 'Gmail draft made from the sheet. Fill in "Sent on" when it is sent.',
        }),
      ]);
      const generatedAt = columns?.get('generatedAt');
      if (generatedAt !== undefined) {
        circulation.sheet
          .getRange(row, generatedAt + 1, 1, 1)
          .setNumberFormat(datePattern(snapshot.settings.dateOrder));
      }
    }
    const rowAdded = pack.recorded === null;
    return {
      ok: true,
      packId,
      sha256: pack.sha256,
      draftCreated,
      rowAdded,
      message: [
        draftCreated
          ? `A Gmail draft of the pack to ${pack.to.join(', ')} is in your Drafts folder (not sent).`
          : 'You have a Gmail draft of this same pack already, so no new one was made.',
        rowAdded
          ? `The Circulation tab has a new row, ${packId}, with the pack's SHA-256.`
          : `The Circulation tab already has this pack as ${packId}; no row was added.`,
      ].join(' '),
    };
  });
}

function packFor(board: BoardRead, meetingId: unknown, audience: unknown): PackAnswer {
  const { snapshot } = board;
  const chosen = AUDIENCES.find((candidate) => enumKey(candidate) === enumKey(String(audience)));
  if (!chosen) {
    return { ok: false, message: `"${String(audience)}" is not one of: ${AUDIENCES.join(', ')}.` };
  }
  try {
    const pack = buildCirculationPack(snapshot, {
      meetingId: String(meetingId ?? '').trim(),
      audience: chosen,
      format: 'HTML',
      easyRead: false,
    });
    const meeting = snapshot.meetingById.get(pack.meetingId) as Meeting;
    const same = snapshot.circulation.find(
      (row) =>
        row.meetingId === pack.meetingId &&
        row.audience === chosen &&
        row.sha256?.toLowerCase() === pack.sha256,
    );
    const drafts = parseRecord(PropertiesService.getUserProperties().getProperty(DRAFTS_PROPERTY));
    return {
      ok: true,
      meetingId: pack.meetingId,
      audience: chosen,
      html: pack.content,
      sha256: pack.sha256,
      to: snapshot.settings[LIST_SETTING[chosen]] as readonly string[],
      subject: `${snapshot.settings.boardName}: action points of the meeting on ${formatLongDate(meeting.date)} (${meeting.id})`,
      recorded: same?.id ?? null,
      drafted: Boolean(drafts[`${pack.meetingId}|${chosen}|${pack.sha256}`]),
    };
  } catch (error) {
    if (error instanceof PackError) return { ok: false, message: error.message };
    throw error;
  }
}

/** `Settings!B13`: the cell that holds the audience's list, to point the officer at. */
function listCellLabel(board: BoardRead, audience: PackAudience): string {
  const label = SETTING_KEYS.find(([, property]) => property === LIST_SETTING[audience])?.[0] ?? '';
  const grid = board.tabs.get('Settings')?.grid ?? [];
  const header = grid[0] ?? [];
  const valueColumn = header.findIndex(
    (cell) => typeof cell === 'string' && normaliseHeader(cell) === 'value',
  );
  const row = grid.findIndex(
    (cells) => typeof cells[0] === 'string' && normaliseHeader(cells[0]) === normaliseHeader(label),
  );
  if (row === -1 || valueColumn === -1) return 'The Settings tab';
  return `Settings!${columnLetters(valueColumn)}${row + 1}`;
}

// ---------------------------------------------------------------------------------------------
// The dialog

function dialogHtml(snapshot: BoardSnapshot, held: readonly Meeting[], chosen: Meeting): string {
  const options = held
    .map(
      (meeting) =>
        `<option value="${escapeHtml(meeting.id)}"${meeting.id === chosen.id ? ' selected' : ''}>${escapeHtml(
          `${formatLongDate(meeting.date)} (${meeting.id})${meeting.circulateToDmt ? ', DMT asked for' : ''}`,
        )}</option>`,
    )
    .join('');
  const audiences = AUDIENCES.map(
    (audience, index) =>
      `<label style="margin-right:1em"><input type="radio" name="audience" value="${escapeHtml(audience)}"${
        index === 0 ? ' checked' : ''
      }> ${escapeHtml(audience)}</label>`,
  ).join('');
  const body = [
    `<p>${escapeHtml(snapshot.settings.boardName)}: the action points of a held meeting, for one audience. The pack is made here from this spreadsheet, exactly as the board's server makes it.</p>`,
    `<p><label for="meeting">Meeting</label><br><select id="meeting" onchange="preview()">${options}</select></p>`,
    `<fieldset style="border:0;padding:0;margin:0 0 .6em"><legend>Audience</legend>${audiences}</fieldset>`,
    '<p class="note">The DMT gets a pack only when the meeting\'s "Circulate to DMT" is Yes (R13).</p>',
    '<div id="status" role="status" aria-live="polite">Making the pack...</div>',
    '<iframe id="pack" title="The circulation pack" style="width:100%;height:300px;border:1px solid #dadce0;display:none"></iframe>',
    '<p id="sha" class="note"></p>',
    '<button id="draft" style="display:none" onclick="draft()">Create the Gmail draft and log it</button>',
  ].join('');
  return page(body, DIALOG_SCRIPT);
}

/**
 * The dialog's own script, in the browser: shows the chosen pack (from previewCirculationPack)
 * and asks for the draft (draftCirculationPack); the work is in those two globals.
 */
const DIALOG_SCRIPT = [
  "function chosen(){var a=document.querySelector('input[name=audience]:checked');return {meeting:document.getElementById('meeting').value,audience:a?a.value:''};}",
  "function say(text){document.getElementById('status').textContent=text;}",
  "function preview(){var c=chosen();say('Making the pack...');document.getElementById('draft').style.display='none';",
  "google.script.run.withSuccessHandler(function(p){var f=document.getElementById('pack');",
  "if(!p.ok){f.style.display='none';document.getElementById('sha').textContent='';say(p.message);return;}",
  "f.srcdoc=p.html;f.style.display='block';document.getElementById('sha').textContent='SHA-256 '+p.sha256;",
  "say((p.to.length?'To: '+p.to.join(', ')+'. ':'No addresses in Settings for this audience yet. ')+(p.recorded?'Already in the Circulation tab as '+p.recorded+'. ':'')+(p.drafted?'You have drafted it already.':''));",
  "document.getElementById('draft').style.display='inline-block';}).withFailureHandler(function(e){say('The pack could not be made: '+e.message);}).previewCirculationPack(c.meeting,c.audience);}",
  "function draft(){var c=chosen();var b=document.getElementById('draft');b.disabled=true;say('Creating the draft...');",
  "google.script.run.withSuccessHandler(function(d){say(d.message);b.disabled=false;}).withFailureHandler(function(e){say('Not drafted: '+e.message);b.disabled=false;}).draftCirculationPack(c.meeting,c.audience);}",
  "Array.prototype.forEach.call(document.querySelectorAll('input[name=audience]'),function(r){r.addEventListener('change',preview);});",
  'preview();',
].join('\n');

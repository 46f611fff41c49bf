/**
 * R13: `buildCirculationPack` makes the action points of one held meeting for one audience, in
 * HTML or plain text, standard or easy read. It is pure: the same snapshot and request always
 * give the same bytes, and the SHA-256 of those bytes comes with the pack for the Circulation
 * tab. It refuses, with a `PackError` a co-chair can act on, when the pack should not exist.
 */
import { formatLongDate } from '../dates';
import type { TabName } from '../layout';
import type { Meeting } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { unusableTabMessage } from '../unusable-tab';
import { collectPackContent, type PackContent } from './content';
import { renderEasyReadHtml, renderEasyReadText } from './easy-read-render';
import { renderHtml } from './html';
import { sha256Hex } from './sha256';
import { renderText } from './text';
import { type CirculationPack, PackError, type PackRequest } from './types';

export { circulatedName, circulatedNameOf } from './names';
export { sha256Hex } from './sha256';
export * from './types';

/** The tabs a pack reads; Settings always has defaults, so it never blocks a pack. */
const PACK_TABS: readonly TabName[] = ['Members', 'Attendance', 'Actions', 'Projects', 'Tasks'];

export function buildCirculationPack(
  snapshot: BoardSnapshot,
  request: PackRequest,
): CirculationPack {
  const meeting = packableMeeting(snapshot, request);
  const content = render(collectPackContent(snapshot, meeting, request.audience), request);
  return {
    meetingId: meeting.id,
    audience: request.audience,
    format: request.format,
    easyRead: request.easyRead,
    content,
    sha256: sha256Hex(content),
  };
}

function render(content: PackContent, request: PackRequest): string {
  if (request.format === 'HTML') {
    return request.easyRead ? renderEasyReadHtml(content) : renderHtml(content);
  }
  return request.easyRead ? renderEasyReadText(content) : renderText(content);
}

/** The meeting the request names, once every reason to refuse the pack has been ruled out. */
function packableMeeting(snapshot: BoardSnapshot, request: PackRequest): Meeting {
  requireTab(snapshot, 'Meetings');
  const meeting = snapshot.meetingById.get(request.meetingId);
  if (!meeting) {
    throw new PackError(
      'UNKNOWN_MEETING',
      `There is no meeting "${request.meetingId}" in the Meetings tab. Check the Meeting ID.`,
    );
  }
  const which = `the meeting on ${formatLongDate(meeting.date)} (${meeting.id})`;
  if (meeting.status !== 'Held') {
    throw new PackError(
      'MEETING_NOT_HELD',
      `Packs are for held meetings; this one is ${meeting.status}: ${which}. ${
        meeting.status === 'Planned'
          ? 'Once it has taken place, set its Status to Held in the Meetings tab.'
          : 'If it did take place after all, set its Status to Held in the Meetings tab.'
      }`,
    );
  }
  if (request.audience === 'DMT' && !meeting.circulateToDmt) {
    throw new PackError(
      'DMT_NOT_REQUESTED',
      `The action points of ${which} go to the Adult Social Care DMT only when the Senior Head of Commissioning, Brokerage and Quality Assurance asks for it, and the Senior Head has not asked for it. If they have, set "Circulate to DMT" to Yes on the meeting's row (row ${meeting.row}) of the Meetings tab.`,
    );
  }
  for (const tab of PACK_TABS) requireTab(snapshot, tab);
  return meeting;
}

function requireTab(snapshot: BoardSnapshot, tab: TabName): void {
  const missing = snapshot.unusableTabs.get(tab);
  if (missing === undefined) return;
  throw new PackError(
    'BOARD_DATA_UNUSABLE',
    unusableTabMessage(tab, missing, 'the pack cannot be made', ', then try again'),
  );
}

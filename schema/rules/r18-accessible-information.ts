/**
 * R18: accessible information. The board produces Standard, Large print and Easy read itself;
 * a member who needs Audio, BSL or Braille is listed for an officer to arrange before each
 * meeting (recordings, an interpreter, a Braille transcription), with what the Members tab
 * records of their `Communication needs` (the Accessible Information Standard's record).
 *
 * A member listed with their needs is information (a standing to-do, not a fault); one whose
 * needs are not recorded is a warning, as the officer cannot know what to arrange.
 *
 * The messages hold communication needs, which partners never see (DESIGN §4). They are safe
 * because every reader of these findings is an officer: the menu in the sheet, `npm run check`,
 * and the API's `membershipCheck`, which refuses partners (`requireOfficer`). Packs and reports
 * for partners never include findings.
 */
import type { IsoDate } from '../dates';
import { nextMeeting } from '../next-meeting';
import type { Member } from '../records';
import type { BoardSnapshot } from '../snapshot';
import { PRODUCED_FORMATS } from '../values';
import { activeMembers } from './co-chairs';
import type { Finding } from './finding';
import { meetingInWords, who } from './wording';

type Format = Member['preferredFormat'];

/** True for a format an officer arranges because the board cannot produce it. */
export function isArrangedFormat(format: Format): boolean {
  return !(PRODUCED_FORMATS as readonly Format[]).includes(format);
}

export function checkAccessibleInformation(snapshot: BoardSnapshot, today: IsoDate): Finding[] {
  const next = nextMeeting(snapshot.meetings, { from: today, onTheDay: true, held: false });
  const forWhen = next ? meetingInWords(next) : 'each meeting';
  return activeMembers(snapshot)
    .filter((member) => isArrangedFormat(member.preferredFormat))
    .map((member): Finding => {
      const format = member.preferredFormat;
      const needs = member.communicationNeeds?.trim() || null;
      return {
        rule: 'R18',
        severity: needs ? 'info' : 'warning',
        message: needs
          ? `${who(member)} needs information in ${format}, which the board cannot produce: arrange it for ${forWhen}. Communication needs: ${needs}`
          : `${who(member)} prefers ${format}, which the board cannot produce, and has no Communication needs recorded: record how they need information, so that an officer can arrange it for ${forWhen}.`,
        memberIds: [member.id],
        ...(next ? { meetingId: next.id } : {}),
        cells: [{ tab: 'Members', row: member.row, key: 'communicationNeeds' }],
      };
    });
}

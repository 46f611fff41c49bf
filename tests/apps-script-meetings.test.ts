/**
 * "Plan next meeting" (R10, R11) and "Record attendance" (R7) in the built bundle, on the demo
 * board: what they add to the Meetings and Attendance tabs, and that a second run adds nothing.
 */
import { describe, expect, it } from 'vitest';
import { invitees, isCoChair } from '../schema/rules';
import { buildSnapshot } from '../schema/snapshot';
import { demoGrids } from './support/apps-script/boards';
import { dialogText, londonDate, type Session, session } from './support/apps-script/session';
import { dateOfSerial } from './support/apps-script/zoned-time';

/** What the last dialog says (Plan next meeting answers in a dialog with its invitations). */
const lastDialog = ({ fake }: Session) => dialogText(fake.ui.dialogs.at(-1)?.html ?? '');

const AFTER_DECEMBER_MEETING = new Date('2026-12-31T12:00:00Z');
const TWO_PM = dateOfSerial(14 / 24, 'Europe/London');

/** Each member's latest meeting as minute-taker, read straight from the Meetings tab. */
function lastMinutes(rows: readonly (readonly unknown[])[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const [taker, date, status] = [row[7], row[1] as Date, row[10]];
    if (typeof taker !== 'string' || !taker || status === 'Cancelled') continue;
    last.set(taker, Math.max(last.get(taker) ?? 0, date.getTime()));
  }
  return last;
}

describe('Plan next meeting', () => {
  it('appends the next last-Wednesday meeting as Planned, with a minute-taker', async () => {
    const started = await session(demoGrids(), AFTER_DECEMBER_MEETING);
    const { fake, click, tab } = started;
    const before = tab('Meetings');
    click('planNextMeeting');
    const after = tab('Meetings');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      [
        'MT-2027-01',
        londonDate('2027-01-27'),
        TWO_PM,
        2,
        '',
        '',
        '',
        'M10',
        '',
        'No',
        'Planned',
        '',
      ],
    ]);
    expect(fake.ui.alerts).toEqual([]);
    expect(fake.ui.dialogs.map((dialog) => [dialog.title, dialog.modal])).toEqual([
      ['Plan next meeting', false],
    ]);
    expect(lastDialog(started)).toContain(
      'Added the meeting on Wednesday 27 January 2027 (MT-2027-01) to the Meetings tab (row 40) as Planned.',
    );
    expect(fake.spreadsheet.sheet('Meetings').numberFormats.get('40,3')).toBe('hh:mm');
    expect(lastDialog(started)).toContain(
      'Proposed minute-taker: Ruth Castellane (M10), who last took minutes on Wednesday 25 June 2025.',
    );
    // It offers the invitations, once Topics, Venue and Format are in (issue 14).
    expect(lastDialog(started)).toContain(
      'Add its Topics, Venue and Format in the Meetings tab (row 40) first',
    );
    expect(fake.ui.dialogs.at(-1)?.html).toContain('.draftMeetingInvitations(');
    expect(fake.ui.dialogs.at(-1)?.html).toContain('data-meeting="MT-2027-01"');
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('proposes the active member, not a co-chair, who took minutes least recently (R11)', async () => {
    const { click, tab } = await session(demoGrids(), AFTER_DECEMBER_MEETING);
    const last = lastMinutes(tab('Meetings'));
    click('planNextMeeting');
    const proposed = tab('Meetings').at(-1)?.[7] as string;
    const snapshot = buildSnapshot(demoGrids());
    const eligible = snapshot.members.filter(
      (member) => member.status === 'Active' && !isCoChair(member),
    );
    expect(eligible.map((member) => member.id)).toContain(proposed);
    for (const member of eligible) {
      expect(last.get(member.id) ?? 0).toBeGreaterThanOrEqual(last.get(proposed) ?? 0);
    }
  });

  it('adds nothing when run twice', async () => {
    const started = await session(demoGrids(), AFTER_DECEMBER_MEETING);
    const { click, state } = started;
    click('planNextMeeting');
    const once = state();
    click('planNextMeeting');
    expect(state()).toEqual(once);
    expect(lastDialog(started)).toContain(
      'The meeting on Wednesday 27 January 2027 (MT-2027-01) is already in the Meetings tab (row 40), with a minute-taker. Nothing was changed.',
    );
  });

  it('fills in only the missing minute-taker when the next meeting is already there', async () => {
    const started = await session();
    const { click, tab } = started;
    const before = tab('Meetings');
    click('planNextMeeting');
    const after = tab('Meetings');
    expect(after).toHaveLength(before.length);
    expect(after[37]?.[0]).toBe('MT-2026-11');
    expect(after[37]?.[7]).toBe('M10');
    after[37]?.splice(7, 1);
    before[37]?.splice(7, 1);
    expect(after).toEqual(before);
    expect(lastDialog(started)).toContain('It had no minute-taker, so one is now proposed there');
  });
});

describe('Record attendance', () => {
  it('adds one row per invitee of the next meeting, with the Attendance dropdown', async () => {
    const { fake, click, tab } = await session();
    const before = tab('Attendance');
    click('recordAttendance');
    const after = tab('Attendance');
    expect(after.slice(0, before.length)).toEqual(before);
    const snapshot = buildSnapshot(demoGrids());
    const meeting = snapshot.meetingById.get('MT-2026-11');
    const expected = invitees(snapshot, meeting as NonNullable<typeof meeting>).map((m) => m.id);
    expect(expected.slice(0, 2)).toEqual(['M16', 'M18']); // the co-chairs first
    expect(after.slice(before.length)).toEqual(
      expected.map((id) => ['MT-2026-11', id, '', '', '']),
    );
    const attendance = fake.spreadsheet.sheet('Attendance');
    const rule = attendance.validations.get(`${before.length + 1},3`) as unknown as {
      values: string[];
    };
    expect(rule.values).toEqual(['Present', 'Apologies', 'Absent']);
    expect(attendance.validations.size).toBe(expected.length);
  });

  it('records the meeting selected in the Meetings tab, and never adds a row twice', async () => {
    const { fake, click, tab, state } = await session();
    const attendance = fake.spreadsheet.sheet('Attendance');
    const rows = attendance.getLastRow();
    attendance.setValue(rows + 1, 1, 'MT-2026-12');
    attendance.setValue(rows + 1, 2, 'M16'); // already there, attendance not yet filled in
    fake.spreadsheet.select('Meetings', 39, 2);
    click('recordAttendance');
    const added = tab('Attendance').slice(rows + 1);
    expect(added.map((row) => row[1])).toEqual([
      'M18',
      'M15',
      'M12',
      'M13',
      'M06',
      'M04',
      'M08',
      'M11',
      'M05',
    ]);
    expect(added.every((row) => row[0] === 'MT-2026-12')).toBe(true);

    const once = state();
    click('recordAttendance');
    expect(state()).toEqual(once);
    // What follows is about the Involvement rows (tests/apps-script-involvement.test.ts).
    const prompt = fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toMatch(
      /^Every member invited to the meeting on Wednesday 30 December 2026 \(MT-2026-12\) already has a row in the Attendance tab\.\n\n/,
    );
    expect(prompt).toMatch(/\n\nNothing was added\.$/);
  });
});

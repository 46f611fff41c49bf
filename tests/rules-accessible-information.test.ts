import { describe, expect, it } from 'vitest';
import { checkAccessibleInformation, membershipCheck } from '../schema/rules';
import { board, patch, TODAY } from './rules-fixtures';

describe('R18 accessible information', () => {
  it('R18: nothing to arrange when every member takes a format the board produces', () => {
    const snapshot = board((rows) => {
      patch(rows.Members, 'M03', { 'Preferred format': 'Easy read' });
      patch(rows.Members, 'M04', { 'Preferred format': 'Large print' });
    });
    expect(checkAccessibleInformation(snapshot, TODAY)).toEqual([]);
  });

  it('R18: lists Audio, BSL and Braille members with their needs and the next meeting', () => {
    const snapshot = board((rows) => {
      patch(rows.Members, 'M04', {
        'Preferred format': 'BSL',
        'Communication needs': 'BSL interpreter for meetings; papers as BSL video',
      });
      patch(rows.Members, 'M07', {
        'Preferred format': 'Audio',
        'Communication needs': 'Audio recording of papers',
      });
      patch(rows.Members, 'M05', { 'Preferred format': 'Braille', Status: 'Former' });
    });
    const findings = checkAccessibleInformation(snapshot, TODAY);
    expect(findings).toEqual([
      {
        rule: 'R18',
        severity: 'info',
        message:
          'Sam Reid (M04) needs information in BSL, which the board cannot produce: arrange it for the meeting on Wednesday 28 February 2024 (MTG-04). Communication needs: BSL interpreter for meetings; papers as BSL video',
        memberIds: ['M04'],
        meetingId: 'MTG-04',
        cells: [{ tab: 'Members', row: 5, key: 'communicationNeeds' }],
      },
      expect.objectContaining({ rule: 'R18', severity: 'info', memberIds: ['M07'] }),
    ]);
  });

  it('R18: no Communication needs recorded is a warning; no meeting planned says each meeting', () => {
    const snapshot = board((rows) => {
      patch(rows.Members, 'M04', { 'Preferred format': 'Braille' });
      patch(rows.Meetings, 'MTG-04', { Status: 'Cancelled' });
    });
    const [finding, ...others] = checkAccessibleInformation(snapshot, TODAY);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ rule: 'R18', severity: 'warning', memberIds: ['M04'] });
    expect(finding?.meetingId).toBeUndefined();
    expect(finding?.message).toBe(
      'Sam Reid (M04) prefers Braille, which the board cannot produce, and has no Communication needs recorded: record how they need information, so that an officer can arrange it for each meeting.',
    );
  });

  it('R18: membershipCheck (officers only) lists them last, after R16 and R17', () => {
    const snapshot = board((rows) => patch(rows.Members, 'M04', { 'Preferred format': 'Audio' }));
    expect(membershipCheck(snapshot, TODAY).at(-1)?.rule).toBe('R18');
  });
});

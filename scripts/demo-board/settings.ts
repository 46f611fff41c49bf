/** The Settings tab. */
import type { Cell, Row } from 'write-excel-file/node';
import { type IsoDate, isIsoDate } from '../../schema/dates';
import { SETTINGS_TAB } from '../../schema/layout';
import { type BoardSettings, SETTING_KEYS } from '../../schema/settings';
import { dateCell, headerRow, type Value } from './values';

// ---------------------------------------------------------------------------------------------
// Settings

export const FIRST_MEETING: IsoDate = '2023-11-29';

const SETTINGS: Readonly<Record<keyof BoardSettings, Value>> = {
  boardName: 'Commissioning Co-Production Board (demo)',
  firstMeeting: FIRST_MEETING,
  meetingPattern: 'last Wednesday',
  meetingLengthHours: 2,
  memberCap: 20,
  residentCoChairTermMonths: 12,
  coChairExtensionMonths: 12,
  officerCoChairTermMonths: 24,
  dateOrder: 'DMY',
  circulationBoroughPartnership: [
    'borough.partnership@example.org',
    'partnership.support@example.org',
  ],
  circulationSeniorHead: ['senior.head.commissioning@example.org'],
  circulationDmt: ['asc.dmt@example.org', 'dmt.business.support@example.org'],
  reminderDays: 7,
  smallestReportedGroup: 3,
  reportBackWithinDays: 60,
  easyReadCheckedBy: 'members of Northside Speak Up, a self-advocacy group',
};

/** Settings rows, keyed as the parser reads them; First meeting is a real date cell. */
export function settingsRows(): Row[] {
  return [
    headerRow(SETTINGS_TAB),
    ...SETTING_KEYS.map(([label, property]) => {
      const value = SETTINGS[property];
      const cell =
        typeof value === 'string' && isIsoDate(value)
          ? dateCell(value)
          : Array.isArray(value)
            ? value.join(', ')
            : (value as Cell);
      return [label, cell];
    }),
  ];
}

import { describe, expect, it } from 'vitest';
import { BOARD_LAYOUT, MEMBER_CATEGORIES, MENU_LOG_TAB_NAMES, TAB_NAMES } from '../schema/layout';
import { RECORD_SCHEMAS } from '../schema/records';

describe('workbook layout', () => {
  it('has the tabs of the design contract so far, in order', () => {
    expect(BOARD_LAYOUT.map((tab) => tab.name)).toEqual([
      ...TAB_NAMES.filter((name) => name !== 'Settings'),
      'Reminders sent',
      'Settings',
    ]);
    expect(TAB_NAMES).toEqual([
      'Members',
      'Meetings',
      'Attendance',
      'Actions',
      'Projects',
      'Tasks',
      'Circulation',
      'Involvement',
      'Feedback',
      'Settings',
    ]);
  });

  it('keeps Reminders sent out of the data tabs: only the menu reads it (DESIGN §2)', () => {
    expect(MENU_LOG_TAB_NAMES).toEqual(['Reminders sent']);
    expect(TAB_NAMES).not.toContain('Reminders sent');
  });

  it('keeps the fixed headers and required flags of DESIGN §2', () => {
    const required = Object.fromEntries(
      BOARD_LAYOUT.map((tab) => [
        tab.name,
        tab.columns.filter((column) => column.required).map((column) => column.header),
      ]),
    );
    expect(required).toEqual({
      Members: ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'],
      Meetings: ['Meeting ID', 'Date', 'Status'],
      Attendance: ['Meeting ID', 'Member ID', 'Attendance'],
      Actions: ['Action ID', 'Meeting ID', 'Action', 'Owner', 'Status'],
      Projects: ['Project ID', 'Name', 'Stage', 'Phase', 'Status'],
      Tasks: ['Task ID', 'Project ID', 'Task', 'Phase', 'Responsible', 'Status'],
      Circulation: ['Pack ID', 'Meeting ID', 'Audience', 'Generated at'],
      Involvement: ['Entry ID', 'Member ID', 'Date', 'Activity'],
      Feedback: ['Feedback ID', 'Date raised', 'You said', 'Status'],
      'Reminders sent': ['Sent at', 'Member ID', 'Action IDs'],
      Settings: ['Key', 'Value'],
    });
    expect(
      BOARD_LAYOUT.find((tab) => tab.name === 'Members')
        ?.columns.map((column) => column.header)
        .slice(-3),
    ).toEqual(['Name in circulation', 'Reminders', 'Notes']);
    expect(
      BOARD_LAYOUT.find((tab) => tab.name === 'Reminders sent')?.columns.map((c) => c.header),
    ).toEqual(['Sent at', 'Member ID', 'Action IDs', 'Week']);
    // Every column of the two tabs of the board's principles (R16, R17), in DESIGN §2's order.
    const headersOf = (name: string) =>
      BOARD_LAYOUT.find((tab) => tab.name === name)?.columns.map((column) => column.header);
    expect(headersOf('Involvement')).toEqual([
      'Entry ID',
      'Member ID',
      'Date',
      'Meeting ID',
      'Project ID',
      'Activity',
      'Hours',
      'Payment',
      'Expenses',
      'Payment status',
      'Training or recognition',
      'Notes',
    ]);
    expect(headersOf('Feedback')).toEqual([
      'Feedback ID',
      'Date raised',
      'Meeting ID',
      'Project ID',
      'You said',
      'Raised by',
      'We did',
      'Status',
      'Reason',
      'Reported back on',
    ]);
    expect(headersOf('Members')).toContain('Communication needs');
    const actions = BOARD_LAYOUT.find((tab) => tab.name === 'Actions');
    expect(actions?.columns.map((column) => column.header)).toEqual([
      'Action ID',
      'Meeting ID',
      'Project ID',
      'Action',
      'Owner',
      'Due date',
      'Status',
      'Last followed up',
      'Follow-up note',
      'Completed on',
    ]);
  });

  it('lists the fifteen member categories of the terms of reference', () => {
    expect(MEMBER_CATEGORIES).toHaveLength(15);
    expect(MEMBER_CATEGORIES).toContain('Joint Partnership Board');
    expect(MEMBER_CATEGORIES).toContain('Self-advocacy group');
  });

  it('matches the record schemas key for key, so layout and types cannot drift', () => {
    for (const tab of BOARD_LAYOUT) {
      const schemaKeys = Object.keys(RECORD_SCHEMAS[tab.name].shape).filter((key) => key !== 'row');
      expect(tab.columns.map((column) => column.key).sort(), tab.name).toEqual(schemaKeys.sort());
    }
  });

  it('uses each header once per tab', () => {
    for (const tab of BOARD_LAYOUT) {
      const headers = tab.columns.map((column) => column.header.toLowerCase());
      expect(new Set(headers).size, tab.name).toBe(headers.length);
    }
  });
});

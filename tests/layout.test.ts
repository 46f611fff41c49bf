import { describe, expect, it } from 'vitest';
import { BOARD_LAYOUT, MEMBER_CATEGORIES, TAB_NAMES } from '../schema/layout';
import { RECORD_SCHEMAS } from '../schema/records';

describe('workbook layout', () => {
  it('has the eight tabs of the design contract, in order', () => {
    expect(BOARD_LAYOUT.map((tab) => tab.name)).toEqual([...TAB_NAMES]);
    expect(TAB_NAMES).toEqual([
      'Members',
      'Meetings',
      'Attendance',
      'Actions',
      'Projects',
      'Tasks',
      'Circulation',
      'Settings',
    ]);
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
      Settings: ['Key', 'Value'],
    });
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

import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BOARD_COLUMNS, boardTab, optional, required } from '../schema/columns';
import { BOARD_LAYOUT, idHeader, MEMBERS_TAB } from '../schema/layout';
import { findingLocations, locateFinding } from '../schema/locate';
import { parseTab } from '../schema/parse';
import { membershipCheck } from '../schema/rules';
import { board, member, TODAY } from './rules-fixtures';

describe('a tab defined once', () => {
  it('derives its layout from the field definitions, in order, with their keys', () => {
    const tab = boardTab(
      'Projects',
      {
        id: required.id('Project ID'),
        name: required.text('Name'),
        budget: optional.number('Budget', z.number().nonnegative()),
      },
      { idKey: 'id' },
    );
    expect(tab.columns.map(({ key, header, required }) => ({ key, header, required }))).toEqual([
      { key: 'id', header: 'Project ID', required: true },
      { key: 'name', header: 'Name', required: true },
      { key: 'budget', header: 'Budget', required: false },
    ]);
    expect(Object.keys(tab.record.shape)).toEqual(['row', 'id', 'name', 'budget']);
    expect(idHeader(tab)).toBe('Project ID');
  });

  it('refuses a field that no column builder made, so every field has a header', () => {
    expect(() =>
      boardTab('Tasks', { id: required.id('Task ID'), stray: z.string() }, { idKey: 'id' }),
    ).toThrow('Tasks.stray was not made by a column builder.');
  });

  it('gives each column its own schema, so two columns never share metadata', () => {
    for (const tab of BOARD_LAYOUT) {
      for (const [key, schema] of Object.entries(tab.record.shape)) {
        if (key === 'row') continue;
        expect(BOARD_COLUMNS.get(schema)?.header, `${tab.name}.${key}`).toBe(
          tab.columns.find((column) => column.key === key)?.header,
        );
      }
    }
  });

  it('parses a row into the record the definition describes', () => {
    const grids = {
      Members: [
        ['Member ID', 'Name', 'Role', 'Category', 'Constituency', 'Term start', 'Status'],
        ['M1', 'Ada', 'Member', 'Provider', 'Provider', '2026-01-05', 'Active'],
      ],
    };
    const parsed = parseTab(grids, MEMBERS_TAB, 'DMY');
    expect(parsed.issues).toEqual([]);
    expect(parsed.records[0]).toMatchObject({
      row: 2,
      id: 'M1',
      preferredFormat: 'Standard',
      nameInCirculation: false,
      serviceAreas: [],
      organisation: null,
    });
  });
});

describe('where a finding points is chosen by its rule', () => {
  it('marks each representative of one self-advocacy group in the Group column', () => {
    const snapshot = board((rows) => {
      rows.Members.push(
        member('M20', 'Sam Two', { Category: 'Self-advocacy group', Group: 'Speak Up' }),
        member('M21', 'Kit Three', { Category: 'Self-advocacy group', Group: 'speak up ' }),
      );
    });
    const finding = membershipCheck(snapshot, TODAY).find(
      (candidate) => candidate.rule === 'R5' && candidate.severity === 'error',
    );
    if (!finding) throw new Error('expected an R5 finding');
    const groupColumn = snapshot.columnIndex.get('Members')?.get('group');
    const cells = findingLocations(snapshot, finding);
    expect(cells.map((cell) => cell.row)).toEqual(
      ['M20', 'M21'].map((id) => snapshot.memberById.get(id)?.row),
    );
    expect(cells.every((cell) => cell.cell.charCodeAt(0) - 65 === groupColumn)).toBe(true);
    expect(locateFinding(snapshot, finding)).toEqual(cells[0]);
  });

  it('has no cell for a finding about the whole board', () => {
    const snapshot = board();
    const places = membershipCheck(snapshot, TODAY).find((f) => f.rule === 'R1');
    expect(places && locateFinding(snapshot, places)).toBeNull();
  });
});

/** The one wording for a tab that is missing or lacks a required header (schema/unusable-tab.ts). */
import { describe, expect, it } from 'vitest';
import type { RawGrid } from '../schema/grid';
import { buildSnapshot } from '../schema/snapshot';
import { unusableTabMessage, unusableTabReason } from '../schema/unusable-tab';
import { demoGrids } from './support/apps-script/boards';

describe('the unusable-tab message', () => {
  it('names a missing tab, what it stops and the fix', () => {
    expect(unusableTabMessage('Tasks', [], 'the pack cannot be made', ', then try again')).toBe(
      'The workbook has no "Tasks" tab, so the pack cannot be made. Add the tab, then try again.',
    );
  });

  it('names each missing header, in the singular or the plural', () => {
    expect(
      unusableTabMessage('Actions', ['Status'], 'this cannot be answered', ' (see dataIssues)'),
    ).toBe(
      'The Actions tab cannot be read: it has no "Status" header, so this cannot be answered. Add the header to the tab (see dataIssues).',
    );
    expect(unusableTabMessage('Members', ['Name', 'Status'], 'the pack cannot be made', '')).toBe(
      'The Members tab cannot be read: it has no "Name", "Status" headers, so the pack cannot be made. Add the headers to the tab.',
    );
  });

  it('begins as the parser’s own data issue for the tab does', () => {
    expect(unusableTabReason('Meetings', [])).toBe('The workbook has no "Meetings" tab');
    expect(unusableTabReason('Actions', ['Status'])).toBe(
      'The Actions tab cannot be read: it has no "Status" header',
    );
  });
});

describe('the parser’s data issue for an unusable tab', () => {
  it('starts with the same reason, so the sheet and the API say one thing', () => {
    const { Meetings: _, ...grids } = demoGrids();
    const actions = (grids.Actions as RawGrid).map((cells, index) =>
      index === 0 ? cells.map((cell) => (cell === 'Status' ? 'State' : cell)) : cells,
    );
    const snapshot = buildSnapshot({ ...grids, Actions: actions });
    const messages = snapshot.issues.map((issue) => issue.message);
    expect(messages.some((m) => m.startsWith(`${unusableTabReason('Meetings', [])}.`))).toBe(true);
    expect(messages.some((m) => m.startsWith(unusableTabReason('Actions', ['Status'])))).toBe(true);
  });
});

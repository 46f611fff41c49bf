/** New rows' IDs (schema/ids.ts): one allocator, and the style of each tab on top of it. */
import { describe, expect, it } from 'vitest';
import {
  idAllocator,
  involvementIdAllocator,
  newMeetingId,
  newPackId,
  newProjectId,
  nextNumberedId,
  taskIdAllocator,
} from '../schema/ids';

describe('idAllocator', () => {
  it('hands out format(from), format(from + 1)... skipping the IDs taken', () => {
    const next = idAllocator(['X-1', 'X-3'], (n) => `X-${n}`);
    expect([next(), next(), next()]).toEqual(['X-2', 'X-4', 'X-5']);
  });

  it('compares IDs as people read them: trimmed and in any case', () => {
    const next = idAllocator([' x-1 ', 'X-2'.toLowerCase()], (n) => `X-${n}`);
    expect(next()).toBe('X-3');
  });

  it('starts where asked', () => {
    expect(idAllocator([], (n) => `N${n}`, 5)()).toBe('N5');
  });
});

describe('numbered IDs (projects, and the tabs to come)', () => {
  it('follow the last numbered ID: its prefix, its digits, the highest number plus one', () => {
    expect(newProjectId(['P01', 'P02', 'P04'])).toBe('P05');
    expect(newProjectId(['CP-007', 'CP-009', 'CP-008'])).toBe('CP-010');
    expect(newProjectId(['P1', 'Q7', 'P3'])).toBe('P4');
  });

  it('count the prefix in any case, and never fill a gap', () => {
    expect(nextNumberedId(['p12', 'P03'], { prefix: 'P', digits: 2 })).toBe('P13');
  });

  it('start at the given style on a tab with no numbered ID', () => {
    expect(newProjectId([])).toBe('P01');
    expect(newProjectId(['Dementia review'])).toBe('P01');
    expect(nextNumberedId([], { prefix: 'FB-', digits: 3 })).toBe('FB-001');
  });
});

describe('Involvement Entry IDs', () => {
  it("start at E0001 and follow the board's own numbering, several in turn", () => {
    const first = involvementIdAllocator(['Entry ID']);
    expect([first(), first()]).toEqual(['E0001', 'E0002']);
    const next = involvementIdAllocator(['INV-007', 'INV-003', 'inv-008']);
    expect([next(), next()]).toEqual(['inv-009', 'inv-010']);
  });
});

describe('task IDs', () => {
  it('number a project’s tasks, skipping IDs used anywhere in the Tasks tab', () => {
    const next = taskIdAllocator('P1', ['P1-T01', 'p1-t03', 'P2-T02']);
    expect([next(), next(), next()]).toEqual(['P1-T02', 'P1-T04', 'P1-T05']);
  });
});

describe('meeting IDs', () => {
  it('follow the latest ID that holds its meeting’s month', () => {
    const meetings = [
      { id: 'MTG-2026-09', date: '2026-09-30' },
      { id: 'Board 2026-10', date: '2026-10-28' },
      { id: 'special', date: '2026-11-02' },
    ];
    expect(newMeetingId(meetings, '2026-12-16')).toBe('Board 2026-12');
  });

  it('take -2, -3... when the month has one already, and MT-yyyy-mm on an empty board', () => {
    const meetings = [
      { id: 'MT-2026-10', date: '2026-10-28' },
      { id: 'mt-2026-11', date: '2026-11-04' },
      { id: 'Special', date: '2026-11-25' },
    ];
    expect(newMeetingId(meetings, '2026-11-30')).toBe('mt-2026-11-2');
    expect(newMeetingId([], '2026-11-25')).toBe('MT-2026-11');
  });
});

describe('circulation Pack IDs', () => {
  const row = (id: string, meetingId: string, audience: 'Borough Partnership' | 'DMT') => ({
    id,
    meetingId,
    audience,
  });

  it('count the packs the meeting already sent to that audience', () => {
    expect(newPackId([], 'MT-2026-10', 'Senior Head')).toBe('MT-2026-10-SH-1');
    const sent = [
      row('MT-2026-10-BP-1', 'MT-2026-10', 'Borough Partnership'),
      row('MT-2026-10-DMT-1', 'MT-2026-10', 'DMT'),
      row('MT-2026-09-BP-1', 'MT-2026-09', 'Borough Partnership'),
    ];
    expect(newPackId(sent, 'MT-2026-10', 'Borough Partnership')).toBe('MT-2026-10-BP-2');
  });

  it('skip an ID an officer has typed already', () => {
    const sent = [
      row('MT-2026-10-BP-1', 'MT-2026-10', 'Borough Partnership'),
      row('mt-2026-10-bp-2', 'MT-2026-10-old', 'Borough Partnership'),
    ];
    expect(newPackId(sent, 'MT-2026-10', 'Borough Partnership')).toBe('MT-2026-10-BP-3');
  });
});

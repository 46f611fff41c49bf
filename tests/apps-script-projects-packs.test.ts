/**
 * "Start commissioning project" (R14) in the built bundle: the Projects and Tasks rows a new
 * project gets. (Circulation packs, which this file also tested when the sheet fetched them
 * from the server, are in apps-script-packs.test.ts: the sheet now builds them itself.)
 */
import { describe, expect, it } from 'vitest';
import { STANDARD_TASKS } from '../schema/rules';
import { DEMO_TODAY } from './support/apps-script/boards';
import { londonDate, session } from './support/apps-script/session';

describe('Start commissioning project', () => {
  it('adds the Projects row and the 17 standard tasks with who is responsible', async () => {
    const { fake, click, tab } = await session();
    const [projects, tasks] = [tab('Projects'), tab('Tasks')];
    fake.ui.answer('Day opportunities for autistic adults', 'Learning disabilities');
    click('startCommissioningProject');

    expect(tab('Projects')).toEqual([
      ...projects,
      [
        'P05',
        'Day opportunities for autistic adults',
        'Learning disabilities',
        'Planning',
        'Pre-initiation',
        '',
        '',
        '',
        '',
        londonDate(DEMO_TODAY),
        '',
        '',
        'Active',
      ],
    ]);
    expect(tab('Tasks')).toEqual([
      ...tasks,
      ...STANDARD_TASKS.map((task, index) => [
        `P05-T${String(index + 1).padStart(2, '0')}`,
        'P05',
        task.task,
        task.phase,
        task.responsible,
        '',
        '',
        'To do',
        '',
      ]),
    ]);
    expect(tab('Tasks')).toHaveLength(tasks.length + 17);
    expect(tab('Tasks').at(-1)?.slice(2, 5)).toEqual([
      'Hold "Lessons Learned" session',
      'Conclusion',
      'Board Members',
    ]);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain(
      'Added project P05, "Day opportunities for autistic adults", to the Projects tab',
    );
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('adds nothing when run twice for the same project', async () => {
    const { fake, click, state } = await session();
    fake.ui.answer('Day opportunities for autistic adults', 'Learning disabilities');
    click('startCommissioningProject');
    const once = state();
    fake.ui.answer('day opportunities for AUTISTIC adults ', '');
    click('startCommissioningProject');
    expect(state()).toEqual(once);
    expect(fake.ui.alerts.at(-1)?.prompt).toBe(
      '"Day opportunities for autistic adults" is already project P05 in the Projects tab (row 6), so no new project was added.\n\nIt already has every standard task in the Tasks tab.',
    );
  });

  it('dates the project by the day in London, not in UTC', async () => {
    const lateOnSummerEvening = new Date('2026-06-30T23:30:00Z'); // 00:30 on 1 July in London
    const { fake, click, tab } = await session(undefined, lateOnSummerEvening);
    fake.ui.answer('Summer project', '');
    click('startCommissioningProject');
    expect(tab('Projects').at(-1)?.[9]).toEqual(londonDate('2026-07-01'));
  });

  it('does nothing when the name is cancelled', async () => {
    const { fake, click, state } = await session();
    const before = state();
    fake.ui.answer('CANCEL');
    click('startCommissioningProject');
    expect(state()).toEqual(before);
    expect(fake.ui.alerts).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { PROJECT_PHASES } from '../schema/layout';
import type { Task } from '../schema/records';
import { STANDARD_TASKS, standardTasksFor } from '../schema/rules';

const asRows = (tasks: ReturnType<typeof standardTasksFor>, firstRow = 2): Task[] =>
  tasks.map((task, index) => ({ ...task, row: firstRow + index }));

describe('R14 standard tasks', () => {
  it('R14: the standard list has 17 tasks in phase order, in the terms of reference words', () => {
    expect(STANDARD_TASKS).toHaveLength(17);
    const phases = STANDARD_TASKS.map((task) => PROJECT_PHASES.indexOf(task.phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(STANDARD_TASKS[0]).toEqual({
      phase: 'Pre-initiation',
      task: 'Identify stakeholders who may wish to be involved in the task',
      responsible: 'Council Officer(s)',
    });
    expect(STANDARD_TASKS.find((task) => task.task === 'Follow-up on all actions')).toMatchObject({
      phase: 'During',
      responsible: 'Co-chairs at each meeting',
    });
    expect(STANDARD_TASKS.at(-1)?.task).toBe('Hold "Lessons Learned" session');
    expect(Object.isFrozen(STANDARD_TASKS)).toBe(true);
  });

  it('R14: a new project gets every standard task, To do, numbered from T01', () => {
    const tasks = standardTasksFor('P1', []);
    expect(tasks).toHaveLength(17);
    expect(tasks[0]).toEqual({
      id: 'P1-T01',
      projectId: 'P1',
      task: 'Identify stakeholders who may wish to be involved in the task',
      phase: 'Pre-initiation',
      responsible: 'Council Officer(s)',
      assignedToIds: [],
      dueDate: null,
      status: 'To do',
      doneOn: null,
    });
    expect(tasks.at(-1)?.id).toBe('P1-T17');
  });

  it('R14: running it twice adds nothing', () => {
    const first = asRows(standardTasksFor('P1', []));
    expect(standardTasksFor('P1', first)).toEqual([]);
  });

  it('R14: skips tasks the project already has (any case) and never reuses a task ID', () => {
    const existing: Task[] = [
      {
        row: 2,
        id: 'P1-T01',
        projectId: 'P1',
        task: 'Our own first task',
        phase: 'Pre-initiation',
        responsible: 'Board Members',
        assignedToIds: [],
        dueDate: null,
        status: 'To do',
        doneOn: null,
      },
      {
        row: 3,
        id: 'P1-T03',
        projectId: 'P1',
        task: '  agree communications   plan ',
        phase: 'Initiation',
        responsible: 'Board Members',
        assignedToIds: [],
        dueDate: null,
        status: 'Done',
        doneOn: '2024-01-10',
      },
    ];
    const tasks = standardTasksFor('P1', existing);
    expect(tasks).toHaveLength(16);
    expect(tasks.map((task) => task.task)).not.toContain('Agree Communications Plan');
    expect(tasks.slice(0, 3).map((task) => task.id)).toEqual(['P1-T02', 'P1-T04', 'P1-T05']);
    expect(new Set(tasks.map((task) => task.id)).size).toBe(16);
  });

  it('R14: another project’s tasks do not count as done for this one', () => {
    const other = asRows(standardTasksFor('P2', []));
    expect(standardTasksFor('P1', other)).toHaveLength(17);
  });
});

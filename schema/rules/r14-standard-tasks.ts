/**
 * R14: a new commissioning project gets the board's standard task list, by phase, with the
 * responsible party, in the words of the terms of reference ("Duties and Functions").
 */
import { taskIdAllocator } from '../ids';
import type { Task } from '../records';
import { textKey } from './wording';

export interface StandardTask {
  readonly phase: Task['phase'];
  readonly task: string;
  readonly responsible: string;
}

// The responsible parties as the terms of reference word them.
const OFFICERS = 'Council Officer(s)';
const BOARD = 'Board Members';

export const STANDARD_TASKS: readonly StandardTask[] = Object.freeze(
  (
    [
      ['Pre-initiation', 'Identify stakeholders who may wish to be involved in the task', OFFICERS],
      [
        'Pre-initiation',
        'Advertise the Activity on the Council website and Council intranet',
        OFFICERS,
      ],
      [
        'Pre-initiation',
        'Advertise the Activity via current self-advocacy and Carer groups',
        BOARD,
      ],
      ['Initiation', 'Agree tasks to be completed by the Board', BOARD],
      ['Initiation', 'Agree the work of the project and assign Board Members to it', BOARD],
      ['Initiation', 'Agree timescales and budget and other constraints', BOARD],
      ['Initiation', 'Agree Communications Plan', BOARD],
      [
        'During',
        'Minute all meetings and record actions',
        'Co-Production Board members (nominated minute-taker each meeting)',
      ],
      [
        'During',
        'Undertake tasks related to action between meetings',
        'Board members (assigned to specific tasks)',
      ],
      ['During', 'Read and engage with materials shared between meetings', BOARD],
      ['During', 'Follow-up on all actions', 'Co-chairs at each meeting'],
      [
        'During',
        'Agree what will be implemented through contract monitoring / quality assurance',
        BOARD,
      ],
      ['During', 'Complete all agreed work for the Project', BOARD],
      [
        'After completion',
        'Provide information to Joint Partnership Board for their annual report to ASC&H Scrutiny Panel',
        BOARD,
      ],
      [
        'Conclusion',
        'Agree transfer of work product to regular team to continue implementation',
        BOARD,
      ],
      [
        'Conclusion',
        'Implement any Contract Monitoring / Quality Assurance arrangements with the Council',
        'Council employees on the Board',
      ],
      ['Conclusion', 'Hold "Lessons Learned" session', BOARD],
    ] as const
  ).map(([phase, task, responsible]) => Object.freeze({ phase, task, responsible })),
);

/** A row for the Tasks tab, before it has a sheet row number. */
export type NewTask = Omit<Task, 'row'>;

/**
 * The standard tasks a project still lacks, as new Tasks rows (`<project>-T01`, ...). A task
 * whose wording the project already has is skipped, so running this twice adds nothing, and
 * an ID already used anywhere in the Tasks tab is never reused (IDs are unique per tab).
 */
export function standardTasksFor(
  projectId: string,
  existingTasks: readonly Pick<Task, 'id' | 'projectId' | 'task'>[],
): NewTask[] {
  const project = textKey(projectId);
  const have = new Set(
    existingTasks
      .filter((task) => textKey(task.projectId) === project)
      .map((task) => textKey(task.task)),
  );
  const nextId = taskIdAllocator(
    projectId,
    existingTasks.map((task) => task.id),
  );
  return STANDARD_TASKS.filter((standard) => !have.has(textKey(standard.task))).map((standard) => ({
    id: nextId(),
    projectId,
    task: standard.task,
    phase: standard.phase,
    responsible: standard.responsible,
    assignedToIds: [],
    dueDate: null,
    status: 'To do',
    doneOn: null,
  }));
}

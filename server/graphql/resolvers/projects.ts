import { PROJECT_PHASES } from '../../../schema/layout';
import { partnerProjectPeople } from '../../../schema/partner-figures';
import { projectConstituencies } from '../../../schema/project-constituencies';
import type { Task } from '../../../schema/records';
import { requireTab } from '../access';
import type { BoardContext } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { memberById, membersByIds } from './members';

/** The project's tasks by phase, then ID: the snapshot keeps them in that order. */
function tasksOf(context: BoardContext, projectId: string): Task[] {
  requireTab(context, 'Tasks');
  return [...(context.snapshot.tasksByProject.get(projectId) ?? [])];
}

export const projectResolvers: Resolvers['Project'] = {
  lead: (project, _args, context) => memberById(context, project.leadId),
  members: (project, _args, context) => membersByIds(context, project.memberIds),
  // Partners get the packs' figures (one fact, one answer): through the smallest-group rule.
  membersByConstituency: (project, _args, context) =>
    context.role === 'OFFICER'
      ? projectConstituencies(project, context.snapshot.memberById)
      : [...partnerProjectPeople(context.snapshot, project).byConstituency],
  tasks: (project, _args, context) => tasksOf(context, project.id),
  tasksByPhase: (project, _args, context) => {
    const tasks = tasksOf(context, project.id);
    return PROJECT_PHASES.map((phase) => ({
      phase,
      tasks: tasks.filter((task) => task.phase === phase),
    }));
  },
  progress: (project, _args, context) => {
    const tasks = tasksOf(context, project.id);
    const done = tasks.filter((task) => task.status === 'Done').length;
    const notNeeded = tasks.filter((task) => task.status === 'Not needed').length;
    const needed = tasks.length - notNeeded;
    return {
      done,
      notNeeded,
      toDo: needed - done,
      total: tasks.length,
      percentDone: needed === 0 ? 0 : Math.round((done / needed) * 100),
    };
  },
  actions: (project, _args, context) => {
    requireTab(context, 'Actions');
    // In ID order, as the snapshot keeps them.
    return [...(context.snapshot.actionsByProject.get(project.id) ?? [])];
  },
};

export const taskResolvers: Resolvers['Task'] = {
  assignedTo: (task, _args, context) => membersByIds(context, task.assignedToIds),
};

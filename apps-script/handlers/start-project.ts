/**
 * "Start commissioning project": asks for the project's name and service area, adds the
 * Projects row (Planning, Pre-initiation, Active) and the R14 standard task list with the
 * responsible party. A project of the same name is reused and only its missing standard tasks
 * are added, so running it twice adds nothing.
 */
import { newProjectId } from '../../schema/ids';
import { standardTasksFor } from '../../schema/rules';
import { textKey } from '../../schema/rules/wording';
import { withDocumentLock } from '../lock';
import type { MenuContext } from '../menu-context';
import { appendRows, BoardWorkbook, requireUsable, rowByKey, type TabData } from '../sheet-io';

export function startCommissioningProject(context: MenuContext): void {
  const { ui } = context;
  const name = ask(context, 'Name of the new commissioning project:');
  if (!name) return;
  const serviceArea = ask(
    context,
    `Service area of "${name}" (for example Dementia or Learning disabilities), or leave blank:`,
    true,
  );
  if (serviceArea === null) return;

  const message = withDocumentLock(() => {
    const workbook = new BoardWorkbook(context.spreadsheet);
    const board = workbook.readBoard(['Settings', 'Members', 'Projects', 'Tasks']);
    const projectsTab = requireUsable(board, 'Projects');
    const tasksTab = requireUsable(board, 'Tasks');
    const { snapshot } = board;
    const existing = snapshot.projects.find((project) => textKey(project.name) === textKey(name));
    const projectId =
      existing?.id ??
      newProjectId(idsInColumn(projectsTab, snapshot.columnIndex.get('Projects'), 'id'));

    if (!existing) {
      appendRows(projectsTab, [
        rowByKey(snapshot.columnIndex.get('Projects'), {
          id: projectId,
          name,
          serviceArea: serviceArea || null,
          stage: 'Planning',
          phase: 'Pre-initiation',
          start: workbook.dates.dateCell(context.today),
          status: 'Active',
        }),
      ]);
    }
    const taskColumns = snapshot.columnIndex.get('Tasks');
    const tasks = standardTasksFor(projectId, existingTasks(tasksTab, taskColumns));
    const first = appendRows(
      tasksTab,
      tasks.map((task) =>
        rowByKey(taskColumns, {
          id: task.id,
          projectId: task.projectId,
          task: task.task,
          phase: task.phase,
          responsible: task.responsible,
          status: task.status,
        }),
      ),
    );
    const project = existing
      ? `"${existing.name}" is already project ${projectId} in the Projects tab (row ${existing.row}), so no new project was added.`
      : `Added project ${projectId}, "${name}", to the Projects tab: stage Planning, phase Pre-initiation.`;
    const taskWords =
      tasks.length === 0
        ? 'It already has every standard task in the Tasks tab.'
        : `Added ${tasks.length} standard tasks to the Tasks tab (rows ${first} to ${first + tasks.length - 1}), by phase, each with who is responsible. Assign board members and due dates there.`;
    return `${project}\n\n${taskWords}`;
  });
  ui.alert(context.title, message, ui.ButtonSet.OK);
}

/** The typed answer, trimmed; null when cancelled (or blank when a blank is not allowed). */
function ask(context: MenuContext, question: string, blankAllowed = false): string | null {
  const { ui } = context;
  const response = ui.prompt(context.title, question, ui.ButtonSet.OK_CANCEL);
  if (response.getSelectedButton() !== ui.Button.OK) return null;
  const answer = response.getResponseText().trim();
  return answer || blankAllowed ? answer : null;
}

/** Every non-blank value of a column as text, from the cells (rows the parser left out too). */
function idsInColumn(
  tab: TabData,
  columns: ReadonlyMap<string, number> | undefined,
  key: string,
): string[] {
  const index = columns?.get(key);
  if (index === undefined) return [];
  return tab.grid
    .map((row) => row[index])
    .filter((cell) => cell !== null && cell !== undefined)
    .map((cell) => String(cell).trim());
}

function existingTasks(tab: TabData, columns: ReadonlyMap<string, number> | undefined) {
  const cell = (row: readonly unknown[], key: string) => {
    const index = columns?.get(key);
    const value = index === undefined ? null : row[index];
    return value === null || value === undefined ? '' : String(value);
  };
  return tab.grid.map((row) => ({
    id: cell(row, 'id'),
    projectId: cell(row, 'projectId'),
    task: cell(row, 'task'),
  }));
}

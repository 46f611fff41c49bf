/**
 * `GET /reports/actions.csv[?status=OPEN,IN_PROGRESS&projectId=&ownerId=&overdue=1|overdueOn=]`:
 * the action log for a spreadsheet, from `Query.actions` page by page as the asker, so owners
 * read as the API names them to that asker (a partner sees a member who has not agreed to be
 * named as their role) and the filters mean what the API's arguments mean.
 */
import { type IsoDate, isIsoDate } from '../../schema/dates';
import { enumValueName, GRAPHQL_ENUMS } from '../../schema/graphql/enums';
import { ACTIONS_QUERY, type ActionRow, type ActionsPage, type PageQuery } from '../pages/data';
import { sheetValue } from '../pages/labels';
import { type CsvValue, csvDocument } from './csv';

export const ACTIONS_CSV_HEADER = [
  'Action ID',
  'Meeting',
  'Meeting date',
  'Project',
  'Action',
  'Owners',
  'Due date',
  'Status',
  'Overdue',
  'Last followed up',
  'Follow-up note',
  'Completed on',
] as const;

export interface ActionFilters {
  readonly status?: string[];
  readonly ownerId?: string;
  readonly projectId?: string;
  readonly overdueOn?: IsoDate;
}

const STATUS_NAMES = GRAPHQL_ENUMS.ActionStatus.map(enumValueName);

/** The filters a request asks for, or what is wrong with them. */
export function actionFilters(
  params: URLSearchParams,
  today: IsoDate,
): { filters: ActionFilters } | { error: string } {
  const statuses = params
    .getAll('status')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  const names = statuses.map(enumValueName);
  const unknown = statuses.filter((_value, index) => !STATUS_NAMES.includes(names[index] ?? ''));
  if (unknown.length > 0) {
    return {
      error: `There is no action status “${unknown[0]}”: use ${STATUS_NAMES.join(', ')} (several separated by commas).`,
    };
  }
  const overdueOn = params.get('overdueOn')?.trim() || null;
  if (overdueOn !== null && !isIsoDate(overdueOn)) {
    return { error: `overdueOn “${overdueOn}” is not a date: write it as yyyy-mm-dd.` };
  }
  const overdueToday = ['1', 'true', 'yes'].includes((params.get('overdue') ?? '').toLowerCase());
  const ownerId = params.get('ownerId')?.trim();
  const projectId = params.get('projectId')?.trim();
  return {
    filters: {
      ...(names.length > 0 ? { status: [...new Set(names)] } : {}),
      ...(ownerId ? { ownerId } : {}),
      ...(projectId ? { projectId } : {}),
      ...(overdueOn !== null ? { overdueOn } : overdueToday ? { overdueOn: today } : {}),
    },
  };
}

/** Every action the filters let through, in the API's order (by ID). */
export async function actionRows(query: PageQuery, filters: ActionFilters): Promise<ActionRow[]> {
  const rows: ActionRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ActionsPage = await query<ActionsPage>(ACTIONS_QUERY, { ...filters, after });
    rows.push(...page.actions.edges.map((edge) => edge.node));
    if (!page.actions.pageInfo.hasNextPage || page.actions.pageInfo.endCursor === null) break;
    after = page.actions.pageInfo.endCursor;
  }
  return rows;
}

export function actionsCsv(rows: readonly ActionRow[]): string {
  return csvDocument(
    ACTIONS_CSV_HEADER,
    rows.map((action): CsvValue[] => [
      action.id,
      action.meeting?.id ?? null,
      action.meeting?.date ?? null,
      action.project?.name ?? null,
      action.description,
      action.owners.map((owner) => owner.name).join('; '),
      action.dueDate,
      sheetValue('ActionStatus', action.status),
      action.overdue,
      action.lastFollowedUp,
      action.followUpNote,
      action.completedOn,
    ]),
  );
}

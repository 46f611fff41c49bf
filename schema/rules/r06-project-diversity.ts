/**
 * R6, the balance rule, extended to projects (diversity of projects, a principle of the terms
 * of reference): the voice of the resident is represented in the board's work as well as at
 * its table, so every Active or Monitoring project has at least one resident who uses services
 * among its lead and members. A warning, as R6's own imbalance is: the co-chairs fix it by
 * inviting a resident to join the project.
 */
import type { IsoDate } from '../dates';
import { hasResidentMember, projectConstituencies, projectPeople } from '../project-constituencies';
import { type BoardSnapshot, lacksColumn } from '../snapshot';
import { PROJECTS_TAB } from '../tabs';
import { cannotJudge, type Finding } from './finding';
import { listInWords } from './wording';

const RUNNING: readonly string[] = ['Active', 'Monitoring'];

export function checkProjectDiversity(snapshot: BoardSnapshot, _today: IsoDate): Finding[] {
  if (lacksColumn(snapshot, PROJECTS_TAB, 'memberIds')) {
    return [cannotJudge('R6', PROJECTS_TAB, 'memberIds')];
  }
  const { memberById } = snapshot;
  return snapshot.projects
    .filter((project) => RUNNING.includes(project.status))
    .filter((project) => !hasResidentMember(project, memberById))
    .map((project): Finding => {
      const counts = projectConstituencies(project, memberById);
      const people =
        counts.length === 0
          ? 'it has no lead or members on the roster'
          : `its lead and members are ${listInWords(counts.map(({ constituency, members }) => `${constituency} ${members}`))}`;
      return {
        rule: 'R6',
        severity: 'warning',
        message: `Project ${project.name} (${project.id}) is ${project.status} but no resident who uses services works on it (${people}): invite a resident member to join, so that the voice of the resident is heard in the project.`,
        memberIds: projectPeople(project, memberById).map((member) => member.id),
        cells: [{ tab: 'Projects', row: project.row, key: 'memberIds' }],
      };
    });
}

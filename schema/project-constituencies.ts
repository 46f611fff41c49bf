/**
 * Diversity of projects (a principle of the terms of reference): who works on each project, by
 * constituency. A project's people are its lead and its members, each counted once; IDs not on
 * the roster are left out (they are data issues already). `Project` in the API, the packs'
 * project updates and the finding for a project with no resident all read it from here.
 */
import type { Member, Project } from './records';
import { CONSTITUENCIES } from './values';

export type Constituency = (typeof CONSTITUENCIES)[number];

export interface ConstituencyCount {
  readonly constituency: Constituency;
  /** People on the project from this constituency (at least 1: empty ones are left out). */
  readonly members: number;
}

/** The project's lead and members who are on the roster, each once, lead first. */
export function projectPeople(
  project: Pick<Project, 'leadId' | 'memberIds'>,
  memberById: ReadonlyMap<string, Member>,
): Member[] {
  const ids = [...(project.leadId === null ? [] : [project.leadId]), ...project.memberIds];
  const people: Member[] = [];
  for (const id of new Set(ids)) {
    const member = memberById.get(id);
    if (member) people.push(member);
  }
  return people;
}

/** The project's people counted by constituency, in the sheet's constituency order. */
export function projectConstituencies(
  project: Pick<Project, 'leadId' | 'memberIds'>,
  memberById: ReadonlyMap<string, Member>,
): ConstituencyCount[] {
  const people = projectPeople(project, memberById);
  return CONSTITUENCIES.flatMap((constituency) => {
    const members = people.filter((person) => person.constituency === constituency).length;
    return members === 0 ? [] : [{ constituency, members }];
  });
}

/** True when a resident who uses services works on the project. */
export function hasResidentMember(
  project: Pick<Project, 'leadId' | 'memberIds'>,
  memberById: ReadonlyMap<string, Member>,
): boolean {
  return projectPeople(project, memberById).some((person) => person.constituency === 'Resident');
}

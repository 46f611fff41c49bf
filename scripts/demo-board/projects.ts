/** Co-production projects and their standard tasks. */
import { addDays, daysBetween, type IsoDate } from '../../schema/dates';
import { PROJECT_PHASES } from '../../schema/layout';
import { standardTasksFor } from '../../schema/rules';
import type { Chance } from './chance';
import type { DemoMember } from './member';
import { coChairsOn, MEMBERS } from './members';
import type { RecordValues } from './values';

// ---------------------------------------------------------------------------------------------
// Projects and tasks

export interface DemoProject {
  readonly id: string;
  readonly name: string;
  readonly serviceArea: string;
  readonly stage: string;
  readonly phase: (typeof PROJECT_PHASES)[number];
  readonly activities: readonly string[];
  readonly objectives: string;
  readonly leadId: string;
  readonly memberIds: readonly string[];
  readonly start: IsoDate;
  readonly end: IsoDate | null;
  readonly budget: number | null;
  readonly status: 'Active' | 'Monitoring' | 'Closed';
  /** When each phase began, up to the current one. */
  readonly phaseStarts: readonly IsoDate[];
}

export const PROJECTS: readonly DemoProject[] = [
  {
    id: 'P01',
    name: 'Mental health floating support',
    serviceArea: 'Mental health',
    stage: 'Reviewing',
    phase: 'Conclusion',
    activities: ['Co-design', 'Co-evaluation'],
    objectives:
      'Redesign floating support for adults with mental health needs with the people who use it, then review the first year of the new contract.',
    leadId: 'M04',
    memberIds: ['M05', 'M10', 'M14'],
    start: '2024-02-28',
    end: '2026-12-31',
    budget: 320000,
    status: 'Monitoring',
    phaseStarts: ['2024-02-28', '2024-04-24', '2024-07-31', '2026-01-28', '2026-04-29'],
  },
  {
    id: 'P02',
    name: 'Dementia day opportunities',
    serviceArea: 'Dementia',
    stage: 'Implementing',
    phase: 'During',
    activities: ['Co-design', 'Co-delivery'],
    objectives:
      'Co-design day opportunities for people living with dementia and their carers, and help the new provider put them in place.',
    leadId: 'M18',
    memberIds: ['M08', 'M10', 'M11', 'M15'],
    start: '2025-06-25',
    end: '2027-03-31',
    budget: 450000,
    status: 'Active',
    phaseStarts: ['2025-06-25', '2025-08-27', '2025-11-26'],
  },
  {
    id: 'P03',
    name: 'Supported living for adults with learning disabilities',
    serviceArea: 'Learning disabilities',
    stage: 'Purchasing',
    phase: 'Initiation',
    activities: ['Co-planning', 'Co-design'],
    objectives:
      'Plan and buy a supported living framework with self-advocates on the evaluation panel, and an easy read tender summary.',
    leadId: 'M04',
    // Officers, a provider and Disability Action Haringey, but no resident yet, although the
    // objectives promise self-advocates on the panel (deliberate R6 warning for projects).
    memberIds: ['M05', 'M07', 'M13', 'M17'],
    start: '2026-04-29',
    end: '2027-09-30',
    budget: 1200000,
    status: 'Active',
    phaseStarts: ['2026-04-29', '2026-07-29'],
  },
  {
    id: 'P04',
    name: "Carers' short breaks",
    serviceArea: 'Carers',
    stage: 'Planning',
    phase: 'Pre-initiation',
    activities: ['Co-planning'],
    objectives:
      'Find out from unpaid carers what short breaks they need before anything is commissioned.',
    leadId: 'M15',
    memberIds: ['M06', 'M08', 'M20'],
    start: '2026-09-30',
    end: null,
    budget: null,
    status: 'Active',
    phaseStarts: ['2026-09-30'],
  },
];

export function projectRecords(): RecordValues[] {
  return PROJECTS.map(({ phaseStarts: _phaseStarts, ...project }) => project);
}

export function taskRecords(asOf: IsoDate, chance: Chance): RecordValues[] {
  const records: RecordValues[] = [];
  for (const project of PROJECTS) {
    const current = PROJECT_PHASES.indexOf(project.phase);
    const standard = standardTasksFor(project.id, []);
    const lead = MEMBERS.find((member) => member.id === project.leadId) as DemoMember;
    const officer = lead.constituency === 'Council' ? lead.id : 'M04';
    for (const task of standard) {
      const phase = PROJECT_PHASES.indexOf(task.phase);
      const phaseStart = project.phaseStarts[phase];
      const nextStart = project.phaseStarts[phase + 1];
      const inPhase = standard.filter((other) => other.phase === task.phase);
      const position = inPhase.indexOf(task);
      const assignedTo = /co-chair/i.test(task.responsible)
        ? coChairsOn(phaseStart && phaseStart < asOf ? phaseStart : asOf).map((member) => member.id)
        : /minute-taker/i.test(task.responsible)
          ? []
          : /council/i.test(task.responsible)
            ? [officer]
            : chance.sample(project.memberIds, chance.int(1, 2));
      let status = 'To do';
      let doneOn: IsoDate | null = null;
      let dueDate: IsoDate | null = null;
      if (phaseStart !== undefined) {
        const span = nextStart ? daysBetween(phaseStart, nextStart) : 56;
        const step = Math.max(1, Math.floor(span / (inPhase.length + 1)));
        dueDate = addDays(phaseStart, step * (position + 1));
        // Earlier phases are finished; the current one is about half way through.
        const finished = phase < current || position < Math.floor(inPhase.length / 2);
        if (finished) {
          status = 'Done';
          const done = addDays(dueDate, -chance.int(0, Math.min(6, step - 1)));
          doneOn = done < asOf ? done : addDays(asOf, -1);
        } else if (dueDate <= asOf) {
          dueDate = addDays(asOf, 14 + 7 * position);
        }
      }
      records.push({
        id: task.id,
        projectId: project.id,
        task: task.task,
        phase: task.phase,
        responsible: task.responsible,
        assignedToIds: phase <= current ? assignedTo : [],
        dueDate,
        status,
        doneOn,
      });
    }
  }
  return records;
}

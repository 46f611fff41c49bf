/**
 * Plain words for the easy-read pack: what the sheet's values mean, said simply. Kept apart
 * from the layout so that whoever reviews the wording with easy-read readers finds it in one place.
 */
import type { Action, Meeting, Project } from '../records';
import type { ChartWords } from './chart';

export const EASY_READ_CHART: ChartWords = {
  title: 'Things from earlier meetings, and how they are going',
  label: (status) =>
    ({ Open: 'Not started', 'In progress': 'Being done', Done: 'Done', Dropped: 'Stopped' })[
      status
    ] ?? status,
};

export const STATUS_WORDS: Readonly<Record<Action['status'], string>> = {
  Open: 'not started yet',
  'In progress': 'being done now',
  Done: 'done',
  Dropped: 'stopped',
};
export const HOW_WE_MET: Readonly<Record<NonNullable<Meeting['format']>, readonly string[]>> = {
  'In person': ['We met in person.'],
  Online: ['We met online, on a video call.'],
  Hybrid: ['Some people met in the room.', 'Other people joined online.'],
};
export const GROUPS: Readonly<Record<string, string>> = {
  Resident: 'Residents',
  Provider: 'Service providers',
  Staff: 'Health and care staff',
  Council: 'Council',
  Other: 'Other groups',
};
export const STAGES: Readonly<Record<Project['stage'], string>> = {
  Planning: 'This means working out what people need.',
  Purchasing: 'This means choosing who will run the service.',
  Implementing: 'This means starting the new service.',
  Reviewing: 'This means checking how the service is going.',
  Decommissioning: 'This means closing the service.',
};
export const PHASES: Readonly<Record<Project['phase'], string>> = {
  'Pre-initiation': 'We are getting ready to start.',
  Initiation: 'We are starting the project.',
  During: 'We are doing the work.',
  'After completion': 'The work is finished.',
  Conclusion: 'We are closing the project.',
};

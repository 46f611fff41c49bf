/**
 * The easy-read pack: the same facts in short sentences, one idea each, in plain words, with
 * lists instead of tables. The words are built once as a small document model here and then
 * laid out as HTML (large type) or as plain text by `easy-read-render.ts`.
 */
import { formatLongDate } from '../dates';
import { count, listInWords } from '../rules/wording';
import type { PackAction, PackContent } from './content';
import { GROUPS, HOW_WE_MET, PHASES, STAGES, STATUS_WORDS } from './easy-read-words';
import { safeHref } from './escape';
import { AUDIENCE_NAMES, dayMonthYear, sentence } from './wording';

export type EasyBlock =
  | { readonly kind: 'p'; readonly text: string }
  /** Each item is a few short sentences about one thing. */
  | { readonly kind: 'list'; readonly items: readonly (readonly string[])[] }
  | { readonly kind: 'link'; readonly text: string; readonly href: string }
  | { readonly kind: 'chart' };

export interface EasySection {
  readonly heading: string;
  readonly level: 2 | 3;
  readonly blocks: readonly EasyBlock[];
}

export interface EasyReadDocument {
  readonly title: string;
  readonly intro: readonly EasyBlock[];
  readonly sections: readonly EasySection[];
  readonly footer: readonly string[];
}

const p = (text: string): EasyBlock => ({ kind: 'p', text });
/** A list, or the `none` sentence (if any) when there is nothing to list. */
const list = (items: readonly (readonly string[])[], none?: string): EasyBlock[] =>
  items.length > 0 ? [{ kind: 'list', items }] : none === undefined ? [] : [p(none)];
/** "from 2pm to 4pm", or "at 2pm" when the length is not known. */
const fromTo = (time: string) => (time.includes(' to ') ? `from ${time}` : `at ${time}`);

export function easyReadDocument(content: PackContent): EasyReadDocument {
  return {
    title: `Easy read: our meeting on ${dayMonthYear(content.meeting.date)}`,
    intro: [
      p(`This report is for ${AUDIENCE_NAMES[content.audience]}.`),
      p('It tells you what the board agreed to do.'),
      p('It also tells you about things we agreed before.'),
    ],
    sections: [
      aboutTheMeeting(content),
      whoCame(content),
      whatWeAgreed(content),
      ...earlierThings(content),
      ...ourProjects(content),
      ourNextMeeting(content),
    ],
    footer: [
      "This report was made from the board's spreadsheet.",
      `Meeting number: ${content.meeting.id}.`,
    ],
  };
}

function section(heading: string, blocks: readonly EasyBlock[], level: 2 | 3 = 2): EasySection {
  return { heading, level, blocks };
}

/** The sentence for a value the sheet may leave blank: none at all when it is blank. */
function when<T>(value: T | null, say: (value: T) => string): EasyBlock[] {
  return value === null ? [] : [p(say(value))];
}

function aboutTheMeeting({ meeting }: PackContent): EasySection {
  const link = meeting.minutesLink === null ? null : safeHref(meeting.minutesLink);
  return section('About the meeting', [
    p(`We met on ${formatLongDate(meeting.date)}.`),
    ...when(meeting.time, (time) => `The meeting was ${fromTo(time)}.`),
    ...(meeting.format === null ? [] : HOW_WE_MET[meeting.format].map(p)),
    ...when(meeting.venue, (venue) => `We met at ${sentence(venue)}`),
    ...(meeting.topics.length === 0 ? [] : [p(`We talked about ${listInWords(meeting.topics)}.`)]),
    ...meeting.chairs.map((chair) => p(`${chair} led the meeting.`)),
    p(
      meeting.minuteTaker === null
        ? 'We do not know who wrote the notes.'
        : `${meeting.minuteTaker} wrote the notes of the meeting.`,
    ),
    ...(link === null
      ? []
      : [{ kind: 'link', text: 'Read the notes of the meeting', href: link } as const]),
  ]);
}

function whoCame({ attendance }: PackContent): EasySection {
  const people = (n: number) => count(n, 'person', 'people');
  const others = (n: number) => count(n, 'other person', 'other people');
  /** "5 people came.", or that we do not say, when the number could show who someone is. */
  const howMany = (n: number | null, did: string, notSaid: string) =>
    p(n === null ? notSaid : `${people(n)} ${did}.`);
  // With nobody named, the number not named is the total, which is said already.
  const notNamed = (n: number | null, names: readonly string[], did: string, notSaid: string) => {
    if (n === 0 || names.length === 0) return [];
    return [p(n === null ? notSaid : `${others(n)} ${did} too.`)];
  };
  const withheld = [
    attendance.present,
    attendance.apologies,
    attendance.absent,
    ...attendance.byConstituency.map((row) => row.present),
  ].includes(null);
  return section('Who came', [
    howMany(attendance.present, 'came', 'We do not say how many people came.'),
    howMany(
      attendance.apologies,
      'could not come and told us',
      'We do not say how many people could not come and told us.',
    ),
    howMany(attendance.absent, 'did not come', 'We do not say how many people did not come.'),
    p("We only use people's names if they said yes."),
    p('We count the other people. We do not say who they are.'),
    ...(attendance.presentNames.length === 0 ? [] : [p('These people came:')]),
    ...list(attendance.presentNames.map((name) => [name])),
    ...notNamed(
      attendance.presentNotNamed,
      attendance.presentNames,
      'came',
      'We do not say how many other people came.',
    ),
    ...(attendance.apologiesNames.length === 0 ? [] : [p('These people could not come:')]),
    ...list(attendance.apologiesNames.map((name) => [name])),
    ...notNamed(
      attendance.apologiesNotNamed,
      attendance.apologiesNames,
      'could not come',
      'We do not say how many other people could not come.',
    ),
    p('Where the people who came are from:'),
    ...list(
      attendance.byConstituency
        .filter((row) => row.present !== 0)
        .map((row) => [
          `${GROUPS[row.constituency]}: ${row.present === null ? 'we do not say how many' : people(row.present)}.`,
        ]),
      'Nobody.',
    ),
    ...(withheld ? [p('We do not say a number if it could show who someone is.')] : []),
  ]);
}

function whatWeAgreed({ agreed }: PackContent): EasySection {
  return section('What we agreed to do', [
    p(
      agreed.length === 0
        ? 'We did not agree anything new.'
        : `We agreed to do ${count(agreed.length, 'thing')}.`,
    ),
    ...list(agreed.map((action) => [...whatAndWho(action), dueSentence(action)])),
  ]);
}

function earlierThings({ followUp }: PackContent): EasySection[] {
  const checked = followUp.statusCounts.reduce((sum, status) => sum + status.count, 0);
  return [
    section('Things from earlier meetings', [
      p(`We checked ${count(checked, 'thing')} from earlier meetings.`),
      { kind: 'chart' },
      ...followUp.statusCounts.map(({ status, count: n }) =>
        p(`${count(n, 'thing is', 'things are')} ${STATUS_WORDS[status]}.`),
      ),
    ]),
    section(
      'Late',
      [
        p('These things should have been done by now.'),
        ...list(
          followUp.overdue.map((action) => [
            ...whatAndWho(action),
            `It is ${count(action.daysOverdue ?? 0, 'day')} late.`,
          ]),
          'Nothing is late.',
        ),
      ],
      3,
    ),
    section(
      'Still to do',
      list(
        followUp.open.map((action) => [...whatAndWho(action), dueSentence(action)]),
        'There is nothing else still to do.',
      ),
      3,
    ),
    section(
      'Done since the last meeting',
      list(
        followUp.done.map((action) => [
          sentence(action.description),
          ...(action.closedOn === null ? [] : [`It was done on ${dayMonthYear(action.closedOn)}.`]),
        ]),
        'Nothing.',
      ),
      3,
    ),
    section(
      'Stopped since the last meeting',
      [
        p('We decided to stop doing these things.'),
        ...list(
          followUp.dropped.map((action) => [sentence(action.description)]),
          'Nothing.',
        ),
      ],
      3,
    ),
  ];
}

function ourProjects({ projects }: PackContent): EasySection[] {
  const jobs = (n: number) => count(n, 'job is', 'jobs are');
  return [
    section('Our projects', projects.length === 0 ? [p('We have no projects at the moment.')] : []),
    ...projects.map((project) =>
      section(
        project.name,
        [
          ...when(project.serviceArea, (area) => `This project is about ${sentence(area)}`),
          p(`The project is at the ${project.stage} stage.`),
          p(STAGES[project.stage]),
          p(PHASES[project.phase]),
          p(`${jobs(project.tasksDone)} done.`),
          p(`${jobs(project.tasksToDo)} still to do.`),
          ...(project.nextTasks.length === 0 ? [] : [p('The next jobs are:')]),
          ...list(
            project.nextTasks.map((task) => [
              sentence(task.task),
              `Who: ${sentence(task.responsible)}`,
            ]),
          ),
        ],
        3,
      ),
    ),
  ];
}

function ourNextMeeting({ nextMeeting }: PackContent): EasySection {
  return section('Our next meeting', [
    p(`Our next meeting is on ${formatLongDate(nextMeeting.date)}.`),
    ...when(nextMeeting.time, (time) => `It is ${fromTo(time)}.`),
    ...when(nextMeeting.venue, (venue) => `It is at ${sentence(venue)}`),
    ...(nextMeeting.topics.length === 0
      ? []
      : [p(`We will talk about ${listInWords(nextMeeting.topics)}.`)]),
  ]);
}

function whatAndWho(action: PackAction): string[] {
  return [
    sentence(action.description),
    action.owners.length === 0
      ? 'Nobody has been asked to do this yet.'
      : `Who: ${listInWords(action.owners)}.`,
  ];
}

function dueSentence(action: PackAction): string {
  return action.dueDate === null
    ? 'There is no date for this yet.'
    : `Do it by ${formatLongDate(action.dueDate)}.`;
}

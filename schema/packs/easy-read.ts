/**
 * The easy-read pack: the same facts in short sentences, one idea each, in plain words, with
 * lists instead of tables, and a picture beside each key sentence (`pictures.ts`), as the
 * easy-read guidance (Mencap; Inclusion Europe's "Information for all") asks. The board's own
 * words are explained at the end when the pack uses them (`glossary.ts`). The words are built
 * once as a small document model here and then laid out as HTML (large type) or as plain text
 * by `easy-read-render.ts`.
 */
import { formatLongDate } from '../dates';
import { count, listInWords } from '../rules/wording';
import type { PackAction, PackContent, PackFeedbackItem } from './content';
import { GROUPS, HOW_WE_MET, PHASES, STAGES, STATUS_WORDS } from './easy-read-words';
import { safeHref } from './escape';
import { glossaryFor } from './glossary';
import { PICTURE_CREDIT, type PictureName } from './pictures';
import { AUDIENCE_NAMES, dayMonthYear, sentence } from './wording';

/** A sentence, with the picture that goes beside it when it is a key sentence. */
export type EasySentence = string | { readonly text: string; readonly picture: PictureName };

export type EasyBlock =
  | { readonly kind: 'p'; readonly text: string; readonly picture?: PictureName }
  /** Each item is a few short sentences about one thing. */
  | { readonly kind: 'list'; readonly items: readonly (readonly EasySentence[])[] }
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
  readonly footer: readonly EasyBlock[];
}

const p = (text: string, picture?: PictureName): EasyBlock =>
  picture === undefined ? { kind: 'p', text } : { kind: 'p', text, picture };
/** A list, or the `none` sentence (if any) when there is nothing to list. */
const list = (
  items: readonly (readonly EasySentence[])[],
  none?: string,
  nonePicture?: PictureName,
): EasyBlock[] =>
  items.length > 0 ? [{ kind: 'list', items }] : none === undefined ? [] : [p(none, nonePicture)];
/** "from 2pm to 4pm", or "at 2pm" when the length is not known. */
const fromTo = (time: string) => (time.includes(' to ') ? `from ${time}` : `at ${time}`);

export function easyReadDocument(content: PackContent): EasyReadDocument {
  const intro = [
    p(`This report is for ${AUDIENCE_NAMES[content.audience]}.`, 'report'),
    p('It tells you what the board agreed to do.'),
    p('It also tells you about things we agreed before.'),
  ];
  const sections = [
    aboutTheMeeting(content),
    whoCame(content),
    whatWeAgreed(content),
    ...earlierThings(content),
    ...ourProjects(content),
    youSaidWeDid(content),
    ourNextMeeting(content),
  ];
  const words = wordsWeUse([content.boardName, ...documentTexts(intro, sections)]);
  return {
    title: `Easy read: our meeting on ${dayMonthYear(content.meeting.date)}`,
    intro,
    sections: words === null ? sections : [...sections, words],
    footer: [
      p("This report was made from the board's spreadsheet."),
      p(`Meeting number: ${content.meeting.id}.`),
      ...(content.easyReadCheckedBy === null
        ? []
        : [p(`This easy read was checked by ${sentence(content.easyReadCheckedBy)}`, 'leader')]),
      p(PICTURE_CREDIT),
    ],
  };
}

/** Every sentence of the document, to find the board's words it uses. */
export function documentTexts(
  intro: readonly EasyBlock[],
  sections: readonly EasySection[],
): string[] {
  const texts = (block: EasyBlock): string[] => {
    switch (block.kind) {
      case 'p':
      case 'link':
        return [block.text];
      case 'list':
        return block.items.flatMap((item) => item.map(sentenceText));
      case 'chart':
        return [];
    }
  };
  return [
    ...intro.flatMap(texts),
    ...sections.flatMap((section) => [section.heading, ...section.blocks.flatMap(texts)]),
  ];
}

export function sentenceText(item: EasySentence): string {
  return typeof item === 'string' ? item : item.text;
}

/** The board's words this pack uses, each said simply; null when it uses none. */
function wordsWeUse(texts: readonly string[]): EasySection | null {
  const entries = glossaryFor(texts);
  if (entries.length === 0) return null;
  return section('Words we use', [
    p('Some words in this report are hard.', 'words'),
    p('This is what they mean.'),
    ...list(entries.map((entry) => [entry.term, ...entry.easyRead])),
  ]);
}

function section(heading: string, blocks: readonly EasyBlock[], level: 2 | 3 = 2): EasySection {
  return { heading, level, blocks };
}

/** The sentence for a value the sheet may leave blank: none at all when it is blank. */
function when<T>(value: T | null, say: (value: T) => string, picture?: PictureName): EasyBlock[] {
  return value === null ? [] : [p(say(value), picture)];
}

function aboutTheMeeting({ meeting }: PackContent): EasySection {
  const link = meeting.minutesLink === null ? null : safeHref(meeting.minutesLink);
  return section('About the meeting', [
    p(`We met on ${formatLongDate(meeting.date)}.`, 'date'),
    ...when(meeting.time, (time) => `The meeting was ${fromTo(time)}.`, 'time'),
    ...(meeting.format === null
      ? []
      : HOW_WE_MET[meeting.format].map((words) =>
          p(words, /online/.test(words) ? 'online' : 'people'),
        )),
    ...when(meeting.venue, (venue) => `We met at ${sentence(venue)}`, 'place'),
    ...(meeting.topics.length === 0
      ? []
      : [p(`We talked about ${listInWords(meeting.topics)}.`, 'talk')]),
    ...meeting.chairs.map((chair, index) =>
      p(`${chair} led the meeting.`, index === 0 ? 'leader' : undefined),
    ),
    p(
      meeting.minuteTaker === null
        ? 'We do not know who wrote the notes.'
        : `${meeting.minuteTaker} wrote the notes of the meeting.`,
      'notes',
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
  const howMany = (n: number | null, did: string, notSaid: string, picture?: PictureName) =>
    p(n === null ? notSaid : `${people(n)} ${did}.`, picture);
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
    howMany(attendance.present, 'came', 'We do not say how many people came.', 'people'),
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
      'agreed',
    ),
    ...list(agreed.map((action) => [...whatAndWho(action), dueSentence(action)])),
  ]);
}

function earlierThings({ followUp }: PackContent): EasySection[] {
  const checked = followUp.statusCounts.reduce((sum, status) => sum + status.count, 0);
  return [
    section('Things from earlier meetings', [
      p(`We checked ${count(checked, 'thing')} from earlier meetings.`, 'checked'),
      { kind: 'chart' },
      ...followUp.statusCounts.map(({ status, count: n }) =>
        p(`${count(n, 'thing is', 'things are')} ${STATUS_WORDS[status]}.`),
      ),
    ]),
    section(
      'Late',
      [
        p('These things should have been done by now.', 'late'),
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
      followUp.open.length === 0
        ? [p('There is nothing else still to do.', 'toDo')]
        : [
            p('We are still doing these things.', 'toDo'),
            ...list(followUp.open.map((action) => [...whatAndWho(action), dueSentence(action)])),
          ],
      3,
    ),
    section(
      'Done since the last meeting',
      [
        p('These things are done now.', 'done'),
        ...list(
          followUp.done.map((action) => [
            sentence(action.description),
            ...(action.closedOn === null
              ? []
              : [`It was done on ${dayMonthYear(action.closedOn)}.`]),
          ]),
          'Nothing.',
        ),
      ],
      3,
    ),
    section(
      'Stopped since the last meeting',
      [
        p('We decided to stop doing these things.', 'stopped'),
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
    section(
      'Our projects',
      projects.length === 0
        ? [p('We have no projects at the moment.', 'project')]
        : [p(`We have ${count(projects.length, 'project')} at the moment.`, 'project')],
    ),
    ...projects.map((project) =>
      section(
        project.name,
        [
          ...when(project.serviceArea, (area) => `This project is about ${sentence(area)}`),
          p(`The project is at the ${project.stage} stage.`),
          p(STAGES[project.stage]),
          p(PHASES[project.phase]),
          ...whoWorksOnIt(project.people),
          p(`${jobs(project.tasksDone)} done.`, 'done'),
          p(`${jobs(project.tasksToDo)} still to do.`, 'toDo'),
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

/** Who works on a project, by group, as partners may see it (issue 14 item 6). */
function whoWorksOnIt(people: PackContent['projects'][number]['people']): EasyBlock[] {
  if (people.byConstituency.length === 0) {
    return [p('We have not written down who works on this project.', 'people')];
  }
  const withheld =
    people.total === null || people.byConstituency.some(({ members }) => members === null);
  return [
    p('People from these groups work on this project:', 'people'),
    ...list(
      people.byConstituency.map(({ constituency, members }) => [
        `${GROUPS[constituency]}: ${members === null ? 'we do not say how many' : count(members, 'person', 'people')}.`,
      ]),
    ),
    ...(withheld ? [p('We do not say a number if it could show who someone is.')] : []),
  ];
}

/** "You said, we did" (R17): what people told us, and what we did about it. */
function youSaidWeDid({ feedback }: PackContent): EasySection {
  const since =
    feedback.since === null
      ? 'since the board began'
      : `since our last meeting on ${dayMonthYear(feedback.since)}`;
  const opening: EasyBlock[] = !feedback.readable
    ? [p('We could not read our list of what people told us.', 'youSaid')]
    : feedback.items.length === 0
      ? [p(`We have nothing new to tell you ${since}.`, 'youSaid')]
      : [
          p('You told us what you think.', 'youSaid'),
          p(`This is what we did ${since}.`),
          p('We do not say who told us.'),
        ];
  return section('You said, we did', [...opening, ...list(feedback.items.map(feedbackItem))]);
}

function feedbackItem(item: PackFeedbackItem): EasySentence[] {
  const told: EasySentence[] = [
    { text: `You said: ${sentence(item.youSaid)}`, picture: 'youSaid' },
    ...(item.raisedBy.length === 0
      ? []
      : [`${listInWords(item.raisedBy.map((c) => GROUPS[c] ?? c))} told us this.`]),
    ...(item.project === null ? [] : [`It was about ${sentence(item.project)}`]),
  ];
  switch (item.status) {
    case 'Not acted on':
      return [
        ...told,
        ...(item.weDid === null
          ? []
          : [{ text: `We did: ${sentence(item.weDid)}`, picture: 'weDid' } as const]),
        { text: 'We could not do what you asked.', picture: 'notDone' },
        item.reason === null
          ? 'We have not written down why.'
          : `This is why: ${sentence(item.reason)}`,
      ];
    case 'Open':
      return [
        ...told,
        ...(item.weDid === null
          ? [{ text: 'We are still working on this.', picture: 'weDid' } as const]
          : [
              { text: `We did: ${sentence(item.weDid)}`, picture: 'weDid' } as const,
              'We are still working on this.',
            ]),
      ];
    case 'Acted on':
      return [
        ...told,
        {
          text: `We did: ${item.weDid === null ? 'we have not written it down.' : sentence(item.weDid)}`,
          picture: 'weDid',
        },
      ];
  }
}

function ourNextMeeting({ nextMeeting }: PackContent): EasySection {
  return section('Our next meeting', [
    p(`Our next meeting is on ${formatLongDate(nextMeeting.date)}.`, 'next'),
    ...when(nextMeeting.time, (time) => `It is ${fromTo(time)}.`, 'time'),
    ...when(nextMeeting.venue, (venue) => `It is at ${sentence(venue)}`, 'place'),
    ...(nextMeeting.topics.length === 0
      ? []
      : [p(`We will talk about ${listInWords(nextMeeting.topics)}.`, 'talk')]),
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

/**
 * The board's words, explained where a pack uses them (issue 14 item 4): easy-read guidance
 * asks for a hard word to be explained, and partners outside commissioning meet the same
 * words. Only the words a pack actually contains are listed, in the order below, so the list
 * stays short. Kept apart from the layout, like `easy-read-words.ts`, for whoever reviews the
 * wording with easy-read readers.
 */

export interface GlossaryEntry {
  readonly term: string;
  /** Finds the word in the pack's own text (any case, whole words, plurals). */
  readonly pattern: RegExp;
  /** For the standard pack: one plain sentence. */
  readonly standard: string;
  /** For the easy-read pack: short sentences of at most 20 words. */
  readonly easyRead: readonly string[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'Co-production',
    pattern: /\bco-produc(?:tion|e|ing)\b/i,
    standard:
      'people who use services, carers and the council working together as equals, from planning a service to checking how it went.',
    easyRead: [
      'Co-production means working together as equals.',
      'People who use services help the council make decisions.',
    ],
  },
  {
    term: 'Commissioning',
    pattern: /\bcommission(?:ing|ers?)\b/i,
    standard:
      'how the council works out what services people need, pays for them and checks they work.',
    easyRead: [
      'Commissioning means the council plans the services people need.',
      'The council pays for them and checks they work.',
    ],
  },
  {
    term: 'Service specification',
    pattern: /\bservice specifications?\b/i,
    standard: 'the document that says what a service must do and for whom.',
    easyRead: ['A service specification is a document.', 'It says what a service must do.'],
  },
  {
    term: 'Procurement',
    pattern: /\bprocure(?:ment|d|s)?\b/i,
    standard: 'the rules and steps the council follows to choose who will run a service.',
    easyRead: [
      'Procurement means choosing who will run a service.',
      'The council has rules for this.',
    ],
  },
  {
    term: 'ICB',
    pattern: /\bICBs?\b/,
    standard: 'the Integrated Care Board, the NHS body that plans health services for the area.',
    easyRead: ['ICB means Integrated Care Board.', 'It plans NHS health services in our area.'],
  },
  {
    term: 'DMT',
    pattern: /\bDMT\b/,
    standard:
      "the Directorate Management Team: the senior managers of the council's Adult Social Care.",
    easyRead: [
      'DMT means Directorate Management Team.',
      'They are the top managers of Adult Social Care at the council.',
    ],
  },
  {
    term: 'Contract monitoring',
    pattern: /\bcontract monitoring\b/i,
    standard: 'checking that a service does what its contract with the council says.',
    easyRead: [
      'Contract monitoring means checking a service.',
      'We check it does what it promised to do.',
    ],
  },
  {
    term: 'Quality assurance',
    pattern: /\bquality assurance\b/i,
    standard: 'checking that a service is good enough, and putting it right when it is not.',
    easyRead: [
      'Quality assurance means checking a service is good.',
      'If it is not good, it must get better.',
    ],
  },
  {
    term: 'Cllr',
    pattern: /\bCllr\b/i,
    standard: 'short for Councillor: someone local people elected to the council.',
    easyRead: ['Cllr is short for Councillor.', 'Local people vote for councillors.'],
  },
];

/** The entries whose word appears in any of `texts`, in glossary order. */
export function glossaryFor(texts: readonly string[]): GlossaryEntry[] {
  return GLOSSARY.filter((entry) => texts.some((text) => entry.pattern.test(text)));
}

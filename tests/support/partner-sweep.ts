/**
 * The partner sweep (DESIGN §4, issue 9): queries generated from the SDL itself, every field
 * reachable from Query (and Mutation) selected down to the server's depth limit, sent as a
 * partner, and every answer checked for what must never reach a partner. The query shapes come
 * from the schema; only the argument values come from the board (IDs, dates), from a table that
 * the sweep insists covers every root field, so a new query cannot slip past it.
 *
 * Queries the server refuses for their size (cost, tokens) are split into smaller ones until
 * they pass; what is refused for depth is out of a partner's reach anyway. The checker walks
 * each answer alongside its query, so it knows the type and the context of every value (the
 * meeting an attendance figure belongs to, the period of a report).
 */
import { readFileSync } from 'node:fs';
import {
  astFromValue,
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  print,
} from 'graphql';
import { enumValueName } from '../../schema/graphql/enums';
import type { ATTENDANCE_VALUES } from '../../schema/layout';
import { GLOSSARY } from '../../schema/packs/glossary';
import { circulatedName } from '../../schema/packs/names';
import type { Member } from '../../schema/records';
import { heldMeetingsIn } from '../../schema/rules';
import { isTrainingEntry } from '../../schema/rules/r16-reciprocity-totals';
import type { BoardSnapshot } from '../../schema/snapshot';

export const SDL = readFileSync(
  new URL('../../schema/graphql/board.graphql', import.meta.url),
  'utf8',
);
export const sdlSchema: GraphQLSchema = buildSchema(SDL);

/** The server's depth limit: fields nested along one path, the leaf included. */
export const MAX_DEPTH = 6;

// ---------------------------------------------------------------------------------------------
// Query trees

export interface FieldNode {
  readonly field: string;
  readonly args?: Readonly<Record<string, unknown>>;
  /** Present for object fields: what is selected inside. */
  readonly children?: readonly FieldNode[];
}

/** Everything under an object type, down to `levels` more fields, never a type twice on a path. */
export function selectAll(type: GraphQLObjectType, levels: number, path: ReadonlySet<string>) {
  const children: FieldNode[] = [];
  for (const field of Object.values(type.getFields())) {
    // Nested fields with required arguments would need values from somewhere; none exist today.
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) {
      continue;
    }
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      children.push({ field: field.name });
    } else if (isObjectType(named) && levels >= 2 && !path.has(named.name)) {
      const inner = selectAll(named, levels - 1, new Set([...path, named.name]));
      if (inner.length > 0) children.push({ field: field.name, children: inner });
    }
  }
  return children;
}

/** An argument set's own depth, for calls that repeat a wider one with a filter. */
export const DEPTH: unique symbol = Symbol('depth');

/** The same arguments, asked with everything down to `depth` levels only. */
export function withDepth(args: Record<string, unknown>, depth: number) {
  return { ...args, [DEPTH]: depth };
}

/** One root call with everything under it, within the depth limit (or the call's own). */
export function rootCall(
  root: GraphQLObjectType,
  field: string,
  args: Readonly<Record<string, unknown>> & { [DEPTH]?: number },
): FieldNode {
  const definition = root.getFields()[field] as GraphQLField<unknown, unknown>;
  const named = getNamedType(definition.type);
  const { [DEPTH]: depth = MAX_DEPTH, ...plain } = args;
  if (!isObjectType(named)) return { field, args: plain };
  return {
    field,
    args: plain,
    children: selectAll(named, depth - 1, new Set([root.name, named.name])),
  };
}

function printArgs(definition: GraphQLField<unknown, unknown>, args: Record<string, unknown>) {
  const printed = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      const arg = definition.args.find((candidate) => candidate.name === name) as GraphQLArgument;
      if (!arg) throw new Error(`${definition.name} has no argument ${name}`);
      const ast = astFromValue(value, arg.type as GraphQLInputType);
      if (!ast) throw new Error(`Cannot print ${name}=${JSON.stringify(value)}`);
      return `${name}: ${print(ast)}`;
    });
  return printed.length === 0 ? '' : `(${printed.join(', ')})`;
}

function printNodes(type: GraphQLObjectType, nodes: readonly FieldNode[]): string {
  return nodes
    .map((node) => {
      const definition = type.getFields()[node.field] as GraphQLField<unknown, unknown>;
      const args = node.args ? printArgs(definition, { ...node.args }) : '';
      if (!node.children) return `${node.field}${args}`;
      const inner = getNamedType(definition.type) as GraphQLObjectType;
      return `${node.field}${args} { ${printNodes(inner, node.children)} }`;
    })
    .join(' ');
}

export function printOperation(operation: 'query' | 'mutation', root: FieldNode): string {
  const type = (
    operation === 'query' ? sdlSchema.getQueryType() : sdlSchema.getMutationType()
  ) as GraphQLObjectType;
  return `${operation} { ${printNodes(type, [root])} }`;
}

/**
 * Smaller trees whose union selects the same fields: one per path to an object with no object
 * below it, each keeping the scalars along the way (the context the checker needs: a meeting's
 * id, a row's constituency). Null when the tree is one such path already.
 */
export function split(node: FieldNode): FieldNode[] | null {
  const paths = pathsOf(node);
  return paths.length > 1 ? paths : null;
}

function pathsOf(node: FieldNode): FieldNode[] {
  const children = node.children ?? [];
  const leaves = children.filter((child) => !child.children);
  const objects = children.filter((child) => child.children);
  if (objects.length === 0) return [node];
  return objects.flatMap((object) =>
    pathsOf(object).map((path) => ({ ...node, children: [...leaves, path] })),
  );
}

/** Every Type.field a tree selects. */
export function fieldsSelected(type: GraphQLObjectType, node: FieldNode, into: Set<string>) {
  into.add(`${type.name}.${node.field}`);
  const definition = type.getFields()[node.field] as GraphQLField<unknown, unknown>;
  const named = getNamedType(definition.type);
  for (const child of node.children ?? []) fieldsSelected(named as GraphQLObjectType, child, into);
}

/** Every Type.field reachable from the root types, whatever the depth. */
export function reachableFields(): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType) => {
    if (!isObjectType(type)) return;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      visit(getNamedType(field.type));
    }
  };
  visit(sdlSchema.getQueryType() as GraphQLObjectType);
  visit(sdlSchema.getMutationType() as GraphQLObjectType);
  return seen;
}

// ---------------------------------------------------------------------------------------------
// Arguments

export interface SweepBoard {
  readonly snapshot: BoardSnapshot;
  readonly today: string;
  /** The ID partners know each member by. */
  readonly partnerId: (memberId: string) => string;
  /** How many held meetings to ask packs, follow-ups and one-day reports for (all by default). */
  readonly meetingSample?: number;
}

function enumValues(type: string): string[] {
  const named = sdlSchema.getType(type);
  if (!isEnumType(named)) throw new Error(`${type} is not an enum`);
  return named.getValues().map((value) => value.name);
}

const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The months (yyyy-mm) with involvement entries, in order. */
function months(snapshot: BoardSnapshot): string[] {
  return [...new Set(snapshot.involvement.map((entry) => entry.date.slice(0, 7)))].sort();
}

/** Held meetings to sample: evenly spread, always the first and the last. */
function sample<T>(items: readonly T[], size: number | undefined): T[] {
  if (size === undefined || items.length <= size) return [...items];
  const step = (items.length - 1) / (size - 1);
  return Array.from({ length: size }, (_, index) => items[Math.round(index * step)] as T);
}

/**
 * Sensible argument sets for each root field: every enum value of each filter on its own, every
 * member (by partner ID), meeting and project, periods that differ by one meeting. Keyed by
 * root field; `argumentSets` fails for a root field missing here.
 */
export function argumentTable(board: SweepBoard): Record<string, Record<string, unknown>[]> {
  const { snapshot, today } = board;
  const held = snapshot.meetings.filter((meeting) => meeting.status === 'Held');
  const sampled = sample(held, board.meetingSample);
  // Sorted, so that the calls do not depend on the sheet's row order either.
  const partnerIds = snapshot.members.map((member) => board.partnerId(member.id)).sort();
  const first = snapshot.meetings[0]?.date ?? today;
  const last = snapshot.meetings.at(-1)?.date ?? today;
  const years = [...new Set(snapshot.meetings.map((meeting) => meeting.date.slice(0, 4)))];
  return {
    board: [{}],
    members: [
      {},
      ...enumValues('MemberStatus').map((status) => ({ status })),
      ...enumValues('Constituency').map((constituency) => ({ constituency })),
      ...[...new Set(snapshot.members.flatMap((member) => member.serviceAreas))]
        .sort()
        .slice(0, 3)
        .map((serviceArea) => ({ serviceArea })),
    ],
    member: partnerIds.map((id) => ({ id })),
    // A filter repeats what the unfiltered call asked in full, so it goes less deep.
    meetings: [
      {},
      ...enumValues('MeetingStatus').map((status) => withDepth({ status }, 3)),
      withDepth({ from: first, to: first }, 3),
    ],
    meeting: snapshot.meetings.map((meeting) =>
      sampled.includes(meeting) || meeting.status !== 'Held'
        ? { id: meeting.id }
        : withDepth({ id: meeting.id }, 3),
    ),
    actions: [
      // Every action: the runner makes the page smaller until the cost limit lets it through.
      { first: 200 },
      ...enumValues('ActionStatus').map((status) => withDepth({ status: [status] }, 5)),
      ...partnerIds.map((ownerId) => withDepth({ ownerId }, 5)),
      ...snapshot.projects.map((project) => withDepth({ projectId: project.id }, 5)),
      withDepth({ overdueOn: today }, 5),
    ],
    followUp: [{}, ...sampled.map((meeting) => ({ meetingId: meeting.id }))],
    projects: [
      {},
      ...enumValues('CommissioningStage').map((stage) => withDepth({ stage }, 3)),
      ...enumValues('ProjectPhase').map((phase) => withDepth({ phase }, 3)),
    ],
    project: snapshot.projects.map((project) => ({ id: project.id })),
    membershipCheck: [{}],
    dataIssues: [{}],
    annualReport: [
      { from: first, to: last },
      ...years.map((year) => ({ from: `${year}-01-01`, to: `${year}-12-31` })),
      // A meeting alone, and two periods that differ by that meeting only.
      ...sampled.flatMap((meeting) => [
        { from: meeting.date, to: meeting.date },
        { from: first, to: meeting.date },
        { from: first, to: dayBefore(meeting.date) },
      ]),
    ],
    // The board's involvement, by month and by year, and each filter a partner must be refused.
    involvement: [
      {},
      ...years.map((year) => ({ from: `${year}-01-01`, to: `${year}-12-31` })),
      ...months(snapshot).map((month) => ({ from: `${month}-01`, to: `${month}-28` })),
      ...partnerIds.slice(0, 4).map((memberId) => withDepth({ memberId }, 3)),
      ...snapshot.members
        .map((member) => member.id)
        .sort()
        .slice(0, 4)
        .map((memberId) => withDepth({ memberId }, 3)),
      ...snapshot.projects.map((project) => withDepth({ projectId: project.id }, 3)),
    ],
    feedback: [
      {},
      ...enumValues('FeedbackStatus').map((status) => withDepth({ status: [status] }, 3)),
      ...years.map((year) => withDepth({ from: `${year}-01-01`, to: `${year}-12-31` }, 3)),
    ],
    circulationPack: sampled.flatMap((meeting) =>
      enumValues('Audience').flatMap((audience) =>
        enumValues('PackFormat').flatMap((format) =>
          [false, true].map((easyRead) => ({ meetingId: meeting.id, audience, format, easyRead })),
        ),
      ),
    ),
    recordCirculation: [{ meetingId: held[0]?.id ?? 'none', audience: 'BOROUGH_PARTNERSHIP' }],
  };
}

export interface PlannedCall {
  readonly operation: 'query' | 'mutation';
  readonly node: FieldNode;
}

/** Every root call of the sweep, each selecting everything under it. */
export function plannedCalls(board: SweepBoard): PlannedCall[] {
  const table = argumentTable(board);
  const calls: PlannedCall[] = [];
  for (const operation of ['query', 'mutation'] as const) {
    const root = (
      operation === 'query' ? sdlSchema.getQueryType() : sdlSchema.getMutationType()
    ) as GraphQLObjectType;
    for (const field of Object.keys(root.getFields())) {
      const sets = table[field];
      if (!sets) throw new Error(`The sweep has no arguments for ${root.name}.${field}: add them.`);
      for (const args of sets) calls.push({ operation, node: rootCall(root, field, args) });
    }
  }
  return calls;
}

// ---------------------------------------------------------------------------------------------
// Running

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Sends one query; `cache` marks a query asked again and again (page cursors). */
export type Execute = (query: string, options?: { cache?: boolean }) => Promise<GraphQLAnswer>;

/** An executor that answers repeated cacheable queries from memory. */
export function caching(execute: Execute): Execute {
  const answers = new Map<string, Promise<GraphQLAnswer>>();
  return (query, options) => {
    if (!options?.cache) return execute(query);
    let answer = answers.get(query);
    if (!answer) {
      answer = execute(query);
      answers.set(query, answer);
    }
    return answer;
  };
}

export interface Answered {
  readonly operation: 'query' | 'mutation';
  readonly node: FieldNode;
  readonly query: string;
  readonly answer: GraphQLAnswer;
}

export interface SweepRun {
  readonly answered: readonly Answered[];
  /** Queries the server refused for their depth: beyond a partner's reach. */
  readonly tooDeep: readonly string[];
  readonly covered: ReadonlySet<string>;
}

function refusedForSize(answer: GraphQLAnswer): 'size' | 'depth' | null {
  for (const error of answer.errors ?? []) {
    const code = String(error.extensions?.code ?? '');
    if (code === 'QUERY_TOO_DEEP' || /depth limit/i.test(error.message)) return 'depth';
    if (
      /^(QUERY_TOO_|TOO_MANY_)/.test(code) ||
      /limit of \d+ exceeded|too (costly|many)/i.test(error.message)
    ) {
      return 'size';
    }
  }
  return null;
}

/**
 * A page of a connection too costly to ask at once, as pages half the size that cover the same
 * items: their cursors come from a query for the page info alone. Null when not a connection.
 */
async function smallerPages(
  call: PlannedCall,
  refusal: GraphQLAnswer,
  execute: Execute,
): Promise<FieldNode[] | null> {
  const root = (
    call.operation === 'query' ? sdlSchema.getQueryType() : sdlSchema.getMutationType()
  ) as GraphQLObjectType;
  const definition = root.getFields()[call.node.field];
  const first =
    call.node.args?.first ?? definition?.args.find((arg) => arg.name === 'first')?.defaultValue;
  if (typeof first !== 'number' || first < 2) return null;
  // The refusal says what the query would cost, when it can: pages that fit, in one step. A
  // power-of-two fraction of the page, so that paths of similar cost share their cursors.
  const { cost, maxCost } = (refusal.errors?.[0]?.extensions ?? {}) as Record<string, unknown>;
  const halvings =
    typeof cost === 'number' && typeof maxCost === 'number'
      ? Math.max(1, Math.ceil(Math.log2(cost / maxCost)))
      : 1;
  const size = Math.max(1, Math.ceil(first / 2 ** halvings));
  const pages: FieldNode[] = [];
  let after = (call.node.args?.after as string | null | undefined) ?? null;
  for (let covered = 0; covered < first; covered += size) {
    const args = { ...call.node.args, first: size, after: after ?? undefined };
    pages.push({ ...call.node, args });
    const cursor: FieldNode = {
      field: call.node.field,
      args,
      children: [
        { field: 'pageInfo', children: [{ field: 'hasNextPage' }, { field: 'endCursor' }] },
      ],
    };
    const answer = await execute(printOperation(call.operation, cursor), { cache: true });
    const info = (
      answer.data?.[call.node.field] as {
        pageInfo?: { hasNextPage: boolean; endCursor: string | null };
      }
    )?.pageInfo;
    if (!info?.hasNextPage || !info.endCursor) break;
    after = info.endCursor;
  }
  return pages;
}

export async function runSweep(calls: readonly PlannedCall[], send: Execute): Promise<SweepRun> {
  const execute = caching(send);
  const answered: Answered[] = [];
  const tooDeep: string[] = [];
  const covered = new Set<string>();
  const queue = [...calls];
  while (queue.length > 0) {
    const call = queue.shift() as PlannedCall;
    const query = printOperation(call.operation, call.node);
    const answer = await execute(query);
    const refused = answer.data == null ? refusedForSize(answer) : null;
    if (refused === 'size') {
      const parts = split(call.node) ?? (await smallerPages(call, answer, execute));
      if (!parts) throw new Error(`Cannot split a refused query any further: ${query}`);
      queue.unshift(...parts.map((node) => ({ operation: call.operation, node })));
      continue;
    }
    if (refused === 'depth') {
      tooDeep.push(query);
      continue;
    }
    const root = (
      call.operation === 'query' ? sdlSchema.getQueryType() : sdlSchema.getMutationType()
    ) as GraphQLObjectType;
    fieldsSelected(root, call.node, covered);
    answered.push({ operation: call.operation, node: call.node, query, answer });
  }
  return { answered, tooDeep, covered };
}

// ---------------------------------------------------------------------------------------------
// Checking

export interface Leak {
  readonly where: string;
  readonly what: string;
}

type Column = 'present' | 'apologies' | 'absent';
const COLUMN_OF: Readonly<Record<(typeof ATTENDANCE_VALUES)[number], Column>> = {
  Present: 'present',
  Apologies: 'apologies',
  Absent: 'absent',
};
const consented = (member: Member) => member.nameInCirculation;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a partner must never get, worked out from the board on its own (not from the server). */
export class PartnerChecker {
  readonly #board: SweepBoard;
  readonly #smallest: number;
  readonly #byPartnerId: ReadonlyMap<string, Member>;
  readonly #bySheetId: ReadonlyMap<string, Member>;
  readonly #forbiddenText: RegExp;
  readonly #labels: readonly string[];
  /** How many figures about people were checked, in answers and in packs: never vacuous. */
  readonly checked = { figures: 0, packFigures: 0, members: 0, packs: 0, pageFigures: 0 };

  constructor(board: SweepBoard) {
    this.#board = board;
    const { snapshot } = board;
    this.#smallest = snapshot.settings.smallestReportedGroup;
    this.#byPartnerId = new Map(snapshot.members.map((m) => [board.partnerId(m.id), m]));
    this.#bySheetId = snapshot.memberById;
    const withheld = snapshot.members.filter((member) => !consented(member));
    const named = snapshot.members.filter(consented);
    // Text that may legitimately hold a word of a withheld value (a project called after an
    // organisation) is the board's own non-personal text; such values are checked by field.
    const publicText = [
      ...snapshot.actions.map((action) => action.description),
      ...snapshot.projects.flatMap((project) => [project.name, project.objectives ?? '']),
      ...snapshot.tasks.flatMap((task) => [task.task, task.responsible]),
      ...named.flatMap((member) => [member.name, member.organisation ?? '', member.group ?? '']),
      // The packs' glossary explains words such as ICB, which may also be an organisation.
      ...GLOSSARY.flatMap((entry) => [entry.term, entry.standard, ...entry.easyRead]),
    ].join('\n');
    const secrets = [
      ...withheld.map((member) => member.name),
      ...snapshot.members.flatMap((member) => [
        member.email,
        member.phone,
        member.notes,
        member.communicationNeeds,
      ]),
      ...withheld.flatMap((member) => [member.organisation, member.group]),
    ].filter(
      (value): value is string => !!value && value.length > 3 && !publicText.includes(value),
    );
    const ids = snapshot.members.map((member) => member.id);
    this.#forbiddenText = new RegExp(
      [
        ...secrets.map(escapeRegExp),
        // Partners never see a sheet Member ID, whoever it belongs to.
        ...ids.map((id) => `(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`),
      ].join('|'),
    );
    this.#labels = [...new Set(withheld.map(circulatedName))];
  }

  /** Every leak in one answer. */
  check(answered: Answered): Leak[] {
    const leaks: Leak[] = [];
    const root = (
      answered.operation === 'query' ? sdlSchema.getQueryType() : sdlSchema.getMutationType()
    ) as GraphQLObjectType;
    for (const error of answered.answer.errors ?? []) {
      this.#text(
        `${answered.query} (error)`,
        `${error.message} ${JSON.stringify(error.extensions ?? {})}`,
        leaks,
      );
    }
    const value = answered.answer.data?.[answered.node.field];
    this.#walk(root, answered.node, value, [], answered.node.field, leaks);
    return leaks;
  }

  #walk(
    parent: GraphQLObjectType,
    node: FieldNode,
    value: unknown,
    ancestors: readonly {
      type: string;
      value: Record<string, unknown>;
      args?: FieldNode['args'];
    }[],
    where: string,
    leaks: Leak[],
  ): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        this.#walk(parent, node, item, ancestors, `${where}[${index}]`, leaks);
      }
      return;
    }
    const definition = parent.getFields()[node.field] as GraphQLField<unknown, unknown>;
    const type = getNamedType(definition.type);
    if (!isObjectType(type)) {
      if (typeof value === 'string') this.#text(where, value, leaks);
      this.#figure(parent.name, node.field, value, ancestors, where, leaks);
      return;
    }
    const object = value as Record<string, unknown>;
    const here = [...ancestors, { type: type.name, value: object, args: node.args }];
    this.#object(type.name, object, where, leaks);
    for (const child of node.children ?? []) {
      this.#walk(type, child, object[child.field], here, `${where}.${child.field}`, leaks);
    }
  }

  /**
   * Forbidden text anywhere in a page or a download (issue 13): names, contact details, notes,
   * organisations, groups, sheet IDs. HTML's entities are read as the characters they stand for,
   * so a name with an apostrophe cannot slip past as `&#39;`.
   */
  document(where: string, content: string): Leak[] {
    const leaks: Leak[] = [];
    this.#text(where, content, leaks);
    const decoded = content
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    if (leaks.length === 0 && decoded !== content) this.#text(where, decoded, leaks);
    return leaks;
  }

  /** A figure a page or download shows about people: attendance over meetings, or members. */
  pageFigure(
    where: string,
    figure: PageFigure,
    meetingIds: readonly string[],
    period?: { readonly from: string; readonly to: string },
  ): Leak[] {
    // Partners' involvement covers the whole months of the period (as the API says it does).
    const months = period && {
      from: `${period.from.slice(0, 7)}-01`,
      to: `${period.to.slice(0, 7)}-31`,
    };
    const people =
      figure.column === 'active'
        ? this.withheldActive(figure.constituency)
        : figure.column === 'involvement'
          ? this.withheldInvolved(months?.from ?? null, months?.to ?? null, figure.constituency)
          : this.withheldAttendance(meetingIds, figure.constituency, figure.column);
    this.checked.pageFigures += 1;
    return this.#small(people)
      ? [{ where, what: `${figure.text}: a page figure counting ${people} who have not consented` }]
      : [];
  }

  #text(where: string, text: string, leaks: Leak[]): void {
    // An SVG path's drawing commands ("M14 3v4") are not text anyone reads.
    const match = this.#forbiddenText.exec(text.replace(/\sd="[^"]*"/g, ' d=""'));
    if (match) leaks.push({ where, what: `forbidden text "${match[0]}"` });
  }

  /** Objects checked as a whole; figures are checked field by field in #figure. */
  #object(type: string, object: Record<string, unknown>, where: string, leaks: Leak[]): void {
    if (type === 'Attendance') leaks.push({ where, what: 'attendance person by person' });
    if (type === 'MemberInvolvement') {
      leaks.push({ where, what: 'involvement (hours, payments) member by member' });
    }
    if (type === 'FeedbackItem' && object.raisedBy != null) {
      leaks.push({ where, what: "feedback's Raised by as the sheet has it" });
    }
    if (type === 'Member') this.#member(object, where, leaks);
    if (type === 'CirculationPack') this.#pack(object, where, leaks);
  }

  #member(object: Record<string, unknown>, where: string, leaks: Leak[]): void {
    this.checked.members += 1;
    const id = String(object.id);
    if (this.#bySheetId.has(id)) leaks.push({ where, what: `sheet Member ID ${id}` });
    const member = this.#byPartnerId.get(id);
    if (!member) {
      leaks.push({ where, what: `a member ID that is not a partner ID: ${id}` });
      return;
    }
    for (const field of ['email', 'phone', 'preferredFormat', 'notes', 'communicationNeeds']) {
      if (object[field] != null) leaks.push({ where, what: `${field} of ${member.id}` });
    }
    if (consented(member)) return;
    if ('name' in object && object.name !== circulatedName(member)) {
      leaks.push({ where, what: `the name of ${member.id}, who has not consented` });
    }
    for (const field of ['organisation', 'group', 'termStart', 'termEnd', 'extendedTo']) {
      if (object[field] != null) {
        leaks.push({ where, what: `${field} of ${member.id}, who has not consented` });
      }
    }
  }

  /** People who have not consented in one attendance cell of one meeting, or of a period. */
  withheldAttendance(meetingIds: readonly string[], constituency: string, column: Column | 'all') {
    const people = new Set<string>();
    for (const meetingId of meetingIds) {
      for (const row of this.#board.snapshot.attendanceByMeeting.get(meetingId) ?? []) {
        const member = this.#bySheetId.get(row.memberId);
        if (!member || consented(member)) continue;
        if (constituency !== 'all' && enumValueName(member.constituency) !== constituency) continue;
        if (column !== 'all' && COLUMN_OF[row.attendance] !== column) continue;
        people.add(member.id);
      }
    }
    return people.size;
  }

  /**
   * People who have not consented with an involvement entry in [from, to] (null: open), in one
   * constituency or all: whatever the figure says about them (hours, payments, entries, how many
   * people), it is about these people.
   */
  withheldInvolved(
    from: string | null,
    to: string | null,
    constituency: string | 'all',
    leftOut: ReadonlySet<string> = new Set(),
  ) {
    const people = new Set<string>();
    for (const entry of this.#board.snapshot.involvement) {
      if ((from !== null && entry.date < from) || (to !== null && entry.date > to)) continue;
      if (leftOut.has(entry.date.slice(0, 7))) continue;
      const member = this.#bySheetId.get(entry.memberId);
      if (!member || consented(member)) continue;
      if (constituency !== 'all' && enumValueName(member.constituency) !== constituency) continue;
      people.add(member.id);
    }
    return people.size;
  }

  /**
   * Everyone (consented or not) with an entry in each month, in one constituency or all: a
   * month's hours and pay are personal, so a month of 1 to `smallest - 1` of them may not be
   * in any figure. Keyed by `yyyy-mm`: the people, and what each was paid that month.
   */
  #involvedByMonth(constituency: string | 'all'): Map<string, Map<string, number>> {
    const months = new Map<string, Map<string, number>>();
    for (const entry of this.#board.snapshot.involvement) {
      const member = this.#bySheetId.get(entry.memberId);
      if (!member) continue;
      if (constituency !== 'all' && enumValueName(member.constituency) !== constituency) continue;
      const month = entry.date.slice(0, 7);
      let people = months.get(month);
      if (!people) {
        people = new Map();
        months.set(month, people);
      }
      const pence = Math.round((entry.payment ?? 0) * 100);
      people.set(member.id, (people.get(member.id) ?? 0) + pence);
    }
    return months;
  }

  /**
   * An involvement figure over [from, to], leaving out `leftOut` (yyyy-mm): no month it adds in
   * may count 1 to `smallest - 1` people of any consent, and no payments figure may be the
   * month's pay of a member who was the only one in their row that month.
   */
  #involvementMonths(
    where: string,
    field: string,
    value: number,
    from: string | null,
    to: string | null,
    constituency: string | 'all',
    leftOut: ReadonlySet<string>,
  ): Leak[] {
    const leaks: Leak[] = [];
    const within = (month: string) =>
      (from === null || month >= from.slice(0, 7)) && (to === null || month <= to.slice(0, 7));
    // The figure must be what the months it counts add up to: otherwise monthsLeftOut lies.
    const expected = this.#expectedInvolvement(
      field,
      constituency,
      (month) => within(month) && !leftOut.has(month),
    );
    if (expected !== null && Math.round(expected * 100) !== Math.round(value * 100)) {
      leaks.push({
        where,
        what: `${field} ${value} is not the sum of the months it counts (${expected})`,
      });
    }
    for (const [month, people] of this.#involvedByMonth(constituency)) {
      if (!within(month)) continue;
      if (!leftOut.has(month) && this.#small(people.size)) {
        leaks.push({
          where,
          what: `${field} ${value} adds in ${month}, when ${people.size} of ${constituency} took part`,
        });
      }
      const [only] = [...people.values()];
      if (field === 'payments' && people.size === 1 && only !== undefined && only > 0) {
        if (Math.round(value * 100) === only) {
          leaks.push({ where, what: `payments ${value}: the pay of the only one in ${month}` });
        }
      }
    }
    return leaks;
  }

  /**
   * An involvement figure over the months `counted` says: sums for hours, money and entries, and
   * the busiest month's people for members; null for a field that is not one of those.
   */
  #expectedInvolvement(
    field: string,
    constituency: string | 'all',
    counted: (month: string) => boolean,
  ): number | null {
    const byMonth = new Map<string, Set<string>>();
    let sum = 0;
    for (const entry of this.#board.snapshot.involvement) {
      const member = this.#bySheetId.get(entry.memberId);
      if (!member || !counted(entry.date.slice(0, 7))) continue;
      if (constituency !== 'all' && enumValueName(member.constituency) !== constituency) continue;
      const people = byMonth.get(entry.date.slice(0, 7)) ?? new Set<string>();
      people.add(member.id);
      byMonth.set(entry.date.slice(0, 7), people);
      if (field === 'hours') sum += Math.round((entry.hours ?? 0) * 100);
      if (field === 'payments') sum += Math.round((entry.payment ?? 0) * 100);
      if (field === 'expenses') sum += Math.round((entry.expenses ?? 0) * 100);
      if (field === 'entries') sum += 100;
      if (field === 'trainingEntries' && isTrainingEntry(entry)) sum += 100;
    }
    if (field === 'members') return Math.max(0, ...[...byMonth.values()].map((set) => set.size));
    return ['hours', 'payments', 'expenses', 'entries', 'trainingEntries'].includes(field)
      ? sum / 100
      : null;
  }

  withheldActive(constituency: string | 'all'): number {
    return this.#board.snapshot.members.filter(
      (member) =>
        member.status === 'Active' &&
        !consented(member) &&
        (constituency === 'all' || enumValueName(member.constituency) === constituency),
    ).length;
  }

  #small(people: number): boolean {
    return people > 0 && people < this.#smallest;
  }

  #figure(
    type: string,
    field: string,
    value: unknown,
    ancestors: readonly { type: string; value: Record<string, unknown> }[],
    where: string,
    leaks: Leak[],
  ): void {
    if (typeof value !== 'number') return;
    const object = ancestors.at(-1)?.value ?? {};
    let people: number | null = null;
    if (type === 'Board' && field === 'activeMemberCount') people = this.withheldActive('all');
    if (type === 'ConstituencyCount' && field === 'count') {
      people = this.withheldActive(String(object.constituency));
    }
    if (type === 'ConstituencyAttendance' && field !== 'constituency') {
      const meetings = this.#meetingsOf(ancestors);
      if (meetings === null) {
        leaks.push({ where, what: 'an attendance figure the sweep cannot place' });
        return;
      }
      people = this.withheldAttendance(meetings, String(object.constituency), field as Column);
    }
    if (type === 'InvolvementSummary' || type === 'ConstituencyInvolvement') {
      const summary = [...ancestors].reverse().find((a) => a.type === 'InvolvementSummary');
      const { from, to } = (summary?.value ?? {}) as { from?: string | null; to?: string | null };
      if (from === undefined || to === undefined) {
        leaks.push({ where, what: 'an involvement figure the sweep cannot place' });
        return;
      }
      const constituency = type === 'ConstituencyInvolvement' ? String(object.constituency) : 'all';
      // The figure is the sum of the months not left out (the answer lists those it leaves out).
      const leftOut = Array.isArray(object.monthsLeftOut)
        ? new Set(object.monthsLeftOut.map((day) => String(day).slice(0, 7)))
        : new Set<string>();
      people = this.withheldInvolved(from, to, constituency, leftOut);
      leaks.push(...this.#involvementMonths(where, field, value, from, to, constituency, leftOut));
    }
    if (people === null) return;
    this.checked.figures += 1;
    if (this.#small(people)) {
      leaks.push({ where, what: `${value}, a figure counting ${people} who have not consented` });
    }
  }

  /** The meetings an attendance figure counts, from the object it hangs under. */
  #meetingsOf(ancestors: readonly { type: string; value: Record<string, unknown> }[]) {
    for (const ancestor of [...ancestors].reverse()) {
      if (ancestor.type === 'Meeting' && typeof ancestor.value.id === 'string') {
        return [ancestor.value.id];
      }
      if (ancestor.type === 'AnnualReport') {
        const { from, to } = ancestor.value as { from?: string; to?: string };
        if (!from || !to) return null;
        return heldMeetingsIn(this.#board.snapshot, from, to).map((meeting) => meeting.id);
      }
    }
    return null;
  }

  /** A pack: the figures of its attendance, and nobody who has not consented listed in it. */
  #pack(object: Record<string, unknown>, where: string, leaks: Leak[]): void {
    const content = typeof object.content === 'string' ? object.content : null;
    const meetingId = typeof object.meetingId === 'string' ? object.meetingId : null;
    if (content === null || meetingId === null) return;
    this.checked.packs += 1;
    const html = object.format === 'HTML';
    const section = attendanceSection(content, object.easyRead === true, html);
    for (const label of this.#labels) {
      if (section.includes(label))
        leaks.push({ where, what: `"${label}" listed in the attendance` });
    }
    for (const figure of packFigures(section, object.easyRead === true, html)) {
      const people = this.withheldAttendance([meetingId], figure.constituency, figure.column);
      this.checked.packFigures += 1;
      if (this.#small(people)) {
        leaks.push({
          where,
          what: `${figure.text}: a pack figure counting ${people} who have not consented`,
        });
      }
    }
  }
}

/** The attendance part of a pack, from its heading to the next section's (empty if none). */
export function attendanceSection(content: string, easyRead: boolean, html: boolean): string {
  const heading = (text: string) => (html ? `<h2>${text}</h2>` : `\n${text}\n`);
  const [start, end] = easyRead
    ? [heading('Who came'), heading('What we agreed to do')]
    : [heading('Attendance'), heading('Actions agreed at this meeting')];
  const from = content.indexOf(start);
  const to = content.indexOf(end, from + 1);
  return from === -1 ? '' : content.slice(from, to === -1 ? undefined : to);
}

interface PackFigure {
  readonly text: string;
  readonly constituency: string | 'all';
  readonly column: Column | 'all';
}

const GROUP_NAMES: Readonly<Record<string, string>> = {
  Residents: 'RESIDENT',
  'Service providers': 'PROVIDER',
  'Health and care staff': 'STAFF',
  Council: 'COUNCIL',
  'Other groups': 'OTHER',
};
const COLUMNS: readonly Column[] = ['present', 'apologies', 'absent'];

/**
 * The figures about people in a pack's attendance section, each with the cell it counts.
 * "N members not named" counts only people who have not consented, so its column's.
 */
export function packFigures(section: string, easyRead: boolean, html: boolean): PackFigure[] {
  const figures: PackFigure[] = [];
  const flat = section
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
  if (easyRead) {
    const patterns: [RegExp, Column][] = [
      [/\b(\d+) (?:person|people) came\./, 'present'],
      [/(\d+) (?:person|people) could not come and told us/, 'apologies'],
      [/(\d+) (?:person|people) did not come/, 'absent'],
      [/(\d+) other (?:person|people) came too/, 'present'],
      [/(\d+) other (?:person|people) could not come too/, 'apologies'],
    ];
    for (const [pattern, column] of patterns) {
      const match = pattern.exec(flat);
      if (match) figures.push({ text: match[0], constituency: 'all', column });
    }
    for (const match of flat.matchAll(
      /(Residents|Service providers|Health and care staff|Council|Other groups): (\d+) (?:person|people)/g,
    )) {
      figures.push({
        text: match[0],
        constituency: GROUP_NAMES[match[1] as string] as string,
        column: 'present',
      });
    }
    return figures;
  }
  const rowPattern = html
    ? /<tr><th scope="row">(\w+)<\/th><td class="number">([^<]*)<\/td><td class="number">([^<]*)<\/td><td class="number">([^<]*)<\/td><\/tr>/g
    : /^(\w+) +(not shown|\d+) +(not shown|\d+) +(not shown|\d+)$/gm;
  for (const match of section.matchAll(rowPattern)) {
    const name = match[1] as string;
    if (name === 'Constituency') continue;
    COLUMNS.forEach((column, index) => {
      const cell = match[index + 2] as string;
      if (!/^\d+$/.test(cell)) return;
      figures.push({
        text: `${name} ${column} ${cell}`,
        constituency: name === 'Total' ? 'all' : enumValueName(name),
        column,
      });
    });
  }
  const lines = flat.split(/(?=Present:|Apologies:)/);
  for (const line of lines) {
    const match = /(\d+) members? not named/.exec(line);
    if (!match) continue;
    figures.push({
      text: match[0],
      constituency: 'all',
      column: line.startsWith('Apologies') ? 'apologies' : 'present',
    });
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Pages and downloads (issue 13)

/**
 * A figure about people on a page: attendance in one column, active members ('active'), or
 * any involvement figure ('involvement': hours, payments, expenses, entries or people).
 */
export interface PageFigure {
  readonly text: string;
  /** An API constituency name (RESIDENT), or 'all'. */
  readonly constituency: string;
  readonly column: Column | 'active' | 'involvement';
  readonly value: number;
}

/**
 * The figures about people an annual report page (standard or easy read), its CSV, or the
 * portal shows, each with what it counts. Read from the page's own marks (`data-figure`), from
 * the easy-read sentences, and from the CSV's rows, so a figure in any of them is checked.
 */
export function pageFigures(content: string, kind: 'html' | 'easy' | 'csv'): PageFigure[] {
  const figures: PageFigure[] = [];
  if (kind === 'html') {
    for (const [text, name = '', shown = ''] of content.matchAll(
      /data-figure="([^"]+)">([^<]*)</g,
    )) {
      if (!/^\d+(\.\d+)?$/.test(shown.replace(/^£/, ''))) continue;
      const attendance = /^attendance\.(\w+)\.(present|apologies|absent)$/.exec(name);
      const balance = /^balance\.(\w+)$/.exec(name);
      const involvement = /^involvement\.(\w+)\.\w+$/.exec(name);
      if (involvement) {
        figures.push({
          text,
          constituency: involvement[1] ?? '',
          column: 'involvement',
          value: Number(shown.replace(/^£/, '')),
        });
      } else if (attendance) {
        const [, constituency = '', column] = attendance;
        figures.push({ text, constituency, column: column as Column, value: Number(shown) });
      } else if (balance) {
        figures.push({
          text,
          constituency: balance[1] ?? '',
          column: 'active',
          value: Number(shown),
        });
      } else if (name === 'activeMemberCount') {
        figures.push({ text, constituency: 'all', column: 'active', value: Number(shown) });
      }
    }
  } else if (kind === 'easy') {
    // Involvement figures are marked in the sentences as in the standard page.
    for (const [text, name = '', shown = ''] of content.matchAll(
      /data-figure="(involvement\.\w+\.\w+)">([^<]*)</g,
    )) {
      if (!/^\d+(\.\d+)?$/.test(shown)) continue;
      const [, constituency = ''] = /^involvement\.(\w+)\./.exec(name) ?? [];
      figures.push({ text, constituency, column: 'involvement', value: Number(shown) });
    }
    const flat = content.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const match of flat.matchAll(
      /(Residents|Service providers|Health and care staff|Council|Other groups) came (\d+) times?/g,
    )) {
      figures.push({
        text: match[0],
        constituency: GROUP_NAMES[match[1] as string] as string,
        column: 'present',
        value: Number(match[2]),
      });
    }
  } else {
    for (const line of content.replace(/^\uFEFF/, '').split('\r\n')) {
      const involved = /^Involvement( by constituency)?,(\w+),[^,]+,(\d+(?:\.\d+)?),/.exec(line);
      // How many months a row leaves out is about months, not people (the API's monthsLeftOut).
      if (involved && !line.includes(',Months left out,')) {
        const [, byConstituency, item = ''] = involved;
        figures.push({
          text: line,
          constituency: byConstituency ? enumValueName(item) : 'all',
          column: 'involvement',
          value: Number(involved[3]),
        });
        continue;
      }
      const match = /^Attendance by constituency,(\w+),(Present|Apologies|Absent),(\d+),/.exec(
        line,
      );
      if (!match) continue;
      figures.push({
        text: line,
        constituency: enumValueName(match[1] as string),
        column: (match[2] as string).toLowerCase() as Column,
        value: Number(match[3]),
      });
    }
  }
  return figures;
}

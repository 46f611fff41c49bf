/**
 * Partners ask the same reporting queries again and again, and the answer can only change when
 * the board snapshot does. So answers are kept per snapshot version, role, day and accepted
 * media type, as the bytes that were sent. Role is in the key, so an officer's answer is never
 * given to a partner. Answers with errors are never kept, nor what a mutation did, and the
 * whole store is dropped as soon as a new snapshot is built.
 *
 * A kept answer costs as little as the server can make it:
 * - it is found as early as its key can be known: for a POST of JSON (what clients send), as
 *   soon as the body has arrived, in `onRequest`, before yoga parses the request, validates,
 *   builds a context, executes or serialises anything; the stored bytes are sent as they are.
 *   (GET requests, and bodies sent without a Content-Length, are looked up in `onParams`.)
 * - identical requests that miss together share one execution: the first runs the operation,
 *   the others wait for its answer (single flight), so a new snapshot, which empties the store,
 *   costs one execution per distinct query rather than one per waiting request.
 * - an answer is kept without `extensions.asOf` and `extensions.stale`, which are added to the
 *   bytes for each request: a read that finds the board unchanged keeps the version (and the
 *   kept answers) but moves `asOf` on, a stale snapshot's age changes every second, and partners
 *   get the gist of why only. So an outage does not make every request execute either.
 *
 * Whatever partners send, the memory this holds is bounded:
 * - the key is the operation as parsed and printed (no comments, no spacing, no operation name,
 *   no operations or fragments the request does not run) plus the values of the variables the
 *   operation declares, so unused variables and comments cannot turn one query into many entries;
 * - the store is bounded by bytes, not only by entries: an answer weighs its text and its key
 *   as V8 may hold them (two bytes a character), and one answer may take at most a sixteenth
 *   of the store, so one big answer cannot push out all the rest.
 *
 * Why not `@graphql-yoga/plugin-response-cache` (3.26, over `@envelop/response-cache` 9.3; its
 * peers, graphql 16 and graphql-yoga ^5.24.1, fit)? Weighed, and not taken: session = role and a
 * key holding the snapshot version would fit, but its in-memory store is an LRU bounded by entry
 * count only (`max`, 1000 by default), so bounding by bytes means writing the store anyway; its
 * key hashes the document text as the client sent it, so normalising means writing the key too;
 * it answers a hit from `onExecute`, after parsing and validation, and serialises it again; and
 * it adds `__typename` to every document and walks every result to collect entities for
 * mutation-driven invalidation and TTLs, work this server never needs, because an answer changes
 * only with the snapshot and a new snapshot drops everything at once.
 */
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BoundedLru, stringBytes } from './bounded-lru';
import type { Role } from './graphql/context';
import { MAX_TOKENS } from './plugins/armor';
import { MAX_OPERATION_NAME_LENGTH, MAX_REQUEST_BODY_BYTES } from './plugins/request-limits';
import { snapshotExtensionsJson } from './plugins/stale-extension';
import type { CachedSnapshot, StaleInfo } from './snapshot-cache';

/** 16 MB of answers: the partner report weighs about 11 KB, so hundreds of distinct ones fit. */
export const RESPONSE_CACHE_MAX_BYTES = 16 * 1024 * 1024;

/**
 * How long a request waits for an identical one already executing before it executes itself.
 * Only ever reached if that execution never ends (it always does: its answer or error ends it).
 */
const SHARED_EXECUTION_WAIT_MS = 10_000;

export interface ResponseCacheOptions {
  /**
   * The version (and staleness) of the snapshot this request is answered from. The request's
   * snapshot is the context's, taken once per request elsewhere; the cache only keys by it.
   */
  readonly snapshotOf: (
    request: Request,
  ) => Promise<Pick<CachedSnapshot, 'version' | 'stale' | 'readAt'>>;
  readonly roleOf: (request: Request) => Role | undefined;
  readonly todayOf: () => string;
  /** The GraphQL endpoint's path ('/graphql'): the only path answered from `onRequest`. */
  readonly endpoint: string;
  /**
   * Told the operation name of a request answered before `onParams` (which is where the request
   * log learns it otherwise).
   */
  readonly onOperationName?: (request: Request, name: string | null | undefined) => void;
  /** Told of each request answered from the store (for the metrics' count of hits). */
  readonly onHit?: (request: Request) => void;
  /** Where answers are kept; tests pass their own to look inside. */
  readonly store?: ResponseStore;
}

/**
 * One kept answer: the text sent, and what it was sent as. Kept as a string, which Node writes
 * to the socket as it is; a string is also what the byte bound can weigh honestly (V8 holds it
 * in one or two bytes a character).
 */
export interface CachedAnswer {
  /** The JSON body as executed, without `extensions.asOf` and `extensions.stale`. */
  readonly body: string;
  /** Its length in UTF-8, for Content-Length. */
  readonly bytes: number;
  readonly contentType: string;
  /** Whether the body has an `extensions` object (asOf and stale go into it). */
  readonly hasExtensions: boolean;
}

/** The kept answers, by normalised key. */
export type ResponseStore = BoundedLru<CachedAnswer>;

export function responseStore(
  options: { maxBytes?: number; maxEntryBytes?: number; maxEntries?: number } = {},
): ResponseStore {
  return new BoundedLru<CachedAnswer>({
    maxBytes: options.maxBytes ?? RESPONSE_CACHE_MAX_BYTES,
    ...(options.maxEntryBytes === undefined ? {} : { maxEntryBytes: options.maxEntryBytes }),
    maxEntries: options.maxEntries ?? 10_000,
    sizeOf: (key, answer) =>
      stringBytes(key) + stringBytes(answer.body) + stringBytes(answer.contentType) + 64,
  });
}

/** A kept answer as last sent: its bytes with these extensions. */
interface SentBody {
  readonly answer: CachedAnswer;
  /** `snapshotExtensionsJson` as added to it. */
  readonly members: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/**
 * Hot answers as sent (with `asOf`), besides the kept text: a fraction of the store, since
 * only the answers being asked for again and again need them.
 */
const SENT_MAX_BYTES = 4 * 1024 * 1024;

const utf8 = new TextEncoder();

/** A request body read once: its parameters (null if not a JSON object) and its signature. */
interface KnownBody {
  readonly params: (Params & Record<string, unknown>) | null;
  readonly signature: string | null;
}

/** GraphQL request parameters, as far as the cache reads them. */
interface Params {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
}

/** What the cache decided for a request it could key. */
interface Keyed {
  readonly key: string;
  readonly version: number;
  readonly role: Role;
  readonly stale: StaleInfo | null;
  readonly readAt: number;
}

/** A request executing an operation others may be waiting for. */
interface Leader extends Keyed {
  /** Set once execution is done: the text to keep, if the answer may be kept. */
  body?: string;
  hasExtensions?: boolean;
  /** Ends the wait of the requests sharing this execution, with the kept answer or null. */
  readonly finish: (answer: CachedAnswer | null) => void;
}

/** What the early lane (hit-lane.ts) asks of the store, with all it knows of a request. */
export interface EarlyQuestion {
  readonly role: Role;
  /** The Accept header as sent ('' when none). */
  readonly accept: string;
  /** The request body, a POST of JSON. */
  readonly body: string;
  /**
   * The snapshot the request is answered from. On a miss the pipeline takes its own, which is
   * this one unless a refresh landed in between (the key holds the version, so no mix-up).
   */
  readonly cached: Pick<CachedSnapshot, 'version' | 'stale' | 'readAt'>;
}

/** A kept answer ready to send, and what the log and the metrics say of it. */
export interface EarlyAnswer {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  /** The operation name the request sent, if a string (for the log line and the metrics). */
  readonly operationName: string | null;
}

export interface ResponseCache {
  /**
   * Put it after authentication (it needs the role) and request limits, and before armour (a
   * hit was checked when it was first answered).
   */
  readonly plugin: Plugin;
  /**
   * The kept answer for a request, found without a promise, or null when it must go through
   * the pipeline (not kept, not keyable, or a request the plugin would refuse). Only answers,
   * never starts or waits for an execution: the pipeline does that for a miss.
   */
  answerNow(question: EarlyQuestion): EarlyAnswer | null;
}

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const answers = options.store ?? responseStore();
  const operations = operationCache();
  /** Requests whose parameters this plugin has read (and whose body it has consumed). */
  const readParams = new WeakMap<Request, Params>();
  /** Requests whose key is known: looked up already, so `onParams` leaves them alone. */
  const decided = new WeakSet<Request>();
  const leaders = new WeakMap<Request, Leader>();
  /** Executions in flight, by key, with the promise of their kept answer. */
  const inFlight = new Map<string, Promise<CachedAnswer | null>>();
  let version = -1;
  /** The bytes last sent for kept answers, by key (bounded apart from the answers). */
  const sent = new BoundedLru<SentBody>({
    maxBytes: SENT_MAX_BYTES,
    sizeOf: (key, body) => stringBytes(key) + stringBytes(body.members) + body.bytes.length + 64,
  });
  /** Request bodies seen, by their text: parsed, checked and keyed once. */
  const bodies = new BoundedLru<KnownBody>({
    maxBytes: 4 * 1024 * 1024,
    sizeOf: (text, body) => 2 * stringBytes(text) + stringBytes(body.signature ?? '') + 64,
  });

  /** A POST body as the store sees it (a pure function of the text). */
  function readBody(text: string): KnownBody {
    let params: unknown;
    try {
      params = JSON.parse(text);
    } catch {
      return { params: null, signature: null };
    }
    if (!isParamsObject(params)) return { params: null, signature: null };
    const name = params.operationName;
    const answerable =
      // Yoga refuses unknown parameters, and request-limits.ts names that are too long.
      hasOnlyGraphQLParams(params) &&
      !(typeof name === 'string' && name.length > MAX_OPERATION_NAME_LENGTH);
    return { params, signature: answerable ? signatureOf(params) : null };
  }

  /**
   * What of the request's parameters decides its answer: the normalised operation and the
   * values of the variables it declares, as one string; null when the answer must not come
   * from the store (not one runnable query, malformed variables, a mutation).
   */
  function signatureOf(params: Params): string | null {
    if (typeof params.query !== 'string') return null;
    const operationName = params.operationName ?? undefined;
    if (operationName !== undefined && typeof operationName !== 'string') return null;
    // Malformed variables are yoga's to refuse (after this runs): never answer them from here.
    const variables = params.variables;
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return null;
    }
    const operation = operations.of(params.query, operationName);
    if (!operation) return null; // not one runnable operation: the pipeline says what is wrong
    // A mutation's answer is what it just did: running it again must do it again.
    if (!operation.query) return null;
    const used = usedVariables(operation.variables, variables as Record<string, unknown> | null);
    try {
      return used.length === 0
        ? operation.printed
        : `${operation.printed}\n${JSON.stringify(used)}`;
    } catch {
      return null; // variables too deeply nested to key: answer without the cache
    }
  }

  /** The request's key, from its signature and what else decides the answer. */
  async function keyOf(request: Request, signature: string | null): Promise<Keyed | null> {
    const role = options.roleOf(request);
    if (!role || signature === null) return null;
    let cached: Pick<CachedSnapshot, 'version' | 'stale' | 'readAt'>;
    try {
      cached = await options.snapshotOf(request);
    } catch {
      return null; // the context reports the failure
    }
    return keyFor(role, request.headers.get('accept') ?? '', signature, cached);
  }

  function keyFor(
    role: Role,
    accept: string,
    signature: string,
    cached: Pick<CachedSnapshot, 'version' | 'stale' | 'readAt'>,
  ): Keyed {
    // Only a newer snapshot clears: a late request still on the older one must not empty the
    // cache of answers from the newer (its own key holds its version, so it cannot be mixed up).
    if (cached.version > version) {
      answers.clear();
      sent.clear();
      version = cached.version;
    }
    // The media type of the answer follows the Accept header (yoga negotiates it). None of
    // these parts holds the separator (a version, a role, a date, a header value).
    const key = [cached.version, role, options.todayOf(), accept, signature].join('\u0000');
    return { key, version: cached.version, role, stale: cached.stale, readAt: cached.readAt };
  }

  /**
   * The kept answer for the key, waiting for an identical request already executing if there
   * is one; null when this request must execute (it is then the one others wait for).
   */
  async function answerFor(request: Request, keyed: Keyed): Promise<CachedAnswer | null> {
    decided.add(request);
    const kept = answers.get(keyed.key);
    if (kept) return kept;
    const running = inFlight.get(keyed.key);
    if (running) {
      const shared = await waitAtMost(running, SHARED_EXECUTION_WAIT_MS);
      if (shared) return shared;
      return null; // its answer could not be kept (errors): this one executes on its own
    }
    let finish: (answer: CachedAnswer | null) => void = () => {};
    const done = new Promise<CachedAnswer | null>((resolve) => {
      finish = resolve;
    });
    inFlight.set(keyed.key, done);
    leaders.set(request, {
      ...keyed,
      finish: (answer) => {
        if (inFlight.get(keyed.key) === done) inFlight.delete(keyed.key);
        finish(answer);
      },
    });
    return null;
  }

  /** The body for this request: the kept one, with `extensions.asOf` (and `stale`). */
  function bodyFor(answer: CachedAnswer, members: string): string {
    // `{"data":…}` → `{"data":…,"extensions":{"asOf":…}}`; `{…,"extensions":{…}}` →
    // `{…,"extensions":{…,"asOf":…}}`: what plugins/stale-extension.ts makes of an executed one.
    return answer.hasExtensions
      ? `${answer.body.slice(0, -2)},${members}}}`
      : `${answer.body.slice(0, -1)},"extensions":{${members}}}`;
  }

  /**
   * The same as UTF-8 bytes, as last sent for this key while its answer and extensions stay
   * the same (so a run of hits encodes nothing): Node writes bytes to the socket as they are.
   */
  function bytesFor(answer: CachedAnswer, keyed: Keyed): Uint8Array<ArrayBuffer> {
    const members = snapshotExtensionsJson(keyed.role, keyed);
    const last = sent.get(keyed.key);
    if (last && last.answer === answer && last.members === members) return last.bytes;
    const bytes = utf8.encode(bodyFor(answer, members));
    sent.set(keyed.key, { answer, members, bytes });
    return bytes;
  }

  /** Clients send the same few bodies again and again: what a body says is worked out once. */
  function knownBody(text: string): KnownBody {
    let known = bodies.get(text);
    if (!known) {
      known = readBody(text);
      bodies.set(text, known);
    }
    return known;
  }

  function answerNow({ role, accept, body, cached }: EarlyQuestion): EarlyAnswer | null {
    const known = knownBody(body);
    if (!known.params || known.signature === null) return null;
    const keyed = keyFor(role, accept, known.signature, cached);
    const answer = answers.get(keyed.key);
    if (!answer) return null;
    const name = known.params.operationName;
    return {
      bytes: bytesFor(answer, keyed),
      contentType: answer.contentType,
      operationName: typeof name === 'string' ? name : null,
    };
  }

  /** `onRequest` for a POST of JSON with a declared, allowed length: a hit is answered here. */
  async function answerEarly(
    request: Request,
    endResponse: (response: Response) => void,
    ResponseClass: typeof Response,
  ): Promise<void> {
    let text: string;
    try {
      text = await request.text();
    } catch {
      return; // the client went away: yoga finds that out for itself
    }
    const known = knownBody(text);
    if (!known.params) return; // yoga's parser reads the body again (it is kept), and says why
    const keyed = await keyOf(request, known.signature);
    const answer = keyed ? (answers.get(keyed.key) ?? (await answerFor(request, keyed))) : null;
    if (!keyed || !answer) {
      // Whatever happens next, onParams would decide the same.
      decided.add(request);
      // Yoga gets parameters of its own (plugins may change what they are given).
      readParams.set(request, JSON.parse(text));
      return;
    }
    const name = known.params.operationName;
    options.onOperationName?.(request, typeof name === 'string' ? name : null);
    options.onHit?.(request);
    const bytes = bytesFor(answer, keyed);
    endResponse(
      new ResponseClass(bytes, {
        status: 200,
        headers: { 'content-type': answer.contentType, 'content-length': String(bytes.length) },
      }),
    );
  }

  const plugin: Plugin = {
    // Not async: only a POST of JSON to the endpoint waits for anything here.
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || url.pathname !== options.endpoint) return;
      if (!options.roleOf(request) || !isJsonRequest(request)) return;
      // Only a body whose length is declared and allowed is read here; anything else is left
      // to yoga, which enforces the limit while it reads (request-limits.ts).
      const length = request.headers.get('content-length');
      if (length === null || !/^\d+$/.test(length) || Number(length) > MAX_REQUEST_BODY_BYTES) {
        return;
      }
      return answerEarly(request, endResponse, fetchAPI.Response);
    },
    onRequestParse({ request, setRequestParser }) {
      // The body was read above: hand yoga what it held instead of reading it again.
      const params = readParams.get(request);
      if (params) setRequestParser(() => params as Record<string, unknown>);
    },
    async onParams({ params, request, setResult }) {
      if (decided.has(request)) return;
      const keyed = await keyOf(request, signatureOf(params));
      if (!keyed) return;
      const answer = await answerFor(request, keyed);
      if (!answer) return;
      options.onHit?.(request);
      setResult(resultSending(bodyFor(answer, snapshotExtensionsJson(keyed.role, keyed))));
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const leader = request ? leaders.get(request) : undefined;
      if (!leader) return;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result || result.errors) return;
          // Kept without asOf and stale, which each request gets added for itself (and
          // without `http`, which yoga never sends).
          const {
            asOf: _asOf,
            stale: _stale,
            http: _http,
            ...extensions
          } = result.extensions ?? {};
          const hasExtensions = Object.keys(extensions).length > 0;
          leader.body = JSON.stringify(
            hasExtensions ? { ...result, extensions } : { ...result, extensions: undefined },
          );
          leader.hasExtensions = hasExtensions;
        },
      };
    },
    onResponse({ request, response }) {
      const leader = leaders.get(request);
      if (!leader) return;
      leaders.delete(request);
      const contentType = response.headers.get('content-type');
      if (
        leader.body === undefined ||
        response.status !== 200 ||
        // A single JSON answer only: yoga sends an answer to `Accept: text/event-stream` or
        // `multipart/mixed` as a stream, whose bytes are not the serialised result kept here.
        !isSingleJsonAnswer(contentType) ||
        // A refresh landed meanwhile and emptied the store: this answer is already old.
        leader.version !== version
      ) {
        leader.finish(null);
        return;
      }
      const answer: CachedAnswer = {
        body: leader.body,
        bytes: Buffer.byteLength(leader.body, 'utf8'),
        contentType: contentType as string,
        hasExtensions: leader.hasExtensions === true,
      };
      answers.set(leader.key, answer);
      leader.finish(answer);
    },
  };
  return { plugin, answerNow };
}

/** `application/json` or `application/graphql+json`, as yoga's JSON parser takes them. */
function isJsonRequest(request: Request): boolean {
  return isJsonContentType(request.headers.get('content-type'));
}

/** A Content-Type header yoga's JSON parser takes. */
export function isJsonContentType(header: string | null | undefined): boolean {
  if (!header) return false;
  const comma = header.indexOf(',');
  const type = comma === -1 ? header : header.slice(0, comma);
  return isMediaType(type, 'application/json') || isMediaType(type, 'application/graphql+json');
}

/** What yoga sends a single result as: JSON, or GraphQL's own JSON response type. */
function isSingleJsonAnswer(contentType: string | null): boolean {
  return (
    contentType !== null &&
    (isMediaType(contentType, 'application/json') ||
      isMediaType(contentType, 'application/graphql-response+json'))
  );
}

/** `expected` itself, or with parameters (`;charset=utf-8`). */
function isMediaType(type: string, expected: string): boolean {
  return (
    type.startsWith(expected) &&
    (type.length === expected.length || type.charCodeAt(expected.length) === 59) // ';'
  );
}

function isParamsObject(value: unknown): value is Params & Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const GRAPHQL_PARAMS = new Set(['query', 'variables', 'operationName', 'extensions']);

/** What yoga's own check of the parameters lets through (else it refuses the request). */
function hasOnlyGraphQLParams(params: Record<string, unknown>): boolean {
  for (const [name, value] of Object.entries(params)) {
    if (value != null && !GRAPHQL_PARAMS.has(name)) return false;
  }
  const extensions = params.extensions;
  return extensions == null || (typeof extensions === 'object' && !Array.isArray(extensions));
}

/**
 * An execution result that yoga sends as these bytes: its result processor serialises a result
 * with the result's own `stringify` when it has one. Not enumerable, so a plugin that copies the
 * result (to change its errors, which a kept answer never has) drops it and is not ignored.
 */
function resultSending(body: string): ExecutionResult {
  const result: ExecutionResult = { data: {} };
  Object.defineProperty(result, 'stringify', {
    value: () => body,
    enumerable: false,
  });
  return result;
}

function waitAtMost<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** What of a request's operation decides its answer. */
interface NormalisedOperation {
  /** True for a query (the only kind whose answers are kept). */
  readonly query: boolean;
  /** The operation without its name, then the fragments it spreads, printed. */
  readonly printed: string;
  /** The names of the variables it declares, in order. */
  readonly variables: readonly string[];
}

/**
 * Request text -> normalised operation, remembered so that a hit does not parse again. Bounded
 * by bytes too: the texts are partners' to choose.
 */
function operationCache() {
  const known = new BoundedLru<NormalisedOperation>({
    maxBytes: 4 * 1024 * 1024,
    maxEntryBytes: 256 * 1024,
    sizeOf: (key, value) => stringBytes(key) + stringBytes(value.printed) + 64,
  });
  return {
    of(query: string, operationName: string | undefined): NormalisedOperation | null {
      const memoKey = `${operationName ?? ''}\n${query}`;
      const remembered = known.get(memoKey);
      if (remembered) return remembered;
      const operation = normalisedOperation(query, operationName);
      if (operation) known.set(memoKey, operation);
      return operation;
    },
  };
}

export function normalisedOperation(
  query: string,
  operationName: string | undefined,
): NormalisedOperation | null {
  let document: DocumentNode;
  try {
    // The same token limit as the pipeline's parser, so keying costs no more than parsing.
    document = parse(query, { noLocation: true, maxTokens: MAX_TOKENS });
  } catch {
    return null;
  }
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const spread = spreadFragments(operation, fragments);
  // The answer does not depend on the operation's name, so neither does the key.
  const { name: _name, ...anonymous } = operation;
  const printed = [
    print(anonymous as OperationDefinitionNode),
    ...[...spread].sort().map((name) => print(fragments.get(name) as FragmentDefinitionNode)),
  ].join('\n');
  return {
    query: operation.operation === 'query',
    printed,
    variables: (operation.variableDefinitions ?? []).map(
      (definition) => definition.variable.name.value,
    ),
  };
}

/** The names of the fragments an operation spreads, directly or through other fragments. */
function spreadFragments(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Set<string> {
  const found = new Set<string>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  // Each fragment is entered once, so this ends even on a cycle (which validation refuses).
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!found.has(name) && fragment) {
          found.add(name);
          pending.push(fragment.selectionSet);
        }
      } else if (selection.selectionSet) {
        pending.push(selection.selectionSet);
      }
    }
  }
  return found;
}

/** The values of the declared variables only, in declaration order (so key order is fixed). */
function usedVariables(
  declared: readonly string[],
  given: Record<string, unknown> | null | undefined,
): [string, unknown][] {
  if (!given || typeof given !== 'object') return [];
  return declared.filter((name) => Object.hasOwn(given, name)).map((name) => [name, given[name]]);
}

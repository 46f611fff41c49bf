/**
 * Partners ask the same reporting queries again and again, and the answer can only change when
 * the board snapshot does. So results are kept per snapshot version, role and day. Role is in
 * the key, so an officer's answer is never given to a partner. Stale snapshots and results with
 * errors are never kept, and the whole store is dropped as soon as a new snapshot is built.
 *
 * Whatever partners send, the memory this holds is bounded:
 * - the key is the operation as parsed and printed (no comments, no spacing, no operation name,
 *   no operations or fragments the request does not run) plus the values of the variables the
 *   operation declares, so unused variables and comments cannot turn one query into many entries;
 * - the store is bounded by bytes, not only by entries: an answer weighs twice the length of its
 *   JSON text (that text in UTF-16; measured, V8 holds a parsed answer in 1.8 times the length),
 *   and one answer may take at most a sixteenth of the store, so one big answer cannot push out
 *   all the rest.
 *
 * Why not `@graphql-yoga/plugin-response-cache` (3.26, over `@envelop/response-cache` 9.3; its
 * peers, graphql 16 and graphql-yoga ^5.24.1, fit)? Weighed, and not taken: session = role and a
 * key holding the snapshot version would fit, but its in-memory store is an LRU bounded by entry
 * count only (`max`, 1000 by default), so bounding by bytes means writing the store anyway; its
 * key hashes the document text as the client sent it, so normalising means writing the key too;
 * and it adds `__typename` to every document and walks every result to collect entities for
 * mutation-driven invalidation and TTLs, work this server never needs, because an answer changes
 * only with the snapshot and a new snapshot drops everything at once. What would be left of the
 * library is the lookup below, with more dependencies to keep up to date.
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
import type { CachedSnapshot } from './snapshot-cache';

/** 16 MB of answers: the partner report weighs about 40 KB, so hundreds of distinct ones fit. */
export const RESPONSE_CACHE_MAX_BYTES = 16 * 1024 * 1024;

export interface ResponseCacheOptions {
  /**
   * The version (and staleness) of the snapshot this request is answered from. The request's
   * snapshot is the context's, taken once per request elsewhere; the cache only keys by it.
   */
  readonly snapshotOf: (request: Request) => Promise<Pick<CachedSnapshot, 'version' | 'stale'>>;
  readonly roleOf: (request: Request) => Role | undefined;
  readonly todayOf: () => string;
  /** Where answers are kept; tests pass their own to look inside. */
  readonly store?: ResponseStore;
}

/** The kept answers, by normalised key. */
export type ResponseStore = BoundedLru<ExecutionResult>;

export function responseStore(
  options: { maxBytes?: number; maxEntryBytes?: number; maxEntries?: number } = {},
): ResponseStore {
  return new BoundedLru<ExecutionResult>({
    maxBytes: options.maxBytes ?? RESPONSE_CACHE_MAX_BYTES,
    ...(options.maxEntryBytes === undefined ? {} : { maxEntryBytes: options.maxEntryBytes }),
    maxEntries: options.maxEntries ?? 10_000,
    sizeOf: (key, result) => stringBytes(key) + stringBytes(JSON.stringify(result)),
  });
}

/** Put it after authentication (it needs the role) and before armour (a hit was checked). */
export function useResponseCache(options: ResponseCacheOptions): Plugin {
  const results = options.store ?? responseStore();
  const operations = operationCache();
  const pendingKeys = new WeakMap<Request, string>();
  let version = -1;

  return {
    async onParams({ params, request, setResult }) {
      const role = options.roleOf(request);
      if (!role || typeof params.query !== 'string') return;
      const variables = params.variables;
      // Malformed variables are yoga's to refuse (after this runs): never answer them from here.
      if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return;
      let cached: Pick<CachedSnapshot, 'version' | 'stale'>;
      try {
        cached = await options.snapshotOf(request);
      } catch {
        return; // the context reports the failure
      }
      if (cached.stale) return;
      if (cached.version !== version) {
        results.clear();
        version = cached.version;
      }
      const operation = operations.of(params.query, params.operationName ?? undefined);
      if (!operation) return; // not one runnable operation: the pipeline says what is wrong
      // A mutation's answer is what it just did: running it again must do it again.
      if (!operation.query) return;
      let key: string;
      try {
        key = JSON.stringify([
          role,
          options.todayOf(),
          operation.printed,
          usedVariables(operation.variables, variables),
        ]);
      } catch {
        return; // variables too deeply nested to key: answer without the cache
      }
      const hit = results.get(key);
      if (hit) {
        setResult(hit);
        return;
      }
      pendingKeys.set(request, key);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const key = request ? pendingKeys.get(request) : undefined;
      if (!key) return;
      const forVersion = version;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result || result.errors || forVersion !== version) return;
          results.set(key, result);
        },
      };
    },
  };
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

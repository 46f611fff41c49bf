/**
 * One mutation may record several circulations with aliases
 * (`a: recordCirculation(...) b: recordCirculation(...)`). GraphQL runs mutation fields one
 * after the other, each with its own write, so a refused second pack used to leave the first
 * one recorded. Before such a mutation runs, this records all of its rows at once through
 * `recorder.recordAll`, which builds every pack before writing any (all or none), and hands the
 * resolvers the rows it recorded, so their answers are unchanged. If any pack is refused, the
 * whole mutation is answered with that refusal and nothing is written.
 *
 * Only officers' mutations: anyone else's is refused field by field by the resolvers, which
 * write nothing. A mutation with a single recording needs none of this and runs as it is.
 */
import { GraphQLError, getOperationAST, Kind, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { PackError } from '../../schema/packs/types';
import {
  argumentsOf,
  type BoundOperation,
  bindOperation,
  isIncluded,
} from '../graphql/bound-operation';
import type { CirculationRecord, CirculationRecorder, CirculationRequest } from '../packs/record';
import type { BoardServerContext } from './board-snapshot';

const FIELD = 'recordCirculation';

export function useAtomicCirculation(): Plugin<BoardServerContext> {
  return {
    async onExecute({ args, extendContext, setResultAndStopExecution }) {
      const context = args.contextValue as BoardServerContext;
      const recorder = context.recorder;
      if (!recorder || context.role !== 'OFFICER') return;
      // Queries are most requests: settle them before coercing any variable.
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const bound = bindOperation(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | null | undefined,
      );
      if (bound?.operation.operation !== 'mutation') return;
      const requests = recordings(bound);
      if (requests.length < 2) return;
      let records: CirculationRecord[];
      try {
        records = await recorder.recordAll(requests);
      } catch (error) {
        setResultAndStopExecution({ data: null, errors: [refusal(error)] });
        return;
      }
      extendContext({ recorder: recorded(records, recorder) });
    },
  };
}

/**
 * The recordings the mutation asks for, in the order its fields run: one per response key, as
 * graphql-js merges fields of the same key (a fragment spread twice runs its fields once).
 */
function recordings(bound: BoundOperation): CirculationRequest[] {
  const definition = bound.schema.getMutationType()?.getFields()[FIELD];
  if (!definition) return [];
  const byKey = new Map<string, CirculationRequest>();
  const entered = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!isIncluded(bound, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (selection.name.value !== FIELD || byKey.has(key)) continue;
        const { meetingId, audience } = argumentsOf(bound, definition, selection);
        byKey.set(key, { meetingId, audience } as CirculationRequest);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else {
        const fragment = bound.fragments.get(selection.name.value);
        // A second spread of a fragment adds no field (they merge), and this ends on a cycle.
        if (fragment && !entered.has(fragment.name.value)) {
          entered.add(fragment.name.value);
          collect(fragment.selectionSet);
        }
      }
    }
  };
  collect(bound.operation.selectionSet);
  return [...byKey.values()];
}

/** A recorder for the resolvers that answers with the rows already recorded, in order. */
function recorded(
  records: readonly CirculationRecord[],
  fallback: CirculationRecorder,
): CirculationRecorder {
  const waiting = new Map<string, CirculationRecord[]>();
  for (const record of records) {
    const key = `${record.meetingId}\n${record.audience}`;
    waiting.set(key, [...(waiting.get(key) ?? []), record]);
  }
  return {
    recordAll: (requests) => fallback.recordAll(requests),
    async record(meetingId, audience) {
      const next = waiting.get(`${meetingId}\n${audience}`)?.shift();
      return next ?? fallback.record(meetingId, audience);
    },
  };
}

/** The refusal of the whole mutation, worded as the resolver words a single one. */
function refusal(error: unknown): GraphQLError {
  const reason = error instanceof Error ? error.message : String(error);
  // A refused pack stops everything before the first write; a failed write may come later,
  // and the recorder's message then names the rows that were written.
  return error instanceof PackError
    ? new GraphQLError(`Nothing was recorded: ${reason}`, { extensions: { code: error.code } })
    : new GraphQLError(`The circulations were not all recorded: ${reason}`, {
        extensions: { code: 'WRITE_FAILED' },
      });
}

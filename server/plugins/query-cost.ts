/**
 * Refuses, before any resolver runs, a query whose cost or page size is over the limits,
 * judged with its variables' values (`graphql/cost.ts`). It runs when execution starts, the
 * first moment the variables are known; armor's validation-time rules cannot see them.
 */
import type { Plugin } from 'graphql-yoga';
import { bindOperation } from '../graphql/bound-operation';
import { COST_LIMITS, type CostLimits, costRefusal } from '../graphql/cost';

export function useQueryCost(limits: CostLimits = COST_LIMITS): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const bound = bindOperation(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | null | undefined,
      );
      // No operation, or variables that do not coerce: execution refuses it and says why.
      if (!bound) return;
      const refusal = costRefusal(bound, limits);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

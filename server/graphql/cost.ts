/**
 * What a query costs, judged with its variables' values (DESIGN §4: a `first` passed as a
 * variable costs the same as a literal). graphql-armor's cost limit runs at validation, before
 * variables exist, so `actions(first: $n)` counted as a page of one and a 5 MB answer went out.
 *
 * The arithmetic is armor's, with the same limits as before: a leaf costs 1, an object 2 plus 1.5
 * times what it selects, a fragment spread 1 plus 1.5 times its fragment, and a list field's
 * cost is multiplied by its page size. The page size is now the `first` (or `last`) argument as
 * the resolver gets it: a literal, a variable's value, or the schema's default (`actions` without
 * `first` returns 50 rows, so it costs as 50). Fields left out by `@skip`/`@include` cost nothing.
 * A page larger than the resolvers serve is refused first, with its own code, since "too costly"
 * would not say what to change.
 *
 * A few lists are not paged but grow with the board's life, a row or more a month, unlike the
 * members (at most `Member cap`) or a meeting's attendance: they cost as the size they reach in
 * a year or two (`UNPAGED_LIST_SIZES`), so that asking each item for everything is judged as
 * the answer it will soon be.
 */
import {
  GraphQLError,
  type GraphQLNamedType,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { argumentsOf, type BoundOperation, isIncluded } from './bound-operation';
import { MAX_PAGE_SIZE } from './resolvers/actions';

export const MAX_COST = 5000;
const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_COST_FACTOR = 1.5;
const PAGE_ARGUMENTS = ['first', 'last'] as const;

/** Lists without pages that keep growing, and the size each is costed at. */
export const UNPAGED_LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.feedback': 10,
  'InvolvementSummary.byMember': 20,
};

export interface CostLimits {
  readonly maxCost: number;
  readonly maxPageSize: number;
}

export const COST_LIMITS: CostLimits = { maxCost: MAX_COST, maxPageSize: MAX_PAGE_SIZE };

/** The cost of the bound operation; throws the refusal for a page that is too large. */
export function operationCost(bound: BoundOperation, limits: CostLimits = COST_LIMITS): number {
  const fragmentCosts = new Map<string, number>();

  const setCost = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let total = 0;
    for (const selection of set.selections) total += selectionCost(selection, parent);
    return total;
  };

  const selectionCost = (
    selection: SelectionNode,
    parent: GraphQLNamedType | undefined,
  ): number => {
    if (!isIncluded(bound, selection)) return 0;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? bound.schema.getType(selection.typeCondition.name.value)
        : parent;
      return OBJECT_COST + DEPTH_COST_FACTOR * setCost(selection.selectionSet, type);
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      let cost = fragmentCosts.get(name);
      if (cost === undefined) {
        const fragment = bound.fragments.get(name);
        // Variables are fixed for the whole operation, so a fragment costs the same everywhere:
        // computing it once keeps fragments that spread each other twice from going exponential.
        cost = fragment
          ? OBJECT_COST +
            DEPTH_COST_FACTOR *
              setCost(
                fragment.selectionSet,
                bound.schema.getType(fragment.typeCondition.name.value),
              )
          : 0;
        fragmentCosts.set(name, cost);
      }
      return SCALAR_COST + DEPTH_COST_FACTOR * cost;
    }
    // Introspection is answered from the schema, not the board (as armor counted it).
    if (selection.name.value === '__schema') return 0;
    const definition =
      parent && (isObjectType(parent) || isInterfaceType(parent))
        ? parent.getFields()[selection.name.value]
        : undefined;
    if (!selection.selectionSet) return SCALAR_COST;
    let multiplier = 1;
    if (definition && parent)
      multiplier = UNPAGED_LIST_SIZES[`${parent.name}.${definition.name}`] ?? 1;
    if (definition) {
      const args = argumentsOf(bound, definition, selection);
      for (const name of PAGE_ARGUMENTS) {
        const size = args[name];
        if (typeof size !== 'number') continue;
        if (size > limits.maxPageSize) throw pageTooLarge(name, size, limits.maxPageSize);
        multiplier = Math.max(multiplier, size);
      }
    }
    const type = definition ? getNamedType(definition.type) : undefined;
    return (OBJECT_COST + DEPTH_COST_FACTOR * setCost(selection.selectionSet, type)) * multiplier;
  };

  const root = bound.schema.getRootType(bound.operation.operation) ?? undefined;
  return setCost(bound.operation.selectionSet, root);
}

/** The refusal of a query over the limits, or null when it may run. */
export function costRefusal(
  bound: BoundOperation,
  limits: CostLimits = COST_LIMITS,
): GraphQLError | null {
  let cost: number;
  try {
    cost = operationCost(bound, limits);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  if (cost <= limits.maxCost) return null;
  const rounded = Number.isFinite(cost) ? Math.ceil(cost) : cost;
  return new GraphQLError(
    `The query is too costly: it would cost ${rounded}, and the limit is ${limits.maxCost}. ` +
      'Every item of a page counts, so ask for a smaller page (first) or fewer fields, ' +
      'and fetch the rest in further queries.',
    { extensions: { code: 'QUERY_TOO_COSTLY', cost: rounded, maxCost: limits.maxCost } },
  );
}

function pageTooLarge(argument: string, size: number, max: number): GraphQLError {
  return new GraphQLError(
    `Argument "${argument}" must be between 1 and ${max}; got ${size}. ` +
      'Ask for the next page with "after" and the endCursor of this one.',
    { extensions: { code: 'PAGE_TOO_LARGE', argument, maxPageSize: max } },
  );
}

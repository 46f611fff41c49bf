/**
 * An operation together with its variables' values, as execution will see them: variables
 * coerced (defaults applied), `@skip`/`@include` decided, arguments read with their defaults.
 * What is judged before execution (the cost of a query, the rows a mutation will write) must be
 * judged on this, not on the document alone, or a `first: $n` counts as no `first` at all.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getOperationAST,
  getVariableValues,
  type InlineFragmentNode,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';

export interface BoundOperation {
  readonly schema: GraphQLSchema;
  readonly operation: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Coerced, with the declared defaults applied. */
  readonly variables: Readonly<Record<string, unknown>>;
}

/**
 * The operation execution would run, with its variables coerced; null when there is none or
 * the variables do not coerce (execution then refuses the request and says why).
 */
export function bindOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variableValues: Readonly<Record<string, unknown>> | null | undefined,
): BoundOperation | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    variableValues ?? {},
    { maxErrors: 1 },
  );
  if (coerced.errors) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return { schema, operation, fragments, variables: coerced.coerced };
}

/** False for a selection that `@skip` or `@include` leaves out, given the variables. */
export function isIncluded(
  bound: BoundOperation,
  node: FieldNode | FragmentSpreadNode | InlineFragmentNode,
): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, bound.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, bound.variables);
  return include?.if !== false;
}

/** A field's arguments as its resolver will get them (defaults applied). */
export function argumentsOf(
  bound: BoundOperation,
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
): Record<string, unknown> {
  return getArgumentValues(definition, node, bound.variables);
}

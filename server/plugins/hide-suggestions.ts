/**
 * graphql-js helps with "Did you mean ...?" when a field, argument, type or enum value is
 * misspelt. Each suggestion is a piece of the schema, so whoever may not introspect (partners off
 * the demo board) must not get them either, or they could map the schema by guessing. Armor's
 * field-suggestion blocker only caught field names in validation errors; this takes out every
 * suggestion (enum values included) from every error, whether validation or variable coercion
 * raised it, just before the answer is written.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const HAS_SUGGESTION = /Did you mean /;

export interface HideSuggestionsOptions {
  /** True for a request whose errors must carry no suggestion. */
  readonly hides: (request: Request) => boolean;
}

export function useHideSuggestions({ hides }: HideSuggestionsOptions): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      if (!hides(request) || Symbol.asyncIterator in result) return;
      setResult(
        Array.isArray(result) ? result.map(withoutSuggestions) : withoutSuggestions(result),
      );
    },
  };
}

type Result = { errors?: readonly (GraphQLError | GraphQLFormattedError)[] };

function withoutSuggestions<R extends Result>(result: R): R {
  if (!result.errors?.some((error) => HAS_SUGGESTION.test(error.message))) return result;
  return { ...result, errors: result.errors.map(withoutSuggestion) };
}

/** A copy: the original may sit in the validation cache and be answered to an officer later. */
function withoutSuggestion(
  error: GraphQLError | GraphQLFormattedError,
): GraphQLError | GraphQLFormattedError {
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  if (!(error instanceof GraphQLError)) return { ...error, message };
  return new GraphQLError(message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions: error.extensions,
  });
}

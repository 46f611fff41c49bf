/**
 * Limits on the shape of a query (graphql-armor): tokens, directives, aliases and depth, each
 * refusal with its own `extensions.code` and a message saying which limit it was. Armor's own
 * messages all start "Syntax Error:", even for a query that is well formed but too deep, which
 * sends people looking for a typo; so each refusal is reported here instead.
 *
 * Cost is not armor's: armor judges it at validation, before variables are known, so a `first`
 * passed as a variable cost nothing (`query-cost.ts` judges it with the variables' values).
 * Field suggestions are not armor's either: `hide-suggestions.ts` hides every kind of suggestion
 * (field, argument, enum value) from those who may not introspect.
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const MAX_TOKENS = 1000;
export const MAX_DIRECTIVES = 50;
export const MAX_ALIASES = 15;
export const MAX_DEPTH = 6;

export type ArmorCode =
  | 'TOO_MANY_TOKENS'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_ALIASES'
  | 'QUERY_TOO_DEEP';

/** The refusal as this server words it; `found` is armor's count when it gives one. */
function refusal(code: ArmorCode, found: string | undefined): GraphQLError {
  const counted = found === undefined ? '' : ` (it has ${found})`;
  const message: Record<ArmorCode, string> = {
    TOO_MANY_TOKENS: `The query is too long: at most ${MAX_TOKENS} tokens (names, values and punctuation) are allowed. Ask for fewer fields, or split it into several queries.`,
    TOO_MANY_DIRECTIVES: `The query has too many directives: at most ${MAX_DIRECTIVES} are allowed${counted}.`,
    TOO_MANY_ALIASES: `The query has too many aliases: at most ${MAX_ALIASES} are allowed${counted}. Split it into several queries.`,
    QUERY_TOO_DEEP: `The query is too deep: the depth limit is ${MAX_DEPTH} levels of nested fields${counted}. Ask for the nested items in a query of their own.`,
  };
  return new GraphQLError(message[code], { extensions: { code } });
}

/** Armor's rejection, reported as ours: to the validation context, or thrown from the parser. */
function reject(code: ArmorCode) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    const refused = refusal(code, found);
    // The token limit runs in the lexer, which has no validation context: throwing ends the
    // parse, and the error is answered as it is (a GraphQLError is never masked).
    if (context === null) throw refused;
    context.reportError(refused);
  };
}

const ours = (code: ArmorCode) => ({ propagateOnRejection: false, onReject: [reject(code)] });

/** The armour's plugins, in the order armor applies them. */
export function armorPlugins(): Plugin[] {
  return new EnvelopArmor({
    maxTokens: { n: MAX_TOKENS, ...ours('TOO_MANY_TOKENS') },
    maxDirectives: { n: MAX_DIRECTIVES, ...ours('TOO_MANY_DIRECTIVES') },
    maxAliases: { n: MAX_ALIASES, ...ours('TOO_MANY_ALIASES') },
    maxDepth: { n: MAX_DEPTH, ...ours('QUERY_TOO_DEEP') },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect().plugins as Plugin[];
}

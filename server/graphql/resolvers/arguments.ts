import { GraphQLError } from 'graphql';

/** A period that ends before it starts, refused in words that say which argument to fix. */
export function badRange(from: string, to: string): GraphQLError {
  return new GraphQLError(
    `Argument "from" (${from}) is after argument "to" (${to}): the period must start before it ends.`,
    { extensions: { code: 'BAD_USER_INPUT', argument: 'from' } },
  );
}

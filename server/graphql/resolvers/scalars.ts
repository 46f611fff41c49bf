import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '../../../schema/dates';
import { enumValueMap, GRAPHQL_ENUMS } from '../../../schema/graphql/enums';

function checkedDate(value: unknown): string {
  if (typeof value === 'string' && isIsoDate(value)) return value;
  throw new GraphQLError(
    `${JSON.stringify(value)} is not a date: write it as yyyy-mm-dd, for example 2024-05-29.`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

/** A calendar date in Europe/London, always written yyyy-mm-dd (and a real day: no 31 February). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, yyyy-mm-dd.',
  serialize: checkedDate,
  parseValue: checkedDate,
  parseLiteral(node) {
    return checkedDate(
      node.kind === Kind.STRING ? node.value : (node as { value?: unknown }).value,
    );
  },
});

/** API enum value → the sheet's value, for every enum in the SDL. */
export const enumResolvers = Object.fromEntries(
  Object.entries(GRAPHQL_ENUMS).map(([name, values]) => [name, enumValueMap(values)]),
) as { [Name in keyof typeof GRAPHQL_ENUMS]: Record<string, (typeof GRAPHQL_ENUMS)[Name][number]> };

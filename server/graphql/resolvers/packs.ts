import { GraphQLError } from 'graphql';
import { buildCirculationPack } from '../../../schema/packs';
import { PackError } from '../../../schema/packs/types';
import { requireOfficer } from '../access';
import type { Resolvers } from '../generated/resolvers-types';

function asGraphQLError(error: unknown): unknown {
  if (error instanceof PackError) {
    return new GraphQLError(error.message, { extensions: { code: error.code } });
  }
  return error;
}

export const packQueryResolvers: Pick<NonNullable<Resolvers['Query']>, 'circulationPack'> = {
  circulationPack: (_root, { meetingId, audience, format, easyRead }, context) => {
    try {
      return buildCirculationPack(context.snapshot, {
        meetingId,
        audience,
        format: format ?? 'HTML',
        easyRead: easyRead ?? false,
      });
    } catch (error) {
      throw asGraphQLError(error);
    }
  },
};

export const mutationResolvers: Resolvers['Mutation'] = {
  recordCirculation: async (_root, { meetingId, audience }, context) => {
    requireOfficer(context, 'Recording a circulation');
    if (!context.recorder) {
      throw new GraphQLError(
        'This server cannot write to the board, so circulations cannot be recorded.',
        {
          extensions: { code: 'NOT_WRITABLE' },
        },
      );
    }
    try {
      return await context.recorder.record(meetingId, audience);
    } catch (error) {
      const graphQLError = asGraphQLError(error);
      if (graphQLError instanceof GraphQLError) throw graphQLError;
      // A failed write is the officer's business (a locked file, no access): say what it was.
      throw new GraphQLError(
        `The circulation was not recorded: ${error instanceof Error ? error.message : String(error)}`,
        {
          extensions: { code: 'WRITE_FAILED' },
        },
      );
    }
  },
};

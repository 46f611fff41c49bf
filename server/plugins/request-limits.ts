/**
 * Sizes a real query never needs, refused before they cost anything. The board's biggest real
 * request (a report query with its variables) is a few kilobytes; a partner once sent 62 bodies
 * of 4 MB and the heap filled. Bodies over 64 KB get 413: one with a Content-Length that says so
 * is refused before a byte of it is read, and one sent without (chunked) is cut off once 64 KB
 * have arrived, so neither is ever parsed. Yoga enforces the size (its `maxRequestBodySize`,
 * set to `MAX_REQUEST_BODY_BYTES` in yoga.ts); this plugin words the refusal so that whoever
 * reads it knows the limit. Operation names are logged and are part of nothing else; 100
 * characters is more than any name a person writes.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const MAX_REQUEST_BODY_BYTES = 64 * 1024;
export const MAX_OPERATION_NAME_LENGTH = 100;

/** Yoga's code for a body over `maxRequestBodySize`, kept so clients can rely on it. */
const TOO_LARGE = 'REQUEST_ENTITY_TOO_LARGE';

export const REQUEST_TOO_LARGE_MESSAGE =
  `The request body is larger than ${MAX_REQUEST_BODY_BYTES / 1024} KB, which no query to this ` +
  'server needs. Send a shorter query, fewer variables, or split it into several requests.';

export function useRequestLimits(): Plugin {
  return {
    onParams({ params }) {
      const name = params.operationName;
      if (typeof name === 'string' && name.length > MAX_OPERATION_NAME_LENGTH) {
        throw new GraphQLError(
          `The operation name is ${name.length} characters long; at most ${MAX_OPERATION_NAME_LENGTH} are allowed.`,
          { extensions: { code: 'OPERATION_NAME_TOO_LONG', http: { status: 400 } } },
        );
      }
    },
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || !result.errors) return;
      if (!result.errors.some(isTooLarge)) return;
      setResult({
        ...result,
        errors: result.errors.map((error) =>
          isTooLarge(error)
            ? new GraphQLError(REQUEST_TOO_LARGE_MESSAGE, {
                extensions: {
                  code: TOO_LARGE,
                  maxBytes: MAX_REQUEST_BODY_BYTES,
                  http: { status: 413 },
                },
              })
            : error,
        ),
      });
    },
  };
}

function isTooLarge(error: GraphQLError | GraphQLFormattedError): boolean {
  return error.extensions?.code === TOO_LARGE;
}

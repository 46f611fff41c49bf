/**
 * Yoga keeps every parsed query for an hour, up to 1024 of them, keyed by the query's text. A
 * parsed document keeps its tokens (for error locations), about 500 bytes each, so 1024 queries
 * of 1000 tokens hold 500 MB, and a partner who varies one comment per request makes every
 * request a new entry. These caches are bounded by bytes instead: a document weighs its text
 * plus 512 bytes a token, counted once when it is kept.
 */
import type { DocumentNode } from 'graphql';
import type { YogaServerOptions } from 'graphql-yoga';
import { BoundedLru, stringBytes } from './bounded-lru';

type ParserCacheOptions = Exclude<
  YogaServerOptions<object, object>['parserAndValidationCache'],
  boolean | undefined
>;

/** 32 MB of parsed documents: thousands of typical queries, or 64 of the largest allowed. */
export const PARSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;
const BYTES_PER_TOKEN = 512;

export function boundedParserCache(maxBytes = PARSE_CACHE_MAX_BYTES): ParserCacheOptions {
  return {
    documentCache: new BoundedLru<DocumentNode>({
      maxBytes,
      sizeOf: (text, document) => stringBytes(text) + BYTES_PER_TOKEN * tokenCount(document),
    }),
    // A syntax error keeps its source text, and little else.
    errorCache: new BoundedLru<unknown>({
      maxBytes: maxBytes / 8,
      sizeOf: (text) => 2 * stringBytes(text) + 1024,
    }),
  };
}

/** The tokens a parsed document keeps (its location's linked list). */
function tokenCount(document: DocumentNode): number {
  let count = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) count += 1;
  return count;
}

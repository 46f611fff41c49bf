/**
 * What the server's main thread and its snapshot worker say to each other (see
 * snapshots-off-thread.ts). The main thread asks; the worker answers each question once.
 */
import type { ParsedBoard } from '../../schema/snapshot';
import type { SourceConfig } from '../config';
import { SourceError } from '../sources/board-source';

/** The lists of a parsed board, handed over a slice at a time (they can be 100,000 long). */
export const PARSED_LISTS = [
  'members',
  'meetings',
  'attendance',
  'actions',
  'projects',
  'tasks',
  'circulation',
  'issues',
] as const satisfies readonly (keyof ParsedBoard)[];

export type ParsedList = (typeof PARSED_LISTS)[number];

/** Everything of a parsed board but its lists: small, sent in one message. */
export type ParsedHead = Omit<ParsedBoard, ParsedList>;

export interface WorkerData {
  readonly config: SourceConfig;
}

export type Question =
  /**
   * Read the board. `holding` is the board the main thread serves (the `generation` of the
   * parsed board it last took whole), so that "unchanged" means unchanged from that one.
   */
  | { readonly type: 'read'; readonly holding: number | null }
  /** `count` records of a list of the parsed board just read, from `from`. */
  | {
      readonly type: 'slice';
      readonly list: ParsedList;
      readonly from: number;
      readonly count: number;
    }
  /** The main thread has the whole parsed board (or gave up on it): the worker drops its copy. */
  | { readonly type: 'release' };

export type Answer =
  | { readonly type: 'unchanged' }
  | {
      readonly type: 'parsed';
      readonly generation: number;
      readonly head: ParsedHead;
      readonly lengths: Readonly<Record<ParsedList, number>>;
      /** How long reading (the source) and parsing took in the worker, for the refresh log. */
      readonly readMs: number;
      readonly parseMs: number;
    }
  /** The records, as `v8.serialize` wrote them (deserialised by the main thread, timed). */
  | { readonly type: 'slice'; readonly bytes: ArrayBuffer }
  | { readonly type: 'released' }
  | { readonly type: 'failed'; readonly error: SentError };

/** An error as it crosses threads: a `SourceError` must still say whether to retry. */
export interface SentError {
  readonly name: string;
  readonly message: string;
  readonly retryable?: boolean;
  readonly status?: number;
}

export function sentError(error: unknown): SentError {
  if (error instanceof SourceError) {
    return {
      name: error.name,
      message: error.message,
      retryable: error.retryable,
      ...(error.status === undefined ? {} : { status: error.status }),
    };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function receivedError(sent: SentError): Error {
  if (sent.name === 'SourceError') {
    return new SourceError(sent.message, sent.retryable === true, sent.status);
  }
  const error = new Error(sent.message);
  error.name = sent.name;
  return error;
}

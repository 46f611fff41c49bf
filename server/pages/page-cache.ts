/**
 * Pages and downloads kept per snapshot version, role and day, as the API's answers are
 * (`response-cache.ts`): a page can only change when the board does, and partners open the same
 * few again and again. The key is made by each route from what decides its content (the period,
 * the filters), never from the raw address, so extra or reordered parameters cannot turn one page
 * into many entries. Bytes are kept already encoded, so a hit costs only the response. Bounded by
 * bytes: a 10,000-action CSV is a few megabytes, and a sixteenth of the store at most.
 */
import { gzipSync } from 'node:zlib';
import { BoundedLru, stringBytes } from '../bounded-lru';

/** 16 MB, as for the API's answers: a report page weighs about 50 KB. */
export const PAGE_CACHE_MAX_BYTES = 16 * 1024 * 1024;

export interface RenderedPage {
  readonly status: number;
  readonly contentType: string;
  /** For downloads: the name a browser saves it under. */
  readonly filename?: string;
  readonly body: Uint8Array<ArrayBuffer>;
  /** The body gzipped, made once when the page is kept (see `withGzip`). */
  readonly gzip?: Uint8Array<ArrayBuffer>;
}

/**
 * The page with its gzipped body, for browsers that take it (all do): a report page shrinks
 * about six times, so a kept page costs the network and the server's writes a sixth. Safe from
 * BREACH-style guessing: nothing secret shares a compressed page with anything the asker
 * chose (the only parameters echoed are dates and status names, checked against their forms;
 * the pages that hold a token, GraphiQL's, are never compressed here).
 */
export function withGzip(page: RenderedPage): RenderedPage {
  if (page.body.byteLength < 1024) return page;
  return { ...page, gzip: new Uint8Array(gzipSync(page.body, { level: 6 })) };
}

export class PageCache {
  readonly #pages: BoundedLru<RenderedPage>;
  #version = -1;

  constructor(maxBytes = PAGE_CACHE_MAX_BYTES) {
    this.#pages = new BoundedLru<RenderedPage>({
      maxBytes,
      maxEntries: 2_000,
      sizeOf: (key, page) =>
        stringBytes(key) + page.body.byteLength + (page.gzip?.byteLength ?? 0) + 256,
    });
  }

  get size(): number {
    return this.#pages.size;
  }

  /** Notes the snapshot version in use: a new one empties the store, stale or not. */
  seen(version: number): void {
    this.#forVersion(version);
  }

  /** The page kept under this key for this snapshot version; a new version empties the store. */
  get(version: number, key: string): RenderedPage | undefined {
    this.#forVersion(version);
    return this.#pages.get(key);
  }

  set(version: number, key: string, page: RenderedPage): void {
    this.#forVersion(version);
    this.#pages.set(key, page);
  }

  #forVersion(version: number): void {
    if (version === this.#version) return;
    this.#pages.clear();
    this.#version = version;
  }
}

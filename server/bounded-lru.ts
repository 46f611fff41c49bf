/**
 * A least-recently-used map bounded by the bytes its entries hold, not only by how many there
 * are. A count alone bounds nothing when one entry can be a few bytes or a few megabytes: a
 * thousand 4 MB answers are 4 GB. Callers say what an entry weighs; the map evicts the least
 * recently used entries until the total is under the budget again, and refuses outright an
 * entry that would take more than its share (it would only push everything else out).
 */
export interface BoundedLruOptions<V> {
  /** The most the entries may weigh together. */
  readonly maxBytes: number;
  /** The most one entry may weigh (default a sixteenth of `maxBytes`). */
  readonly maxEntryBytes?: number;
  /** The most entries, however light (default: no limit but the bytes). */
  readonly maxEntries?: number;
  /** What an entry weighs, in bytes (an estimate is fine if it is never too low). */
  readonly sizeOf: (key: string, value: V) => number;
}

export class BoundedLru<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  readonly #maxBytes: number;
  readonly #maxEntryBytes: number;
  readonly #maxEntries: number;
  readonly #sizeOf: (key: string, value: V) => number;
  #bytes = 0;
  /**
   * The entry last found by `get`, which is the youngest until the map next changes: asked for
   * again (a hot key is, many times in a row), it is answered with no reordering.
   */
  #youngest: { readonly key: string; readonly value: V } | null = null;

  constructor(options: BoundedLruOptions<V>) {
    this.#maxBytes = options.maxBytes;
    this.#maxEntryBytes = Math.min(
      options.maxEntryBytes ?? Math.floor(options.maxBytes / 16),
      options.maxBytes,
    );
    this.#maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
    this.#sizeOf = options.sizeOf;
  }

  /** The total weight of the entries held. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get maxBytes(): number {
    return this.#maxBytes;
  }

  /** The value, which becomes the most recently used; undefined when not held. */
  get(key: string): V | undefined {
    const youngest = this.#youngest;
    if (youngest !== null && youngest.key === key) return youngest.value;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // A Map iterates in insertion order: re-inserting moves the key to the young end.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#youngest = { key, value: entry.value };
    return entry.value;
  }

  /** Keeps the value unless it alone weighs more than an entry may; says whether it was kept. */
  set(key: string, value: V): boolean {
    this.#youngest = null;
    this.delete(key);
    const bytes = this.#sizeOf(key, value);
    if (!(bytes <= this.#maxEntryBytes)) return false;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes && this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    if (this.#youngest?.key === key) this.#youngest = null;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  clear(): void {
    this.#youngest = null;
    this.#entries.clear();
    this.#bytes = 0;
  }
}

/** Bytes of a string as UTF-16 in memory, the way V8 may hold it (never less than UTF-8 ASCII). */
export function stringBytes(text: string): number {
  return text.length * 2;
}

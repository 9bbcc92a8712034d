/** Where a metadata value came from. */
export type MetadataSource = 'saved' | 'override' | 'derived';

/** One key of a {@link MetadataMap}, in the spelling that will be sent. */
export interface MetadataEntry {
  readonly key: string;
  readonly value: string;
  readonly source: MetadataSource;
}

const fold = (key: string): string => key.toLowerCase();

/**
 * The metadata being built: keys match without regard to case, and each key
 * keeps one spelling, so a request never carries two spellings of one key
 * (docs/resource-types.md#key-spelling: send the saved or the documented spelling,
 * never both).
 *
 * @example
 * ```ts
 * const map = new MetadataMap();
 * map.set('Engine', 'aurora', 'saved');
 * map.set('engine', 'aurora-mysql', 'override');
 * map.toRecord(); // { Engine: 'aurora-mysql' }
 * ```
 */
export class MetadataMap {
  readonly #entries = new Map<string, MetadataEntry>();

  /** The entry whose key matches `key` regardless of case. */
  entry(key: string): MetadataEntry | undefined {
    return this.#entries.get(fold(key));
  }

  /** The value of `key` (matched regardless of case). */
  get(key: string): string | undefined {
    return this.entry(key)?.value;
  }

  /** Whether `key` is present (matched regardless of case). */
  has(key: string): boolean {
    return this.#entries.has(fold(key));
  }

  /** The spelling `key` is stored under, if present. */
  spellingOf(key: string): string | undefined {
    return this.entry(key)?.key;
  }

  /** Sets a value, keeping the spelling of an existing entry. */
  set(key: string, value: string, source: MetadataSource): void {
    const spelling = this.spellingOf(key) ?? key;
    this.#entries.set(fold(key), { key: spelling, value, source });
  }

  /** Stores `key` under a new spelling, keeping its value and source. */
  respell(key: string, spelling: string): void {
    const entry = this.entry(key);
    if (entry !== undefined) {
      this.#entries.set(fold(key), { ...entry, key: spelling });
    }
  }

  /** Removes `key`; returns what was removed. */
  delete(key: string): MetadataEntry | undefined {
    const entry = this.entry(key);
    this.#entries.delete(fold(key));
    return entry;
  }

  /** Every entry, in the order keys were first set. */
  entries(): MetadataEntry[] {
    return [...this.#entries.values()];
  }

  /** The map as AWS receives it. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.entries().map((e) => [e.key, e.value]));
  }
}

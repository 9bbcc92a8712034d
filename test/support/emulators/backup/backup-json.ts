/**
 * How the emulator writes AWS Backup JSON: epoch-second timestamps, absent
 * members left out, and a key-order-free form for comparing inputs.
 */

/**
 * Epoch milliseconds as the epoch seconds (fractions allowed) the REST-JSON
 * protocol carries.
 *
 * @example
 * ```ts
 * toSeconds(1_500); // 1.5
 * ```
 */
export const toSeconds = (ms: number): number => ms / 1000;

/**
 * The object without its `undefined` members.
 *
 * @example
 * ```ts
 * defined({ a: 1, b: undefined }); // { a: 1 }
 * ```
 */
export const defined = <T extends Record<string, unknown>>(
  value: T
): Partial<T> =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined)
  ) as Partial<T>;

/**
 * JSON with object keys sorted at every level.
 *
 * @example
 * ```ts
 * stableJson({ b: 1, a: 2 }); // '{"a":2,"b":1}'
 * ```
 */
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a.localeCompare(b)
          )
        )
      : v
  );

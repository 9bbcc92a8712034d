/**
 * Drops members whose value is `undefined`, so that optional fields are
 * absent rather than present-and-undefined (exactOptionalPropertyTypes).
 *
 * @example
 * ```ts
 * compact({ a: 1, b: undefined }); // { a: 1 }
 * ```
 */
export const compact = <T extends object>(
  value: {
    [K in keyof T]: T[K] | undefined;
  }
): T =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined)
  ) as T;

/** The result of {@link parseJson}. */
export type ParsedJson =
  | { readonly ok: true; readonly parsed: unknown }
  | { readonly ok: false };

/**
 * Parses JSON encoded into a metadata value (lists and objects travel as
 * JSON strings, docs/resource-types.md#strings) without throwing.
 *
 * @example
 * ```ts
 * parseJson('["sg-1"]'); // { ok: true, parsed: ['sg-1'] }
 * parseJson('sg-1'); // { ok: false }
 * ```
 */
export const parseJson = (text: string): ParsedJson => {
  try {
    return { ok: true, parsed: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/**
 * Whether a parsed JSON value is an object (not an array, not null).
 *
 * @example
 * ```ts
 * isJsonObject({ Tenancy: 'default' }); // true
 * isJsonObject([]); // false
 * ```
 */
export const isJsonObject = (
  value: unknown
): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

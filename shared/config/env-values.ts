import * as z from 'zod';

/**
 * A comma-separated environment value as its trimmed, non-empty entries.
 *
 * @example
 * ```ts
 * csv(' prod-primary, archive-vault ,'); // ['prod-primary', 'archive-vault']
 * ```
 */
export const csv = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** A whole number of at least `min`, `fallback` when the variable is unset. */
export const positiveInt = (fallback: number, min = 1) =>
  z.coerce.number().int().min(min).default(fallback);

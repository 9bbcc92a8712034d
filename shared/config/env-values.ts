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

/**
 * An environment shape with a description on every variable, required by
 * the type: the configuration reference (docs/configuration.md) is
 * generated from these (`npm run schemas`).
 *
 * @example
 * ```ts
 * const shape = describedEnv({ A: z.string() }, { A: 'What A is for.' });
 * ```
 */
export const describedEnv = <Shape extends Record<string, z.ZodType>>(
  shape: Shape,
  descriptions: { readonly [Name in keyof Shape]: string }
): Shape =>
  Object.fromEntries(
    Object.entries(shape).map(([name, schema]) => [
      name,
      schema.describe(descriptions[name as keyof Shape]),
    ])
  ) as Shape;

import * as z from 'zod';

/**
 * Parses an environment variable that holds JSON inside a zod transform:
 * the value, or `z.NEVER` after adding an "is not valid JSON" issue.
 *
 * @example
 * ```ts
 * z.string().transform((raw, ctx) => {
 *   const value = parseJsonEnv(raw, ctx);
 *   if (value === z.NEVER) return z.NEVER;
 *   …
 * });
 * ```
 */
export const parseJsonEnv = (raw: string, ctx: z.RefinementCtx): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
};

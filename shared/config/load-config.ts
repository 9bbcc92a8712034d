import type * as z from 'zod';
import { ConfigInvalidError } from '../errors/errors.js';

/**
 * Parses a function's configuration from an environment with the
 * function's own schema (`functions/<name>/config.ts`). Pure: the function's
 * composition root (`functions/<name>/deps.ts`) calls it once per container.
 *
 * @throws ConfigInvalidError naming every variable that is missing or wrong
 *
 * @example
 * ```ts
 * const config = parseConfig(SqsRestoreConfigSchema, process.env);
 * ```
 */
export const parseConfig = <Schema extends z.ZodType>(
  schema: Schema,
  env: Readonly<Record<string, string | undefined>>
): z.output<Schema> => {
  const result = schema.safeParse(env);
  if (!result.success) {
    const detail = result.error.issues
      .map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`)
      .join('; ');
    throw new ConfigInvalidError(`invalid configuration: ${detail}`, {
      cause: result.error,
    });
  }
  return result.data;
};

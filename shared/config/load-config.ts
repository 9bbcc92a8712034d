import { ConfigError } from '../errors/config-error.js';
import { type RelayConfig, RelayConfigSchema } from './relay-config.js';

let cached: RelayConfig | undefined;

/**
 * Parses the configuration from the environment. Pure: no caching; use
 * {@link loadConfig} in functions.
 *
 * @throws ConfigError naming every variable that is missing or wrong
 */
export const parseConfig = (
  env: Readonly<Record<string, string | undefined>>
): RelayConfig => {
  const result = RelayConfigSchema.safeParse(env);
  if (!result.success) {
    const detail = result.error.issues
      .map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`)
      .join('; ');
    throw new ConfigError(`invalid configuration: ${detail}`, {
      cause: result.error,
    });
  }
  return result.data;
};

/**
 * The configuration, parsed once per container (at cold start) from
 * `process.env`.
 *
 * @throws ConfigError when the environment is invalid
 */
export const loadConfig = (): RelayConfig => {
  cached ??= parseConfig(process.env);
  return cached;
};

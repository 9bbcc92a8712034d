import type * as z from 'zod';
import { parseConfig } from '../config/load-config.js';
import { logger } from '../observability/logger.js';
import { metrics, PowertoolsRestoreMetrics } from '../observability/metrics.js';
import type { Log } from '../ports/log.js';
import type { RestoreMetrics } from '../ports/restore-metrics.js';
import { once } from './once.js';

/**
 * A function's deps for its container: on first use its configuration is
 * parsed from `process.env` with its own schema, and `build` wires its
 * adapters with the Powertools logger and metrics; every later invocation
 * gets the same deps (and the SDK clients under them).
 *
 * @throws ConfigInvalidError (on first use) when the environment is invalid
 *
 * @example
 * ```ts
 * export const getTrackRestoreDeps = containerDeps(TrackRestoreConfigSchema, buildOutcomeDeps);
 * ```
 */
export const containerDeps = <Schema extends z.ZodType, Deps>(
  schema: Schema,
  build: (config: z.output<Schema>, log: Log, metrics: RestoreMetrics) => Deps
): (() => Deps) =>
  once(() =>
    build(
      parseConfig(schema, process.env),
      logger,
      new PowertoolsRestoreMetrics({ metrics })
    )
  );

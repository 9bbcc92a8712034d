import type { Log } from '#shared/ports/log';
import type { RestoreMetrics } from '#shared/ports/restore-metrics';
import { containerDeps } from '#shared/wiring/container-deps';
import { buildStartDeps, type StartDeps } from '#shared/wiring/start-deps';
import { type SqsRestoreConfig, SqsRestoreConfigSchema } from './config.js';

/** What sqs-restore runs with: a start function's deps, and its batch concurrency. */
export interface SqsRestoreDeps extends StartDeps {
  /** Records of one batch in flight at once (`RECORD_CONCURRENCY`). */
  readonly recordConcurrency: number;
}

/**
 * sqs-restore's composition root: its adapters over the container's
 * memoised SDK clients.
 *
 * @example
 * ```ts
 * const deps = buildSqsRestoreDeps(parseConfig(SqsRestoreConfigSchema, env), logger, metricsPort);
 * ```
 */
export const buildSqsRestoreDeps = (
  config: SqsRestoreConfig,
  log: Log,
  restoreMetrics: RestoreMetrics
): SqsRestoreDeps => ({
  ...buildStartDeps(config, log, restoreMetrics),
  recordConcurrency: config.recordConcurrency,
});

/**
 * The container's deps, built on first use from `process.env` (parsed with
 * {@link SqsRestoreConfigSchema}), then reused by every invocation.
 *
 * @throws ConfigInvalidError when the environment is invalid
 */
export const getSqsRestoreDeps = containerDeps(
  SqsRestoreConfigSchema,
  buildSqsRestoreDeps
);

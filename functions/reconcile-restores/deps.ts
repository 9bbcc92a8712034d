import { BackupRestoreJobReader } from '#shared/adapters/backup-restore-job-reader';
import { getBackupClient } from '#shared/clients/backup-client';
import type { Log } from '#shared/ports/log';
import type { RestoreMetrics } from '#shared/ports/restore-metrics';
import type { ReconcileDeps } from '#shared/use-cases/reconcile-restores';
import { containerDeps } from '#shared/wiring/container-deps';
import { buildOutcomeDeps } from '#shared/wiring/outcome-deps';
import {
  type ReconcileRestoresConfig,
  ReconcileRestoresConfigSchema,
} from './config.js';

/**
 * reconcile-restores' composition root: the outcome deps, plus the AWS
 * Backup job reader and the reconcile settings.
 *
 * @example
 * ```ts
 * const deps = buildReconcileRestoresDeps(parseConfig(ReconcileRestoresConfigSchema, env), logger, metricsPort);
 * await reconcileRestores(deps);
 * ```
 */
export const buildReconcileRestoresDeps = (
  config: ReconcileRestoresConfig,
  log: Log,
  restoreMetrics: RestoreMetrics
): ReconcileDeps => ({
  ...buildOutcomeDeps(config, log, restoreMetrics),
  reader: new BackupRestoreJobReader({ client: getBackupClient(config.sdk) }),
  reconcile: config.reconcile,
});

/**
 * The container's deps, built on first use from `process.env` (parsed with
 * {@link ReconcileRestoresConfigSchema}), then reused by every invocation.
 *
 * @throws ConfigInvalidError when the environment is invalid
 */
export const getReconcileRestoresDeps = containerDeps(
  ReconcileRestoresConfigSchema,
  buildReconcileRestoresDeps
);

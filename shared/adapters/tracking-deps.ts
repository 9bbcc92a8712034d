import { getBackupClient } from '../clients/backup-client.js';
import { getEventBridgeClient } from '../clients/eventbridge-client.js';
import { loadConfig } from '../config/load-config.js';
import type { RelayConfig } from '../config/relay-config.js';
import { systemClock } from '../domain/clock.js';
import { logger } from '../observability/logger.js';
import { metrics, PowertoolsRestoreMetrics } from '../observability/metrics.js';
import type { Log } from '../ports/log.js';
import type { RestoreMetrics } from '../ports/restore-metrics.js';
import type { ReconcileDeps } from '../use-cases/reconcile-restores.js';
import type { RecordOutcomeDeps } from '../use-cases/record-outcome.js';
import { BackupRestoreJobReader } from './backup-restore-job-reader.js';
import {
  buildJobStore,
  buildNotifier,
  buildTaskCallbacks,
} from './common-deps.js';
import { EventBridgeOutcomeEvents } from './eventbridge-outcome-events.js';

/** What `track-restore` needs: recording and announcing an outcome. */
export interface OutcomeDeps extends RecordOutcomeDeps {
  readonly config: RelayConfig;
}

/** What `reconcile-restores` needs: the outcome deps, and a job reader. */
export interface TrackingDeps extends ReconcileDeps {
  readonly config: RelayConfig;
}

/**
 * Wires the adapters that record and announce outcomes over the
 * container's memoised SDK clients. No Backup client: `track-restore` reads
 * the outcome from the event, so its bundle does not carry one.
 *
 * @example
 * ```ts
 * const deps = buildOutcomeDeps(parseConfig(process.env), logger, metricsPort);
 * await recordOutcome(observation, deps);
 * ```
 */
export const buildOutcomeDeps = (
  config: RelayConfig,
  log: Log,
  restoreMetrics: RestoreMetrics
): OutcomeDeps => ({
  jobs: buildJobStore(config),
  notifier: buildNotifier(config),
  callbacks: buildTaskCallbacks(config),
  outcomeEvents: new EventBridgeOutcomeEvents({
    client: getEventBridgeClient(config.sdk),
    busName: config.outcomeEventBusName,
    source: config.outcomeEventSource,
  }),
  metrics: restoreMetrics,
  clock: systemClock,
  log,
  reportAllJobs: config.reportAllJobs,
  config,
});

/**
 * Wires the lifecycle's production adapters over the container's memoised
 * SDK clients: the outcome deps, plus the Backup job reader. Kept apart
 * from the sources' deps, so a source's bundle does not carry the EventBridge
 * client and a tracker's does not carry the restore engine.
 *
 * @example
 * ```ts
 * const deps = buildTrackingDeps(parseConfig(process.env), logger, metricsPort);
 * await reconcileRestores(deps);
 * ```
 */
export const buildTrackingDeps = (
  config: RelayConfig,
  log: Log,
  restoreMetrics: RestoreMetrics
): TrackingDeps => ({
  ...buildOutcomeDeps(config, log, restoreMetrics),
  reader: new BackupRestoreJobReader({ client: getBackupClient(config.sdk) }),
  reconcile: config.reconcile,
});

let cachedOutcome: OutcomeDeps | undefined;

/**
 * The container's outcome deps (`track-restore`): built on first use from
 * the configuration parsed at cold start, then reused.
 *
 * @throws ConfigError when the environment is invalid
 */
export const getOutcomeDeps = (): OutcomeDeps => {
  cachedOutcome ??= buildOutcomeDeps(
    loadConfig(),
    logger,
    new PowertoolsRestoreMetrics({ metrics })
  );
  return cachedOutcome;
};

let cached: TrackingDeps | undefined;

/**
 * The container's lifecycle deps (`reconcile-restores`): built on first
 * use from the configuration parsed at cold start, then reused.
 *
 * @throws ConfigError when the environment is invalid
 */
export const getTrackingDeps = (): TrackingDeps => {
  cached ??= buildTrackingDeps(
    loadConfig(),
    logger,
    new PowertoolsRestoreMetrics({ metrics })
  );
  return cached;
};

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
import { BackupRestoreJobReader } from './backup-restore-job-reader.js';
import { EventBridgeOutcomeEvents } from './eventbridge-outcome-events.js';
import {
  buildJobStore,
  buildNotifier,
  buildTaskCallbacks,
} from './restore-deps.js';

/** What the lifecycle functions (`track-restore`, `reconcile-restores`) need. */
export interface TrackingDeps extends ReconcileDeps {
  readonly config: RelayConfig;
}

/**
 * Wires the lifecycle's production adapters over the container's memoised
 * SDK clients. Kept apart from the doors' deps, so a door's bundle does not
 * carry the EventBridge client and a tracker's does not carry the restore
 * engine.
 *
 * @example
 * ```ts
 * const deps = buildTrackingDeps(parseConfig(process.env), logger, metricsPort);
 * await recordOutcome(observation, deps);
 * ```
 */
export const buildTrackingDeps = (
  config: RelayConfig,
  log: Log,
  restoreMetrics: RestoreMetrics
): TrackingDeps => ({
  jobs: buildJobStore(config),
  notifier: buildNotifier(config),
  callbacks: buildTaskCallbacks(config),
  outcomeEvents: new EventBridgeOutcomeEvents({
    client: getEventBridgeClient(config.sdk),
    busName: config.outcomeEventBusName,
    source: config.outcomeEventSource,
  }),
  reader: new BackupRestoreJobReader({ client: getBackupClient(config.sdk) }),
  metrics: restoreMetrics,
  clock: systemClock,
  log,
  reportAllJobs: config.reportAllJobs,
  reconcile: config.reconcile,
  config,
});

let cached: TrackingDeps | undefined;

/**
 * The container's lifecycle deps: built on first use from the configuration
 * parsed at cold start, then reused.
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

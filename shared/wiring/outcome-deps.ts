import { EventBridgeOutcomeEvents } from '../adapters/eventbridge-outcome-events.js';
import { getEventBridgeClient } from '../clients/eventbridge-client.js';
import type { OutcomeConfig } from '../config/outcome-env.js';
import { systemClock } from '../domain/clock.js';
import type { Log } from '../ports/log.js';
import type { RestoreMetrics } from '../ports/restore-metrics.js';
import type { RecordOutcomeDeps } from '../use-cases/record-outcome.js';
import {
  buildJobStore,
  buildNotifier,
  buildTaskCallbacks,
} from './common-adapters.js';

/**
 * Wires the adapters that record and announce outcomes (track-restore,
 * and reconcile-restores with its job reader) over the container's
 * memoised SDK clients. No Backup client: track-restore reads the outcome
 * from the event, so its bundle does not carry one.
 *
 * @example
 * ```ts
 * const deps = buildOutcomeDeps(parseConfig(TrackRestoreConfigSchema, process.env), logger, metricsPort);
 * await recordOutcome(observation, deps);
 * ```
 */
export const buildOutcomeDeps = (
  config: OutcomeConfig,
  log: Log,
  metrics: RestoreMetrics
): RecordOutcomeDeps => ({
  jobs: buildJobStore(config),
  notifier: buildNotifier(config),
  callbacks: buildTaskCallbacks(config),
  outcomeEvents: new EventBridgeOutcomeEvents({
    client: getEventBridgeClient(config.sdk),
    busName: config.outcomeEventBusName,
    source: config.outcomeEventSource,
  }),
  metrics,
  clock: systemClock,
  log,
  reportAllJobs: config.reportAllJobs,
});

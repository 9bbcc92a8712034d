import { DynamoDbAlarmCoolDown } from '#shared/adapters/dynamodb-alarm-cool-down';
import { getDynamoDBClient } from '#shared/clients/dynamodb-client';
import { systemClock } from '#shared/domain/clock';
import type { Log } from '#shared/ports/log';
import type { RestoreMetrics } from '#shared/ports/restore-metrics';
import { containerDeps } from '#shared/wiring/container-deps';
import { buildStartDeps, type StartDeps } from '#shared/wiring/start-deps';
import { type EventRestoreConfig, EventRestoreConfigSchema } from './config.js';
import type { RestoreFromEventDeps } from './restore-from-event.js';

/** What event-restore runs with. */
export type EventRestoreDeps = StartDeps & RestoreFromEventDeps;

/**
 * event-restore's composition root: a start function's deps, plus the
 * accepted event sources, the alarm rules and their cool-downs.
 *
 * @example
 * ```ts
 * const deps = buildEventRestoreDeps(parseConfig(EventRestoreConfigSchema, env), logger, metricsPort);
 * ```
 */
export const buildEventRestoreDeps = (
  config: EventRestoreConfig,
  log: Log,
  restoreMetrics: RestoreMetrics
): EventRestoreDeps => ({
  ...buildStartDeps(config, log, restoreMetrics),
  eventSources: config.eventSources,
  alarmRules: config.alarmRules,
  alarmCoolDown: new DynamoDbAlarmCoolDown({
    client: getDynamoDBClient(config.sdk),
    tableName: config.tableName,
    clock: systemClock,
  }),
});

/**
 * The container's deps, built on first use from `process.env` (parsed with
 * {@link EventRestoreConfigSchema}), then reused by every invocation.
 *
 * @throws ConfigInvalidError when the environment is invalid
 */
export const getEventRestoreDeps = containerDeps(
  EventRestoreConfigSchema,
  buildEventRestoreDeps
);

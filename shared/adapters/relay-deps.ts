import { getDynamoDBClient } from '../clients/dynamodb-client.js';
import { getSQSClient } from '../clients/sqs-client.js';
import { loadConfig } from '../config/load-config.js';
import type { RelayConfig } from '../config/relay-config.js';
import { systemClock } from '../domain/clock.js';
import { correlatedLogger } from '../observability/correlated-logger.js';
import { logger } from '../observability/logger.js';
import { metrics, PowertoolsRestoreMetrics } from '../observability/metrics.js';
import type { AlarmCoolDown } from '../ports/alarm-cool-down.js';
import type { Log } from '../ports/log.js';
import type { RestoreMetrics } from '../ports/restore-metrics.js';
import type { StartOrRejectDeps } from '../use-cases/start-or-reject.js';
import { DynamoDbAlarmCoolDown } from './dynamodb-alarm-cool-down.js';
import { buildRestoreDeps, type RestoreDeps } from './restore-deps.js';
import { SqsDeadLetterQueue } from './sqs-dead-letter-queue.js';

/** Everything a source needs: the ports, and the configuration it reads. */
export interface RelayDeps extends StartOrRejectDeps {
  readonly idempotency: RestoreDeps['idempotency'];
  /** The alarm rules' cool-downs (the event source). */
  readonly alarmCoolDown: AlarmCoolDown;
  readonly config: RelayConfig;
}

/**
 * Wires the production adapters of every source over the container's
 * memoised SDK clients.
 *
 * @example
 * ```ts
 * const deps = buildRelayDeps(parseConfig(process.env), logger, metricsPort);
 * ```
 */
export const buildRelayDeps = (
  config: RelayConfig,
  log: Log,
  restoreMetrics: RestoreMetrics
): RelayDeps => ({
  ...buildRestoreDeps(config, log),
  deadLetters: new SqsDeadLetterQueue({
    client: getSQSClient(config.sdk),
    queueUrl: config.deadLetterQueueUrl,
  }),
  alarmCoolDown: new DynamoDbAlarmCoolDown({
    client: getDynamoDBClient(config.sdk),
    tableName: config.tableName,
    clock: systemClock,
  }),
  metrics: restoreMetrics,
  logFor: correlatedLogger,
  config,
});

let cached: RelayDeps | undefined;

/**
 * The container's deps: built on first use from the configuration parsed
 * at cold start, then reused by every invocation.
 *
 * @throws ConfigError when the environment is invalid
 */
export const getRelayDeps = (): RelayDeps => {
  cached ??= buildRelayDeps(
    loadConfig(),
    logger,
    new PowertoolsRestoreMetrics({ metrics })
  );
  return cached;
};

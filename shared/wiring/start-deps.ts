import { BackupRecoveryPointCatalog } from '../adapters/backup-recovery-point-catalog.js';
import { BackupRestoreJobStarter } from '../adapters/backup-restore-job-starter.js';
import { PowertoolsIdempotentRunner } from '../adapters/powertools-idempotent-runner.js';
import { SqsDeadLetterQueue } from '../adapters/sqs-dead-letter-queue.js';
import { getBackupClient } from '../clients/backup-client.js';
import { getDynamoDBClient } from '../clients/dynamodb-client.js';
import { getSQSClient } from '../clients/sqs-client.js';
import type { StartConfig } from '../config/start-env.js';
import { systemClock } from '../domain/clock.js';
import { createRateLimiter } from '../domain/rate-limiter.js';
import { correlatedLogger } from '../observability/correlated-logger.js';
import type { Log } from '../ports/log.js';
import type { RestoreMetrics } from '../ports/restore-metrics.js';
import type { StartOrRejectDeps } from '../use-cases/start-or-reject.js';
import {
  buildJobStore,
  buildNotifier,
  buildTaskCallbacks,
} from './common-adapters.js';

/**
 * What every start function (sqs-restore, event-restore, invoke-restore)
 * runs {@link startOrReject} with: the production adapters, and the
 * Powertools runner, which the function hands its Lambda context.
 */
export interface StartDeps extends StartOrRejectDeps {
  readonly idempotency: PowertoolsIdempotentRunner;
}

/**
 * Wires the production adapters of a start function over the container's
 * memoised SDK clients. Call it once per container (its rate limiter is
 * the container's).
 *
 * @example
 * ```ts
 * const deps = buildStartDeps(parseConfig(InvokeRestoreConfigSchema, process.env), logger, metricsPort);
 * ```
 */
export const buildStartDeps = (
  config: StartConfig,
  log: Log,
  metrics: RestoreMetrics
): StartDeps => {
  const backup = getBackupClient(config.sdk);
  return {
    catalog: new BackupRecoveryPointCatalog({ client: backup }),
    starter: new BackupRestoreJobStarter({ client: backup }),
    jobs: buildJobStore(config),
    notifier: buildNotifier(config),
    idempotency: new PowertoolsIdempotentRunner({
      client: getDynamoDBClient(config.sdk),
      tableName: config.tableName,
      expiresAfterSeconds: config.idempotencyTtlSeconds,
      keyPrefix: config.idempotencyKeyPrefix,
    }),
    callbacks: buildTaskCallbacks(config),
    deadLetters: new SqsDeadLetterQueue({
      client: getSQSClient(config.sdk),
      queueUrl: config.deadLetterQueueUrl,
    }),
    policy: config.policy,
    deployment: config.deployment,
    clock: systemClock,
    log,
    logFor: correlatedLogger,
    metrics,
    // One bucket per container: the deps are built once per container.
    startRate: createRateLimiter({ ratePerSecond: config.startRatePerSecond }),
  };
};

import { getBackupClient } from '../clients/backup-client.js';
import { getDynamoDBClient } from '../clients/dynamodb-client.js';
import { getSFNClient } from '../clients/sfn-client.js';
import { getSNSClient } from '../clients/sns-client.js';
import type { RelayConfig } from '../config/relay-config.js';
import { systemClock } from '../domain/clock.js';
import type { Log } from '../ports/log.js';
import type { StartRestoreDeps } from '../use-cases/start-restore.js';
import { BackupRecoveryPointCatalog } from './backup-recovery-point-catalog.js';
import { BackupRestoreJobStarter } from './backup-restore-job-starter.js';
import { DynamoDbJobStore } from './dynamodb-job-store.js';
import { PowertoolsIdempotentRunner } from './powertools-idempotent-runner.js';
import { SfnTaskCallbacks } from './sfn-task-callbacks.js';
import { SnsNotifier } from './sns-notifier.js';

/** The deps of {@link startRestore}, plus the runner to register a context on. */
export interface RestoreDeps extends StartRestoreDeps {
  readonly idempotency: PowertoolsIdempotentRunner;
}

/** The job store over the container's DynamoDB client. */
export const buildJobStore = (config: RelayConfig): DynamoDbJobStore =>
  new DynamoDbJobStore({
    client: getDynamoDBClient(config.sdk),
    tableName: config.tableName,
    ttlSeconds: config.jobRecordTtlSeconds,
    clock: systemClock,
  });

/** The SNS notifier over the container's SNS client. */
export const buildNotifier = (config: RelayConfig): SnsNotifier =>
  new SnsNotifier({
    client: getSNSClient(config.sdk),
    topicArn: config.topicArn,
  });

/** The Step Functions callbacks over the container's SFN client. */
export const buildTaskCallbacks = (config: RelayConfig): SfnTaskCallbacks =>
  new SfnTaskCallbacks({ client: getSFNClient(config.sdk) });

/**
 * Wires the production adapters over the container's memoised SDK clients.
 * Cheap: call it once per container (the clients underneath are reused).
 *
 * @example
 * ```ts
 * const deps = buildRestoreDeps(loadConfig(), logger);
 * await startRestore(request, deps, { source: 'sqs' });
 * ```
 */
export const buildRestoreDeps = (
  config: RelayConfig,
  log: Log
): RestoreDeps => {
  const backup = getBackupClient(config.sdk);
  const dynamodb = getDynamoDBClient(config.sdk);
  return {
    catalog: new BackupRecoveryPointCatalog({ client: backup }),
    starter: new BackupRestoreJobStarter({ client: backup }),
    jobs: buildJobStore(config),
    notifier: buildNotifier(config),
    idempotency: new PowertoolsIdempotentRunner({
      client: dynamodb,
      tableName: config.tableName,
      expiresAfterSeconds: config.idempotencyTtlSeconds,
      keyPrefix: config.idempotencyKeyPrefix,
    }),
    callbacks: buildTaskCallbacks(config),
    policy: config.policy,
    clock: systemClock,
    log,
  };
};

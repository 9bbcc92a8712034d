import { getBackupClient } from '../clients/backup-client.js';
import { getDynamoDBClient } from '../clients/dynamodb-client.js';
import type { RelayConfig } from '../config/relay-config.js';
import { systemClock } from '../domain/clock.js';
import { createRateLimiter } from '../domain/rate-limiter.js';
import type { Log } from '../ports/log.js';
import type { StartRestoreDeps } from '../use-cases/start-restore.js';
import { BackupRecoveryPointCatalog } from './backup-recovery-point-catalog.js';
import { BackupRestoreJobStarter } from './backup-restore-job-starter.js';
import {
  buildJobStore,
  buildNotifier,
  buildTaskCallbacks,
} from './common-deps.js';
import { PowertoolsIdempotentRunner } from './powertools-idempotent-runner.js';

/** The deps of {@link startRestore}, plus the runner to register a context on. */
export interface RestoreDeps extends StartRestoreDeps {
  readonly idempotency: PowertoolsIdempotentRunner;
}

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
    deployment: config.deployment,
    clock: systemClock,
    log,
    // One bucket per container: the deps are built once per container.
    startRate: createRateLimiter({ ratePerSecond: config.startRatePerSecond }),
  };
};

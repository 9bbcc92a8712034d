import type { Arrival } from '../domain/arrival.js';
import type { Clock } from '../domain/clock.js';
import type { JsonObject } from '../domain/json.js';
import type { RateLimiter } from '../domain/rate-limiter.js';
import type { RestorePlan } from '../domain/restore-plan.js';
import { AppError } from '../errors/app-error.js';
import { DependencyFailureError } from '../errors/errors.js';
import type { OutcomeNotification } from '../events/outcome-event.js';
import type { ReceivedRequest } from '../events/received-request.js';
import { restoreContentOf } from '../events/restore-request-key.js';
import { buildRestoreStarted } from '../events/restore-started.js';
import { checkRequestPolicy } from '../policy/check-request-policy.js';
import type { IdempotentRunner } from '../ports/idempotent-runner.js';
import type { JobStore } from '../ports/job-store.js';
import type { Log } from '../ports/log.js';
import type { Notifier } from '../ports/notifier.js';
import type { RestoreJobStarter } from '../ports/restore-job-starter.js';
import type { TaskCallbacks } from '../ports/task-callbacks.js';
import { answerTasks } from './announce-outcome.js';
import { type PlanRestoreDeps, planRestore } from './plan-restore.js';

/** The ports and policy {@link startRestore} runs with. */
export interface StartRestoreDeps extends PlanRestoreDeps {
  readonly starter: RestoreJobStarter;
  readonly jobs: JobStore;
  readonly notifier: Notifier;
  readonly idempotency: IdempotentRunner;
  readonly callbacks: TaskCallbacks;
  readonly clock: Clock;
  readonly log: Log;
  /** Paces plan-and-start against AWS Backup's shared quotas. */
  readonly startRate: RateLimiter;
}

/** What a caller gets back (the direct-invocation source returns it as is). */
export interface StartRestoreResult {
  readonly requestId: string;
  /** Absent for a dry run. */
  readonly restoreJobId?: string;
  readonly recoveryPointArn: string;
  readonly resourceType: string;
  readonly backupVaultName: string;
  /** True when an earlier delivery of the same request started the job. */
  readonly replayed: boolean;
  /** Only for a dry run: exactly what would be sent. */
  readonly plan?: RestorePlan;
}

interface StartedRecord extends JsonObject {
  readonly requestId: string;
  readonly restoreJobId: string;
  readonly recoveryPointArn: string;
  readonly resourceType: string;
  readonly backupVaultName: string;
}

/**
 * Starts one restore job for a restore request, exactly once however often
 * the request is delivered.
 *
 * 1. Check what the request alone shows against policy: no AWS call, so a
 *    refused request writes nothing. A dry run only plans (step 3).
 * 2. Claim the request key (Powertools idempotency) with the request's
 *    canonical content: a completed earlier run is replayed at the cost of
 *    that one conditional write, with no AWS Backup call; the same key with
 *    other content is an `IdempotencyConflictError`, also before any AWS
 *    Backup call (R6).
 * 3. Plan: recovery point, saved metadata, metadata for the type
 *    ({@link planRestore}); reads only. A plan that fails releases the
 *    claim, so a corrected point or policy lets a redelivery start.
 * 4. `StartRestoreJob` with the token derived from the request key, so a
 *    retry after a crash between 4 and the claim's completion gets the same
 *    job back (docs/reliability.md#idempotency-token). The starter learns when the
 *    request first arrived (`asOf`), to find that job if AWS answers the
 *    replay without its id.
 * 5. Record the job (first record wins).
 * 6. Publish `restore.started`. If this fails the claim is released and the
 *    retry repeats 3–6 with the same token: one job, notified at least once.
 * 7. A replay that brings a Step Functions task token (a retried task gets
 *    a new one) adds it to the job, and answers it at once when the job has
 *    already ended.
 *
 * @throws any AppError; `retryable` tells the trigger whether to redeliver
 */
export const startRestore = async (
  received: ReceivedRequest,
  deps: StartRestoreDeps,
  arrival: Arrival
): Promise<StartRestoreResult> => {
  const { request } = received;
  if (request.dryRun === true) {
    const plan = await planRestore(received, deps, arrival);
    deps.log.info('restore planned (dry run)', {
      ...summaryOf(plan),
      metadataKeys: Object.keys(plan.input.Metadata),
    });
    return { ...summaryOf(plan), replayed: false, plan };
  }
  // Before the claim: a request the policy refuses writes nothing at all.
  // Checked once: the plan below takes the role this check resolved.
  const roleArn = checkRequestPolicy(received, deps.policy);
  const { result, replayed } = await deps.idempotency.run<StartedRecord>(
    received.key,
    restoreContentOf(request),
    async () => {
      // Only a request that will call AWS Backup waits for a token: replays
      // and conflicts were answered by the claim.
      await deps.startRate.take();
      const plan = await planRestore(received, deps, arrival, roleArn);
      const summary = summaryOf(plan);
      const now = deps.clock.now();
      const { restoreJobId } = await deps.starter.start(plan.input, {
        requestedAt:
          arrival.asOf !== undefined && arrival.asOf < now ? arrival.asOf : now,
      });
      deps.log.info('restore job started', { ...summary, restoreJobId });
      // From here the job exists: no failure may turn into a rejection (a
      // "rejected" request whose restore completes is wrong twice).
      return afterStart(restoreJobId, async () => {
        const job = await deps.jobs.recordStarted({
          ...summary,
          restoreJobId,
          source: arrival.source,
          ...(arrival.requestedBy === undefined
            ? {}
            : { requestedBy: arrival.requestedBy }),
          startedAt: deps.clock.now().toISOString(),
          ...(request.context === undefined
            ? {}
            : { context: request.context }),
          ...(request.taskToken === undefined
            ? {}
            : { taskToken: request.taskToken }),
        });
        await deps.notifier.publish(
          buildRestoreStarted({
            ...summary,
            restoreJobId,
            source: job.source,
            ...(job.requestedBy === undefined
              ? {}
              : { requestedBy: job.requestedBy }),
            startedAt: job.startedAt,
            context: job.context ?? {},
          })
        );
        return { ...summary, restoreJobId };
      });
    }
  );
  if (replayed) {
    deps.log.info('restore request replayed', {
      requestId: result.requestId,
      restoreJobId: result.restoreJobId,
    });
    if (request.taskToken !== undefined) {
      await followJob(result.restoreJobId, request.taskToken, deps);
    }
  }
  return { ...result, replayed };
};

/**
 * Runs what follows a started job (its record, `restore.started`) and makes
 * every failure there retryable: the retry gets the same job back by its
 * IdempotencyToken and repeats only these steps, and a request the
 * trigger finally gives up on is kept in the dead-letter queue by the
 * queue's redrive, never announced as rejected while its restore runs.
 */
const afterStart = async <T>(
  restoreJobId: string,
  steps: () => Promise<T>
): Promise<T> => {
  try {
    return await steps();
  } catch (error) {
    if (error instanceof AppError && error.retryable) {
      throw error;
    }
    throw new DependencyFailureError(
      `restore job ${restoreJobId} started, but recording or announcing it failed (${error instanceof AppError ? error.code : 'unexpected'}); it will be retried`,
      { cause: error }
    );
  }
};

const summaryOf = (plan: RestorePlan) => ({
  requestId: plan.requestId,
  recoveryPointArn: plan.input.RecoveryPointArn,
  resourceType: plan.resourceType,
  backupVaultName: plan.recoveryPoint.backupVaultName,
});

/**
 * Adds a replayed request's task token to its job; answers it now when the
 * outcome was published already (the tracker will not see the job again).
 */
const followJob = async (
  restoreJobId: string,
  taskToken: string,
  deps: StartRestoreDeps
): Promise<void> => {
  const job = await deps.jobs.addTaskToken(restoreJobId, taskToken);
  const outcome = job?.outcome as OutcomeNotification | undefined;
  if (outcome !== undefined) {
    await answerTasks([taskToken], outcome, deps);
  }
};

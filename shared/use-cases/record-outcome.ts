import type { Clock } from '../domain/clock.js';
import {
  durationSeconds,
  isoDate,
  type JobObservation,
} from '../domain/job-observation.js';
import type { JsonObject } from '../domain/json.js';
import { isTerminalStatus } from '../events/restore-job-state-change.js';
import {
  buildRestoreOutcome,
  type RestoreOutcome,
} from '../events/restore-outcome.js';
import type { JobStore, TrackedJob } from '../ports/job-store.js';
import type { RestoreMetrics } from '../ports/restore-metrics.js';
import {
  type AnnounceDeps,
  announceOutcome,
  answerTasks,
} from './announce-outcome.js';

/**
 * How long a claim to publish lasts, in seconds: longer than any function's
 * timeout (120 s at most), so a live publisher keeps it, and short enough
 * that the next reconciler run takes over from a crashed one.
 */
export const PUBLICATION_LEASE_SECONDS = 300;

/** The ports and settings {@link recordOutcome} runs with. */
export interface RecordOutcomeDeps extends AnnounceDeps {
  readonly jobs: JobStore;
  readonly metrics: RestoreMetrics;
  readonly clock: Clock;
  /** Also report jobs restore-relay did not start (REPORT_ALL_JOBS). */
  readonly reportAllJobs: boolean;
}

/** What {@link recordOutcome} did. */
export type RecordOutcomeResult =
  /** Announced now. */
  | { readonly status: 'published'; readonly outcome: RestoreOutcome }
  /** Announced before, or being announced by someone else right now. */
  | { readonly status: 'duplicate' }
  /** Not an end state (PENDING, RUNNING, CREATED). */
  | { readonly status: 'not-terminal' }
  /** A job restore-relay did not start, and the deployment does not report those. */
  | { readonly status: 'foreign' };

const METRIC_BY_STATUS = {
  COMPLETED: 'RestoreCompleted',
  FAILED: 'RestoreFailed',
  ABORTED: 'RestoreAborted',
} as const;

/** The outcome notification from the job record and what AWS said. */
const outcomeOf = (
  job: TrackedJob,
  observation: JobObservation & { status: keyof typeof METRIC_BY_STATUS },
  reportedAt: Date
): RestoreOutcome => {
  const creationDate = isoDate(observation.creationDate);
  const completionDate = isoDate(observation.completionDate);
  const duration = durationSeconds(creationDate, completionDate);
  const optional = {
    requestId: job.requestId,
    recoveryPointArn: job.recoveryPointArn ?? observation.recoveryPointArn,
    resourceType: job.resourceType ?? observation.resourceType,
    backupVaultName: job.backupVaultName ?? observation.backupVaultName,
    requestedBy: job.requestedBy,
    startedAt: job.external ? undefined : job.startedAt,
    creationDate,
    completionDate,
    durationSeconds: duration,
    backupSizeInBytes: observation.backupSizeInBytes,
    createdResourceArn: observation.createdResourceArn,
    statusMessage: observation.statusMessage,
  };
  return buildRestoreOutcome(observation.status, {
    restoreJobId: job.restoreJobId,
    source: job.source,
    status: observation.status,
    detectedBy: observation.detectedBy,
    reportedAt: reportedAt.toISOString(),
    context: job.context ?? {},
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, value]) => value !== undefined)
    ) as Partial<typeof optional>),
  });
};

/**
 * Publishes a restore job's outcome exactly once, whoever saw it first: the
 * AWS Backup event (`track-restore`) or the reconciler's DescribeRestoreJob.
 *
 * 1. Only end states count; a job restore-relay did not start is ignored
 *    unless `reportAllJobs` (then it gets a record of its own first).
 * 2. Claim the outcome on the job record (a conditional update with a
 *    lease): the loser of a race, and every later delivery, stops here.
 * 3. Announce: SNS, the EventBridge bus, the waiting Step Functions tasks.
 *    On a retryable failure the claim is released and the error thrown, so
 *    the source (or the next reconciler run) tries again.
 * 4. Mark it published (the job leaves the open list), then answer any task
 *    token added while the outcome was being announced.
 *
 * @throws AppError with `retryable` true when a store or channel failed
 */
export const recordOutcome = async (
  observation: JobObservation,
  deps: RecordOutcomeDeps
): Promise<RecordOutcomeResult> => {
  const { restoreJobId, status } = observation;
  if (!isTerminalStatus(status)) {
    return { status: 'not-terminal' };
  }
  // A read first: most events in a shared account are for jobs restore-relay
  // did not start, and every redelivery finds the outcome published; a
  // consistent read answers both more cheaply than a conditional write that
  // fails (which DynamoDB still charges as a write).
  const known = await deps.jobs.get(restoreJobId);
  if (known === undefined) {
    if (!deps.reportAllJobs) {
      deps.log.debug('restore job not started by restore-relay; ignored', {
        restoreJobId,
      });
      return { status: 'foreign' };
    }
    await deps.jobs.recordExternal({
      restoreJobId,
      startedAt:
        isoDate(observation.creationDate) ?? deps.clock.now().toISOString(),
      ...(observation.resourceType === undefined
        ? {}
        : { resourceType: observation.resourceType }),
      ...(observation.recoveryPointArn === undefined
        ? {}
        : { recoveryPointArn: observation.recoveryPointArn }),
      ...(observation.backupVaultName === undefined
        ? {}
        : { backupVaultName: observation.backupVaultName }),
    });
  }
  if (known?.outcomePublishedAt !== undefined) {
    return { status: 'duplicate' };
  }
  const now = deps.clock.now();
  const job = await deps.jobs.claim(
    restoreJobId,
    'outcome',
    now,
    PUBLICATION_LEASE_SECONDS
  );
  if (job === undefined) {
    deps.log.debug('outcome already published or being published', {
      restoreJobId,
    });
    return { status: 'duplicate' };
  }
  const outcome = outcomeOf(job, { ...observation, status }, now);
  try {
    await announceOutcome(outcome, job.taskTokens, deps);
  } catch (error) {
    await deps.jobs.release(restoreJobId, 'outcome').catch(() => undefined);
    throw error;
  }
  const after = await deps.jobs.markPublished(restoreJobId, 'outcome', now, {
    status,
    type: outcome.type,
    notification: outcome as unknown as JsonObject,
  });
  const late = (after?.taskTokens ?? []).filter(
    (token) => !job.taskTokens.includes(token)
  );
  if (late.length > 0) {
    await answerTasks(late, outcome, deps);
  }
  const dimensions = {
    source: job.source,
    resourceType: outcome.resourceType ?? 'Unknown',
  };
  deps.metrics.count(METRIC_BY_STATUS[status], dimensions);
  if (observation.detectedBy === 'reconciler') {
    deps.metrics.count('RestoreOutcomeReconciled', dimensions);
  }
  deps.log.info('restore outcome published', {
    restoreJobId,
    requestId: job.requestId,
    type: outcome.type,
    detectedBy: observation.detectedBy,
    taskCallbacks: job.taskTokens.length + late.length,
  });
  return { status: 'published', outcome };
};

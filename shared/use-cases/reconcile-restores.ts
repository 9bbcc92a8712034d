import { isoDate, type JobObservation } from '../domain/job-observation.js';
import type { JsonObject } from '../domain/json.js';
import { AppError } from '../errors/app-error.js';
import { RestoreJobNotFoundError } from '../errors/restore-job-not-found-error.js';
import { isTerminalStatus } from '../events/restore-job-state-change.js';
import { buildRestoreStale } from '../events/restore-outcome.js';
import type { TrackedJob } from '../ports/job-store.js';
import type { RestoreJobReader } from '../ports/restore-job-reader.js';
import { announceOutcome } from './announce-outcome.js';
import {
  PUBLICATION_LEASE_SECONDS,
  type RecordOutcomeDeps,
  recordOutcome,
} from './record-outcome.js';

/** When a job counts as late, and how much one run does. */
export interface ReconcileSettings {
  /** Open jobs started longer ago than this are checked. */
  readonly reconcileAfterSeconds: number;
  /** Open jobs started longer ago than this are reported `restore.stale`. */
  readonly staleAfterSeconds: number;
  /** Jobs checked per run, oldest first. */
  readonly maxJobs: number;
}

/** The ports and settings {@link reconcileRestores} runs with. */
export interface ReconcileDeps extends RecordOutcomeDeps {
  readonly reader: RestoreJobReader;
  readonly reconcile: ReconcileSettings;
}

/** What one run found (counts only: safe to log and return). */
export interface ReconcileSummary {
  /** Open jobs past the threshold that were checked. */
  readonly checked: number;
  /** Outcomes published by this run (the event never came). */
  readonly published: number;
  /** Ended jobs whose outcome someone else published meanwhile. */
  readonly alreadyPublished: number;
  /** Jobs still running. */
  readonly stillOpen: number;
  /** `restore.stale` warnings published by this run. */
  readonly staleReported: number;
  /** Jobs AWS Backup does not know (any more). */
  readonly unknownToAws: number;
  /** Jobs that could not be checked this run (throttled, AWS down). */
  readonly failed: number;
}

type Tally = { -readonly [K in keyof ReconcileSummary]: ReconcileSummary[K] };

/**
 * Publishes `restore.stale` once for a job open past the maximum age. A
 * warning, not an outcome: the job stays open and its outcome is still
 * published when it ends. Waiting tasks are failed with `RestoreStale`, so a
 * workflow never hangs on a restore that does not end.
 */
const reportStale = async (
  job: TrackedJob,
  observation: JobObservation | undefined,
  now: Date,
  deps: ReconcileDeps
): Promise<boolean> => {
  if (job.stalePublishedAt !== undefined) {
    return false;
  }
  const claimed = await deps.jobs.claim(
    job.restoreJobId,
    'stale',
    now,
    PUBLICATION_LEASE_SECONDS
  );
  if (claimed === undefined) {
    return false;
  }
  const creationDate = isoDate(observation?.creationDate);
  const optional = {
    requestId: claimed.requestId,
    recoveryPointArn: claimed.recoveryPointArn,
    resourceType: claimed.resourceType,
    backupVaultName: claimed.backupVaultName,
    requestedBy: claimed.requestedBy,
    startedAt: claimed.external ? undefined : claimed.startedAt,
    creationDate,
    percentDone: observation?.percentDone,
  };
  const stale = buildRestoreStale({
    restoreJobId: claimed.restoreJobId,
    source: claimed.source,
    status: observation?.status ?? 'UNKNOWN',
    detectedBy: 'reconciler',
    reportedAt: now.toISOString(),
    context: claimed.context ?? ({} as JsonObject),
    ageSeconds: Math.max(
      0,
      Math.floor((now.getTime() - Date.parse(claimed.startedAt)) / 1000)
    ),
    staleAfterSeconds: deps.reconcile.staleAfterSeconds,
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, value]) => value !== undefined)
    ) as Partial<typeof optional>),
  });
  try {
    await announceOutcome(stale, claimed.taskTokens, deps);
  } catch (error) {
    await deps.jobs.release(job.restoreJobId, 'stale').catch(() => undefined);
    throw error;
  }
  await deps.jobs.markPublished(job.restoreJobId, 'stale', now);
  deps.metrics.count('RestoreStale', {
    source: claimed.source,
    resourceType: claimed.resourceType ?? 'Unknown',
  });
  deps.log.warn('restore job is stale', {
    restoreJobId: claimed.restoreJobId,
    requestId: claimed.requestId,
    status: stale.status,
    ageSeconds: stale.ageSeconds,
  });
  return true;
};

/**
 * One reconciler run: AWS Backup sends its restore job events on a best
 * effort basis (events.md §2.1), so jobs still open in the relay table past
 * `reconcileAfterSeconds` are asked about with `DescribeRestoreJob`.
 *
 * - An ended job's outcome is published through {@link recordOutcome}, so a
 *   run racing the late event still publishes once.
 * - A job open past `staleAfterSeconds` is reported `restore.stale` once.
 * - Jobs are checked one at a time, oldest first, at most `maxJobs`:
 *   DescribeRestoreJob allows 15 calls/s per account
 *   (reliability-and-limits.md §1). A job that cannot be checked (throttled,
 *   AWS down) is counted and left for the next run; the run goes on.
 *
 * @throws only when the open jobs cannot be listed (the store is down)
 */
export const reconcileRestores = async (
  deps: ReconcileDeps
): Promise<ReconcileSummary> => {
  const now = deps.clock.now();
  const { reconcileAfterSeconds, staleAfterSeconds, maxJobs } = deps.reconcile;
  const open = await deps.jobs.listOpen(
    new Date(now.getTime() - reconcileAfterSeconds * 1000),
    maxJobs
  );
  const tally: Tally = {
    checked: 0,
    published: 0,
    alreadyPublished: 0,
    stillOpen: 0,
    staleReported: 0,
    unknownToAws: 0,
    failed: 0,
  };
  for (const job of open) {
    tally.checked += 1;
    const ageSeconds = (now.getTime() - Date.parse(job.startedAt)) / 1000;
    try {
      let observation: JobObservation | undefined;
      try {
        observation = await deps.reader.describe(job.restoreJobId);
      } catch (error) {
        if (!(error instanceof RestoreJobNotFoundError)) {
          throw error;
        }
        tally.unknownToAws += 1;
      }
      if (observation !== undefined && isTerminalStatus(observation.status)) {
        const result = await recordOutcome(observation, deps);
        if (result.status === 'published') {
          tally.published += 1;
        } else {
          tally.alreadyPublished += 1;
        }
        continue;
      }
      tally.stillOpen += 1;
      if (
        ageSeconds > staleAfterSeconds &&
        (await reportStale(job, observation, now, deps))
      ) {
        tally.staleReported += 1;
      }
    } catch (error) {
      tally.failed += 1;
      deps.log.warn('restore job not reconciled; next run retries', {
        restoreJobId: job.restoreJobId,
        errorCode: error instanceof AppError ? error.code : 'Unexpected',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  deps.log.info('reconciler run', { ...tally });
  return tally;
};

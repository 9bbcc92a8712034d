import { isoDate, type JobObservation } from '../domain/job-observation.js';
import type { JsonObject } from '../domain/json.js';
import { AppError } from '../errors/app-error.js';
import { RestoreJobNotFoundError } from '../errors/errors.js';
import { isTerminalStatus } from '../events/restore-job-state-change.js';
import {
  buildRestoreStale,
  type RestoreStale,
} from '../events/restore-outcome.js';
import type { JobStore, TrackedJob } from '../ports/job-store.js';
import type { RestoreJobReader } from '../ports/restore-job-reader.js';
import { announceOutcome } from './announce-outcome.js';
import {
  PUBLICATION_LEASE_SECONDS,
  type RecordOutcomeDeps,
  recordOutcome,
} from './record-outcome.js';

/**
 * The status of a job AWS Backup no longer knows: in its `restore.stale`
 * and, once closed, on its record.
 */
export const UNKNOWN_JOB_STATUS = 'UNKNOWN';

/** `statusMessage` of the `restore.stale` that closes an unknown job. */
export const UNKNOWN_JOB_MESSAGE =
  'AWS Backup no longer knows this restore job (DescribeRestoreJob finds no such job); restore-relay stops checking it.';

/** When a job counts as late, and how much one run does. */
export interface ReconcileSettings {
  /** Open jobs started longer ago than this are checked. */
  readonly reconcileAfterSeconds: number;
  /**
   * Open jobs started longer ago than this are reported `restore.stale`;
   * those AWS Backup no longer knows are closed.
   */
  readonly staleAfterSeconds: number;
  /** Jobs checked per run, least recently checked first. */
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
  /**
   * Jobs left open: still running, or unknown to AWS Backup and younger
   * than the maximum age (AWS may not list a job right after its start).
   */
  readonly stillOpen: number;
  /** `restore.stale` warnings published by this run. */
  readonly staleReported: number;
  /** Jobs AWS Backup does not know (any more). */
  readonly unknownToAws: number;
  /** Jobs AWS Backup does not know, closed past the maximum age. */
  readonly closed: number;
  /** Jobs that could not be checked this run (throttled, AWS down). */
  readonly failed: number;
}

type Tally = { -readonly [K in keyof ReconcileSummary]: ReconcileSummary[K] };

/**
 * Publishes `restore.stale` once for a job open past the maximum age, and
 * fails its waiting tasks with `RestoreStale`, so a workflow never hangs on
 * a restore that does not end. A warning, not an outcome: a job AWS still
 * knows stays open, and its outcome is still published when it ends.
 * Without an observation (AWS no longer knows the job) the warning says so:
 * status UNKNOWN and {@link UNKNOWN_JOB_MESSAGE}.
 *
 * @returns the warning; undefined when it was published before or someone
 *   holds the claim
 */
const reportStale = async (
  job: TrackedJob,
  observation: JobObservation | undefined,
  now: Date,
  deps: ReconcileDeps
): Promise<RestoreStale | undefined> => {
  if (job.stalePublishedAt !== undefined) {
    return undefined;
  }
  const claimed = await deps.jobs.claim(
    job.restoreJobId,
    'stale',
    now,
    PUBLICATION_LEASE_SECONDS
  );
  if (claimed === undefined) {
    return undefined;
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
    statusMessage:
      observation === undefined
        ? UNKNOWN_JOB_MESSAGE
        : observation.statusMessage,
  };
  const stale = buildRestoreStale({
    restoreJobId: claimed.restoreJobId,
    source: claimed.source,
    status: observation?.status ?? UNKNOWN_JOB_STATUS,
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
  return stale;
};

/**
 * Closes a job AWS Backup no longer knows, past the maximum age: its
 * `restore.stale` (status UNKNOWN) first, unless one was published before,
 * then off the open list, so it is never checked again. A younger unknown
 * job stays open: AWS may not list a job right after its start.
 *
 * @returns whether the job was closed, and whether this run published its
 *   `restore.stale` (not closed: someone else holds the stale claim, so the
 *   next run tries again)
 */
const closeUnknown = async (
  job: TrackedJob,
  now: Date,
  deps: ReconcileDeps
): Promise<{ closed: boolean; reported: boolean }> => {
  const stale = await reportStale(job, undefined, now, deps);
  if (stale === undefined && job.stalePublishedAt === undefined) {
    return { closed: false, reported: false };
  }
  await deps.jobs.close(
    job.restoreJobId,
    UNKNOWN_JOB_STATUS,
    stale === undefined
      ? undefined
      : { type: stale.type, notification: stale as unknown as JsonObject }
  );
  deps.metrics.count('RestoreClosedUnknown', {
    source: job.source,
    resourceType: job.resourceType ?? 'Unknown',
  });
  deps.log.warn('restore job closed: AWS Backup no longer knows it', {
    restoreJobId: job.restoreJobId,
    requestId: job.requestId,
  });
  return { closed: true, reported: stale !== undefined };
};

/**
 * One reconciler run: AWS Backup sends its restore job events on a best
 * effort basis (https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html),
 * so jobs still open in the relay table past `reconcileAfterSeconds` are
 * asked about with `DescribeRestoreJob`.
 *
 * 1. List at most `maxJobs` open jobs in check order: never checked first
 *    (oldest first), then the least recently checked
 *    ({@link JobStore.listToCheck}). DescribeRestoreJob allows 15 calls/s
 *    per account (https://docs.aws.amazon.com/general/latest/gr/bk.html), so
 *    a run is bounded; the rotation makes it fair: with `open` jobs past the
 *    threshold (counting those that get there meanwhile), each is checked
 *    within ceil(open / maxJobs) runs, however many of them never end.
 * 2. Per job, one at a time: mark it checked first (to the back of the
 *    order), so a job whose check fails or crashes the run cannot hold the
 *    front; a job closed meanwhile is skipped.
 * 3. An ended job's outcome is published through {@link recordOutcome}, so
 *    a run racing the late event still publishes once.
 * 4. A job open past `staleAfterSeconds` is reported `restore.stale` once;
 *    one AWS Backup no longer knows is closed with it ({@link closeUnknown}).
 * 5. A job that cannot be checked (throttled, AWS down) is counted and comes
 *    round again; the run goes on.
 *
 * @throws only when the open jobs cannot be listed (the store is down)
 */
export const reconcileRestores = async (
  deps: ReconcileDeps
): Promise<ReconcileSummary> => {
  const now = deps.clock.now();
  const { reconcileAfterSeconds, staleAfterSeconds, maxJobs } = deps.reconcile;
  const due = await deps.jobs.listToCheck(
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
    closed: 0,
    failed: 0,
  };
  for (const listed of due) {
    tally.checked += 1;
    try {
      // The time of this check, not of the run: jobs then come round in
      // the order they were checked.
      const job = await deps.jobs.markChecked(
        listed.restoreJobId,
        deps.clock.now()
      );
      if (job === undefined) {
        tally.alreadyPublished += 1;
        continue;
      }
      const ageSeconds = (now.getTime() - Date.parse(job.startedAt)) / 1000;
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
      if (observation === undefined && ageSeconds > staleAfterSeconds) {
        const { closed, reported } = await closeUnknown(job, now, deps);
        tally.closed += Number(closed);
        tally.staleReported += Number(reported);
        tally.stillOpen += Number(!closed);
        continue;
      }
      tally.stillOpen += 1;
      if (
        ageSeconds > staleAfterSeconds &&
        (await reportStale(job, observation, now, deps)) !== undefined
      ) {
        tally.staleReported += 1;
      }
    } catch (error) {
      tally.failed += 1;
      deps.log.warn('restore job not reconciled; next run retries', {
        restoreJobId: listed.restoreJobId,
        errorCode: error instanceof AppError ? error.code : 'Unexpected',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  deps.log.info('reconciler run', { ...tally });
  return tally;
};

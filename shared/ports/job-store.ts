import type { JsonObject } from '../domain/json.js';
import type { RequestedBy } from '../domain/requested-by.js';

/** What restore-relay keeps about a restore job it started. */
export interface StartedJob {
  readonly restoreJobId: string;
  readonly requestId: string;
  readonly recoveryPointArn: string;
  readonly backupVaultName: string;
  readonly resourceType: string;
  readonly source: string;
  /** Who sent the request that started the job, where AWS says. */
  readonly requestedBy?: RequestedBy;
  readonly startedAt: string;
  readonly context?: JsonObject;
  readonly taskToken?: string;
}

/** A job restore-relay did not start, reported with REPORT_ALL_JOBS. */
export interface ExternalJob {
  readonly restoreJobId: string;
  readonly startedAt: string;
  readonly resourceType?: string;
  readonly recoveryPointArn?: string;
  readonly backupVaultName?: string;
}

/** What restore-relay announces about a job, each once. */
export type Publication = 'outcome' | 'stale';

/** How a job ended, as {@link JobStore.markPublished} keeps it. */
export interface PublishedOutcome {
  readonly status: string;
  readonly type: string;
  readonly notification: JsonObject;
}

/** A job record as the store holds it, with its tracking state. */
export interface TrackedJob {
  readonly restoreJobId: string;
  /** Absent for a job restore-relay did not start (REPORT_ALL_JOBS). */
  readonly requestId?: string;
  readonly recoveryPointArn?: string;
  readonly backupVaultName?: string;
  readonly resourceType?: string;
  readonly source: string;
  /**
   * Who sent the request that started the job. Absent for a job
   * restore-relay did not start, and in records written before it was kept.
   */
  readonly requestedBy?: RequestedBy;
  readonly startedAt: string;
  readonly context?: JsonObject;
  /** Step Functions tasks waiting for the outcome. */
  readonly taskTokens: readonly string[];
  /** True for a job restore-relay did not start. */
  readonly external: boolean;
  /** STARTED until the outcome is published, then the AWS status. */
  readonly status: string;
  /** The outcome notification's type, once published. */
  readonly outcomeType?: string;
  readonly outcomePublishedAt?: string;
  /** The outcome notification as published (answers late task tokens). */
  readonly outcome?: JsonObject;
  readonly stalePublishedAt?: string;
  /** When the reconciler last asked AWS Backup about the job. */
  readonly lastCheckedAt?: string;
}

/**
 * Keeps started jobs (DynamoDB in production) and decides, with conditional
 * writes, who publishes what about them: whichever of the event and the
 * reconciler claims a publication first publishes it; the other skips.
 */
export interface JobStore {
  /**
   * Records a started job once. A second call for the same job keeps the
   * first record and returns it, so a retry reports the original start time.
   */
  recordStarted(job: StartedJob): Promise<StartedJob>;

  /** The job's record, or undefined when restore-relay does not know it. */
  get(restoreJobId: string): Promise<TrackedJob | undefined>;

  /** The jobs started for a request key, newest first. */
  findByRequestId(requestId: string): Promise<readonly TrackedJob[]>;

  /**
   * Open jobs started before `before`, in check order, at most `limit`:
   * jobs never checked first (oldest start first), then the least recently
   * checked ({@link JobStore.markChecked}). Every open job comes round in
   * turn, so jobs that never end (AWS no longer knows them, say) cannot
   * keep newer ones from being checked.
   */
  listToCheck(before: Date, limit: number): Promise<readonly TrackedJob[]>;

  /**
   * Records that the reconciler checks the job now: it moves to the back of
   * the check order. Only while the job is open: it never reopens a job, and
   * it touches no claim, so it cannot race a publication.
   *
   * @returns the record after the update; undefined when the job is no
   *   longer open (published or closed meanwhile) or unknown
   */
  markChecked(restoreJobId: string, at: Date): Promise<TrackedJob | undefined>;

  /**
   * Takes an open job off the open list for good without an outcome (AWS
   * Backup no longer knows it), with `status` as its final status. The
   * notification that said so, when given, answers task tokens added later.
   * A job whose outcome was published meanwhile is left as it is; an
   * outcome published later still replaces the status.
   */
  close(
    restoreJobId: string,
    status: string,
    notice?: { readonly type: string; readonly notification: JsonObject }
  ): Promise<void>;

  /**
   * Claims the right to publish `what` for a job, for `leaseSeconds`: only
   * when it is not published yet and nobody else holds a live claim. A
   * crashed publisher's claim lapses, so the reconciler can take it over.
   *
   * @returns the record when claimed; undefined when published already,
   *   claimed by someone else, or unknown
   */
  claim(
    restoreJobId: string,
    what: Publication,
    now: Date,
    leaseSeconds: number
  ): Promise<TrackedJob | undefined>;

  /**
   * Marks `what` published and drops the claim. For the outcome, the job
   * leaves the open list and keeps its final status and the notification.
   *
   * @returns the record after the update (with any task token added while
   *   the outcome was being announced)
   */
  markPublished(
    restoreJobId: string,
    what: 'stale',
    at: Date
  ): Promise<TrackedJob | undefined>;
  // The outcome is required with 'outcome': without it the job would stay
  // on the open list.
  markPublished(
    restoreJobId: string,
    what: 'outcome',
    at: Date,
    outcome: PublishedOutcome
  ): Promise<TrackedJob | undefined>;

  /** Drops a claim after a failed publication, so a retry can claim it. */
  release(restoreJobId: string, what: Publication): Promise<void>;

  /**
   * Records a job restore-relay did not start, to report its outcome once
   * (REPORT_ALL_JOBS). Keeps an existing record.
   */
  recordExternal(job: ExternalJob): Promise<void>;

  /**
   * Adds a Step Functions task token to a job (a replayed request from a
   * retried task brings a new one).
   *
   * @returns the updated record, or undefined when the job is unknown
   */
  addTaskToken(
    restoreJobId: string,
    taskToken: string
  ): Promise<TrackedJob | undefined>;
}

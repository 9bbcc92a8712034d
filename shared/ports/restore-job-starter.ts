import type { StartRestoreJobInput } from '../domain/start-restore-job-input.js';

/** What a starter may need to know about the request besides its input. */
export interface StartContext {
  /**
   * No restore job of this request was created before this instant: the
   * request's first arrival when the source knows it (the SQS message's
   * `SentTimestamp`, the event's time), else now. A starter that has to
   * look for the job an earlier delivery started searches from here.
   */
  readonly requestedAt: Date;
}

/** Starts AWS Backup restore jobs. */
export interface RestoreJobStarter {
  /**
   * Sends `StartRestoreJob` with the input's token, and returns the job it
   * started, or the job an earlier call with the same token started.
   *
   * @throws RestoreThrottledError, DependencyFailureError (retryable),
   *   RecoveryPointNotFoundError or AwsRequestRejectedError
   */
  start(
    input: StartRestoreJobInput,
    context: StartContext
  ): Promise<{ readonly restoreJobId: string }>;
}

import type { StartRestoreJobInput } from '../domain/start-restore-job-input.js';

/** Starts AWS Backup restore jobs. */
export interface RestoreJobStarter {
  /**
   * Sends `StartRestoreJob` exactly as given (the token included).
   *
   * @throws ThrottledError, DependencyError (retryable) or AwsRejectedError
   */
  start(
    input: StartRestoreJobInput
  ): Promise<{ readonly restoreJobId: string }>;
}

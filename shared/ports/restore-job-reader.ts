import type { JobObservation } from '../domain/job-observation.js';

/** Asks AWS Backup for a restore job's current state (DescribeRestoreJob). */
export interface RestoreJobReader {
  /**
   * @throws RestoreJobNotFoundError when AWS does not know the job;
   *   RestoreThrottledError or DependencyFailureError (retryable)
   */
  describe(restoreJobId: string): Promise<JobObservation>;
}

import type { JsonObject } from '../domain/json.js';

/** What restore-relay keeps about a restore job it started. */
export interface StartedJob {
  readonly restoreJobId: string;
  readonly requestId: string;
  readonly recoveryPointArn: string;
  readonly backupVaultName: string;
  readonly resourceType: string;
  readonly source: string;
  readonly startedAt: string;
  readonly context?: JsonObject;
  readonly taskToken?: string;
}

/** Keeps started jobs (DynamoDB in production), for tracking them later. */
export interface JobStore {
  /**
   * Records a started job once. A second call for the same job keeps the
   * first record and returns it, so a retry reports the original start time.
   */
  recordStarted(job: StartedJob): Promise<StartedJob>;
}

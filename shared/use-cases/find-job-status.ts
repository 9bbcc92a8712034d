import type { JobObservation } from '../domain/job-observation.js';
import { RestoreJobNotFoundError } from '../errors/errors.js';
import type { JobStore, TrackedJob } from '../ports/job-store.js';
import type { RestoreJobReader } from '../ports/restore-job-reader.js';

/** Which job to look at: by the request that started it, or by its id. */
export type JobQuery =
  | { readonly requestId: string }
  | { readonly restoreJobId: string };

/** What restore-relay and AWS Backup each know about one job. */
export interface JobStatus {
  readonly restoreJobId: string;
  /** restore-relay's record; absent for a job it did not start. */
  readonly record?: TrackedJob;
  /** AWS Backup's current state; absent when AWS no longer knows the job. */
  readonly aws?: JobObservation;
}

/** The ports {@link findJobStatus} reads. */
export interface FindJobStatusDeps {
  /** Absent when no relay table is configured: only AWS is asked. */
  readonly jobs?: JobStore;
  readonly reader: RestoreJobReader;
}

/**
 * Finds a job's record and its current AWS state (`restore status`). A
 * request id names the newest job started for it.
 *
 * @returns undefined when neither restore-relay nor AWS knows the job
 */
export const findJobStatus = async (
  query: JobQuery,
  deps: FindJobStatusDeps
): Promise<JobStatus | undefined> => {
  let record: TrackedJob | undefined;
  if ('requestId' in query) {
    if (deps.jobs === undefined) {
      return undefined;
    }
    [record] = await deps.jobs.findByRequestId(query.requestId);
    if (record === undefined) {
      return undefined;
    }
  } else {
    record = await deps.jobs?.get(query.restoreJobId);
  }
  const restoreJobId =
    record?.restoreJobId ?? ('restoreJobId' in query ? query.restoreJobId : '');
  let aws: JobObservation | undefined;
  try {
    aws = await deps.reader.describe(restoreJobId);
  } catch (error) {
    if (!(error instanceof RestoreJobNotFoundError)) {
      throw error;
    }
  }
  if (record === undefined && aws === undefined) {
    return undefined;
  }
  return {
    restoreJobId,
    ...(record === undefined ? {} : { record }),
    ...(aws === undefined ? {} : { aws }),
  };
};

import type { JobObservation } from '#shared/domain/job-observation';
import { RestoreJobNotFoundError } from '#shared/errors/errors';
import type { RestoreJobReader } from '#shared/ports/restore-job-reader';

/** A fake DescribeRestoreJob over a map of job id → observation. */
export class InMemoryJobReader implements RestoreJobReader {
  readonly states = new Map<string, JobObservation>();
  readonly calls: string[] = [];
  failures: Error[] = [];
  async describe(restoreJobId: string): Promise<JobObservation> {
    this.calls.push(restoreJobId);
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    const state = this.states.get(restoreJobId);
    if (state === undefined) {
      throw new RestoreJobNotFoundError(`no job ${restoreJobId}`);
    }
    return state;
  }
}

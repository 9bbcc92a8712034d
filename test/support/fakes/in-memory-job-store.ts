import type { JsonObject } from '#shared/domain/json';
import type {
  ExternalJob,
  JobStore,
  Publication,
  StartedJob,
  TrackedJob,
} from '#shared/ports/job-store';

/** How many jobs of a request DynamoDbJobStore reads (its Query `Limit`). */
const FIND_BY_REQUEST_LIMIT = 20;

type MutableJob = { -readonly [K in keyof TrackedJob]: TrackedJob[K] } & {
  leases: Partial<Record<Publication, number>>;
  /** On the open list: until the outcome is published or the job closed. */
  open: boolean;
};

/**
 * A fake job store with the DynamoDB store's semantics: the first record
 * wins, publications are claimed with a lease, open jobs are listed in
 * check order (never checked by start time, then by last check). The
 * JobStore contract suite (test/integration/contract/job-store-contract.ts)
 * runs against both.
 */
export class InMemoryJobStore implements JobStore {
  readonly jobs = new Map<string, MutableJob>();

  #view(job: MutableJob): TrackedJob {
    const { leases: _leases, open: _open, ...view } = job;
    return structuredClone({ ...view, taskTokens: [...job.taskTokens] });
  }

  async recordStarted(job: StartedJob): Promise<StartedJob> {
    const old = this.jobs.get(job.restoreJobId);
    if (old) {
      // As DynamoDbJobStore answers a retry: the first record's fields
      // only (no tracking state), and this call's where it had none (a
      // job recorded as external first).
      const [firstToken] = old.taskTokens;
      return structuredClone({
        restoreJobId: old.restoreJobId,
        requestId: old.requestId ?? job.requestId,
        recoveryPointArn: old.recoveryPointArn ?? job.recoveryPointArn,
        backupVaultName: old.backupVaultName ?? job.backupVaultName,
        resourceType: old.resourceType ?? job.resourceType,
        source: old.source,
        ...(old.requestedBy === undefined
          ? {}
          : { requestedBy: old.requestedBy }),
        startedAt: old.startedAt,
        ...(old.context === undefined ? {} : { context: old.context }),
        ...(firstToken === undefined ? {} : { taskToken: firstToken }),
      });
    }
    const { taskToken, ...fields } = structuredClone(job);
    this.jobs.set(job.restoreJobId, {
      ...fields,
      taskTokens: taskToken === undefined ? [] : [taskToken],
      external: false,
      status: 'STARTED',
      leases: {},
      open: true,
    });
    return job;
  }

  async get(restoreJobId: string): Promise<TrackedJob | undefined> {
    const job = this.jobs.get(restoreJobId);
    return job && this.#view(job);
  }

  async findByRequestId(requestId: string): Promise<readonly TrackedJob[]> {
    return [...this.jobs.values()]
      .filter((j) => j.requestId === requestId)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, FIND_BY_REQUEST_LIMIT)
      .map((j) => this.#view(j));
  }

  async listToCheck(
    before: Date,
    limit: number
  ): Promise<readonly TrackedJob[]> {
    return [...this.jobs.values()]
      .filter((j) => j.open && j.startedAt < before.toISOString())
      .sort((a, b) =>
        a.lastCheckedAt === undefined || b.lastCheckedAt === undefined
          ? Number(a.lastCheckedAt !== undefined) -
              Number(b.lastCheckedAt !== undefined) ||
            a.startedAt.localeCompare(b.startedAt)
          : a.lastCheckedAt.localeCompare(b.lastCheckedAt)
      )
      .slice(0, limit)
      .map((j) => this.#view(j));
  }

  async markChecked(
    restoreJobId: string,
    at: Date
  ): Promise<TrackedJob | undefined> {
    const job = this.jobs.get(restoreJobId);
    if (job === undefined || !job.open) {
      return undefined;
    }
    job.lastCheckedAt = at.toISOString();
    return this.#view(job);
  }

  async close(
    restoreJobId: string,
    status: string,
    notice?: { type: string; notification: JsonObject }
  ): Promise<void> {
    const job = this.jobs.get(restoreJobId);
    if (job === undefined || !job.open) {
      return;
    }
    job.open = false;
    job.status = status;
    if (notice !== undefined) {
      job.outcomeType = notice.type;
      job.outcome = notice.notification;
    }
  }

  async claim(
    restoreJobId: string,
    what: Publication,
    now: Date,
    leaseSeconds: number
  ): Promise<TrackedJob | undefined> {
    const job = this.jobs.get(restoreJobId);
    const published =
      what === 'outcome' ? job?.outcomePublishedAt : job?.stalePublishedAt;
    const lease = job?.leases[what];
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (
      job === undefined ||
      published !== undefined ||
      (what === 'stale' && job.outcomePublishedAt !== undefined) ||
      (lease !== undefined && lease >= nowSeconds)
    ) {
      return undefined;
    }
    job.leases[what] = nowSeconds + leaseSeconds;
    return this.#view(job);
  }

  async markPublished(
    restoreJobId: string,
    what: Publication,
    at: Date,
    outcome?: { status: string; type: string; notification: JsonObject }
  ): Promise<TrackedJob | undefined> {
    const job = this.jobs.get(restoreJobId);
    if (job === undefined) {
      return undefined;
    }
    delete job.leases[what];
    if (what === 'stale') {
      job.stalePublishedAt = at.toISOString();
    } else {
      job.outcomePublishedAt = at.toISOString();
      job.open = false;
      if (outcome !== undefined) {
        job.status = outcome.status;
        job.outcomeType = outcome.type;
        job.outcome = outcome.notification;
      }
    }
    return this.#view(job);
  }

  async release(restoreJobId: string, what: Publication): Promise<void> {
    const job = this.jobs.get(restoreJobId);
    if (job) {
      delete job.leases[what];
    }
  }

  async recordExternal(job: ExternalJob): Promise<void> {
    if (!this.jobs.has(job.restoreJobId)) {
      this.jobs.set(job.restoreJobId, {
        ...job,
        source: 'external',
        taskTokens: [],
        external: true,
        status: 'STARTED',
        leases: {},
        open: true,
      });
    }
  }

  async addTaskToken(
    restoreJobId: string,
    taskToken: string
  ): Promise<TrackedJob | undefined> {
    const job = this.jobs.get(restoreJobId);
    if (job === undefined) {
      return undefined;
    }
    if (!job.taskTokens.includes(taskToken)) {
      job.taskTokens = [...job.taskTokens, taskToken];
    }
    return this.#view(job);
  }
}

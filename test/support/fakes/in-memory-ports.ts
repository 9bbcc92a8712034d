import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import { canonicalJson } from '#shared/domain/canonical-json';
import type { JobObservation } from '#shared/domain/job-observation';
import type { JsonObject, JsonValue } from '#shared/domain/json';
import type { RateLimiter } from '#shared/domain/rate-limiter';
import type { RecoveryPoint } from '#shared/domain/recovery-point';
import type { StartRestoreJobInput } from '#shared/domain/start-restore-job-input';
import {
  IdempotencyConflictError,
  RecoveryPointNotFoundError,
  RestoreInProgressError,
  RestoreJobNotFoundError,
} from '#shared/errors/errors';
import type { OutcomeNotification } from '#shared/events/outcome-event';
import type { RelayNotification } from '#shared/events/relay-notification';
import type {
  AlarmCoolDown,
  AlarmCoolDownClaim,
  AlarmCoolDownResult,
} from '#shared/ports/alarm-cool-down';
import type {
  DeadLetter,
  DeadLetterQueue,
} from '#shared/ports/dead-letter-queue';
import type {
  IdempotentOutcome,
  IdempotentRunner,
} from '#shared/ports/idempotent-runner';
import type {
  ExternalJob,
  JobStore,
  Publication,
  StartedJob,
  TrackedJob,
} from '#shared/ports/job-store';
import type { Log } from '#shared/ports/log';
import type { Notifier } from '#shared/ports/notifier';
import type { OutcomeEvents } from '#shared/ports/outcome-events';
import type {
  RecoveryPointCatalog,
  SavedRestoreMetadata,
} from '#shared/ports/recovery-point-catalog';
import type { RestoreJobReader } from '#shared/ports/restore-job-reader';
import type {
  RestoreJobStarter,
  StartContext,
} from '#shared/ports/restore-job-starter';
import type {
  AlarmMetricDimensions,
  AlarmMetricName,
  RestoreMetricDimensions,
  RestoreMetricName,
  RestoreMetrics,
} from '#shared/ports/restore-metrics';
import type {
  CallbackResult,
  TaskCallbacks,
} from '#shared/ports/task-callbacks';
import { RELAY_ENV } from '../relay-env.js';

/** A fake catalog: points with their saved metadata, and a call log. */
export class InMemoryCatalog implements RecoveryPointCatalog {
  readonly calls: string[] = [];
  constructor(
    private readonly points: readonly (RecoveryPoint & {
      readonly saved: Readonly<Record<string, string>>;
    })[]
  ) {}

  async describe(vault: string, arn: string): Promise<RecoveryPoint> {
    this.calls.push('describe');
    const p = this.points.find(
      (x) => x.recoveryPointArn === arn && x.backupVaultName === vault
    );
    if (p === undefined) {
      throw new RecoveryPointNotFoundError(`${arn} not in ${vault}`);
    }
    const { saved: _saved, ...point } = p;
    return point;
  }

  async listByResource(resourceArn: string): Promise<readonly RecoveryPoint[]> {
    this.calls.push('list');
    return this.points
      .filter((p) => p.resourceArn === resourceArn)
      .map(({ saved: _saved, ...point }) => point);
  }

  async getRestoreMetadata(
    vault: string,
    arn: string
  ): Promise<SavedRestoreMetadata> {
    this.calls.push('getRestoreMetadata');
    const p = this.points.find(
      (x) => x.recoveryPointArn === arn && x.backupVaultName === vault
    );
    if (p === undefined) {
      throw new RecoveryPointNotFoundError(`${arn} not in ${vault}`);
    }
    return {
      metadata: p.saved,
      ...(p.resourceType ? { resourceType: p.resourceType } : {}),
    };
  }
}

/** A fake starter that honours the token rule, with injectable failures. */
export class InMemoryStarter implements RestoreJobStarter {
  readonly inputs: StartRestoreJobInput[] = [];
  readonly contexts: StartContext[] = [];
  readonly #byToken = new Map<string, string>();
  failures: Error[] = [];

  async start(
    input: StartRestoreJobInput,
    context: StartContext
  ): Promise<{ restoreJobId: string }> {
    this.inputs.push(input);
    this.contexts.push(context);
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    let id = this.#byToken.get(input.IdempotencyToken);
    if (id === undefined) {
      id = `job-${this.#byToken.size + 1}`;
      this.#byToken.set(input.IdempotencyToken, id);
    }
    return { restoreJobId: id };
  }

  get jobCount(): number {
    return this.#byToken.size;
  }
}

/** A fake notifier recording what it published. */
export class InMemoryNotifier implements Notifier {
  readonly published: RelayNotification[] = [];
  failures: Error[] = [];

  async publish(notification: RelayNotification): Promise<void> {
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    this.published.push(notification);
  }
}

type MutableJob = { -readonly [K in keyof TrackedJob]: TrackedJob[K] } & {
  leases: Partial<Record<Publication, number>>;
  /** On the open list: until the outcome is published or the job closed. */
  open: boolean;
};

/**
 * A fake job store with the DynamoDB store's semantics: the first record
 * wins, publications are claimed with a lease, open jobs are listed in
 * check order (never checked by start time, then by last check).
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
      const { taskTokens, ...rest } = this.#view(old);
      return {
        ...(rest as StartedJob),
        ...(taskTokens[0] === undefined ? {} : { taskToken: taskTokens[0] }),
      };
    }
    const { taskToken, ...fields } = job;
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

/** Fake Step Functions callbacks: every answer, in order. */
export class InMemoryTaskCallbacks implements TaskCallbacks {
  readonly answers: (
    | { kind: 'success'; taskToken: string; output: unknown }
    | { kind: 'failure'; taskToken: string; error: string; cause: string }
  )[] = [];
  /** Tokens whose task no longer waits. */
  readonly gone = new Set<string>();
  failures: Error[] = [];

  #answer(taskToken: string): CallbackResult {
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    if (this.gone.has(taskToken)) {
      return 'gone';
    }
    this.gone.add(taskToken);
    return 'sent';
  }

  async succeed(taskToken: string, output: unknown): Promise<CallbackResult> {
    const result = this.#answer(taskToken);
    if (result === 'sent') {
      this.answers.push({ kind: 'success', taskToken, output });
    }
    return result;
  }

  async fail(
    taskToken: string,
    error: string,
    cause: string
  ): Promise<CallbackResult> {
    const result = this.#answer(taskToken);
    if (result === 'sent') {
      this.answers.push({ kind: 'failure', taskToken, error, cause });
    }
    return result;
  }
}

/** A fake outcome bus: every event put, with injectable failures. */
export class InMemoryOutcomeEvents implements OutcomeEvents {
  readonly events: OutcomeNotification[] = [];
  failures: Error[] = [];
  async put(notification: OutcomeNotification): Promise<void> {
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    this.events.push(notification);
  }
}

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

/** The semantics of Powertools idempotency, in memory. */
export class InMemoryIdempotentRunner implements IdempotentRunner {
  readonly #records = new Map<
    string,
    { payload: string; result?: JsonObject }
  >();

  async run<T extends JsonObject>(
    key: string,
    payload: JsonValue,
    fn: () => Promise<T>
  ): Promise<IdempotentOutcome<T>> {
    const text = canonicalJson(payload);
    const existing = this.#records.get(key);
    if (existing) {
      if (existing.payload !== text) {
        throw new IdempotencyConflictError(`conflict on ${key}`);
      }
      if (existing.result === undefined) {
        throw new RestoreInProgressError(`${key} in progress`);
      }
      return { result: existing.result as T, replayed: true };
    }
    this.#records.set(key, { payload: text });
    try {
      const result = await fn();
      this.#records.set(key, { payload: text, result });
      return { result, replayed: false };
    } catch (error) {
      this.#records.delete(key);
      throw error;
    }
  }
}

/** A log that keeps what was logged. */
export class MemoryLog implements Log {
  readonly lines: {
    level: string;
    message: string;
    attributes?: Record<string, unknown>;
  }[] = [];
  debug(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({
      level: 'debug',
      message,
      ...(attributes ? { attributes } : {}),
    });
  }
  info(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({
      level: 'info',
      message,
      ...(attributes ? { attributes } : {}),
    });
  }
  warn(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({
      level: 'warn',
      message,
      ...(attributes ? { attributes } : {}),
    });
  }
}

/** A fake dead-letter queue: keeps every letter; `failWith` makes it fail. */
export class InMemoryDeadLetterQueue implements DeadLetterQueue {
  readonly letters: DeadLetter[] = [];
  failWith: Error | undefined;
  async send(letter: DeadLetter): Promise<void> {
    if (this.failWith !== undefined) {
      throw this.failWith;
    }
    this.letters.push(letter);
  }
}

/**
 * A fake alarm cool-down with the DynamoDB adapter's semantics: one holder
 * per rule and alarm, replaced once its window ended at or before the new
 * transition; every claim is kept, in order; `failWith` makes it fail.
 */
export class InMemoryAlarmCoolDown implements AlarmCoolDown {
  readonly claims: AlarmCoolDownClaim[] = [];
  readonly #holders = new Map<string, AlarmCoolDownClaim>();
  failWith: Error | undefined;

  async claim(claim: AlarmCoolDownClaim): Promise<AlarmCoolDownResult> {
    this.claims.push(claim);
    if (this.failWith !== undefined) {
      throw this.failWith;
    }
    const key = `${claim.ruleKey}\n${claim.alarmArn}`;
    const holder = this.#holders.get(key);
    if (
      holder === undefined ||
      holder.until.getTime() <= claim.stateTimestamp.getTime()
    ) {
      this.#holders.set(key, claim);
      return 'claimed';
    }
    return holder.stateTimestamp.getTime() === claim.stateTimestamp.getTime()
      ? 'same-transition'
      : 'cooling-down';
  }
}

/** Fake metrics: every count, in order. */
export class InMemoryMetrics implements RestoreMetrics {
  readonly counts: {
    name: RestoreMetricName | AlarmMetricName;
    dimensions: RestoreMetricDimensions | AlarmMetricDimensions;
  }[] = [];
  count(name: RestoreMetricName, dimensions: RestoreMetricDimensions): void;
  count(name: AlarmMetricName, dimensions: AlarmMetricDimensions): void;
  count(
    name: RestoreMetricName | AlarmMetricName,
    dimensions: RestoreMetricDimensions | AlarmMetricDimensions
  ): void {
    this.counts.push({ name, dimensions: { ...dimensions } });
  }
  /** The names counted, in order. */
  names(): (RestoreMetricName | AlarmMetricName)[] {
    return this.counts.map((c) => c.name);
  }
}

/** A limiter that never waits and counts the tokens taken. */
export class CountingRateLimiter implements RateLimiter {
  taken = 0;

  async take(): Promise<void> {
    this.taken += 1;
  }
}

/**
 * Every port of the accept/start use cases as an in-memory fake, over the
 * given catalog, with the test policy (`RELAY_ENV`) and a fixed clock.
 */
export const inMemoryDeps = (
  catalog: InMemoryCatalog,
  now = new Date('2026-03-01T05:00:00.000Z')
) => ({
  catalog,
  starter: new InMemoryStarter(),
  jobs: new InMemoryJobStore(),
  notifier: new InMemoryNotifier(),
  idempotency: new InMemoryIdempotentRunner(),
  policy: parseConfig(RestorePolicySchema, RELAY_ENV),
  clock: { now: () => now },
  log: new MemoryLog(),
  deadLetters: new InMemoryDeadLetterQueue(),
  metrics: new InMemoryMetrics(),
  callbacks: new InMemoryTaskCallbacks(),
  startRate: new CountingRateLimiter(),
});

/**
 * Every port of the lifecycle use cases (record an outcome, reconcile) as
 * in-memory fakes, with a clock the test can move.
 */
export const inMemoryTrackingDeps = (
  start = new Date('2026-03-01T05:00:00.000Z')
) => {
  let now = start.getTime();
  return {
    jobs: new InMemoryJobStore(),
    notifier: new InMemoryNotifier(),
    outcomeEvents: new InMemoryOutcomeEvents(),
    callbacks: new InMemoryTaskCallbacks(),
    reader: new InMemoryJobReader(),
    metrics: new InMemoryMetrics(),
    log: new MemoryLog(),
    clock: { now: () => new Date(now) },
    /** Moves the clock forward. */
    advance: (ms: number) => {
      now += ms;
    },
    reportAllJobs: false,
    reconcile: {
      reconcileAfterSeconds: 900,
      staleAfterSeconds: 86_400,
      maxJobs: 100,
    },
  };
};

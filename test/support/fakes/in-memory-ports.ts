import { parseConfig } from '#shared/config/load-config';
import { canonicalJson } from '#shared/domain/canonical-json';
import type { JsonObject, JsonValue } from '#shared/domain/json';
import type { RecoveryPoint } from '#shared/domain/recovery-point';
import type { StartRestoreJobInput } from '#shared/domain/start-restore-job-input';
import { IdempotencyConflictError } from '#shared/errors/idempotency-conflict-error';
import { RecoveryPointNotFoundError } from '#shared/errors/recovery-point-not-found-error';
import { RestoreInProgressError } from '#shared/errors/restore-in-progress-error';
import type { RelayNotification } from '#shared/events/relay-notification';
import type {
  DeadLetter,
  DeadLetterQueue,
} from '#shared/ports/dead-letter-queue';
import type {
  IdempotentOutcome,
  IdempotentRunner,
} from '#shared/ports/idempotent-runner';
import type { JobStore, StartedJob } from '#shared/ports/job-store';
import type { Log } from '#shared/ports/log';
import type { Notifier } from '#shared/ports/notifier';
import type {
  RecoveryPointCatalog,
  SavedRestoreMetadata,
} from '#shared/ports/recovery-point-catalog';
import type { RestoreJobStarter } from '#shared/ports/restore-job-starter';
import type {
  RestoreMetricDimensions,
  RestoreMetricName,
  RestoreMetrics,
} from '#shared/ports/restore-metrics';
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
  readonly #byToken = new Map<string, string>();
  failures: Error[] = [];

  async start(input: StartRestoreJobInput): Promise<{ restoreJobId: string }> {
    this.inputs.push(input);
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

/** A fake job store where the first record wins. */
export class InMemoryJobStore implements JobStore {
  readonly jobs = new Map<string, StartedJob>();

  async recordStarted(job: StartedJob): Promise<StartedJob> {
    const old = this.jobs.get(job.restoreJobId);
    if (old) {
      return old;
    }
    this.jobs.set(job.restoreJobId, job);
    return job;
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

/** Fake metrics: every count, in order. */
export class InMemoryMetrics implements RestoreMetrics {
  readonly counts: {
    name: RestoreMetricName;
    dimensions: RestoreMetricDimensions;
  }[] = [];
  count(name: RestoreMetricName, dimensions: RestoreMetricDimensions): void {
    this.counts.push({ name, dimensions: { ...dimensions } });
  }
  /** The names counted, in order. */
  names(): RestoreMetricName[] {
    return this.counts.map((c) => c.name);
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
  policy: parseConfig(RELAY_ENV).policy,
  clock: { now: () => now },
  log: new MemoryLog(),
  deadLetters: new InMemoryDeadLetterQueue(),
  metrics: new InMemoryMetrics(),
});

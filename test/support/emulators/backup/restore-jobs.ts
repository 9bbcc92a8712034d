/**
 * The Backup emulator's restore jobs: StartRestoreJob with its idempotency
 * token, the job lifecycle on the emulator clock, DescribeRestoreJob and
 * ListRestoreJobs.
 *
 * Fidelity choices:
 * - **Idempotency token.** Documented rule: "retrying a successful request
 *   with the same token returns success and takes no action"
 *   (API_StartRestoreJob). ASSUMPTION (UNVERIFIED, docs/reliability.md#idempotency-token):
 *   the retry returns the *same* `RestoreJobId`, even when the other
 *   parameters differ (the call record flags that case). Tokens are
 *   forgotten `tokenWindowMs` after first use (default one hour, after older
 *   model text that said tokens "time out after one hour"; the current docs
 *   state no lifetime). `null` keeps them forever. The same answer without a
 *   `RestoreJobId` (the model marks the member optional) is a switch,
 *   `replayWithoutRestoreJobId`.
 * - **Jobs** are `PENDING` at creation, `RUNNING` from `runningAfterMs`, and
 *   `COMPLETED`, `FAILED` or `ABORTED` from `completeAfterMs`.
 * - **ListRestoreJobs** returns the newest jobs first (UNVERIFIED), filtered
 *   by `ByCreatedAfter` (a strict bound) and `ByResourceType`, the filters
 *   restore-relay sends. Any other filter is refused as not emulated.
 * - Restore job ids are upper-case UUIDs (format UNVERIFIED). `PercentDone`
 *   is a string such as `"42.00%"` (format UNVERIFIED).
 *
 * @see docs/reliability.md#idempotency-token, docs/resource-types.md#copy-tags, #backup-errors, #job-statuses
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../emulator-clock.js';
import type { BackupEmulatorConfig } from './backup-config.js';
import { defined, stableJson, toSeconds } from './backup-json.js';
import {
  checkResourceType,
  invalid,
  maxResultsOf,
  missing,
  notFound,
} from './backup-validation.js';
import { createdResourceArn } from './created-resource-arn.js';
import { pageOf } from './page-token.js';
import type { RecoveryPoint, RecoveryPointStore } from './recovery-points.js';
import {
  failureFor,
  type RestoreFailure,
  type StartRestoreJobRequest,
} from './restore-failures.js';

/** `RestoreJobStatus` in the service model. */
export const RESTORE_JOB_STATUSES = [
  'PENDING',
  'RUNNING',
  'COMPLETED',
  'ABORTED',
  'FAILED',
] as const;

/** One of {@link RESTORE_JOB_STATUSES}. */
export type RestoreJobStatus = (typeof RESTORE_JOB_STATUSES)[number];

/** How a job ends. */
export type JobResult =
  | { status: 'COMPLETED'; createdResourceArn: string }
  | RestoreFailure;

/** A restore job as the emulator holds it (times in clock ms). */
export interface Job {
  restoreJobId: string;
  input: StartRestoreJobRequest;
  idempotencyToken: string | undefined;
  point: RecoveryPoint;
  createdAt: number;
  runningAt: number;
  doneAt: number;
  result: JobResult;
  /** How many of the job's events were emitted (restore-job-events.ts). */
  emitted: number;
}

/** A restore job as the emulator shows it. */
export interface RestoreJobView {
  restoreJobId: string;
  /** The exact StartRestoreJob body that created the job. */
  input: StartRestoreJobRequest;
  idempotencyToken: string | undefined;
  recoveryPointArn: string;
  backupVaultName: string;
  resourceType: string;
  /** Emulator clock, ISO 8601. */
  creationDate: string;
  status: RestoreJobStatus;
  statusMessage: string | undefined;
  percentDone: string;
  completionDate: string | undefined;
  createdResourceArn: string | undefined;
}

/** Idempotent replay details recorded on a StartRestoreJob call. */
export interface RestoreTokenReplay {
  restoreJobId: string;
  sameParameters: boolean;
}

/** What StartRestoreJob answers. */
export interface StartRestoreJobResult {
  output: unknown;
  tokenReplay?: RestoreTokenReplay;
}

/** The ListRestoreJobs members restore-relay sends (besides paging). */
const LIST_FILTERS = new Set([
  'ByCreatedAfter',
  'ByResourceType',
  'MaxResults',
  'NextToken',
]);

const isTerminal = (status: RestoreJobStatus): boolean =>
  status === 'COMPLETED' || status === 'FAILED' || status === 'ABORTED';

const withoutToken = (input: StartRestoreJobRequest): string => {
  const { IdempotencyToken: _ignored, ...rest } = input;
  return stableJson(rest);
};

/** What {@link RestoreJobStore} works with. */
export interface RestoreJobStoreDeps {
  clock: EmulatorClock;
  accountId: string;
  region: string;
  points: RecoveryPointStore;
  /** The knobs at the moment of the call. */
  config: () => BackupEmulatorConfig;
}

/**
 * Restore jobs and remembered idempotency tokens.
 *
 * @example
 * ```ts
 * const jobs = new RestoreJobStore({ clock, accountId, region, points, config });
 * jobs.start({ RecoveryPointArn: arn, Metadata: {} });
 * ```
 */
export class RestoreJobStore {
  readonly #deps: RestoreJobStoreDeps;
  #jobs = new Map<string, Job>();
  #tokens = new Map<
    string,
    { restoreJobId: string; at: number; fingerprint: string }
  >();

  constructor(deps: RestoreJobStoreDeps) {
    this.#deps = deps;
  }

  /** Every job, oldest first. */
  all(): Job[] {
    return [...this.#jobs.values()];
  }

  /** Forgets every job and token. */
  clear(): void {
    this.#jobs.clear();
    this.#tokens.clear();
  }

  /** StartRestoreJob: validates, replays a known token or creates a job. */
  start(input: StartRestoreJobRequest): StartRestoreJobResult {
    const config = this.#deps.config();
    const arn = input.RecoveryPointArn;
    if (arn === undefined || arn === null || arn === '') {
      throw missing('RecoveryPointArn');
    }
    if (typeof arn !== 'string') {
      throw invalid('RecoveryPointArn must be a string.');
    }
    const metadata = input.Metadata;
    if (metadata === undefined || metadata === null) {
      throw missing('Metadata');
    }
    if (
      typeof metadata !== 'object' ||
      Array.isArray(metadata) ||
      !Object.values(metadata).every((v) => typeof v === 'string')
    ) {
      throw invalid('Metadata must be a map of strings to strings.');
    }
    const token = input.IdempotencyToken;
    if (token !== undefined && typeof token !== 'string') {
      throw invalid('IdempotencyToken must be a string.');
    }
    checkResourceType(input.ResourceType, config.enforceResourceTypePattern);
    const point = this.#deps.points.get(arn);
    if (point === undefined) {
      throw notFound(`Recovery point ${arn} was not found.`);
    }

    const now = this.#deps.clock.now();
    const fingerprint = withoutToken(input);
    if (token !== undefined) {
      const known = this.#tokens.get(token);
      const window = config.tokenWindowMs;
      if (known !== undefined && (window === null || now - known.at < window)) {
        // Documented rule: "retrying a successful request with the same
        // token returns success and takes no action" (API_StartRestoreJob).
        // ASSUMPTION (UNVERIFIED): the answer carries the original
        // RestoreJobId, whatever the other parameters are.
        return {
          output: config.replayWithoutRestoreJobId
            ? {}
            : { RestoreJobId: known.restoreJobId },
          tokenReplay: {
            restoreJobId: known.restoreJobId,
            sameParameters: known.fingerprint === fingerprint,
          },
        };
      }
    }

    const restoreJobId = randomUUID().toUpperCase();
    const result: JobResult = failureFor(config.failureRules, input, point) ?? {
      status: 'COMPLETED',
      createdResourceArn: createdResourceArn(
        point.resourceType,
        metadata as Record<string, unknown>,
        this.#deps.accountId,
        this.#deps.region
      ),
    };
    this.#jobs.set(restoreJobId, {
      restoreJobId,
      input: structuredClone(input),
      idempotencyToken: token,
      point,
      createdAt: now,
      runningAt: now + config.runningAfterMs,
      doneAt: now + Math.max(config.completeAfterMs, config.runningAfterMs),
      result,
      emitted: 0,
    });
    if (token !== undefined) {
      this.#tokens.set(token, { restoreJobId, at: now, fingerprint });
    }
    return { output: { RestoreJobId: restoreJobId } };
  }

  /** A job with its state at the clock's now. */
  view(job: Job): RestoreJobView {
    const now = this.#deps.clock.now();
    const iso = (ms: number): string => new Date(ms).toISOString();
    let status: RestoreJobStatus;
    let percent: number;
    if (now >= job.doneAt) {
      status = job.result.status;
      percent = 100;
    } else if (now >= job.runningAt) {
      status = 'RUNNING';
      percent = ((now - job.runningAt) / (job.doneAt - job.runningAt)) * 100;
    } else {
      status = 'PENDING';
      percent = 0;
    }
    const done = isTerminal(status);
    return {
      restoreJobId: job.restoreJobId,
      input: job.input,
      idempotencyToken: job.idempotencyToken,
      recoveryPointArn: job.point.arn,
      backupVaultName: job.point.vaultName,
      resourceType: job.point.resourceType,
      creationDate: iso(job.createdAt),
      status,
      statusMessage:
        done && job.result.status !== 'COMPLETED'
          ? job.result.statusMessage
          : undefined,
      percentDone: `${percent.toFixed(2)}%`,
      completionDate: done ? iso(job.doneAt) : undefined,
      createdResourceArn:
        done && job.result.status === 'COMPLETED'
          ? job.result.createdResourceArn
          : undefined,
    };
  }

  /** The DescribeRestoreJob output. */
  describe(input: Record<string, unknown>): unknown {
    const id = String(input.RestoreJobId ?? '');
    const job = this.#jobs.get(id);
    if (job === undefined) {
      throw notFound(`Restore job ${id} was not found.`);
    }
    return this.#output(job);
  }

  /** The ListRestoreJobs output (one page). */
  list(input: Record<string, unknown>): unknown {
    for (const member of Object.keys(input)) {
      if (!LIST_FILTERS.has(member)) {
        throw invalid(`The emulator does not implement the ${member} filter.`);
      }
    }
    const maxResults = maxResultsOf(input);
    let createdAfter: number | undefined;
    if (input.ByCreatedAfter !== undefined) {
      createdAfter = Date.parse(String(input.ByCreatedAfter));
      if (Number.isNaN(createdAfter)) {
        throw invalid('ByCreatedAfter must be a date.');
      }
    }
    const resourceType = input.ByResourceType;
    checkResourceType(
      resourceType,
      this.#deps.config().enforceResourceTypePattern
    );
    const matching = this.all()
      .filter(
        (job) =>
          (createdAfter === undefined || job.createdAt > createdAfter) &&
          (resourceType === undefined ||
            job.point.resourceType === resourceType)
      )
      .reverse();
    const { page, nextToken } = pageOf(
      matching,
      maxResults,
      input.NextToken,
      stableJson({ ...input, NextToken: undefined })
    );
    return defined({
      RestoreJobs: page.map((job) => this.#output(job)),
      NextToken: nextToken,
    });
  }

  /**
   * A job as DescribeRestoreJob reports it; ListRestoreJobs items
   * (`RestoreJobsListMember`) have the same members.
   */
  #output(job: Job): Record<string, unknown> {
    const view = this.view(job);
    const seconds = (iso: string | undefined): number | undefined =>
      iso === undefined ? undefined : toSeconds(Date.parse(iso));
    const done = isTerminal(view.status);
    return defined({
      AccountId: this.#deps.accountId,
      RestoreJobId: job.restoreJobId,
      RecoveryPointArn: job.point.arn,
      SourceResourceArn: job.point.resourceArn,
      BackupVaultArn: this.#deps.points.vaultArn(job.point.vaultName),
      CreationDate: seconds(view.creationDate),
      CompletionDate: seconds(view.completionDate),
      Status: view.status,
      StatusMessage: view.statusMessage,
      PercentDone: view.percentDone,
      BackupSizeInBytes: job.point.backupSizeInBytes,
      IamRoleArn:
        typeof job.input.IamRoleArn === 'string'
          ? job.input.IamRoleArn
          : undefined,
      ExpectedCompletionTimeMinutes: done
        ? undefined
        : Math.max(1, Math.ceil((job.doneAt - job.createdAt) / 60_000)),
      CreatedResourceArn: view.createdResourceArn,
      ResourceType: job.point.resourceType,
      RecoveryPointCreationDate: toSeconds(job.point.creationDate),
      IsParent: false,
    });
  }
}

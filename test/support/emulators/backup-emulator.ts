/**
 * A wire-level emulator of the AWS Backup restore APIs, for integration tests
 * that run the real SDK client (`@aws-sdk/client-backup`) against a local
 * `node:http` server.
 *
 * ## Protocol
 * AWS Backup speaks REST-JSON (service model `backup/2018-11-15`). The
 * emulator answers exactly what `@aws-sdk/client-backup@3.1092.0` sends
 * (checked by sending each command to a throwaway server):
 * - `PUT /restore-jobs` with a JSON body: StartRestoreJob. The SDK fills in a
 *   random `IdempotencyToken` when the caller omits it, and validates nothing
 *   client-side, so a request without `Metadata` reaches the server.
 * - `GET /backup-vaults/{name}/recovery-points/{arn}[/restore-metadata]`:
 *   DescribeRecoveryPoint and GetRecoveryPointRestoreMetadata. The ARN is one
 *   URL-encoded path segment (`/` travels as `%2F`); unencoded slashes are
 *   accepted too, for curl users.
 * - `GET /resources/{arn}/recovery-points?maxResults=&nextToken=&managedByAWSBackupOnly=`:
 *   ListRecoveryPointsByResource (the SDK drops the model's trailing `/`).
 * - `GET /restore-jobs/{id}` and `GET /restore-jobs/{id}/metadata`:
 *   DescribeRestoreJob and GetRestoreJobMetadata.
 * - `GET /restore-jobs?createdAfter=&resourceType=&status=&maxResults=&nextToken=…`:
 *   ListRestoreJobs. Dates in the query are ISO 8601 (`2026-11-28T09:00:00.123Z`).
 * - Timestamps are epoch seconds (JSON numbers, fractions allowed); the SDK
 *   turns them into `Date`s.
 * - Errors: the status code, header `x-amzn-errortype: <Name>` and body
 *   `{ Code, Message, Type, Context }`. The SDK reads the name from the header
 *   first, then from `Code`, so modelled names become their exception class
 *   (`instanceof ResourceNotFoundException` works) and other names become a
 *   `BackupServiceException` whose `name` is the error name.
 * - `x-amzn-RequestId` is set on every answer; the SDK reports it as
 *   `$metadata.requestId`.
 *
 * ## Behaviour and fidelity choices
 * - Recovery points and vaults come from a seed (see {@link BackupSeed};
 *   default `test/fixtures/seed/recovery-points.json`).
 * - **Idempotency token.** Documented rule: "retrying a successful request
 *   with the same token returns success and takes no action"
 *   (API_StartRestoreJob). ASSUMPTION (UNVERIFIED, restore-metadata.md §1.7):
 *   the retry returns the *same* `RestoreJobId`, even when the other
 *   parameters differ (the call record flags that case). Tokens are forgotten
 *   `tokenWindowMs` after first use (default one hour, after older model text
 *   that said tokens "time out after one hour"; the current docs state no
 *   lifetime). `null` keeps them forever. The same answer without a
 *   `RestoreJobId` (the model marks the member optional) is a switch,
 *   `replayWithoutRestoreJobId`, so callers can be tested against both.
 * - **Jobs** are `PENDING` at creation, `RUNNING` from `runningAfterMs`, and
 *   `COMPLETED`, `FAILED` or `ABORTED` from `completeAfterMs`, all on the
 *   emulator clock (`clock.advance(ms)` in tests). Failures that AWS reports
 *   asynchronously are job state, never request errors (house-style §18):
 *   configure them with failure rules (`status: 'ABORTED'` for an aborted
 *   job; `ABORTED` is in the API enum `RestoreJobStatus`). One documented
 *   asynchronous failure is built in: `CopySourceTagsToRestoredResource:
 *   true` for a type that does not support tag copy fails the job
 *   (restore-metadata.md §1.8).
 * - **Events.** Each job emits the AWS Backup EventBridge events
 *   "Restore Job State Change" (events.md §1–§2) as the clock passes its
 *   transitions: `CREATED` and `PENDING` at creation, `RUNNING` at
 *   `runningAfterMs`, then the terminal one. `CREATED` carries only
 *   `restoreJobId`, `creationDate` and `state`; the others carry `status`
 *   and the job fields of the guide's newer COMPLETED sample
 *   (`backupSizeInBytes` a string, `percentDone` a number). Delivery works
 *   like a rule → target, but explicitly: `subscribe({ pattern, target })`
 *   registers a rule (see `event-pattern.ts` for the pattern subset) and
 *   `deliverEvents()` emits what became due and awaits the targets one at a
 *   time, so tests decide when events arrive. AWS Backup events are best
 *   effort (events.md §2.1): `dropEvents` loses chosen events at the source,
 *   and `redeliver(id)` hands an event over again (EventBridge delivers at
 *   least once) or late. Choices: `percentDone` is always `0` in events, as
 *   in the guide's samples, COMPLETED included (ASSUMPTION); an `ABORTED`
 *   event is emitted like a FAILED one, although no sample shows one
 *   (ASSUMPTION, events.md §2.3; drop it with `dropEvents: { statuses:
 *   ['ABORTED'] }` to test its absence); `time` is the transition on the
 *   emulator clock, with no delivery delay.
 * - **Throttling.** A token bucket per operation on the emulator clock;
 *   StartRestoreJob defaults to 5 per second with a burst of 5, the default
 *   quota (reliability-and-limits.md §1.1). The error AWS Backup really
 *   returns when it throttles is not in the model (UNVERIFIED). The default
 *   here is HTTP 400 `ThrottlingException`, the common shape of AWS JSON
 *   services; the SDK classifies it as throttling by name
 *   (`THROTTLING_ERROR_CODES` in `@smithy/core` retry), so its retry strategy
 *   backs off with the throttling delay. Status and name are configurable
 *   (`throttleError`), e.g. 429, which the SDK also treats as throttling.
 * - **List order.** ListRecoveryPointsByResource returns the newest points
 *   first (UNVERIFIED) and an empty list for an unknown resource
 *   (UNVERIFIED; AWS might answer ResourceNotFoundException).
 *   `MaxResults` below 20 for an RDS or Aurora resource is rejected, as the
 *   model documentation says RDS requires at least 20 (error name
 *   UNVERIFIED).
 * - **ListRestoreJobs** returns the newest jobs first (UNVERIFIED), filtered
 *   by `createdAfter`/`createdBefore` and `completeAfter`/`completeBefore`
 *   (strict bounds), `resourceType`, `status` and `accountId`. No job here
 *   comes from a restore testing plan or has a parent, so
 *   `restoreTestingPlanArn` and `parentJobId` match nothing.
 * - **ResourceType pattern.** The model gives `ResourceType` the pattern
 *   `^[a-zA-Z0-9\-\_\.]{1,50}$`, which AWS's own documented values
 *   `Storage Gateway` and `SAP HANA on Amazon EC2` break; whether the service
 *   enforces it is UNVERIFIED. Off by default; `enforceResourceTypePattern`
 *   answers a StartRestoreJob or ListRestoreJobs whose type breaks it with
 *   400 `InvalidParameterValueException` naming `ResourceType` (name and
 *   text are an ASSUMPTION).
 * - Restore job ids are upper-case UUIDs (format UNVERIFIED). `PercentDone`
 *   is a string such as `"42.00%"` (format UNVERIFIED).
 * - Not modelled: signatures (any credentials are accepted), other accounts
 *   and Regions, metadata validation (AWS rejects little synchronously; use
 *   failure rules).
 *
 * ## Control plane
 * In-process: {@link BackupEmulator}. Over HTTP, under `/_emulator/`:
 * `GET calls[?operation=]`, `GET jobs`, `GET events`, `GET|POST config`,
 * `GET|POST|DELETE faults`, `POST seed`, `POST reset`,
 * `POST clock/advance {"ms":…}`.
 *
 * @see ../../../../shared/reference/restore-metadata.md §1.7–1.10, §2
 * @see ../../../../shared/reference/events.md §1–§2
 * @see ../../../../shared/reference/reliability-and-limits.md §1.1, §2.4, §6
 * @see ../../../../shared/reference/house-style.md Part 2 §18
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CallOutcome, ErrorSource, RecordedCall } from './call-record.js';
import { bodyRoute, type ControlRoutes, jsonRoute } from './control-plane.js';
import { createClock, type EmulatorClock } from './emulator-clock.js';
import {
  assertEventPattern,
  type EventPattern,
  matchesEventPattern,
} from './event-pattern.js';
import { newRequestId, readBody, send } from './http-io.js';
import { type LatencyConfig, latencySchema } from './latency.js';
import { ServiceError } from './service-error.js';
import {
  type EmulatorHandle,
  type EmulatorListenOptions,
  WireEmulator,
} from './wire-emulator.js';

// The clock moved to the shared emulator base; re-exported so that existing
// imports from this module keep working.
export { createClock, type EmulatorClock };

/** The Backup operations the emulator implements. */
export const BACKUP_OPERATIONS = [
  'StartRestoreJob',
  'GetRecoveryPointRestoreMetadata',
  'DescribeRecoveryPoint',
  'ListRecoveryPointsByResource',
  'DescribeRestoreJob',
  'GetRestoreJobMetadata',
  'ListRestoreJobs',
] as const;

/** One of {@link BACKUP_OPERATIONS}. */
export type BackupOperation = (typeof BACKUP_OPERATIONS)[number];

/** `RecoveryPointStatus` in the service model. */
export const RECOVERY_POINT_STATUSES = [
  'COMPLETED',
  'PARTIAL',
  'DELETING',
  'EXPIRED',
  'AVAILABLE',
  'STOPPED',
  'CREATING',
] as const;

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

/** The statuses a failure rule can end a job in. */
const FAILURE_STATUSES = ['FAILED', 'ABORTED'] as const;

/** Path of the default seed file. */
export const DEFAULT_SEED_FILE = fileURLToPath(
  new URL('../../fixtures/seed/recovery-points.json', import.meta.url)
);

const DEFAULT_ACCOUNT_ID = '111122223333';
const DEFAULT_REGION = 'eu-west-1';
const DEFAULT_IAM_ROLE_ARN =
  'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole';
const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;
/** `ResourceType` in the model (StartRestoreJob, ListRestoreJobs). */
const RESOURCE_TYPE_PATTERN = /^[a-zA-Z0-9\-_.]{1,50}$/;
const ACCOUNT_ID = /^[0-9]{12}$/;

/**
 * Types whose restore job fails when `CopySourceTagsToRestoredResource` is
 * true (restore-metadata.md §1.8; Outposts and on-premises VMs are covered
 * by `VirtualMachine`).
 */
const NO_TAG_COPY_TYPES = new Set([
  'VirtualMachine',
  'SAP HANA on Amazon EC2',
  'Timestream',
  'DynamoDB',
  'S3',
]);

const isoDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO date');

const metadataMap = z.record(z.string(), z.string().nullable());

const recoveryPointSeedSchema = z.strictObject({
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  arn: z.string().min(1),
  vault: z.string().regex(VAULT_NAME),
  resourceArn: z.string().min(1),
  resourceType: z.string().min(1),
  resourceName: z.string().optional(),
  status: z.enum(RECOVERY_POINT_STATUSES),
  statusMessage: z.string().optional(),
  creationDate: isoDate,
  completionDate: isoDate.optional(),
  backupSizeInBytes: z.number().int().nonnegative().optional(),
  iamRoleArn: z.string().optional(),
  storageClass: z.enum(['WARM', 'COLD', 'DELETED']).optional(),
  isEncrypted: z.boolean().optional(),
  encryptionKeyArn: z.string().optional(),
  managedByAwsBackup: z.boolean().optional(),
  restoreMetadata: z.union([z.string(), metadataMap]),
});

/**
 * The seed format (JSON file, `POST /_emulator/seed`, `emulator.seed()`).
 *
 * ```jsonc
 * {
 *   "accountId": "111122223333",        // optional; default for the emulator
 *   "region": "eu-west-1",              // optional; default for the emulator
 *   "vaults": [{ "name": "prod-primary", "encryptionKeyArn": "arn:aws:kms:…" }],
 *   "metadataSets": { "shared-data": { "file-system-id": "fs-…" } },
 *   "recoveryPoints": [{
 *     "arn": "arn:aws:backup:eu-west-1:111122223333:recovery-point:<uuid>",
 *     "vault": "prod-primary",           // must be listed in vaults (here or earlier)
 *     "resourceArn": "arn:aws:elasticfilesystem:…:file-system/fs-…",
 *     "resourceType": "EFS",             // AWS spelling (restore-metadata.md §1.5)
 *     "resourceName": "shared-data",     // optional
 *     "status": "COMPLETED",             // RecoveryPointStatus
 *     "statusMessage": "…",              // optional
 *     "creationDate": "2026-11-01T03:00:00Z",
 *     "completionDate": "…",             // optional; default creationDate + 10 min
 *     "backupSizeInBytes": 5368709120,   // optional; default 1 GiB
 *     "iamRoleArn": "…",                 // optional; default AWSBackupDefaultServiceRole
 *     "storageClass": "WARM",            // optional: WARM | COLD | DELETED
 *     "isEncrypted": true,               // optional; default true
 *     "encryptionKeyArn": "…",           // optional; default the vault's key
 *     "managedByAwsBackup": true,        // optional; false hides it when
 *                                        // managedByAWSBackupOnly=true
 *     "restoreMetadata": { "file-system-id": "fs-…" } // or a metadataSets name
 *   }]
 * }
 * ```
 * Metadata values are strings, or `null` where AWS's own example shows null
 * (EBS `availabilityZone`); the SDK passes a JSON null through unchanged.
 * `$comment` is allowed at the top level and on points. Seeding a point whose
 * ARN already exists replaces it.
 */
export const backupSeedSchema = z.strictObject({
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  accountId: z.string().regex(ACCOUNT_ID).optional(),
  region: z.string().min(1).optional(),
  vaults: z
    .array(
      z.strictObject({
        name: z.string().regex(VAULT_NAME),
        encryptionKeyArn: z.string().optional(),
      })
    )
    .optional(),
  metadataSets: z.record(z.string(), metadataMap).optional(),
  recoveryPoints: z.array(recoveryPointSeedSchema).optional(),
});

/** Seed data; see {@link backupSeedSchema} for the format. */
export type BackupSeed = z.input<typeof backupSeedSchema>;

/**
 * Reads and validates a seed file.
 *
 * @throws Error naming the file and the invalid fields
 * @example
 * ```ts
 * const seed = loadBackupSeed(DEFAULT_SEED_FILE);
 * ```
 */
export const loadBackupSeed = (file: string): BackupSeed => {
  const parsed = backupSeedSchema.safeParse(
    JSON.parse(readFileSync(file, 'utf8'))
  );
  if (!parsed.success) {
    throw new Error(
      `invalid Backup seed ${file}:\n${z.prettifyError(parsed.error)}`
    );
  }
  return parsed.data;
};

/** A token-bucket setting: refill rate and capacity. */
export interface ThrottleSetting {
  ratePerSecond: number;
  burst: number;
}

/** The StartRestoreJob body as the emulator received it. */
export type StartRestoreJobRequest = Record<string, unknown>;

const failureRuleSchema = z.strictObject({
  recoveryPointArn: z.string().optional(),
  resourceType: z.string().optional(),
  metadataEquals: z.record(z.string(), z.string()).optional(),
  metadataMissing: z.array(z.string()).optional(),
  status: z.enum(FAILURE_STATUSES).optional(),
  statusMessage: z.string().optional(),
});

/**
 * Makes matching restore jobs end `FAILED` (asynchronously, as AWS does)
 * instead of `COMPLETED`, or `ABORTED` with `status: 'ABORTED'`, with
 * `statusMessage` as their StatusMessage. Every condition given must hold;
 * a rule with no condition matches every job; the first matching rule wins.
 * Metadata keys compare case-sensitively (AWS case-insensitivity is
 * UNVERIFIED outside DynamoDB).
 */
export type RestoreFailureRule = z.input<typeof failureRuleSchema> & {
  /** In-process only: an arbitrary predicate over the request body. */
  when?: ((input: StartRestoreJobRequest) => boolean) | undefined;
};

const throttleSettingSchema = z.strictObject({
  ratePerSecond: z.number().positive(),
  burst: z.number().int().positive(),
});

const dropFilterSchema = z.strictObject({
  restoreJobIds: z.array(z.string()).optional(),
  statuses: z.array(z.string()).optional(),
});

const configPatchSchema = z.strictObject({
  latencyMs: latencySchema(BACKUP_OPERATIONS).optional(),
  throttle: z
    .partialRecord(z.enum(BACKUP_OPERATIONS), throttleSettingSchema.nullable())
    .optional(),
  throttleError: z
    .strictObject({
      errorName: z.string().min(1),
      status: z.number().int().min(400).max(599),
    })
    .optional(),
  runningAfterMs: z.number().nonnegative().optional(),
  completeAfterMs: z.number().nonnegative().optional(),
  tokenWindowMs: z.number().nonnegative().nullable().optional(),
  replayWithoutRestoreJobId: z.boolean().optional(),
  enforceResourceTypePattern: z.boolean().optional(),
  failureRules: z.array(failureRuleSchema).optional(),
  documentedFailures: z.boolean().optional(),
  dropEvents: z.union([z.boolean(), dropFilterSchema]).optional(),
});

/** `source` of AWS Backup events (events.md §2.1). */
const BACKUP_EVENT_SOURCE = 'aws.backup';

/** `detail-type` of restore job events (events.md §2.1). */
const RESTORE_JOB_STATE_CHANGE = 'Restore Job State Change';

/** The envelope EventBridge wraps every event in (events.md §1). */
interface EventBridgeEnvelope<DetailType extends string, Detail> {
  version: '0';
  /** A version 4 UUID; a redelivered event keeps it. */
  id: string;
  'detail-type': DetailType;
  source: typeof BACKUP_EVENT_SOURCE;
  account: string;
  /** ISO 8601 in seconds with `Z`, on the emulator clock. */
  time: string;
  region: string;
  /** The recovery point being restored. */
  resources: string[];
  detail: Detail;
}

/**
 * `detail` of the `CREATED` event: the job state is in `state`, and nothing
 * else is there (events.md §2.2).
 */
export interface BackupRestoreJobCreatedDetail {
  restoreJobId: string;
  /** ISO 8601 with milliseconds and `Z`. */
  creationDate: string;
  state: 'CREATED';
}

/** `detail` of the other restore job events (events.md §2.4, §2.6). */
export interface BackupRestoreJobStatusDetail {
  restoreJobId: string;
  backupVaultArn: string;
  recoveryPointArn: string;
  sourceResourceArn: string;
  /** A string in events, unlike the API's Long (events.md §2.4). */
  backupSizeInBytes: string;
  /** ISO 8601 with milliseconds and `Z`. */
  creationDate: string;
  /** The StartRestoreJob `IamRoleArn`, absent when the caller gave none. */
  iamRoleArn?: string;
  /** A number in events (the API's PercentDone is a string); always 0 here. */
  percentDone: number;
  resourceType: string;
  status: RestoreJobStatus;
  /** COMPLETED only. */
  createdResourceArn?: string;
  /** FAILED and ABORTED. */
  statusMessage?: string;
  /** COMPLETED, FAILED and ABORTED. */
  completionDate?: string;
}

/** An AWS Backup "Restore Job State Change" event, as a target receives it. */
export type BackupRestoreJobEvent = EventBridgeEnvelope<
  typeof RESTORE_JOB_STATE_CHANGE,
  BackupRestoreJobCreatedDetail | BackupRestoreJobStatusDetail
>;

/**
 * Which events are lost before any rule sees them: all (`true`), none
 * (`false`), those matching a filter (every list given must contain the
 * event's job id or its `status ?? state`; `{}` drops all), or, in-process
 * only, those a predicate picks.
 */
export type BackupEventDropSwitch =
  | boolean
  | {
      restoreJobIds?: string[] | undefined;
      /** `CREATED`, `PENDING`, `RUNNING`, `COMPLETED`, `FAILED`, `ABORTED`. */
      statuses?: string[] | undefined;
    }
  | ((event: BackupRestoreJobEvent) => boolean);

/** A rule target: a Lambda handler, a recorder, … */
export type BackupEventTarget = (
  event: BackupRestoreJobEvent
) => Promise<unknown> | unknown;

/** An EventBridge rule and its one target. */
export interface BackupEventSubscription {
  /** An EventBridge event pattern, in the subset of `event-pattern.ts`. */
  pattern: EventPattern;
  target: BackupEventTarget;
}

/** What became of one event for one subscription. */
export interface BackupEventDelivery {
  event: BackupRestoreJobEvent;
  /**
   * - `delivered`: the target returned (or resolved);
   * - `failed`: the target threw (or rejected); `error` holds it. Not
   *   retried: the test decides, e.g. with `redeliver()`;
   * - `dropped`: lost at the source (`dropEvents`); one record per event,
   *   whatever the subscriptions;
   * - `unmatched`: no subscription's pattern matched; one record per event.
   */
  outcome: 'delivered' | 'dropped' | 'failed' | 'unmatched';
  error?: unknown;
}

/** Run-time knobs; every field can be changed with `configure()`. */
export interface BackupEmulatorConfig {
  /** Artificial latency per call, in wall-clock ms. Default 0. */
  latencyMs: LatencyConfig<BackupOperation>;
  /** Token buckets per operation; `null`/absent = unthrottled. */
  throttle: Partial<Record<BackupOperation, ThrottleSetting | null>>;
  /** Error answered when a bucket is empty. Default 400 ThrottlingException. */
  throttleError: { errorName: string; status: number };
  /** Clock ms from creation to RUNNING. Default 200. */
  runningAfterMs: number;
  /** Clock ms from creation to COMPLETED/FAILED. Default 1000. */
  completeAfterMs: number;
  /** Clock ms a token is remembered; `null` = forever. Default one hour. */
  tokenWindowMs: number | null;
  /**
   * A replayed token is answered without `RestoreJobId` (200 and `{}`)
   * instead of with the original job's id. Default false.
   */
  replayWithoutRestoreJobId: boolean;
  /**
   * Refuse a `ResourceType` that breaks the model's pattern (documented
   * values with spaces included). Default false.
   */
  enforceResourceTypePattern: boolean;
  /** Rules that make jobs end FAILED. */
  failureRules: RestoreFailureRule[];
  /** Apply the documented asynchronous failures (tag copy). Default true. */
  documentedFailures: boolean;
  /** Events lost at the source (AWS Backup events are best effort). */
  dropEvents: BackupEventDropSwitch;
}

/** A partial {@link BackupEmulatorConfig}, as `configure()` takes it. */
export type BackupEmulatorConfigPatch = {
  [K in keyof BackupEmulatorConfig]?: BackupEmulatorConfig[K] | undefined;
};

/** Options for {@link startBackupEmulator}. */
export interface BackupEmulatorOptions
  extends BackupEmulatorConfigPatch,
    EmulatorListenOptions {
  /** Default: the seed's, else `111122223333`. */
  accountId?: string | undefined;
  /** Default: the seed's, else `eu-west-1`. */
  region?: string | undefined;
  /** Seed data. Default: the contents of `seedFile`. */
  seed?: BackupSeed | undefined;
  /** Seed file, used when `seed` is absent. Default {@link DEFAULT_SEED_FILE}. */
  seedFile?: string | undefined;
  /** Clock. Default: real time (`createClock()`). */
  clock?: EmulatorClock | undefined;
}

type BackupResult =
  | {
      kind: 'ok';
      status: number;
      output: unknown;
      /** StartRestoreJob answered from a remembered idempotency token. */
      tokenReplay?: { restoreJobId: string; sameParameters: boolean };
    }
  | {
      kind: 'error';
      status: number;
      errorName: string;
      message: string;
      /** Service validation, the throttle bucket, or an injected fault. */
      source: ErrorSource | 'throttle';
    };

/** How a recorded call ended. */
export type BackupCallOutcome = CallOutcome<BackupResult>;

/** One call the emulator received (control-plane calls are not recorded). */
export interface BackupCall extends RecordedCall<BackupResult> {
  operation: BackupOperation | 'Unknown';
  method: string;
  path: string;
  /**
   * The input under the model's member names: the JSON body for
   * StartRestoreJob (Metadata and IdempotencyToken included), path and query
   * members for the reads.
   */
  input: Record<string, unknown>;
}

/** A restore job as the emulator holds it. */
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

/** A running emulator. */
export interface BackupEmulator
  extends EmulatorHandle<BackupOperation, BackupCall> {
  readonly clock: EmulatorClock;
  /** Calls of one operation. */
  callsTo(operation: BackupOperation): BackupCall[];
  /** Every restore job, oldest first, with its state at the clock's now. */
  jobs(): RestoreJobView[];
  /** Adds vaults and points (replacing points with the same ARN). */
  seed(data: BackupSeed): void;
  /** Current knobs. */
  config(): BackupEmulatorConfig;
  /** Changes knobs; a new throttle setting starts with a full bucket. */
  configure(patch: BackupEmulatorConfigPatch): void;
  /**
   * Registers an EventBridge rule with one target for the restore job
   * events. Nothing is delivered until {@link BackupEmulator.deliverEvents}.
   *
   * @throws Error when the pattern is outside the supported subset
   * @returns a function that removes the subscription (idempotent)
   */
  subscribe(subscription: BackupEventSubscription): () => void;
  /**
   * Emits every event that became due at the clock's now and was not
   * emitted yet, oldest first (per job: CREATED, PENDING, RUNNING, the
   * terminal one; at equal times, jobs in creation order), and hands each
   * to every matching subscription, awaiting one target at a time. An event
   * is emitted once: a second call emits only what became due since.
   *
   * @returns one record per event and matching subscription (one
   * `unmatched` or `dropped` record for an event no target receives)
   */
  deliverEvents(): Promise<BackupEventDelivery[]>;
  /**
   * Hands an emitted event, same `id`, to its matching subscriptions again:
   * EventBridge delivers at least once. `dropEvents` does not apply, so this
   * is also how a dropped event arrives late.
   *
   * @throws Error when no event with that id was emitted
   */
  redeliver(eventId: string): Promise<BackupEventDelivery[]>;
  /** Every event emitted so far (dropped ones included), oldest first. */
  emittedEvents(): BackupRestoreJobEvent[];
  /**
   * Back to the state at start: start seed and knobs; no calls, jobs,
   * emitted events, tokens or faults; full buckets. The clock keeps its
   * time, and subscriptions are KEPT, so that a test file can subscribe
   * once and reset before each test.
   */
  reset(): void;
}

interface Vault {
  name: string;
  arn: string;
  encryptionKeyArn: string;
}

interface RecoveryPoint {
  arn: string;
  vaultName: string;
  resourceArn: string;
  resourceType: string;
  resourceName: string | undefined;
  status: string;
  statusMessage: string | undefined;
  creationDate: number;
  completionDate: number;
  backupSizeInBytes: number;
  iamRoleArn: string;
  storageClass: string;
  isEncrypted: boolean;
  encryptionKeyArn: string | undefined;
  managedByAwsBackup: boolean;
  restoreMetadata: Record<string, string | null>;
}

interface Job {
  restoreJobId: string;
  input: StartRestoreJobRequest;
  idempotencyToken: string | undefined;
  point: RecoveryPoint;
  createdAt: number;
  runningAt: number;
  doneAt: number;
  result: JobResult;
  /** How many of the job's events (in {@link JOB_EVENTS} order) were emitted. */
  emitted: number;
}

type JobResult =
  | { status: 'COMPLETED'; createdResourceArn: string }
  | { status: 'FAILED' | 'ABORTED'; statusMessage: string };

/** A job's events in the order it emits them. */
const JOB_EVENTS = ['CREATED', 'PENDING', 'RUNNING', 'TERMINAL'] as const;
type JobEventKind = (typeof JOB_EVENTS)[number];

/** An emitted event and whether the drop switch lost it. */
interface EmittedEvent {
  event: BackupRestoreJobEvent;
  dropped: boolean;
}

/** ISO 8601 in whole seconds, as EventBridge's `time` (events.md §1, §2.6). */
const isoSeconds = (ms: number): string =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An empty token bucket: recorded with source `throttle`. */
class ThrottlingError extends ServiceError {}

const notFound = (message: string): ServiceError =>
  new ServiceError('ResourceNotFoundException', 400, message);
const missing = (member: string): ServiceError =>
  new ServiceError(
    'MissingParameterValueException',
    400,
    `${member} is required.`
  );
const invalid = (message: string): ServiceError =>
  new ServiceError('InvalidParameterValueException', 400, message);

const toSeconds = (ms: number): number => ms / 1000;
const isTerminal = (status: RestoreJobStatus): boolean =>
  status === 'COMPLETED' || status === 'FAILED' || status === 'ABORTED';
const hex = (length: number): string =>
  randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);

/** A list call's `MaxResults` (1–1000, 1000 when absent), as the model bounds it. */
const maxResultsOf = (input: Record<string, unknown>): number => {
  if (input.MaxResults === undefined) {
    return 1000;
  }
  const parsed = Number(input.MaxResults);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 1000) {
    throw invalid('MaxResults must be between 1 and 1000.');
  }
  return parsed;
};

/** A stable, UUID-shaped id derived from a name. */
const uuidFrom = (name: string): string => {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a.localeCompare(b)
          )
        )
      : v
  );

const withoutToken = (input: StartRestoreJobRequest): string => {
  const { IdempotencyToken: _ignored, ...rest } = input;
  return stableJson(rest);
};

const defined = <T extends Record<string, unknown>>(value: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined)
  ) as Partial<T>;

class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly setting: ThrottleSetting,
    readonly clock: EmulatorClock
  ) {
    this.#tokens = setting.burst;
    this.#last = clock.now();
  }

  tryTake(): boolean {
    const now = this.clock.now();
    const refill = ((now - this.#last) / 1000) * this.setting.ratePerSecond;
    this.#tokens = Math.min(this.setting.burst, this.#tokens + refill);
    this.#last = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return true;
    }
    return false;
  }
}

const DEFAULT_CONFIG: BackupEmulatorConfig = {
  latencyMs: 0,
  throttle: { StartRestoreJob: { ratePerSecond: 5, burst: 5 } },
  throttleError: { errorName: 'ThrottlingException', status: 400 },
  runningAfterMs: 200,
  completeAfterMs: 1_000,
  tokenWindowMs: 3_600_000,
  replayWithoutRestoreJobId: false,
  enforceResourceTypePattern: false,
  failureRules: [],
  documentedFailures: true,
  dropEvents: false,
};

const mergeConfig = (
  base: BackupEmulatorConfig,
  patch: BackupEmulatorConfigPatch
): BackupEmulatorConfig => {
  const merged: BackupEmulatorConfig = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      continue;
    }
    if (key === 'throttle') {
      merged.throttle = { ...base.throttle, ...(value as object) };
    } else {
      Object.assign(merged, { [key]: value });
    }
  }
  return merged;
};

/**
 * The ARN of the resource a completed job creates (format per service; the
 * identifiers are random).
 */
const createdResourceArn = (
  point: RecoveryPoint,
  metadata: Record<string, unknown>,
  accountId: string,
  region: string
): string => {
  const key = (name: string): string | undefined => {
    const found = Object.entries(metadata).find(
      ([k, v]) =>
        k.toLowerCase() === name.toLowerCase() && typeof v === 'string'
    );
    return found?.[1] as string | undefined;
  };
  const prefix = `${region}:${accountId}`;
  switch (point.resourceType) {
    case 'EFS':
      return `arn:aws:elasticfilesystem:${prefix}:file-system/fs-0${hex(16)}`;
    case 'EBS':
      return `arn:aws:ec2:${prefix}:volume/vol-0${hex(16)}`;
    case 'EC2':
      return `arn:aws:ec2:${prefix}:instance/i-0${hex(16)}`;
    case 'RDS':
      return `arn:aws:rds:${prefix}:db:${key('DBInstanceIdentifier') ?? `restored-${hex(8)}`}`;
    case 'Aurora':
    case 'DocumentDB':
    case 'Neptune':
      return `arn:aws:rds:${prefix}:cluster:${key('dbClusterIdentifier') ?? `restored-${hex(8)}`}`;
    case 'DynamoDB':
      return `arn:aws:dynamodb:${prefix}:table/${key('targetTableName') ?? `restored-${hex(8)}`}`;
    case 'FSx':
      return `arn:aws:fsx:${prefix}:file-system/fs-0${hex(16)}`;
    case 'S3':
      return `arn:aws:s3:::${key('DestinationBucketName') ?? `restored-${hex(8)}`}`;
    case 'Storage Gateway':
      return `${key('gatewayArn') ?? `arn:aws:storagegateway:${prefix}:gateway/sgw-${hex(8).toUpperCase()}`}/volume/vol-${hex(8).toUpperCase()}`;
    case 'VirtualMachine':
      return key('RestoreTo') === 'EC2Instance'
        ? `arn:aws:ec2:${prefix}:instance/i-0${hex(16)}`
        : `arn:aws:backup-gateway:${prefix}:vm/vm-${hex(17)}`;
    default:
      return `arn:aws:backup:${prefix}:restored-resource/${randomUUID()}`;
  }
};

type Route =
  | { operation: 'StartRestoreJob' }
  | {
      operation: 'DescribeRecoveryPoint' | 'GetRecoveryPointRestoreMetadata';
      vaultName: string;
      recoveryPointArn: string;
    }
  | { operation: 'ListRecoveryPointsByResource'; resourceArn: string }
  | {
      operation: 'DescribeRestoreJob' | 'GetRestoreJobMetadata';
      restoreJobId: string;
    }
  | { operation: 'ListRestoreJobs' };

const decodeSegments = (segments: string[]): string =>
  segments.map((s) => decodeURIComponent(s)).join('/');

/** Maps method and raw path to an operation; `undefined` = unknown route. */
const route = (method: string, pathname: string): Route | undefined => {
  const segments = pathname.split('/').slice(1);
  if (segments.at(-1) === '' && segments.length > 1) {
    segments.pop();
  }
  const [head, ...rest] = segments;
  if (head === 'restore-jobs') {
    if (method === 'PUT' && rest.length === 0) {
      return { operation: 'StartRestoreJob' };
    }
    if (method === 'GET' && rest.length === 0) {
      return { operation: 'ListRestoreJobs' };
    }
    if (method === 'GET' && rest.length === 1 && rest[0] !== '') {
      return {
        operation: 'DescribeRestoreJob',
        restoreJobId: decodeSegments(rest),
      };
    }
    if (method === 'GET' && rest.length === 2 && rest[1] === 'metadata') {
      return {
        operation: 'GetRestoreJobMetadata',
        restoreJobId: decodeSegments(rest.slice(0, 1)),
      };
    }
    return undefined;
  }
  if (method !== 'GET') {
    return undefined;
  }
  if (
    head === 'backup-vaults' &&
    rest.length >= 3 &&
    rest[1] === 'recovery-points'
  ) {
    const vaultName = decodeSegments(rest.slice(0, 1));
    const arnSegments = rest.slice(2);
    if (arnSegments.length > 1 && arnSegments.at(-1) === 'restore-metadata') {
      return {
        operation: 'GetRecoveryPointRestoreMetadata',
        vaultName,
        recoveryPointArn: decodeSegments(arnSegments.slice(0, -1)),
      };
    }
    return {
      operation: 'DescribeRecoveryPoint',
      vaultName,
      recoveryPointArn: decodeSegments(arnSegments),
    };
  }
  if (head === 'resources' && rest.length >= 2) {
    const last = rest.lastIndexOf('recovery-points');
    if (last === rest.length - 1 && last > 0) {
      return {
        operation: 'ListRecoveryPointsByResource',
        resourceArn: decodeSegments(rest.slice(0, last)),
      };
    }
  }
  return undefined;
};

/** A page token bound to its listing (a resource ARN, or the job filters). */
const encodeNextToken = (scope: string, offset: number): string =>
  Buffer.from(JSON.stringify({ r: scope, o: offset })).toString('base64url');

const decodeNextToken = (token: string, scope: string): number => {
  try {
    const parsed = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8')
    ) as { r?: unknown; o?: unknown };
    if (
      parsed.r === scope &&
      typeof parsed.o === 'number' &&
      Number.isInteger(parsed.o) &&
      parsed.o >= 0
    ) {
      return parsed.o;
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('The NextToken is invalid.');
};

class BackupEmulatorImpl
  extends WireEmulator<BackupOperation, BackupResult, BackupCall>
  implements BackupEmulator
{
  readonly clock: EmulatorClock;

  readonly #initialConfig: BackupEmulatorConfig;
  readonly #initialSeed: BackupSeed;
  #config: BackupEmulatorConfig;
  #buckets = new Map<BackupOperation, TokenBucket>();
  #vaults = new Map<string, Vault>();
  #points = new Map<string, RecoveryPoint>();
  #metadataSets = new Map<string, Record<string, string | null>>();
  #jobs = new Map<string, Job>();
  #tokens = new Map<
    string,
    { restoreJobId: string; at: number; fingerprint: string }
  >();
  #subscriptions: BackupEventSubscription[] = [];
  #events: EmittedEvent[] = [];

  constructor(options: BackupEmulatorOptions) {
    const seed =
      options.seed ?? loadBackupSeed(options.seedFile ?? DEFAULT_SEED_FILE);
    const clock = options.clock ?? createClock();
    super({
      operations: BACKUP_OPERATIONS,
      accountId: options.accountId ?? seed.accountId ?? DEFAULT_ACCOUNT_ID,
      region: options.region ?? seed.region ?? DEFAULT_REGION,
      clock,
      operationOf: (call) => call.operation,
      internalErrorName: 'ServiceUnavailableException',
      describeError: (error, source) => ({
        kind: 'error',
        status: error.status,
        errorName: error.code,
        message: error.message,
        source: error instanceof ThrottlingError ? 'throttle' : source,
      }),
    });
    this.clock = clock;
    this.#initialSeed = seed;
    this.#initialConfig = mergeConfig(DEFAULT_CONFIG, {
      latencyMs: options.latencyMs,
      throttle: options.throttle,
      throttleError: options.throttleError,
      runningAfterMs: options.runningAfterMs,
      completeAfterMs: options.completeAfterMs,
      tokenWindowMs: options.tokenWindowMs,
      replayWithoutRestoreJobId: options.replayWithoutRestoreJobId,
      enforceResourceTypePattern: options.enforceResourceTypePattern,
      failureRules: options.failureRules,
      documentedFailures: options.documentedFailures,
      dropEvents: options.dropEvents,
    });
    this.#config = this.#initialConfig;
    this.#rebuildBuckets();
    this.seed(seed);
  }

  callsTo(operation: BackupOperation): BackupCall[] {
    return this.callsOf(operation);
  }

  jobs(): RestoreJobView[] {
    return [...this.#jobs.values()].map((job) => this.#view(job));
  }

  subscribe(subscription: BackupEventSubscription): () => void {
    assertEventPattern(subscription.pattern);
    // A copy, so that the same object subscribed twice is two rules.
    const entry = { ...subscription };
    this.#subscriptions.push(entry);
    return () => {
      this.#subscriptions = this.#subscriptions.filter((s) => s !== entry);
    };
  }

  async deliverEvents(): Promise<BackupEventDelivery[]> {
    // Emission is synchronous, before any target runs: a concurrent call,
    // or a target that starts a job, cannot emit an event twice.
    const due = this.#emitDueEvents();
    const deliveries: BackupEventDelivery[] = [];
    for (const { event, dropped } of due) {
      if (dropped) {
        deliveries.push({ event: structuredClone(event), outcome: 'dropped' });
        continue;
      }
      deliveries.push(...(await this.#handOver(event)));
    }
    return deliveries;
  }

  async redeliver(eventId: string): Promise<BackupEventDelivery[]> {
    const emitted = this.#events.find((e) => e.event.id === eventId);
    if (emitted === undefined) {
      throw new Error(`no emitted Backup event has id ${eventId}`);
    }
    return this.#handOver(emitted.event);
  }

  emittedEvents(): BackupRestoreJobEvent[] {
    return this.#events.map(({ event }) => structuredClone(event));
  }

  /** Emits, in time order, every job event due at the clock's now. */
  #emitDueEvents(): EmittedEvent[] {
    const now = this.clock.now();
    const due: { at: number; order: number; job: Job; kind: JobEventKind }[] =
      [];
    let order = 0;
    for (const job of this.#jobs.values()) {
      const times = [job.createdAt, job.createdAt, job.runningAt, job.doneAt];
      for (let index = job.emitted; index < JOB_EVENTS.length; index++) {
        const at = times[index] as number;
        const kind = JOB_EVENTS[index] as JobEventKind;
        // The times never decrease along JOB_EVENTS, so the due events of
        // a job are a prefix of what is left.
        if (at > now) {
          break;
        }
        due.push({ at, order: order++, job, kind });
        job.emitted = index + 1;
      }
    }
    // Stable order: time first, then jobs by creation and events per job.
    due.sort((a, b) => a.at - b.at || a.order - b.order);
    const emitted = due.map(({ at, job, kind }) => {
      const event = this.#event(job, kind, at);
      return { event, dropped: this.#isDropped(event) };
    });
    this.#events.push(...emitted);
    return emitted;
  }

  /** Hands one event to every matching subscription, one at a time. */
  async #handOver(
    event: BackupRestoreJobEvent
  ): Promise<BackupEventDelivery[]> {
    const matching = this.#subscriptions.filter((s) =>
      matchesEventPattern(s.pattern, event)
    );
    if (matching.length === 0) {
      return [{ event: structuredClone(event), outcome: 'unmatched' }];
    }
    const deliveries: BackupEventDelivery[] = [];
    for (const { target } of matching) {
      // Each target gets its own copy, as each EventBridge invocation
      // carries its own JSON document.
      const copy = structuredClone(event);
      try {
        await target(copy);
        deliveries.push({
          event: structuredClone(event),
          outcome: 'delivered',
        });
      } catch (error) {
        deliveries.push({
          event: structuredClone(event),
          outcome: 'failed',
          error,
        });
      }
    }
    return deliveries;
  }

  #isDropped(event: BackupRestoreJobEvent): boolean {
    const drop = this.#config.dropEvents;
    if (typeof drop === 'boolean') {
      return drop;
    }
    if (typeof drop === 'function') {
      return drop(structuredClone(event));
    }
    const detail = event.detail;
    const status = 'status' in detail ? detail.status : detail.state;
    return (
      (drop.restoreJobIds === undefined ||
        drop.restoreJobIds.includes(detail.restoreJobId)) &&
      (drop.statuses === undefined || drop.statuses.includes(status))
    );
  }

  /**
   * The event for one transition of a job, as it was at that transition
   * (a RUNNING event emitted late still says RUNNING).
   */
  #event(job: Job, kind: JobEventKind, at: number): BackupRestoreJobEvent {
    const iso = (ms: number): string => new Date(ms).toISOString();
    const envelope: Omit<BackupRestoreJobEvent, 'detail'> = {
      version: '0',
      id: randomUUID(),
      'detail-type': RESTORE_JOB_STATE_CHANGE,
      source: BACKUP_EVENT_SOURCE,
      account: this.accountId,
      time: isoSeconds(at),
      region: this.region,
      resources: [job.point.arn],
    };
    if (kind === 'CREATED') {
      // Only these three members, and `state` rather than `status`
      // (events.md §2.2).
      return {
        ...envelope,
        detail: {
          restoreJobId: job.restoreJobId,
          creationDate: iso(job.createdAt),
          state: 'CREATED',
        },
      };
    }
    const status: RestoreJobStatus =
      kind === 'TERMINAL' ? job.result.status : kind;
    const iamRoleArn = job.input.IamRoleArn;
    const detail: BackupRestoreJobStatusDetail = {
      restoreJobId: job.restoreJobId,
      backupVaultArn: this.#vaultArn(job.point.vaultName),
      recoveryPointArn: job.point.arn,
      sourceResourceArn: job.point.resourceArn,
      backupSizeInBytes: String(job.point.backupSizeInBytes),
      creationDate: iso(job.createdAt),
      ...(typeof iamRoleArn === 'string' ? { iamRoleArn } : {}),
      // ASSUMPTION: 0 at every state, as in the guide's samples (its
      // COMPLETED sample included, events.md §2.4).
      percentDone: 0,
      resourceType: job.point.resourceType,
      status,
    };
    if (kind === 'TERMINAL') {
      if (job.result.status === 'COMPLETED') {
        detail.createdResourceArn = job.result.createdResourceArn;
      } else {
        detail.statusMessage = job.result.statusMessage;
      }
      detail.completionDate = iso(job.doneAt);
    }
    return { ...envelope, detail };
  }

  seed(data: BackupSeed): void {
    const parsed = backupSeedSchema.safeParse(data);
    if (!parsed.success) {
      throw new Error(`invalid Backup seed:\n${z.prettifyError(parsed.error)}`);
    }
    const seed = parsed.data;
    for (const vault of seed.vaults ?? []) {
      this.#vaults.set(vault.name, {
        name: vault.name,
        arn: `arn:aws:backup:${this.region}:${this.accountId}:backup-vault:${vault.name}`,
        encryptionKeyArn:
          vault.encryptionKeyArn ??
          `arn:aws:kms:${this.region}:${this.accountId}:key/${uuidFrom(vault.name)}`,
      });
    }
    for (const [name, map] of Object.entries(seed.metadataSets ?? {})) {
      this.#metadataSets.set(name, map);
    }
    for (const point of seed.recoveryPoints ?? []) {
      const vault = this.#vaults.get(point.vault);
      if (vault === undefined) {
        throw new Error(
          `recovery point ${point.arn} names unknown vault ${point.vault}; list it under "vaults"`
        );
      }
      const metadata =
        typeof point.restoreMetadata === 'string'
          ? this.#metadataSets.get(point.restoreMetadata)
          : point.restoreMetadata;
      if (metadata === undefined) {
        throw new Error(
          `recovery point ${point.arn} names unknown metadata set ${String(point.restoreMetadata)}`
        );
      }
      const creationDate = Date.parse(point.creationDate);
      const isEncrypted = point.isEncrypted ?? true;
      this.#points.set(point.arn, {
        arn: point.arn,
        vaultName: point.vault,
        resourceArn: point.resourceArn,
        resourceType: point.resourceType,
        resourceName: point.resourceName,
        status: point.status,
        statusMessage: point.statusMessage,
        creationDate,
        completionDate:
          point.completionDate === undefined
            ? creationDate + 600_000
            : Date.parse(point.completionDate),
        backupSizeInBytes: point.backupSizeInBytes ?? 1_073_741_824,
        iamRoleArn: point.iamRoleArn ?? DEFAULT_IAM_ROLE_ARN,
        storageClass: point.storageClass ?? 'WARM',
        isEncrypted,
        encryptionKeyArn: isEncrypted
          ? (point.encryptionKeyArn ?? vault.encryptionKeyArn)
          : undefined,
        managedByAwsBackup: point.managedByAwsBackup ?? true,
        restoreMetadata: { ...metadata },
      });
    }
  }

  config(): BackupEmulatorConfig {
    return { ...this.#config };
  }

  override configure(patch: BackupEmulatorConfigPatch): void {
    this.#config = mergeConfig(this.#config, patch);
    if (patch.throttle !== undefined) {
      this.#rebuildBuckets(Object.keys(patch.throttle) as BackupOperation[]);
    }
  }

  protected override resetState(): void {
    this.#config = this.#initialConfig;
    this.#buckets.clear();
    this.#rebuildBuckets();
    this.#jobs.clear();
    this.#events = [];
    this.#tokens.clear();
    this.#vaults.clear();
    this.#points.clear();
    this.#metadataSets.clear();
    this.seed(this.#initialSeed);
  }

  protected override latency(): LatencyConfig<BackupOperation> {
    return this.#config.latencyMs;
  }

  #rebuildBuckets(operations?: BackupOperation[]): void {
    const targets =
      operations ?? (Object.keys(this.#config.throttle) as BackupOperation[]);
    for (const operation of targets) {
      const setting = this.#config.throttle[operation];
      if (setting) {
        this.#buckets.set(operation, new TokenBucket(setting, this.clock));
      } else {
        this.#buckets.delete(operation);
      }
    }
  }

  #view(job: Job): RestoreJobView {
    const now = this.clock.now();
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

  protected async dataPlane(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const call = this.recordCall((stamp) => ({
      ...stamp,
      operation: 'Unknown',
      method,
      path: `${url.pathname}${url.search}`,
      input: {},
      outcome: { kind: 'pending' },
    }));

    let matched: Route | undefined;
    try {
      matched = route(method, url.pathname);
    } catch {
      this.fail(res, call, invalid('Malformed URL encoding in path.'));
      return;
    }
    if (matched === undefined) {
      this.fail(
        res,
        call,
        new ServiceError(
          'UnknownOperationException',
          404,
          `No operation matches ${method} ${url.pathname}.`
        )
      );
      return;
    }
    const operation = matched.operation;
    call.operation = operation;

    let input: Record<string, unknown>;
    try {
      input = this.#input(matched, url, body);
    } catch (error) {
      this.fail(res, call, this.#asServiceError(error));
      return;
    }
    call.input = input;

    const run = await this.runOperation(req, res, call, operation, () => {
      // Throttling belongs to the effect: a fault armed to answer first
      // wins over it, and a throttled call takes no action.
      const bucket = this.#buckets.get(operation);
      if (bucket !== undefined && !bucket.tryTake()) {
        const { errorName, status } = this.#config.throttleError;
        throw new ThrottlingError(errorName, status, 'Rate exceeded');
      }
      return this.#execute(matched, input);
    });
    if (run === undefined) {
      return;
    }
    const result = run.output;

    call.outcome = {
      kind: 'ok',
      status: 200,
      output: result.output,
      ...(result.tokenReplay ? { tokenReplay: result.tokenReplay } : {}),
    };
    send(
      res,
      200,
      {
        'content-type': 'application/json',
        'x-amzn-requestid': newRequestId(),
      },
      JSON.stringify(result.output)
    );
  }

  #asServiceError(error: unknown): ServiceError {
    if (error instanceof ServiceError) {
      return error;
    }
    throw error;
  }

  protected sendError(res: ServerResponse, error: ServiceError): void {
    // Body members of every Backup exception (restore-metadata.md §1.9).
    // `Code` repeats the name so the SDK finds it even without the header;
    // the values AWS puts in Code/Type/Context are UNVERIFIED.
    send(
      res,
      error.status,
      {
        'content-type': 'application/json',
        'x-amzn-errortype': error.code,
        'x-amzn-requestid': newRequestId(),
      },
      JSON.stringify({
        Code: error.code,
        Message: error.message,
        Type: error.status >= 500 ? 'Service' : 'User',
        Context: '',
      })
    );
  }

  #input(matched: Route, url: URL, body: Buffer): Record<string, unknown> {
    const query = url.searchParams;
    switch (matched.operation) {
      case 'StartRestoreJob': {
        const text = body.toString('utf8');
        let parsed: unknown = {};
        if (text.trim() !== '') {
          try {
            parsed = JSON.parse(text);
          } catch {
            throw new ServiceError(
              'SerializationException',
              400,
              'Request body is not valid JSON.'
            );
          }
        }
        if (
          parsed === null ||
          typeof parsed !== 'object' ||
          Array.isArray(parsed)
        ) {
          throw new ServiceError(
            'SerializationException',
            400,
            'Request body must be a JSON object.'
          );
        }
        return parsed as Record<string, unknown>;
      }
      case 'DescribeRecoveryPoint':
      case 'GetRecoveryPointRestoreMetadata':
        return defined({
          BackupVaultName: matched.vaultName,
          RecoveryPointArn: matched.recoveryPointArn,
          BackupVaultAccountId: query.get('backupVaultAccountId') ?? undefined,
        });
      case 'ListRecoveryPointsByResource':
        return defined({
          ResourceArn: matched.resourceArn,
          MaxResults: query.get('maxResults') ?? undefined,
          NextToken: query.get('nextToken') ?? undefined,
          ManagedByAWSBackupOnly:
            query.get('managedByAWSBackupOnly') ?? undefined,
        });
      case 'DescribeRestoreJob':
      case 'GetRestoreJobMetadata':
        return { RestoreJobId: matched.restoreJobId };
      case 'ListRestoreJobs':
        return defined({
          NextToken: query.get('nextToken') ?? undefined,
          MaxResults: query.get('maxResults') ?? undefined,
          ByAccountId: query.get('accountId') ?? undefined,
          ByResourceType: query.get('resourceType') ?? undefined,
          ByCreatedBefore: query.get('createdBefore') ?? undefined,
          ByCreatedAfter: query.get('createdAfter') ?? undefined,
          ByStatus: query.get('status') ?? undefined,
          ByCompleteBefore: query.get('completeBefore') ?? undefined,
          ByCompleteAfter: query.get('completeAfter') ?? undefined,
          ByRestoreTestingPlanArn:
            query.get('restoreTestingPlanArn') ?? undefined,
          ByParentJobId: query.get('parentJobId') ?? undefined,
        });
    }
  }

  #execute(
    matched: Route,
    input: Record<string, unknown>
  ): { output: unknown; tokenReplay?: RestoreTokenReplay } {
    switch (matched.operation) {
      case 'StartRestoreJob':
        return this.#startRestoreJob(input);
      case 'DescribeRecoveryPoint':
        return { output: this.#describeRecoveryPoint(input) };
      case 'GetRecoveryPointRestoreMetadata': {
        const point = this.#pointInVault(input);
        return {
          output: {
            BackupVaultArn: this.#vaultArn(point.vaultName),
            RecoveryPointArn: point.arn,
            RestoreMetadata: point.restoreMetadata,
            ResourceType: point.resourceType,
          },
        };
      }
      case 'ListRecoveryPointsByResource':
        return { output: this.#listRecoveryPointsByResource(input) };
      case 'DescribeRestoreJob':
        return { output: this.#describeRestoreJob(input) };
      case 'GetRestoreJobMetadata': {
        const job = this.#job(input);
        return {
          output: {
            RestoreJobId: job.restoreJobId,
            Metadata: job.input.Metadata,
          },
        };
      }
      case 'ListRestoreJobs':
        return { output: this.#listRestoreJobs(input) };
    }
  }

  #startRestoreJob(input: StartRestoreJobRequest): {
    output: unknown;
    tokenReplay?: RestoreTokenReplay;
  } {
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
    this.#checkResourceType(input.ResourceType);
    const point = this.#points.get(arn);
    if (point === undefined) {
      throw notFound(`Recovery point ${arn} was not found.`);
    }

    const now = this.clock.now();
    const fingerprint = withoutToken(input);
    if (token !== undefined) {
      const known = this.#tokens.get(token);
      const window = this.#config.tokenWindowMs;
      if (known !== undefined && (window === null || now - known.at < window)) {
        // Documented rule: "retrying a successful request with the same
        // token returns success and takes no action" (API_StartRestoreJob).
        // ASSUMPTION (UNVERIFIED): the answer carries the original
        // RestoreJobId, whatever the other parameters are.
        return {
          output: this.#config.replayWithoutRestoreJobId
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
    const failure = this.#failureFor(input, point);
    const result: JobResult =
      failure ??
      ({
        status: 'COMPLETED',
        createdResourceArn: createdResourceArn(
          point,
          metadata as Record<string, unknown>,
          this.accountId,
          this.region
        ),
      } as const);
    this.#jobs.set(restoreJobId, {
      restoreJobId,
      input: structuredClone(input),
      idempotencyToken: token,
      point,
      createdAt: now,
      runningAt: now + this.#config.runningAfterMs,
      doneAt:
        now +
        Math.max(this.#config.completeAfterMs, this.#config.runningAfterMs),
      result,
      emitted: 0,
    });
    if (token !== undefined) {
      this.#tokens.set(token, { restoreJobId, at: now, fingerprint });
    }
    return { output: { RestoreJobId: restoreJobId } };
  }

  /** @returns how the job fails or aborts, or undefined to complete. */
  #failureFor(
    input: StartRestoreJobRequest,
    point: RecoveryPoint
  ): Exclude<JobResult, { status: 'COMPLETED' }> | undefined {
    const metadata = (input.Metadata ?? {}) as Record<string, string>;
    const type = point.resourceType;
    for (const rule of this.#config.failureRules) {
      const matches =
        (rule.recoveryPointArn === undefined ||
          rule.recoveryPointArn === point.arn) &&
        (rule.resourceType === undefined || rule.resourceType === type) &&
        Object.entries(rule.metadataEquals ?? {}).every(
          ([k, v]) => metadata[k] === v
        ) &&
        (rule.metadataMissing === undefined ||
          rule.metadataMissing.some((k) => metadata[k] === undefined)) &&
        (rule.when === undefined || rule.when(input));
      if (matches) {
        const status = rule.status ?? 'FAILED';
        return {
          status,
          statusMessage:
            rule.statusMessage ??
            (status === 'ABORTED'
              ? 'Restore job aborted (emulated).'
              : 'Restore job failed (emulated failure).'),
        };
      }
    }
    if (
      this.#config.documentedFailures &&
      input.CopySourceTagsToRestoredResource === true &&
      NO_TAG_COPY_TYPES.has(type)
    ) {
      // Documented: including the flag for an unsupported type makes the job
      // fail (restore-metadata.md §1.8). The message text is UNVERIFIED.
      return {
        status: 'FAILED',
        statusMessage: `CopySourceTagsToRestoredResource is not supported for resource type ${type}.`,
      };
    }
    return undefined;
  }

  #vaultArn(name: string): string {
    return (
      this.#vaults.get(name)?.arn ??
      `arn:aws:backup:${this.region}:${this.accountId}:backup-vault:${name}`
    );
  }

  #pointInVault(input: Record<string, unknown>): RecoveryPoint {
    const vaultName = String(input.BackupVaultName ?? '');
    const arn = String(input.RecoveryPointArn ?? '');
    const accountId = input.BackupVaultAccountId;
    if (!VAULT_NAME.test(vaultName)) {
      throw invalid(`Invalid backup vault name ${vaultName}.`);
    }
    if (arn === '') {
      throw missing('RecoveryPointArn');
    }
    if (accountId !== undefined && !ACCOUNT_ID.test(String(accountId))) {
      throw invalid(`Invalid BackupVaultAccountId ${String(accountId)}.`);
    }
    // One account only: another account's vault is treated as not found
    // (UNVERIFIED; AWS might answer AccessDenied).
    if (accountId !== undefined && accountId !== this.accountId) {
      throw notFound(`Backup vault ${vaultName} was not found.`);
    }
    if (!this.#vaults.has(vaultName)) {
      throw notFound(`Backup vault ${vaultName} was not found.`);
    }
    const point = this.#points.get(arn);
    if (point === undefined || point.vaultName !== vaultName) {
      throw notFound(
        `Recovery point ${arn} was not found in backup vault ${vaultName}.`
      );
    }
    return point;
  }

  #describeRecoveryPoint(input: Record<string, unknown>): unknown {
    const point = this.#pointInVault(input);
    return defined({
      RecoveryPointArn: point.arn,
      BackupVaultName: point.vaultName,
      BackupVaultArn: this.#vaultArn(point.vaultName),
      ResourceArn: point.resourceArn,
      ResourceType: point.resourceType,
      ResourceName: point.resourceName,
      IamRoleArn: point.iamRoleArn,
      Status: point.status,
      StatusMessage: point.statusMessage,
      CreationDate: toSeconds(point.creationDate),
      InitiationDate: toSeconds(point.creationDate),
      CompletionDate: toSeconds(point.completionDate),
      BackupSizeInBytes: point.backupSizeInBytes,
      EncryptionKeyArn: point.encryptionKeyArn,
      IsEncrypted: point.isEncrypted,
      StorageClass: point.storageClass,
      IsParent: false,
      VaultType: 'BACKUP_VAULT',
    });
  }

  #listRecoveryPointsByResource(input: Record<string, unknown>): unknown {
    const resourceArn = String(input.ResourceArn ?? '');
    if (resourceArn === '') {
      throw missing('ResourceArn');
    }
    const maxResults = maxResultsOf(input);
    const onlyManaged = input.ManagedByAWSBackupOnly === 'true';
    const matching = [...this.#points.values()]
      .filter((p) => p.resourceArn === resourceArn)
      .filter((p) => !onlyManaged || p.managedByAwsBackup)
      .sort((a, b) => b.creationDate - a.creationDate);
    const isRds =
      resourceArn.startsWith('arn:aws:rds:') ||
      matching.some((p) => p.resourceType === 'RDS');
    if (isRds && maxResults < 20) {
      // Model doc: "Amazon RDS requires a value of at least 20".
      throw invalid('MaxResults must be at least 20 for Amazon RDS.');
    }
    const offset =
      input.NextToken === undefined
        ? 0
        : decodeNextToken(String(input.NextToken), resourceArn);
    const page = matching.slice(offset, offset + maxResults);
    const next = offset + page.length;
    return defined({
      RecoveryPoints: page.map((p) =>
        defined({
          RecoveryPointArn: p.arn,
          CreationDate: toSeconds(p.creationDate),
          Status: p.status,
          StatusMessage: p.statusMessage,
          EncryptionKeyArn: p.encryptionKeyArn,
          BackupSizeBytes: p.backupSizeInBytes,
          BackupVaultName: p.vaultName,
          IsParent: false,
          ResourceName: p.resourceName,
          VaultType: 'BACKUP_VAULT',
        })
      ),
      NextToken:
        next < matching.length ? encodeNextToken(resourceArn, next) : undefined,
    });
  }

  #job(input: Record<string, unknown>): Job {
    const id = String(input.RestoreJobId ?? '');
    const job = this.#jobs.get(id);
    if (job === undefined) {
      throw notFound(`Restore job ${id} was not found.`);
    }
    return job;
  }

  #describeRestoreJob(input: Record<string, unknown>): unknown {
    return this.#jobOutput(this.#job(input));
  }

  /**
   * A job as DescribeRestoreJob reports it; ListRestoreJobs items
   * (`RestoreJobsListMember`) have the same members.
   */
  #jobOutput(job: Job): Record<string, unknown> {
    const view = this.#view(job);
    const seconds = (iso: string | undefined): number | undefined =>
      iso === undefined ? undefined : toSeconds(Date.parse(iso));
    const done = isTerminal(view.status);
    return defined({
      AccountId: this.accountId,
      RestoreJobId: job.restoreJobId,
      RecoveryPointArn: job.point.arn,
      SourceResourceArn: job.point.resourceArn,
      BackupVaultArn: this.#vaultArn(job.point.vaultName),
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

  /** With `enforceResourceTypePattern`, a type outside the model's pattern is refused. */
  #checkResourceType(value: unknown): void {
    if (
      this.#config.enforceResourceTypePattern &&
      value !== undefined &&
      (typeof value !== 'string' || !RESOURCE_TYPE_PATTERN.test(value))
    ) {
      // ASSUMPTION: the error name and text AWS uses are UNVERIFIED.
      throw invalid(
        `Invalid value for ResourceType: ${String(value)} does not match the pattern ${RESOURCE_TYPE_PATTERN.source}.`
      );
    }
  }

  #listRestoreJobs(input: Record<string, unknown>): unknown {
    const maxResults = maxResultsOf(input);
    const date = (member: string): number | undefined => {
      const value = input[member];
      if (value === undefined) {
        return undefined;
      }
      const ms = Date.parse(String(value));
      if (Number.isNaN(ms)) {
        throw invalid(`${member} must be a date.`);
      }
      return ms;
    };
    const createdAfter = date('ByCreatedAfter');
    const createdBefore = date('ByCreatedBefore');
    const completeAfter = date('ByCompleteAfter');
    const completeBefore = date('ByCompleteBefore');
    const status = input.ByStatus;
    if (
      status !== undefined &&
      !RESTORE_JOB_STATUSES.includes(status as RestoreJobStatus)
    ) {
      throw invalid(`Invalid status ${String(status)}.`);
    }
    const resourceType = input.ByResourceType;
    this.#checkResourceType(resourceType);
    const accountId = input.ByAccountId;
    if (accountId !== undefined && !ACCOUNT_ID.test(String(accountId))) {
      throw invalid(`Invalid ByAccountId ${String(accountId)}.`);
    }
    const none =
      input.ByRestoreTestingPlanArn !== undefined ||
      input.ByParentJobId !== undefined ||
      (accountId !== undefined && accountId !== this.accountId);
    const matching = none
      ? []
      : [...this.#jobs.values()]
          .filter((job) => {
            const view = this.#view(job);
            const done =
              view.completionDate === undefined
                ? undefined
                : Date.parse(view.completionDate);
            return (
              (createdAfter === undefined || job.createdAt > createdAfter) &&
              (createdBefore === undefined || job.createdAt < createdBefore) &&
              (completeAfter === undefined ||
                (done !== undefined && done > completeAfter)) &&
              (completeBefore === undefined ||
                (done !== undefined && done < completeBefore)) &&
              (status === undefined || view.status === status) &&
              (resourceType === undefined ||
                job.point.resourceType === resourceType)
            );
          })
          .reverse();
    const scope = stableJson({ ...input, NextToken: undefined });
    const offset =
      input.NextToken === undefined
        ? 0
        : decodeNextToken(String(input.NextToken), scope);
    const page = matching.slice(offset, offset + maxResults);
    const next = offset + page.length;
    return defined({
      RestoreJobs: page.map((job) => this.#jobOutput(job)),
      NextToken:
        next < matching.length ? encodeNextToken(scope, next) : undefined,
    });
  }

  protected override controlRoutes(): ControlRoutes {
    return {
      'GET /_emulator/jobs': jsonRoute(() => this.jobs()),
      'GET /_emulator/events': jsonRoute(() => this.emittedEvents()),
      'GET /_emulator/config': jsonRoute(() => this.#jsonConfig()),
      'POST /_emulator/config': bodyRoute(configPatchSchema, (patch) => {
        this.configure(patch);
        return this.#jsonConfig();
      }),
      'POST /_emulator/seed': bodyRoute(
        backupSeedSchema,
        (seed) => {
          this.seed(seed);
          return {
            vaults: this.#vaults.size,
            recoveryPoints: this.#points.size,
          };
        },
        400
      ),
    };
  }

  #jsonConfig(): unknown {
    const drop = this.#config.dropEvents;
    return {
      ...this.#config,
      dropEvents: typeof drop === 'function' ? '<function>' : drop,
      failureRules: this.#config.failureRules.map(({ when, ...rule }) => ({
        ...rule,
        ...(when === undefined ? {} : { when: '<function>' }),
      })),
    };
  }
}

/** Idempotent replay details recorded on a StartRestoreJob call. */
type RestoreTokenReplay = { restoreJobId: string; sameParameters: boolean };

/**
 * Starts an AWS Backup emulator on `127.0.0.1` (a free port by default).
 *
 * @example
 * ```ts
 * const emulator = await startBackupEmulator({
 *   clock: createClock({ frozen: true }),
 * });
 * const client = new BackupClient({
 *   endpoint: emulator.url,
 *   region: 'eu-west-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
 * });
 * const { RestoreJobId } = await client.send(
 *   new StartRestoreJobCommand({ RecoveryPointArn, Metadata: {} })
 * );
 * emulator.clock.advance(1_000); // the job is now COMPLETED
 * await emulator.close();
 * ```
 */
export const startBackupEmulator = async (
  options: BackupEmulatorOptions = {}
): Promise<BackupEmulator> => new BackupEmulatorImpl(options).start(options);

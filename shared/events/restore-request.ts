import * as z from 'zod';
import {
  RESOURCE_TYPES,
  type ResourceType,
  toResourceType,
} from '../domain/resource-type.js';

/** The version of the restore request contract this schema implements. */
export const RESTORE_REQUEST_SCHEMA_VERSION = '1';

/**
 * Prefixes of the request keys restore-relay derives itself (`auto-` from a
 * request's hash, `alarm-` from an alarm transition, `plan-` for the steps
 * of recovery plans): a caller's `requestId` may not start with one, so no
 * writer can take a key another restore will need.
 */
export const RESERVED_REQUEST_ID_PREFIXES = ['auto-', 'alarm-', 'plan-'];

/**
 * Largest request accepted, in bytes of its JSON text, checked before it is
 * parsed or validated. EventBridge entries are at most 256 KiB
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html),
 * and AWS documents 200 KB for a whole restore metadata map.
 */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** Most keys accepted in `metadata` or `context`, checked before validation. */
export const MAX_MAP_KEYS = 100;

/** Largest `context` accepted, in bytes of its JSON form. */
export const MAX_CONTEXT_BYTES = 4096;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const JsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValue),
    z.record(z.string(), JsonValue),
  ])
);

// Vault names follow the Backup model: ^[a-zA-Z0-9\-\_]{2,50}$
// (docs/resource-types.md#get-restore-metadata).
const VaultName = z.string().regex(/^[a-zA-Z0-9_-]{2,50}$/, {
  error: 'must be 2–50 letters, digits, hyphens or underscores',
});

const Arn = z
  .string()
  .regex(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/, {
    error: 'must be an ARN (arn:aws:<service>:<region>:<account>:<resource>)',
  });

/**
 * An instant as requests write it: ISO 8601 with a time zone. Accepts `Z`
 * and numeric offsets, as CloudWatch writes them (`+0000` is normalised by
 * the alarm source before it builds a request; docs/events.md#alarm-detail).
 * Recovery plans take `recoverTo` in the same form (docs/recovery-plans.md).
 */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  error:
    'must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T04:15:00Z',
});

const ResourceTypeName = z
  .string()
  .transform((value, ctx): ResourceType => {
    const type = toResourceType(value);
    if (type === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown resource type "${value}"; allowed: ${RESOURCE_TYPES.join(', ')} (or an alias such as efs, dynamodb, rds)`,
      });
      return z.NEVER;
    }
    return type;
  })
  .meta({
    description:
      'AWS Backup resource type (Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3, Storage Gateway, VirtualMachine, CloudFormation, EKS, Redshift, Timestream, SAP HANA on Amazon EC2) or a case-insensitive alias (efs, dynamodb, rds, …).',
  });

const Selection = z
  .strictObject({
    strategy: z
      .literal('latest')
      .default('latest')
      .meta({ description: 'Which point to take: the newest that matches.' }),
    before: IsoDateTime.optional().meta({
      description: 'Only points created strictly before this instant.',
    }),
    after: IsoDateTime.optional().meta({
      description: 'Only points created strictly after this instant.',
    }),
    vaults: z
      .array(VaultName)
      .min(1)
      .max(20)
      .optional()
      .meta({ description: 'Only points in these vaults.' }),
  })
  .refine(
    (s) =>
      s.before === undefined ||
      s.after === undefined ||
      Date.parse(s.after) < Date.parse(s.before),
    { error: 'after must be earlier than before', path: ['after'] }
  );

/** The fields that name a request's recovery point. */
type RecoveryPointChoice = {
  readonly recoveryPointArn?: string | undefined;
  readonly backupVaultName?: string | undefined;
  readonly resourceArn?: string | undefined;
  readonly selection?: object | undefined;
};

/**
 * The one rule JSON Schema cannot say from the fields alone: a request names
 * its recovery point either by `recoveryPointArn` + `backupVaultName`, or by
 * `resourceArn` (+ `selection`). Shared with the request of a recovery plan
 * step (shared/recovery-plan/plan-step-request.ts).
 */
export const checkRecoveryPointChoice = (
  r: RecoveryPointChoice,
  ctx: z.RefinementCtx
): void => {
  if (r.recoveryPointArn !== undefined) {
    if (r.backupVaultName === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['backupVaultName'],
        message: 'is required with recoveryPointArn',
      });
    }
    for (const field of ['resourceArn', 'selection'] as const) {
      if (r[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message:
            'cannot be combined with recoveryPointArn; give either recoveryPointArn + backupVaultName, or resourceArn (+ selection)',
        });
      }
    }
  } else if (r.resourceArn === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['recoveryPointArn'],
      message:
        'a recovery point is required: give recoveryPointArn + backupVaultName, or resourceArn (+ selection)',
    });
  } else if (r.backupVaultName !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['backupVaultName'],
      message:
        'goes with recoveryPointArn; with resourceArn use selection.vaults',
    });
  }
};

/**
 * The restore request, version 1: what every source (SQS, EventBridge, direct
 * invocation, the CLI) accepts. Strict: an unknown field, such as a misspelt
 * `recoveryPointARN` or an `IamRoleArn`, is an error with its path, never
 * ignored (docs/reliability.md#security).
 */
export const RestoreRequestSchema = z
  .strictObject({
    schemaVersion: z
      .literal(RESTORE_REQUEST_SCHEMA_VERSION)
      .optional()
      .meta({ description: 'Contract version; "1" when absent.' }),
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, {
        error: 'must be 1–128 characters of A-Z a-z 0-9 . _ : -',
      })
      .regex(/^(?!(auto|alarm|plan)-)/i, {
        error: `must not start with ${RESERVED_REQUEST_ID_PREFIXES.join(', ')} (reserved for keys restore-relay derives)`,
      })
      .optional()
      .meta({
        description:
          'Idempotency key chosen by the caller. The same requestId always means the same restore. When absent, the key is a hash of the canonical request.',
      }),
    recoveryPointArn: Arn.optional().meta({
      description: 'Explicit recovery point; needs backupVaultName.',
    }),
    backupVaultName: VaultName.optional().meta({
      description: 'Vault that holds recoveryPointArn.',
    }),
    resourceArn: Arn.optional().meta({
      description:
        'Restore a recovery point of this resource, chosen by selection.',
    }),
    selection: Selection.optional(),
    resourceType: ResourceTypeName.optional(),
    metadata: z.record(z.string().min(1).max(256), JsonValue).optional().meta({
      description:
        'Overrides of the restore metadata. Any JSON value; booleans become "true"/"false", numbers decimal strings, lists and objects JSON strings.',
    }),
    restoreRole: z
      .string()
      .regex(/^([\w+=,.@-]{1,64}|arn:aws[a-z-]*:iam::\d{12}:role\/.+)$/, {
        error: 'must be a role name from the deployment allowlist',
      })
      .optional()
      .meta({
        description:
          "Name of a restore role from the deployment's allowlist; the deployment's default role when absent.",
      }),
    copySourceTags: z.boolean().optional().meta({
      description:
        'Copy the source tags to the restored resource (CopySourceTagsToRestoredResource). Refused for types where AWS fails the job with it.',
    }),
    dryRun: z.boolean().optional().meta({
      description:
        'Resolve and build, return the exact StartRestoreJob input, write nothing.',
    }),
    context: z
      .record(z.string(), JsonValue)
      .optional()
      .refine(
        (c) =>
          c === undefined ||
          Buffer.byteLength(JSON.stringify(c)) <= MAX_CONTEXT_BYTES,
        { error: `must be at most ${MAX_CONTEXT_BYTES} bytes as JSON` }
      )
      .meta({ description: 'Caller data echoed in every notification.' }),
    // SendTaskSuccess takes tokens of 1–2,048 characters
    // (https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html).
    taskToken: z.string().min(1).max(2048).optional().meta({
      description:
        'Step Functions task token ($$.Task.Token of a .waitForTaskToken task). When the job ends, restore-relay calls SendTaskSuccess with the restore.completed notification, or SendTaskFailure with the error RestoreFailed, RestoreAborted or RestoreStale; a rejected request fails the task with its error code.',
    }),
  })
  .superRefine(checkRecoveryPointChoice)
  .meta({
    title: 'restore-relay restore request v1',
    description:
      'Asks restore-relay to start one AWS Backup restore job. Give either recoveryPointArn + backupVaultName, or resourceArn (+ selection).',
  });

/** A restore request as the caller writes it (before defaults and aliases). */
export type RestoreRequestInput = z.input<typeof RestoreRequestSchema>;

/** A parsed, valid restore request: canonical resource type, defaults set. */
export type RestoreRequest = z.output<typeof RestoreRequestSchema>;

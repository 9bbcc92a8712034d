import * as z from 'zod';
import { RequestedBySchema } from '../domain/requested-by.js';
import { NOTIFICATION_SCHEMA_VERSION } from './restore-started.js';

/** `type` of the notification published when a restore job completed. */
export const RESTORE_COMPLETED = 'restore.completed';
/** `type` of the notification published when a restore job failed. */
export const RESTORE_FAILED = 'restore.failed';
/** `type` of the notification published when a restore job was aborted. */
export const RESTORE_ABORTED = 'restore.aborted';
/** `type` of the warning published when a job is open past the maximum age. */
export const RESTORE_STALE = 'restore.stale';

const JsonObject = z.record(z.string(), z.json());

/** Fields every outcome (and the stale warning) carries. */
const outcomeFields = {
  schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
  requestId: z.string().optional().meta({
    description:
      'The request key of the request that started the job. Absent only for jobs restore-relay did not start (REPORT_ALL_JOBS).',
  }),
  restoreJobId: z.string(),
  recoveryPointArn: z.string().optional(),
  resourceType: z.string().optional(),
  backupVaultName: z.string().optional(),
  source: z.string().meta({
    description:
      'The source the request came through (sqs, eventbridge, alarm, invoke, cli), or "external" for a job restore-relay did not start.',
  }),
  requestedBy: RequestedBySchema.optional().meta({
    description:
      'Who sent the request that started the job, from its job record. Absent for jobs restore-relay did not start, and for jobs recorded before restore-relay kept it.',
  }),
  startedAt: z.iso.datetime().optional().meta({
    description: 'When restore-relay started the job (UTC).',
  }),
  status: z.string().meta({
    description:
      'The job status AWS Backup reports: COMPLETED, FAILED, ABORTED (or PENDING/RUNNING in restore.stale, and UNKNOWN when AWS Backup no longer knows the job).',
  }),
  creationDate: z.iso.datetime().optional().meta({
    description: 'When AWS Backup created the job.',
  }),
  detectedBy: z.enum(['event', 'reconciler']).meta({
    description:
      'What told restore-relay: the AWS Backup event, or the reconciler asking DescribeRestoreJob because the event never came.',
  }),
  reportedAt: z.iso.datetime(),
  context: JsonObject.meta({
    description: "The request's context, echoed; {} when it had none.",
  }),
};

/** Fields of a terminal outcome (completed, failed, aborted). */
const terminalFields = {
  ...outcomeFields,
  completionDate: z.iso.datetime().optional(),
  durationSeconds: z.number().nonnegative().optional().meta({
    description: 'completionDate − creationDate, in seconds.',
  }),
  backupSizeInBytes: z.number().int().nonnegative().optional(),
};

/**
 * Published once per job when AWS Backup reports it COMPLETED. Filter SNS
 * subscriptions on the message attribute `type`.
 */
export const RestoreCompletedSchema = z
  .strictObject({
    ...terminalFields,
    type: z.literal(RESTORE_COMPLETED),
    createdResourceArn: z.string().optional().meta({
      description: 'The restored resource (AWS gives it on COMPLETED).',
    }),
  })
  .meta({ title: 'restore-relay notification: restore.completed' });

/** Published once per job when AWS Backup reports it FAILED. */
export const RestoreFailedSchema = z
  .strictObject({
    ...terminalFields,
    type: z.literal(RESTORE_FAILED),
    statusMessage: z.string().optional().meta({
      description: "AWS Backup's reason, as it reports it.",
    }),
  })
  .meta({ title: 'restore-relay notification: restore.failed' });

/** Published once per job when AWS Backup reports it ABORTED. */
export const RestoreAbortedSchema = z
  .strictObject({
    ...terminalFields,
    type: z.literal(RESTORE_ABORTED),
    statusMessage: z.string().optional(),
  })
  .meta({ title: 'restore-relay notification: restore.aborted' });

/**
 * Published once per job when it is still open past `STALE_AFTER_SECONDS`.
 * A warning, not an outcome: the job stays tracked and its real outcome is
 * still published when it ends. The exception is `status: 'UNKNOWN'`: AWS
 * Backup no longer knows the job, so restore-relay stops checking it (it
 * says so in `statusMessage`).
 */
export const RestoreStaleSchema = z
  .strictObject({
    ...outcomeFields,
    type: z.literal(RESTORE_STALE),
    statusMessage: z.string().optional().meta({
      description:
        "AWS Backup's message about the job when it gives one; for status UNKNOWN, why restore-relay stopped checking the job.",
    }),
    percentDone: z.string().optional().meta({
      description: 'Progress as DescribeRestoreJob reports it, e.g. "42.00%".',
    }),
    ageSeconds: z.number().int().nonnegative().meta({
      description: 'Seconds since restore-relay started the job.',
    }),
    staleAfterSeconds: z.number().int().positive(),
  })
  .meta({ title: 'restore-relay notification: restore.stale' });

/** A `restore.completed` notification. */
export type RestoreCompleted = z.infer<typeof RestoreCompletedSchema>;
/** A `restore.failed` notification. */
export type RestoreFailed = z.infer<typeof RestoreFailedSchema>;
/** A `restore.aborted` notification. */
export type RestoreAborted = z.infer<typeof RestoreAbortedSchema>;
/** A `restore.stale` notification. */
export type RestoreStale = z.infer<typeof RestoreStaleSchema>;

/** The notification of a job that ended. */
export type RestoreOutcome = RestoreCompleted | RestoreFailed | RestoreAborted;

/** The outcome notification types, in status order. */
export const OUTCOME_TYPE_BY_STATUS = {
  COMPLETED: RESTORE_COMPLETED,
  FAILED: RESTORE_FAILED,
  ABORTED: RESTORE_ABORTED,
} as const;

const OUTCOME_SCHEMAS = {
  [RESTORE_COMPLETED]: RestoreCompletedSchema,
  [RESTORE_FAILED]: RestoreFailedSchema,
  [RESTORE_ABORTED]: RestoreAbortedSchema,
} as const;

/** The fields of an outcome, before the version and type are filled in. */
export type RestoreOutcomeFields = Omit<
  RestoreCompleted,
  'schemaVersion' | 'type'
> & { readonly statusMessage?: string };

/**
 * Builds the outcome notification for a terminal status: `restore.completed`
 * keeps `createdResourceArn`, the others keep `statusMessage`.
 *
 * @example
 * ```ts
 * buildRestoreOutcome('FAILED', { restoreJobId, status: 'FAILED', statusMessage, … });
 * ```
 */
export const buildRestoreOutcome = (
  status: keyof typeof OUTCOME_TYPE_BY_STATUS,
  fields: RestoreOutcomeFields
): RestoreOutcome => {
  const type = OUTCOME_TYPE_BY_STATUS[status];
  const { createdResourceArn, statusMessage, ...common } = fields;
  const specific =
    type === RESTORE_COMPLETED
      ? createdResourceArn === undefined
        ? {}
        : { createdResourceArn }
      : statusMessage === undefined
        ? {}
        : { statusMessage };
  return OUTCOME_SCHEMAS[type].parse({
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    type,
    ...common,
    ...specific,
  });
};

/**
 * Builds a `restore.stale` warning.
 *
 * @example
 * ```ts
 * buildRestoreStale({ restoreJobId, status: 'RUNNING', ageSeconds, staleAfterSeconds, … });
 * ```
 */
export const buildRestoreStale = (
  fields: Omit<RestoreStale, 'schemaVersion' | 'type'>
): RestoreStale =>
  RestoreStaleSchema.parse({
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    type: RESTORE_STALE,
    ...fields,
  });

import * as z from 'zod';
import { RequestedBySchema } from '../domain/requested-by.js';

/** The version of the notification contract. */
export const NOTIFICATION_SCHEMA_VERSION = '1';

/** `type` of the notification published when a restore job has started. */
export const RESTORE_STARTED = 'restore.started';

const JsonObject = z.record(z.string(), z.json());

/**
 * Published once a restore job has started (at least once per job;
 * consumers deduplicate by `restoreJobId`). Filter subscriptions on the SNS
 * message attributes `type`, `resourceType` and `requestId`.
 */
export const RestoreStartedSchema = z
  .strictObject({
    schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
    type: z.literal(RESTORE_STARTED),
    requestId: z.string().meta({
      description: "The request key: the caller's requestId, or auto-<hash>.",
    }),
    restoreJobId: z.string(),
    recoveryPointArn: z.string(),
    resourceType: z.string(),
    backupVaultName: z.string(),
    source: z.string().meta({
      description:
        'The source the request came through: sqs, eventbridge, alarm, invoke, cli.',
    }),
    requestedBy: RequestedBySchema.optional(),
    startedAt: z.iso.datetime().meta({
      description: 'When restore-relay first started the job (UTC).',
    }),
    context: JsonObject.meta({
      description: "The request's context, echoed; {} when it had none.",
    }),
  })
  .meta({
    title: 'restore-relay notification: restore.started',
  });

/** A `restore.started` notification. */
export type RestoreStarted = z.infer<typeof RestoreStartedSchema>;

/**
 * Builds a `restore.started` notification; the schema version and type are
 * filled in.
 *
 * @example
 * ```ts
 * buildRestoreStarted({ requestId, restoreJobId, ... , context: {} });
 * ```
 */
export const buildRestoreStarted = (
  fields: Omit<RestoreStarted, 'schemaVersion' | 'type'>
): RestoreStarted =>
  RestoreStartedSchema.parse({
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    type: RESTORE_STARTED,
    ...fields,
  });

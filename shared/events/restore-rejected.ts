import * as z from 'zod';
import { RequestedBySchema } from '../domain/requested-by.js';
import { truncateUtf8 } from '../domain/truncate-utf8.js';
import { redactOriginal } from './redact-original.js';
import { NOTIFICATION_SCHEMA_VERSION } from './restore-started.js';

/** `type` of the notification published when a request is refused for good. */
export const RESTORE_REJECTED = 'restore.rejected';

/** Largest `original` kept in a notification, in bytes (SNS allows 256 KiB). */
export const MAX_ORIGINAL_BYTES = 64 * 1024;

const JsonObject = z.record(z.string(), z.json());

/**
 * Published when a request can never succeed as sent: invalid, against
 * policy, no matching recovery point, or a requestId reused for another
 * restore. The request is also kept in the dead-letter queue, so nothing is
 * lost; fix it and send it again (with a new requestId if the old one was
 * used).
 */
export const RestoreRejectedSchema = z
  .strictObject({
    schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
    type: z.literal(RESTORE_REJECTED),
    requestId: z.string().optional().meta({
      description:
        'The request key when the request was readable enough to have one.',
    }),
    resourceType: z.string().optional(),
    source: z.string().meta({
      description:
        'The source the request came through: sqs, eventbridge, alarm, invoke.',
    }),
    requestedBy: RequestedBySchema.optional(),
    reason: z.strictObject({
      code: z.string().meta({
        description:
          'Stable error code: RestoreRequestInvalid, PolicyViolation, RecoveryPointNotFound, RecoveryPointNotRestorable, IdempotencyConflict, AwsRequestRejected.',
      }),
      message: z.string(),
      problems: z
        .array(z.strictObject({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'Every problem found, each with its path.' }),
    }),
    original: z.string().meta({
      description:
        'The request as received (the SQS body, or the event as JSON) with every metadata value and task token replaced by "[redacted]", cut to 64 KiB; a body that is not JSON is not repeated. The raw request is kept only in the dead-letter queue.',
    }),
    originalTruncated: z.boolean(),
    messageId: z.string().optional().meta({
      description: 'The SQS message id, for requests from the queue.',
    }),
    eventId: z.string().optional().meta({
      description: 'The EventBridge event id, for events and alarms.',
    }),
    rejectedAt: z.iso.datetime(),
    context: JsonObject.meta({
      description: "The request's context, echoed; {} when it had none.",
    }),
  })
  .meta({ title: 'restore-relay notification: restore.rejected' });

/** A `restore.rejected` notification. */
export type RestoreRejected = z.infer<typeof RestoreRejectedSchema>;

/**
 * Builds a `restore.rejected` notification; the version and type are
 * filled in, and `original` is redacted ({@link redactOriginal}: no
 * metadata value, no task token reaches a subscriber) and cut to
 * {@link MAX_ORIGINAL_BYTES}.
 *
 * @example
 * ```ts
 * buildRestoreRejected({ source: 'sqs', reason: { code, message }, original: body, rejectedAt, context: {} });
 * ```
 */
export const buildRestoreRejected = (
  fields: Omit<RestoreRejected, 'schemaVersion' | 'type' | 'originalTruncated'>
): RestoreRejected => {
  const { text, truncated } = truncateUtf8(
    redactOriginal(fields.original),
    MAX_ORIGINAL_BYTES
  );
  return RestoreRejectedSchema.parse({
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    type: RESTORE_REJECTED,
    ...fields,
    original: text,
    originalTruncated: truncated,
  });
};

import * as z from 'zod';
import { readRestoreRequestBody } from '#shared/events/read-restore-request';

/**
 * The attributes of an SQS record, as Powertools' `SqsAttributesSchema`
 * reads them.
 */
const SqsAttributesSchema = z.object({
  ApproximateReceiveCount: z.string(),
  ApproximateFirstReceiveTimestamp: z.string(),
  MessageDeduplicationId: z.string().optional(),
  MessageGroupId: z.string().optional(),
  SenderId: z.string(),
  SentTimestamp: z.string(),
  SequenceNumber: z.string().optional(),
  AWSTraceHeader: z.string().optional(),
  DeadLetterQueueSourceArn: z.string().optional(),
});

/** A message attribute, as Powertools' `SqsMsgAttributeSchema` reads it. */
const SqsMessageAttributeSchema = z.object({
  stringValue: z.string().optional().nullable(),
  binaryValue: z.string().optional().nullable(),
  stringListValues: z.array(z.string()).optional(),
  binaryListValues: z.array(z.string()).optional(),
  dataType: z.string(),
});

/**
 * An SQS record of the request queue: the fields of Powertools'
 * `SqsRecordSchema`, with the body read as a restore request. An invalid
 * body does not fail parsing: it becomes a reading the record handler
 * rejects (notified and kept in the dead-letter queue), instead of a batch
 * item failure that SQS would redeliver in vain.
 *
 * Our own schema rather than the parser's: its schemas `import { z }` from
 * zod, and that one import bundles the whole of zod, locales included
 * (a `z.…` reached through `import * as z` is tree-shaken).
 */
export const SqsRestoreRecordSchema = z.object({
  messageId: z.string(),
  receiptHandle: z.string(),
  body: z
    .string()
    .transform((text) => ({ text, reading: readRestoreRequestBody(text) })),
  attributes: SqsAttributesSchema,
  messageAttributes: z.record(z.string(), SqsMessageAttributeSchema),
  md5OfBody: z.string(),
  md5OfMessageAttributes: z.string().optional().nullable(),
  eventSource: z.literal('aws:sqs'),
  eventSourceARN: z.string(),
  awsRegion: z.string(),
});

/** A parsed record: the raw body, and the request read from it. */
export type SqsRestoreRecord = z.output<typeof SqsRestoreRecordSchema>;

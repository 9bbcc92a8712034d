import { SqsRecordSchema } from '@aws-lambda-powertools/parser/schemas';
import { z } from 'zod';
import { readRestoreRequestBody } from '#shared/events/read-restore-request';

/**
 * An SQS record of the request queue. The body is read with the restore
 * request schema inside the batch parser, but an invalid body does not fail
 * parsing: it becomes a reading the record handler rejects (notified and
 * kept in the dead-letter queue), instead of a batch item failure that SQS
 * would redeliver in vain.
 */
export const SqsRestoreRecordSchema = SqsRecordSchema.extend({
  body: z
    .string()
    .transform((text) => ({ text, reading: readRestoreRequestBody(text) })),
});

/** A parsed record: the raw body, and the request read from it. */
export type SqsRestoreRecord = z.output<typeof SqsRestoreRecordSchema>;

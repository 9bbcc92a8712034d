import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createKeyedLimiter } from '#shared/domain/keyed-limiter';
import {
  baseMiddleware,
  idempotencyContext,
  type RelayContext,
} from '#shared/middleware/base-middleware';
import { logger } from '#shared/observability/logger';
import { getSqsRestoreDeps, type SqsRestoreDeps } from './deps.js';
import { restoreFromRecord } from './restore-from-record.js';
import { SqsRestoreRecordSchema } from './sqs-restore-record.js';

// Records are parsed by the record handler below, not by the batch
// parser integration: `@aws-lambda-powertools/batch/parser` loads the
// parser's helpers and every stream schema, which would all be bundled.
// A record that fails the schema throws, so it is a batch item failure
// all the same.
const processor = new BatchProcessor(EventType.SQS, { logger });

const run = async (
  event: SQSEvent,
  context: RelayContext<SqsRestoreDeps>
): Promise<SQSBatchResponse> => {
  const { deps } = context;
  // In parallel, but bounded and one at a time per request key: see
  // createKeyedLimiter and docs/reliability.md#sqs-delivery.
  const limiter = createKeyedLimiter(deps.recordConcurrency);
  return processPartialResponse(
    event,
    (record: SQSRecord) =>
      restoreFromRecord(SqsRestoreRecordSchema.parse(record), deps, limiter),
    processor,
    { context, processInParallel: true }
  );
};

/** The request queue's trigger (partial batch responses). */
export const handler = middy<
  SQSEvent,
  SQSBatchResponse,
  Error,
  RelayContext<SqsRestoreDeps>
>()
  .use(baseMiddleware(getSqsRestoreDeps))
  .use(idempotencyContext<SqsRestoreDeps>())
  .handler(run);

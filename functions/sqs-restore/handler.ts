import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type {
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { getRelayDeps } from '#shared/adapters/relay-deps';
import { createKeyedLimiter } from '#shared/domain/keyed-limiter';
import { baseMiddleware } from '#shared/middleware/base-middleware';
import { logger } from '#shared/observability/logger';
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
  context: Context
): Promise<SQSBatchResponse> => {
  const deps = getRelayDeps();
  deps.idempotency.registerLambdaContext(context);
  // In parallel, but bounded and one at a time per request key: see
  // createKeyedLimiter and reliability-and-limits.md §2.1.
  const limiter = createKeyedLimiter(deps.config.recordConcurrency);
  return processPartialResponse(
    event,
    (record: SQSRecord) =>
      restoreFromRecord(SqsRestoreRecordSchema.parse(record), deps, limiter),
    processor,
    { context, processInParallel: true }
  );
};

/** The request queue's trigger (partial batch responses). */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(baseMiddleware(getRelayDeps))
  .handler(run);

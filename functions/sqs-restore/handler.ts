import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { getRelayDeps } from '#shared/adapters/relay-deps';
import { createKeyedLimiter } from '#shared/domain/keyed-limiter';
import { baseMiddleware } from '#shared/middleware/base-middleware';
import { logger } from '#shared/observability/logger';
import { restoreFromRecord } from './restore-from-record.js';
import { type SqsRestoreRecord, SqsRestoreRecordSchema } from './schema.js';

const processor = new BatchProcessor(EventType.SQS, {
  parser,
  schema: SqsRestoreRecordSchema,
  logger,
});

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
    (record: SqsRestoreRecord) => restoreFromRecord(record, deps, limiter),
    processor,
    { context, processInParallel: true }
  );
};

/** The request queue's trigger (partial batch responses). */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(baseMiddleware(getRelayDeps))
  .handler(run);

import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { getRelayDeps } from '#shared/adapters/relay-deps';
import { serializeJson } from '#shared/domain/serialize-json';
import { readRestoreRequest } from '#shared/events/read-restore-request';
import { baseMiddleware } from '#shared/middleware/base-middleware';
import { invokeErrors } from '#shared/middleware/invoke-error';
import { startOrReject } from '#shared/use-cases/start-or-reject';
import type { InvokeRestoreResult } from './invoke-result.js';
import { requestedByOfInvocation } from './requested-by.js';

const run = async (
  event: unknown,
  context: Context
): Promise<InvokeRestoreResult> => {
  const deps = getRelayDeps();
  deps.idempotency.registerLambdaContext(context);
  // Iterative: a deeply nested payload must still be kept and rejected.
  const original = serializeJson(event);
  const reading = readRestoreRequest(event, {
    sizeBytes: Buffer.byteLength(original, 'utf8'),
  });
  const result = await startOrReject(reading, deps, {
    source: 'invoke',
    original,
    requestedBy: requestedByOfInvocation(event),
  });
  if (result.status === 'rejected') {
    throw result.error;
  }
  return result.result;
};

/**
 * Direct invocation (Step Functions, another Lambda, `aws lambda invoke`):
 * the request is the payload; the result carries the RestoreJobId; failures
 * are errors named by their code, for Step Functions `Retry`/`Catch`.
 */
export const handler = middy<unknown, InvokeRestoreResult>()
  .use(baseMiddleware(getRelayDeps))
  .use(invokeErrors())
  .handler(run);

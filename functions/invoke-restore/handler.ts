import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { getRelayDeps } from '#shared/adapters/relay-deps';
import { serializeJson } from '#shared/domain/serialize-json';
import { readRestoreRequest } from '#shared/events/read-restore-request';
import { baseMiddleware } from '#shared/middleware/base-middleware';
import { invokeErrors } from '#shared/middleware/invoke-error';
import { acceptRestoreRequest } from '#shared/use-cases/accept-restore-request';
import { requestedByOfInvocation } from './requested-by.js';
import type { InvokeRestoreResult } from './schema.js';

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
  const outcome = await acceptRestoreRequest(reading, deps, {
    source: 'invoke',
    original,
    requestedBy: requestedByOfInvocation(event),
  });
  if (outcome.status === 'rejected') {
    throw outcome.error;
  }
  return outcome.result;
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

import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { getRelayDeps } from '#shared/adapters/relay-deps';
import { baseMiddleware } from '#shared/middleware/base-middleware';
import {
  type ResultSummary,
  summarizeResult,
} from '#shared/use-cases/start-or-reject';
import { restoreFromEvent } from './restore-from-event.js';

const run = async (
  event: unknown,
  context: Context
): Promise<ResultSummary> => {
  const deps = getRelayDeps();
  deps.idempotency.registerLambdaContext(context);
  return summarizeResult(await restoreFromEvent(event, deps));
};

/**
 * EventBridge: "Restore Requested" custom events and CloudWatch alarms
 * entering ALARM (asynchronous invocation; retries and the on-failure
 * destination are set in serverless.yml).
 */
export const handler = middy<unknown, ResultSummary>()
  .use(baseMiddleware(getRelayDeps))
  .handler(run);

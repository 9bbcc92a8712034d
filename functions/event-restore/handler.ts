import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { getRelayDeps } from '#shared/adapters/relay-deps';
import { baseMiddleware } from '#shared/middleware/base-middleware';
import {
  type OutcomeSummary,
  summarizeOutcome,
} from '#shared/use-cases/accept-restore-request';
import { restoreFromEvent } from './restore-from-event.js';

const run = async (
  event: unknown,
  context: Context
): Promise<OutcomeSummary> => {
  const deps = getRelayDeps();
  deps.idempotency.registerLambdaContext(context);
  return summarizeOutcome(await restoreFromEvent(event, deps));
};

/**
 * EventBridge: "Restore Requested" custom events and CloudWatch alarms
 * entering ALARM (asynchronous invocation; retries and the on-failure
 * destination are set in serverless.yml).
 */
export const handler = middy<unknown, OutcomeSummary>()
  .use(baseMiddleware(getRelayDeps))
  .handler(run);

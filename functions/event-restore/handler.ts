import middy from '@middy/core';
import {
  baseMiddleware,
  idempotencyContext,
  type RelayContext,
} from '#shared/middleware/base-middleware';
import {
  type ResultSummary,
  summarizeResult,
} from '#shared/use-cases/start-or-reject';
import { type EventRestoreDeps, getEventRestoreDeps } from './deps.js';
import { restoreFromEvent } from './restore-from-event.js';

const run = async (
  event: unknown,
  context: RelayContext<EventRestoreDeps>
): Promise<ResultSummary> =>
  summarizeResult(await restoreFromEvent(event, context.deps));

/**
 * EventBridge: "Restore Requested" custom events and CloudWatch alarms
 * entering ALARM (asynchronous invocation; retries and the on-failure
 * destination are set in serverless.yml).
 */
export const handler = middy<
  unknown,
  ResultSummary,
  Error,
  RelayContext<EventRestoreDeps>
>()
  .use(baseMiddleware(getEventRestoreDeps))
  .use(idempotencyContext<EventRestoreDeps>())
  .handler(run);

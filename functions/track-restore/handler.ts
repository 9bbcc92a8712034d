import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import {
  type RestoreJobStateChange,
  RestoreJobStateChangeSchema,
} from '#shared/events/restore-job-state-change';
import {
  baseMiddleware,
  type RelayContext,
} from '#shared/middleware/base-middleware';
import {
  type RecordOutcomeDeps,
  recordOutcome,
} from '#shared/use-cases/record-outcome';
import { getTrackRestoreDeps } from './deps.js';
import { observationFromEvent } from './observation-from-event.js';

/** What one event did, for the invocation's result and tests. */
export interface TrackResult {
  readonly restoreJobId: string;
  readonly status: 'published' | 'duplicate' | 'not-terminal' | 'foreign';
  readonly type?: string;
}

const run = async (
  event: RestoreJobStateChange,
  context: RelayContext<RecordOutcomeDeps>
): Promise<TrackResult> => {
  const result = await recordOutcome(observationFromEvent(event), context.deps);
  return {
    restoreJobId: event.detail.restoreJobId,
    status: result.status,
    ...(result.status === 'published' ? { type: result.outcome.type } : {}),
  };
};

/**
 * AWS Backup "Restore Job State Change" events in an end state (the rule
 * filters on `detail.status`): publishes each job's outcome once.
 * Asynchronous invocation: a retryable failure is thrown for Lambda's
 * retries, then the on-failure destination; the reconciler is the backstop.
 */
export const handler = middy<
  RestoreJobStateChange,
  TrackResult,
  Error,
  RelayContext<RecordOutcomeDeps>
>()
  .use(baseMiddleware(getTrackRestoreDeps))
  .use(parser({ schema: RestoreJobStateChangeSchema }))
  .handler(run);

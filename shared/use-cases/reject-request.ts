import type { Clock } from '../domain/clock.js';
import type { JsonObject } from '../domain/json.js';
import type { Problem } from '../domain/problem.js';
import type { RequestedBy } from '../domain/requested-by.js';
import type { AppError } from '../errors/app-error.js';
import {
  PolicyViolationError,
  RestoreRequestInvalidError,
} from '../errors/errors.js';
import { buildRestoreRejected } from '../events/restore-rejected.js';
import type { DeadLetterQueue } from '../ports/dead-letter-queue.js';
import type { Log } from '../ports/log.js';
import type { Notifier } from '../ports/notifier.js';
import type { RestoreMetrics } from '../ports/restore-metrics.js';
import type { TaskCallbacks } from '../ports/task-callbacks.js';

/** The ports {@link rejectRequest} needs. */
export interface RejectRequestDeps {
  readonly deadLetters: DeadLetterQueue;
  readonly notifier: Notifier;
  readonly metrics: RestoreMetrics;
  readonly callbacks: TaskCallbacks;
  readonly clock: Clock;
  readonly log: Log;
}

/** A request refused for good, and where it came from. */
export interface Rejection {
  /** A permanent error (`retryable` false). */
  readonly error: AppError;
  readonly source: string;
  /** Who sent the request, where AWS says. */
  readonly requestedBy?: RequestedBy;
  /** The request as received: the SQS body, or the event as JSON. */
  readonly original: string;
  readonly requestId?: string;
  readonly resourceType?: string;
  readonly messageId?: string;
  readonly eventId?: string;
  readonly context?: JsonObject;
  /** The Step Functions task waiting for this request, if any. */
  readonly taskToken?: string;
}

const problemsOf = (error: AppError): readonly Problem[] | undefined => {
  if (error instanceof RestoreRequestInvalidError) {
    return error.problems;
  }
  if (error instanceof PolicyViolationError) {
    return [error.problem];
  }
  return undefined;
};

/**
 * Keeps and announces a request that can never succeed as sent, so that it
 * is neither dropped nor retried in vain (docs/reliability.md#r3).
 *
 * 1. Copy the request to the dead-letter queue with the error as message
 *    attributes. First, because keeping it is the guarantee; if it fails
 *    the error is retryable and the source redelivers.
 * 2. Publish `restore.rejected`. If this fails, the retry copies the request
 *    again: a duplicate in the queue is better than a lost rejection.
 * 3. Fail the waiting Step Functions task, if the request brought one,
 *    with the error code as the error name (a request sent with
 *    `sqs:sendMessage.waitForTaskToken` would otherwise wait until its
 *    timeout).
 * 4. Count `RestoreRejected` and log the code (never the request's
 *    metadata values).
 *
 * @throws DependencyFailureError or RestoreThrottledError (retryable) when the request
 * could not be kept or announced
 */
export const rejectRequest = async (
  rejection: Rejection,
  deps: RejectRequestDeps
): Promise<void> => {
  const { error } = rejection;
  const rejectedAt = deps.clock.now().toISOString();
  const ids = {
    ...(rejection.requestId === undefined
      ? {}
      : { requestId: rejection.requestId }),
    ...(rejection.messageId === undefined
      ? {}
      : { messageId: rejection.messageId }),
    ...(rejection.eventId === undefined ? {} : { eventId: rejection.eventId }),
  };
  await deps.deadLetters.send({
    body: rejection.original,
    attributes: {
      errorCode: error.code,
      errorMessage: error.message,
      source: rejection.source,
      rejectedAt,
      ...ids,
      // At most 8 of the 10 attributes SQS allows, and within the adapter's
      // 1,024 characters: every RequestedBy value is bounded.
      ...(rejection.requestedBy === undefined
        ? {}
        : { requestedBy: JSON.stringify(rejection.requestedBy) }),
    },
  });
  const problems = problemsOf(error);
  await deps.notifier.publish(
    buildRestoreRejected({
      ...ids,
      ...(rejection.resourceType === undefined
        ? {}
        : { resourceType: rejection.resourceType }),
      source: rejection.source,
      ...(rejection.requestedBy === undefined
        ? {}
        : { requestedBy: rejection.requestedBy }),
      reason: {
        code: error.code,
        message: error.message,
        ...(problems === undefined ? {} : { problems: [...problems] }),
      },
      original: rejection.original,
      rejectedAt,
      context: rejection.context ?? {},
    })
  );
  if (rejection.taskToken !== undefined) {
    await deps.callbacks.fail(
      rejection.taskToken,
      error.code,
      JSON.stringify({ ...ids, code: error.code, message: error.message })
    );
  }
  deps.metrics.count('RestoreRejected', {
    source: rejection.source,
    resourceType: rejection.resourceType ?? 'Unknown',
  });
  deps.log.warn('restore request rejected', {
    ...ids,
    source: rejection.source,
    errorCode: error.code,
    // Problem messages name fields and allowed values, never metadata values.
    problems,
  });
};

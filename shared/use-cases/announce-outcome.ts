import { AppError } from '../errors/app-error.js';
import type { OutcomeNotification } from '../events/outcome-event.js';
import type { Log } from '../ports/log.js';
import type { Notifier } from '../ports/notifier.js';
import type { OutcomeEvents } from '../ports/outcome-events.js';
import type { TaskCallbacks } from '../ports/task-callbacks.js';

/** The ports an outcome is announced through. */
export interface AnnounceDeps {
  readonly notifier: Notifier;
  readonly outcomeEvents: OutcomeEvents;
  readonly callbacks: TaskCallbacks;
  readonly log: Log;
}

/** Whether a failure may pass on retry (an unexpected error may). */
const isRetryable = (error: unknown): boolean =>
  !(error instanceof AppError) || error.retryable;

/**
 * The Step Functions error name of an outcome that is not a success. A
 * state machine matches it in `Catch` or `Retry` (`ErrorEquals`).
 */
export const TASK_ERROR_BY_TYPE = {
  'restore.failed': 'RestoreFailed',
  'restore.aborted': 'RestoreAborted',
  'restore.stale': 'RestoreStale',
} as const;

/**
 * Answers waiting Step Functions tasks: `SendTaskSuccess` with the
 * notification for a completed job, else `SendTaskFailure` with the
 * {@link TASK_ERROR_BY_TYPE} name and the notification as the cause. A task
 * that no longer waits is skipped; a permanent refusal is logged, so one
 * bad token never blocks the others.
 *
 * @throws the first retryable failure, after every token was tried
 */
export const answerTasks = async (
  taskTokens: readonly string[],
  notification: OutcomeNotification,
  deps: Pick<AnnounceDeps, 'callbacks' | 'log'>
): Promise<void> => {
  const results = await Promise.allSettled(
    taskTokens.map((token) =>
      notification.type === 'restore.completed'
        ? deps.callbacks.succeed(token, notification)
        : deps.callbacks.fail(
            token,
            TASK_ERROR_BY_TYPE[notification.type],
            JSON.stringify(notification)
          )
    )
  );
  let retryable: unknown;
  for (const result of results) {
    if (result.status === 'fulfilled') {
      if (result.value === 'gone') {
        deps.log.info('task no longer waiting; callback skipped', {
          restoreJobId: notification.restoreJobId,
        });
      }
    } else if (!isRetryable(result.reason)) {
      const error = result.reason as AppError;
      deps.log.warn('task callback refused', {
        restoreJobId: notification.restoreJobId,
        errorCode: error.code,
        error: error.message,
      });
    } else {
      retryable ??= result.reason;
    }
  }
  if (retryable !== undefined) {
    throw retryable;
  }
};

/**
 * Announces an outcome (or the stale warning) everywhere at once: the SNS
 * topic, the EventBridge bus and every waiting task.
 *
 * - All three are tried even when one fails. A retryable failure is thrown
 *   (after all were tried), and the retry announces again: subscribers may
 *   see a notification twice (they deduplicate by `restoreJobId` and
 *   `type`), while a task answered twice is a no-op (the second answer
 *   finds it gone).
 * - A permanent refusal (a missing bus, a denied action) is logged and
 *   counted as done: retrying cannot fix it, and would repeat the channels
 *   that worked on every reconciler run.
 *
 * @throws the first retryable failure
 */
export const announceOutcome = async (
  notification: OutcomeNotification,
  taskTokens: readonly string[],
  deps: AnnounceDeps
): Promise<void> => {
  const channels = ['sns', 'eventbridge', 'stepfunctions'] as const;
  const results = await Promise.allSettled([
    deps.notifier.publish(notification),
    deps.outcomeEvents.put(notification),
    answerTasks(taskTokens, notification, deps),
  ]);
  let retryable: unknown;
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      return;
    }
    if (isRetryable(result.reason)) {
      retryable ??= result.reason;
      return;
    }
    const error = result.reason as AppError;
    deps.log.warn('outcome channel refused the notification', {
      channel: channels[i],
      restoreJobId: notification.restoreJobId,
      type: notification.type,
      errorCode: error.code,
      error: error.message,
    });
  });
  if (retryable !== undefined) {
    throw retryable;
  }
};

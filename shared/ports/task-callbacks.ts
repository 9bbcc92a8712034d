/** What became of a callback. */
export type CallbackResult =
  /** Step Functions took it. */
  | 'sent'
  /** The task is gone: answered already, timed out, or the token is invalid. */
  | 'gone';

/** Answers Step Functions tasks waiting with `.waitForTaskToken`. */
export interface TaskCallbacks {
  /**
   * @param output the JSON the task's state outputs
   * @throws RestoreThrottledError or DependencyFailureError (retryable)
   */
  succeed(taskToken: string, output: unknown): Promise<CallbackResult>;

  /**
   * @param error the name a state machine's `Catch`/`Retry` matches
   * @throws RestoreThrottledError or DependencyFailureError (retryable)
   */
  fail(
    taskToken: string,
    error: string,
    cause: string
  ): Promise<CallbackResult>;
}

import type { OutcomeNotification } from '../events/outcome-event.js';

/**
 * Puts outcomes on an EventBridge bus, so other workflows can chain on them
 * ("Restore Completed", "Restore Failed", "Restore Stale").
 */
export interface OutcomeEvents {
  /**
   * @throws RestoreThrottledError or DependencyFailureError (retryable), AwsRequestRejectedError
   */
  put(notification: OutcomeNotification): Promise<void>;
}

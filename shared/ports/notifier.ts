import type { RelayNotification } from '../events/relay-notification.js';

/** Publishes restore-relay notifications (SNS in production). */
export interface Notifier {
  /**
   * @throws RestoreThrottledError or DependencyFailureError (retryable)
   */
  publish(notification: RelayNotification): Promise<void>;
}

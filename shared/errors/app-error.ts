/**
 * Base class of every error restore-relay raises on purpose.
 *
 * `code` is stable and part of the contract (notifications, Step Functions
 * error names, logs); `retryable` tells the trigger whether to redeliver.
 */
export abstract class AppError extends Error {
  /** Stable, machine-readable error code. */
  abstract readonly code: string;
  /** True when the same request may succeed if delivered again later. */
  abstract readonly retryable: boolean;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
  }
}

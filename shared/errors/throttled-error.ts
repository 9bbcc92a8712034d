import { AppError } from './app-error.js';

/**
 * AWS throttled a call (AWS Backup allows 5 `StartRestoreJob` calls per second per account and Region). Retryable.
 *
 * @see https://docs.aws.amazon.com/general/latest/gr/bk.html
 */
export class ThrottledError extends AppError {
  readonly code = 'RestoreThrottled';
  readonly retryable = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ThrottledError';
  }
}

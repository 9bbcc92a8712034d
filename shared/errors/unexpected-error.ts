import { AppError } from './app-error.js';

/**
 * Something that is not one of our errors failed while a request was
 * handled: a bug, or an error thrown where none was expected. It is a
 * retry, bounded by the trigger (SQS's redrive to the dead-letter queue
 * after its receive count, Lambda's two async retries then the on-failure
 * destination, the caller's own `Retry`), never a rejection: the restore
 * may already have started, and a rejection would then be false. The
 * original error is the `cause`.
 */
export class UnexpectedError extends AppError {
  readonly code = 'InternalError';
  readonly retryable = true;

  constructor(options?: ErrorOptions) {
    super(
      'an unexpected error stopped the request; it will be retried, then kept in the dead-letter queue',
      options
    );
    this.name = 'UnexpectedError';
  }
}

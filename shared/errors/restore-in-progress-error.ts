import { AppError } from './app-error.js';

/**
 * Another delivery of the same request is being processed right now. Retryable: the next delivery gets that delivery's result.
 */
export class RestoreInProgressError extends AppError {
  readonly code = 'RestoreInProgress';
  readonly retryable = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RestoreInProgressError';
  }
}

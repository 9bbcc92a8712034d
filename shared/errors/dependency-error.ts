import { AppError } from './app-error.js';

/**
 * An AWS dependency failed in a way that may pass: a 5xx, a timeout, a reset connection. Retryable.
 */
export class DependencyError extends AppError {
  readonly code = 'DependencyFailure';
  readonly retryable = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DependencyError';
  }
}

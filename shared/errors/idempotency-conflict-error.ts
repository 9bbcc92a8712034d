import { AppError } from './app-error.js';

/**
 * A request reuses a request key that an earlier request with different content already used. Nothing is started. Permanent: send a new `requestId` for a different restore.
 */
export class IdempotencyConflictError extends AppError {
  readonly code = 'IdempotencyConflict';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyConflictError';
  }
}

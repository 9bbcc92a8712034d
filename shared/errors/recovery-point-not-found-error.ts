import { AppError } from './app-error.js';

/**
 * No recovery point matches the request: the explicit ARN does not exist in the vault, or no point of the resource passes the selection filters. Permanent.
 */
export class RecoveryPointNotFoundError extends AppError {
  readonly code = 'RecoveryPointNotFound';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RecoveryPointNotFoundError';
  }
}

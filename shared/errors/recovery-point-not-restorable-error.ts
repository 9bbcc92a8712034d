import { AppError } from './app-error.js';

/**
 * The recovery point exists but cannot be restored now, because its status is neither `COMPLETED` nor `AVAILABLE`. Permanent: redelivering the same request will not change the point's status in time.
 */
export class RecoveryPointNotRestorableError extends AppError {
  readonly code = 'RecoveryPointNotRestorable';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RecoveryPointNotRestorableError';
  }
}

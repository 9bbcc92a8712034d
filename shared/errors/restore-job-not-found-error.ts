import { AppError } from './app-error.js';

/** AWS Backup does not know the restore job (DescribeRestoreJob). Permanent. */
export class RestoreJobNotFoundError extends AppError {
  readonly code = 'RestoreJobNotFound';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RestoreJobNotFoundError';
  }
}

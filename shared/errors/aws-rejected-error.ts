import { AppError } from './app-error.js';

/**
 * AWS rejected a call as invalid (a 4xx client fault such as `InvalidParameterValueException`). Permanent: the same call would be rejected again.
 */
export class AwsRejectedError extends AppError {
  readonly code = 'AwsRequestRejected';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AwsRejectedError';
  }
}

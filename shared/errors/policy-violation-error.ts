import { AppError } from './app-error.js';

/**
 * The request asks for something the deployment's policy forbids: a vault, resource type, restore role or metadata override that is not allowed. Raised before any AWS write. Permanent.
 */
export class PolicyViolationError extends AppError {
  readonly code = 'PolicyViolation';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PolicyViolationError';
  }
}

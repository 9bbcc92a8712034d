import type { Problem } from '../domain/problem.js';
import { AppError } from './app-error.js';

/**
 * The request asks for something the deployment's policy forbids: a vault,
 * resource type, restore role, Region, account or metadata override that is
 * not allowed. Raised before any AWS write. Permanent.
 */
export class PolicyViolationError extends AppError {
  readonly code = 'PolicyViolation';
  readonly retryable = false;
  /** Where in the request, and what is not allowed. */
  readonly problem: Problem;

  constructor(path: string, message: string, options?: ErrorOptions) {
    super(`${path}: ${message}`, options);
    this.name = 'PolicyViolationError';
    this.problem = { path, message };
  }
}

import type { Problem } from '../domain/problem.js';
import { boundProblems } from '../domain/problem-list.js';
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
    // Paths and messages may echo request text: bounded like every problem.
    const [problem = { path, message }] = boundProblems([{ path, message }]);
    super(`${problem.path}: ${problem.message}`, options);
    this.name = 'PolicyViolationError';
    this.problem = problem;
  }
}

import type { Problem } from '../domain/problem.js';
import { AppError } from './app-error.js';

/**
 * The restore request, or the metadata built from it, is invalid. Carries
 * every problem found, each with its path. Permanent; raised before any AWS
 * write.
 */
export class RequestValidationError extends AppError {
  readonly code = 'RestoreRequestInvalid';
  readonly retryable = false;
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options?: ErrorOptions) {
    super(
      `invalid restore request: ${problems
        .map((p) => `${p.path || '(root)'}: ${p.message}`)
        .join('; ')}`,
      options
    );
    this.name = 'RequestValidationError';
    this.problems = problems;
  }
}

import type { Problem } from '../domain/problem.js';
import { boundProblems } from '../domain/problem-list.js';
import { AppError } from './app-error.js';

/**
 * The restore request, or the metadata built from it, is invalid. Carries
 * the problems found, each with its path, bounded (the first 20, then a
 * count: a rejection is echoed to the dead-letter queue and SNS).
 * Permanent; raised before any AWS write.
 */
export class RequestValidationError extends AppError {
  readonly code = 'RestoreRequestInvalid';
  readonly retryable = false;
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options?: ErrorOptions) {
    const bounded = boundProblems(problems);
    super(
      `invalid restore request: ${bounded
        .map((p) => `${p.path || '(root)'}: ${p.message}`)
        .join('; ')}`,
      options
    );
    this.name = 'RequestValidationError';
    this.problems = bounded;
  }
}

import type { Problem } from '../domain/problem.js';
import { boundProblems } from '../domain/problem-list.js';
import { AppError } from './app-error.js';

// Every error restore-relay raises on purpose, in one file, with the one
// table of code → class → retryable at the end (ERROR_CODES): the code is
// the contract (notifications, dead-letter attributes, Step Functions error
// names); the class is its code plus "Error" (InternalError is its own).
// docs/errors.md explains each for an operator.

/**
 * The restore request, the metadata built from it, or a recovery plan
 * document (docs/recovery-plans.md) is invalid. Carries
 * the problems found, each with its path, bounded (the first 20, then a
 * count: a rejection is echoed to the dead-letter queue and SNS).
 * Permanent; raised before any AWS write.
 */
export class RestoreRequestInvalidError extends AppError {
  readonly code = 'RestoreRequestInvalid';
  readonly retryable = false;
  readonly problems: readonly Problem[];

  /**
   * @param options - `subject` names what was read, for the message
   * ("invalid recovery plan: …"); a restore request when absent
   */
  constructor(
    problems: readonly Problem[],
    options?: ErrorOptions & { readonly subject?: string }
  ) {
    const bounded = boundProblems(problems);
    super(
      `invalid ${options?.subject ?? 'restore request'}: ${bounded
        .map((p) => `${p.path || '(root)'}: ${p.message}`)
        .join('; ')}`,
      options
    );
    this.name = 'RestoreRequestInvalidError';
    this.problems = bounded;
  }
}

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

/**
 * AWS rejected a call as invalid (a 4xx client fault such as `InvalidParameterValueException`). Permanent: the same call would be rejected again.
 */
export class AwsRequestRejectedError extends AppError {
  readonly code = 'AwsRequestRejected';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AwsRequestRejectedError';
  }
}

/** AWS Backup does not know the restore job (DescribeRestoreJob). Permanent. */
export class RestoreJobNotFoundError extends AppError {
  readonly code = 'RestoreJobNotFound';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RestoreJobNotFoundError';
  }
}

/**
 * The deployment's configuration (environment) is invalid. Raised once, at cold start.
 */
export class ConfigInvalidError extends AppError {
  readonly code = 'ConfigInvalid';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigInvalidError';
  }
}

/**
 * AWS throttled a call (AWS Backup allows 5 `StartRestoreJob` calls per second per account and Region). Retryable.
 *
 * @see https://docs.aws.amazon.com/general/latest/gr/bk.html
 */
export class RestoreThrottledError extends AppError {
  readonly code = 'RestoreThrottled';
  readonly retryable = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RestoreThrottledError';
  }
}

/**
 * Another delivery of the same request is being processed right now. Retryable: the next delivery gets that delivery's result.
 */
export class RestoreInProgressError extends AppError {
  readonly code = 'RestoreInProgress';
  readonly retryable = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RestoreInProgressError';
  }
}

/**
 * An AWS dependency failed in a way that may pass: a 5xx, a timeout, a reset connection. Retryable.
 */
export class DependencyFailureError extends AppError {
  readonly code = 'DependencyFailure';
  readonly retryable = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DependencyFailureError';
  }
}

/**
 * Something that is not one of our errors failed while a request was
 * handled: a bug, or an error thrown where none was expected. It is a
 * retry, bounded by the trigger (SQS's redrive to the dead-letter queue
 * after its receive count, Lambda's two async retries then the on-failure
 * destination, the caller's own `Retry`), never a rejection: the restore
 * may already have started, and a rejection would then be false. The
 * original error is the `cause`.
 */
export class InternalError extends AppError {
  readonly code = 'InternalError';
  readonly retryable = true;

  constructor(options?: ErrorOptions) {
    super(
      'an unexpected error stopped the request; it will be retried, then kept in the dead-letter queue',
      options
    );
    this.name = 'InternalError';
  }
}

/**
 * Every public error code: the class that carries it, and whether the
 * trigger redelivers it (retryable) or the request is rejected for good
 * (kept in the dead-letter queue and notified). Permanent ones first.
 */
export const ERROR_CODES = {
  RestoreRequestInvalid: {
    errorClass: RestoreRequestInvalidError,
    retryable: false,
  },
  PolicyViolation: { errorClass: PolicyViolationError, retryable: false },
  RecoveryPointNotFound: {
    errorClass: RecoveryPointNotFoundError,
    retryable: false,
  },
  RecoveryPointNotRestorable: {
    errorClass: RecoveryPointNotRestorableError,
    retryable: false,
  },
  IdempotencyConflict: {
    errorClass: IdempotencyConflictError,
    retryable: false,
  },
  AwsRequestRejected: { errorClass: AwsRequestRejectedError, retryable: false },
  RestoreJobNotFound: { errorClass: RestoreJobNotFoundError, retryable: false },
  ConfigInvalid: { errorClass: ConfigInvalidError, retryable: false },
  RestoreThrottled: { errorClass: RestoreThrottledError, retryable: true },
  RestoreInProgress: { errorClass: RestoreInProgressError, retryable: true },
  DependencyFailure: { errorClass: DependencyFailureError, retryable: true },
  InternalError: { errorClass: InternalError, retryable: true },
} as const;

/** A public error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

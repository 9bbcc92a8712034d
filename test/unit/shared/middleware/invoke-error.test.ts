import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors/app-error';
import {
  AwsRequestRejectedError,
  ConfigInvalidError,
  DependencyFailureError,
  IdempotencyConflictError,
  InternalError,
  PolicyViolationError,
  RecoveryPointNotFoundError,
  RecoveryPointNotRestorableError,
  RestoreInProgressError,
  RestoreJobNotFoundError,
  RestoreRequestInvalidError,
  RestoreThrottledError,
} from '#shared/errors/errors';
import {
  InvokeFailure,
  toInvokeFailure,
} from '#shared/middleware/invoke-error';

const sdkCause = new Error('ThrottlingException: Rate exceeded');

/** One instance of every AppError subclass in shared/errors/. */
const ERRORS: readonly AppError[] = [
  new AwsRequestRejectedError('AWS rejected StartRestoreJob', {
    cause: sdkCause,
  }),
  new ConfigInvalidError('invalid configuration: RELAY_TABLE_NAME', {
    cause: sdkCause,
  }),
  new DependencyFailureError('Backup unavailable', { cause: sdkCause }),
  new IdempotencyConflictError('inc-42 was used for another restore', {
    cause: sdkCause,
  }),
  new PolicyViolationError('restoreRole', 'is not allowed', {
    cause: sdkCause,
  }),
  new RecoveryPointNotFoundError('no recovery point matches', {
    cause: sdkCause,
  }),
  new RecoveryPointNotRestorableError('the point is EXPIRED', {
    cause: sdkCause,
  }),
  new RestoreRequestInvalidError(
    [{ path: 'IamRoleArn', message: 'unknown field' }],
    {
      cause: sdkCause,
    }
  ),
  new RestoreInProgressError('inc-42 is in progress', { cause: sdkCause }),
  new RestoreJobNotFoundError('no restore job 7F3A9C21', { cause: sdkCause }),
  new RestoreThrottledError('StartRestoreJob throttled', { cause: sdkCause }),
  new InternalError({ cause: new TypeError('x is undefined') }),
];

const ERRORS_DIR = new URL('../../../../shared/errors/', import.meta.url);

/** The AppError subclasses every module in shared/errors/ exports. */
const exportedErrorClasses = async (): Promise<string[]> => {
  const names: string[] = [];
  for (const file of readdirSync(ERRORS_DIR).filter((f) => f.endsWith('.ts'))) {
    const module = (await import(new URL(file, ERRORS_DIR).href)) as Record<
      string,
      unknown
    >;
    for (const value of Object.values(module)) {
      if (
        typeof value === 'function' &&
        value !== AppError &&
        value.prototype instanceof AppError
      ) {
        names.push(value.name);
      }
    }
  }
  return names.sort();
};

describe('toInvokeFailure', () => {
  it('covers every AppError subclass in shared/errors/', async () => {
    // Act
    const exported = await exportedErrorClasses();

    // Assert
    expect(exported).toEqual(ERRORS.map((e) => e.constructor.name).sort());
  });

  it.each(ERRORS.map((error) => [error.name, error] as const))(
    'names the failure of a %s by its code',
    (_name, error) => {
      // Act
      const failure = toInvokeFailure(error);

      // Assert
      expect(failure).toBeInstanceOf(InvokeFailure);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).toMatchObject({
        name: error.code,
        message: error.message,
        retryable: error.retryable,
        cause: error,
      });
      // The code, not the class (they coincide only for InternalError).
      expect((failure as InvokeFailure).name).toBe(
        error.code === 'InternalError' ? error.name : error.code
      );
    }
  );

  it.each([
    [
      'RestoreRequestInvalid',
      false,
      new RestoreRequestInvalidError([{ path: '', message: 'not JSON' }]),
    ],
    ['PolicyViolation', false, new PolicyViolationError('vault', 'no')],
    ['RestoreThrottled', true, new RestoreThrottledError('slow down')],
    ['RestoreInProgress', true, new RestoreInProgressError('busy')],
    ['DependencyFailure', true, new DependencyFailureError('down')],
  ])('reports %s with retryable %s', (code, retryable, error) => {
    // Act
    const failure = toInvokeFailure(error) as InvokeFailure;

    // Assert
    expect(failure.name).toBe(code);
    expect(failure.retryable).toBe(retryable);
  });

  it('keeps the original error, and its own cause, reachable', () => {
    // Arrange
    const error = new RestoreThrottledError('StartRestoreJob throttled', {
      cause: sdkCause,
    });

    // Act
    const failure = toInvokeFailure(error) as InvokeFailure;

    // Assert
    expect(failure.cause).toBe(error);
    expect((failure.cause as Error).cause).toBe(sdkCause);
  });

  it.each([
    ['an Error', new Error('bug')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'thrown text'],
    ['undefined', undefined],
    ['an object', { name: 'PolicyViolation', code: 'PolicyViolation' }],
  ])('passes %s on unchanged', (_case, thrown) => {
    // Act
    const result = toInvokeFailure(thrown);

    // Assert
    expect(result).toBe(thrown);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors/app-error';
import {
  ERROR_CODES,
  type ErrorCode,
  InternalError,
  PolicyViolationError,
  RestoreRequestInvalidError,
} from '#shared/errors/errors';

/** One instance of each class, built with its own constructor. */
const instanceOf = (code: ErrorCode): AppError => {
  switch (code) {
    case 'RestoreRequestInvalid':
      return new RestoreRequestInvalidError([
        { path: 'resourceArn', message: 'is required' },
      ]);
    case 'PolicyViolation':
      return new PolicyViolationError('backupVaultName', 'is not allowed');
    case 'InternalError':
      return new InternalError({ cause: new Error('bug') });
    default:
      return new ERROR_CODES[code].errorClass('a message');
  }
};

describe('ERROR_CODES, the one table of code → class → retryable', () => {
  it.each(Object.keys(ERROR_CODES) as ErrorCode[])(
    '%s: the class carries exactly that code and retryable, and is named after it',
    (code) => {
      // Act
      const error = instanceOf(code);

      // Assert
      expect(error).toBeInstanceOf(AppError);
      expect(error).toBeInstanceOf(ERROR_CODES[code].errorClass);
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(ERROR_CODES[code].retryable);
      expect(error.name).toBe(ERROR_CODES[code].errorClass.name);
      expect(error.name).toBe(code.endsWith('Error') ? code : `${code}Error`);
    }
  );

  it('lists every class once', () => {
    // Act
    const classes = Object.values(ERROR_CODES).map((e) => e.errorClass);

    // Assert
    expect(new Set(classes).size).toBe(classes.length);
  });
});

import {
  BackupServiceException,
  InvalidParameterValueException,
  ServiceUnavailableException,
} from '@aws-sdk/client-backup';
import { describe, expect, it } from 'vitest';
import { toAppError } from '#shared/adapters/to-app-error';
import { AwsRejectedError } from '#shared/errors/aws-rejected-error';
import { DependencyError } from '#shared/errors/dependency-error';
import { PolicyViolationError } from '#shared/errors/policy-violation-error';
import { ThrottledError } from '#shared/errors/throttled-error';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe('toAppError', () => {
  it.each([
    [
      'a ThrottlingException the Backup model does not declare',
      new BackupServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        message: 'Rate exceeded',
        ...meta(400),
      }),
      ThrottledError,
    ],
    [
      'an HTTP 429',
      new BackupServiceException({
        name: 'SomethingElse',
        $fault: 'client',
        message: 'slow down',
        ...meta(429),
      }),
      ThrottledError,
    ],
    [
      'an error the SDK marked as throttling',
      Object.assign(new Error('x'), {
        name: 'Custom',
        $retryable: { throttling: true },
      }),
      ThrottledError,
    ],
    [
      'InvalidParameterValueException',
      new InvalidParameterValueException({
        message: 'bad value',
        ...meta(400),
      }),
      AwsRejectedError,
    ],
    [
      'ServiceUnavailableException',
      new ServiceUnavailableException({ message: 'down', ...meta(500) }),
      DependencyError,
    ],
    [
      'a timeout',
      Object.assign(new Error('timed out'), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
      }),
      DependencyError,
    ],
    ['something that is not an error', 'boom', DependencyError],
  ])('maps %s', (_name, error, expected) => {
    // Act
    const mapped = toAppError(error, 'StartRestoreJob');

    // Assert
    expect(mapped).toBeInstanceOf(expected);
    expect(mapped.cause).toBe(error);
    expect(mapped.message).toContain('StartRestoreJob');
  });

  it('keeps AWS message for rejected calls and passes our own errors through', () => {
    // Arrange
    const ours = new PolicyViolationError('restoreRole', 'not allowed');

    // Act & Assert
    expect(
      toAppError(
        new InvalidParameterValueException({
          message: 'Invalid token',
          ...meta(400),
        }),
        'StartRestoreJob'
      ).message
    ).toBe(
      'StartRestoreJob was rejected by AWS (InvalidParameterValueException): Invalid token'
    );
    expect(toAppError(ours, 'x')).toBe(ours);
  });
});

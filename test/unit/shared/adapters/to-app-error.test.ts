import {
  BackupClient,
  BackupServiceException,
  DescribeRecoveryPointCommand,
  InvalidParameterValueException,
  LimitExceededException,
  ServiceUnavailableException,
} from '@aws-sdk/client-backup';
import { TransactionInProgressException } from '@aws-sdk/client-dynamodb';
import { KmsThrottlingException } from '@aws-sdk/client-sfn';
import {
  InternalErrorException,
  KMSDisabledException,
  KMSThrottlingException,
} from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { toAppError } from '#shared/adapters/to-app-error';
import {
  AwsRequestRejectedError,
  DependencyFailureError,
  PolicyViolationError,
  RestoreRequestInvalidError,
  RestoreThrottledError,
} from '#shared/errors/errors';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

const unmodelled = (name: string, status: number, extra: object = {}) =>
  Object.assign(
    new BackupServiceException({
      name,
      $fault: status < 500 ? 'client' : 'server',
      message: name,
      ...meta(status),
    }),
    extra
  );

describe('toAppError', () => {
  it.each([
    [
      'SNS KMSThrottlingException (a 400 client fault)',
      'sns',
      new KMSThrottlingException({ message: 'Rate exceeded', ...meta(400) }),
      RestoreThrottledError,
    ],
    [
      'Step Functions KmsThrottlingException',
      'sfn',
      new KmsThrottlingException({ message: 'Rate exceeded', ...meta(400) }),
      RestoreThrottledError,
    ],
    [
      'SNS KMSDisabledException',
      'sns',
      new KMSDisabledException({ message: 'key disabled', ...meta(400) }),
      AwsRequestRejectedError,
    ],
    [
      'SNS InternalErrorException',
      'sns',
      new InternalErrorException({ message: 'oops', ...meta(500) }),
      DependencyFailureError,
    ],
    [
      'a ThrottlingException the Backup model does not declare',
      'backup',
      unmodelled('ThrottlingException', 400),
      RestoreThrottledError,
    ],
    [
      'Backup LimitExceededException (a request limit, not a rate)',
      'backup',
      new LimitExceededException({ message: 'too many items', ...meta(400) }),
      AwsRequestRejectedError,
    ],
    [
      'DynamoDB TransactionInProgressException',
      'dynamodb',
      new TransactionInProgressException({ message: 'busy', ...meta(400) }),
      DependencyFailureError,
    ],
    [
      'InvalidParameterValueException',
      'backup',
      new InvalidParameterValueException({
        message: 'bad value',
        ...meta(400),
      }),
      AwsRequestRejectedError,
    ],
    [
      'ServiceUnavailableException',
      'backup',
      new ServiceUnavailableException({ message: 'down', ...meta(500) }),
      DependencyFailureError,
    ],
    [
      'an unknown name with HTTP 429',
      'backup',
      unmodelled('SomethingElse', 429),
      RestoreThrottledError,
    ],
    [
      'an unknown name the SDK marked as throttling',
      'backup',
      unmodelled('Custom', 400, { $retryable: { throttling: true } }),
      RestoreThrottledError,
    ],
    [
      'an unknown name with the retryable trait',
      'backup',
      unmodelled('Custom', 400, { $retryable: {} }),
      DependencyFailureError,
    ],
    [
      'an unknown client fault',
      'backup',
      unmodelled('SomethingElse', 400),
      AwsRequestRejectedError,
    ],
    [
      'an unknown server fault',
      'backup',
      unmodelled('SomethingElse', 503),
      DependencyFailureError,
    ],
    [
      'an unparsable answer (no $fault, a status)',
      'backup',
      Object.assign(new SyntaxError('Unexpected token <'), meta(502)),
      DependencyFailureError,
    ],
  ] as const)('maps %s', (_name, service, error, expected) => {
    // Act
    const mapped = toAppError(error, 'StartRestoreJob', service);

    // Assert
    expect(mapped).toBeInstanceOf(expected);
    expect(mapped.cause).toBe(error);
    expect(mapped.message).toContain('StartRestoreJob');
  });

  it.each([
    [
      'a timeout',
      Object.assign(new Error('timed out'), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
      }),
      DependencyFailureError,
    ],
    [
      'a reset connection after the SDK gave up',
      Object.assign(new Error('socket hang up'), {
        code: 'ECONNRESET',
        $metadata: { attempts: 3, totalRetryDelay: 900 },
      }),
      DependencyFailureError,
    ],
    [
      'an aborted request',
      Object.assign(new Error('Request aborted'), { name: 'AbortError' }),
      DependencyFailureError,
    ],
    [
      'a TypeError caused by a network failure',
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      }),
      DependencyFailureError,
    ],
    ['a URIError', new URIError('URI malformed'), RestoreRequestInvalidError],
    [
      'a RangeError',
      new RangeError('Invalid time value'),
      RestoreRequestInvalidError,
    ],
    [
      'a TypeError',
      new TypeError('Cannot convert a Symbol value to a string'),
      RestoreRequestInvalidError,
    ],
    [
      'an unknown local failure (credentials)',
      Object.assign(new Error('Could not load credentials'), {
        name: 'CredentialsProviderError',
      }),
      DependencyFailureError,
    ],
    ['something that is not an error', 'boom', DependencyFailureError],
  ] as const)('maps %s, thrown before any answer', (_name, error, expected) => {
    // Act
    const mapped = toAppError(error, 'SNS Publish', 'sns');

    // Assert
    expect(mapped).toBeInstanceOf(expected);
    expect(mapped.retryable).toBe(expected === DependencyFailureError);
    expect(mapped.cause).toBe(error);
  });

  it('makes the URIError the SDK throws for a lone surrogate in a path a permanent RestoreRequestInvalid', async () => {
    // Arrange: a handler that fails the test if the request were sent.
    const client = new BackupClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      requestHandler: {
        handle: () => Promise.reject(new Error('the request was sent')),
      },
    });
    const thrown = await client
      .send(
        new DescribeRecoveryPointCommand({
          BackupVaultName: 'prod-primary',
          RecoveryPointArn:
            'arn:aws:backup:eu-west-1:111122223333:recovery-point:\uD800',
        })
      )
      .catch((e: unknown) => e);

    // Act
    const mapped = toAppError(thrown, 'DescribeRecoveryPoint', 'backup');

    // Assert
    expect(thrown).toBeInstanceOf(URIError);
    expect(mapped).toBeInstanceOf(RestoreRequestInvalidError);
    expect(mapped).toMatchObject({
      code: 'RestoreRequestInvalid',
      retryable: false,
      problems: [
        {
          path: '',
          message:
            'DescribeRecoveryPoint cannot be sent (URIError: URI malformed)',
        },
      ],
    });
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
        'StartRestoreJob',
        'backup'
      ).message
    ).toBe(
      'StartRestoreJob was rejected by AWS (InvalidParameterValueException): Invalid token'
    );
    expect(toAppError(ours, 'x', 'sns')).toBe(ours);
  });
});

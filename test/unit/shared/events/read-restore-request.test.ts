import { describe, expect, it } from 'vitest';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import {
  type RequestReading,
  readRestoreRequest,
  readRestoreRequestBody,
} from '#shared/events/read-restore-request';
import { requestKeyOf } from '#shared/events/restore-request-key';

const RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94';
const FS =
  'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0';
const ORDERS_DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';

const okOf = (reading: RequestReading) => {
  if (!reading.ok) {
    throw new Error(`expected a valid reading: ${reading.error.message}`);
  }
  return reading;
};

const problemsOf = (reading: RequestReading) => {
  if (reading.ok) {
    throw new Error('expected the request to be refused');
  }
  expect(reading.error).toBeInstanceOf(RestoreRequestInvalidError);
  return (reading.error as RestoreRequestInvalidError).problems;
};

describe('readRestoreRequest', () => {
  it('reads a valid request with its requestId as the key', () => {
    // Arrange
    const value = {
      requestId: 'inc-42',
      recoveryPointArn: RP,
      backupVaultName: 'prod-primary',
      resourceType: 'efs',
    };

    // Act
    const reading = okOf(readRestoreRequest(value));

    // Assert
    expect(reading.key).toBe('inc-42');
    expect(reading.resourceType).toBe('EFS');
    expect(reading.request).toEqual({ ...value, resourceType: 'EFS' });
  });

  it('keys a request without requestId by its content', () => {
    // Arrange
    const value = { resourceArn: FS, selection: { vaults: ['prod-primary'] } };

    // Act
    const reading = okOf(readRestoreRequest(value));
    const again = okOf(
      readRestoreRequest({
        selection: { vaults: ['prod-primary'] },
        resourceArn: FS,
      })
    );

    // Assert
    expect(reading.key).toMatch(/^auto-[0-9a-f]{40}$/);
    expect(reading.key).toBe(requestKeyOf(reading.request));
    expect(again.key).toBe(reading.key);
  });

  it.each([
    ['EFS', FS],
    ['RDS', ORDERS_DB],
    ['Aurora', 'arn:aws:rds:eu-west-1:111122223333:cluster:orders-aurora'],
    ['DynamoDB', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'],
  ])('takes the resource type %s from the resource ARN', (type, arn) => {
    // Act
    const reading = okOf(readRestoreRequest({ resourceArn: arn }));

    // Assert
    expect(reading.resourceType).toBe(type);
  });

  it('prefers the explicit resource type over the ARN', () => {
    // Arrange
    const value = { resourceArn: ORDERS_DB, resourceType: 'Aurora' };

    // Act
    const reading = okOf(readRestoreRequest(value));

    // Assert
    expect(reading.resourceType).toBe('Aurora');
  });

  it('has no resource type when neither the request nor its ARN names one', () => {
    // Arrange
    const value = { recoveryPointArn: RP, backupVaultName: 'prod-primary' };

    // Act
    const reading = okOf(readRestoreRequest(value));

    // Assert
    expect(reading).not.toHaveProperty('resourceType');
  });

  it('refuses an invalid request with every problem', () => {
    // Arrange
    const value = {
      recoveryPointArn: RP,
      IamRoleArn: 'arn:aws:iam::111122223333:role/admin',
    };

    // Act
    const problems = problemsOf(readRestoreRequest(value));

    // Assert
    expect(problems.map((p) => p.path).sort()).toEqual([
      'IamRoleArn',
      'backupVaultName',
    ]);
  });

  it('refuses an invalid request with a permanent RestoreRequestInvalid', () => {
    // Act
    const reading = readRestoreRequest({ resourceArn: 'not-an-arn' });

    // Assert
    expect(reading.ok).toBe(false);
    expect(reading.ok ? undefined : reading.error.code).toBe(
      'RestoreRequestInvalid'
    );
    expect(reading.ok ? undefined : reading.error.retryable).toBe(false);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'restore orders-db'],
    ['a number', 42],
    ['an array', [{ resourceArn: FS }]],
    ['an empty object', {}],
  ])('refuses %s without throwing', (_case, value) => {
    // Act
    const reading = readRestoreRequest(value);

    // Assert
    expect(problemsOf(reading).length).toBeGreaterThan(0);
  });
});

describe('readRestoreRequestBody', () => {
  it('reads a JSON body', () => {
    // Arrange
    const body = JSON.stringify({ requestId: 'inc-7', resourceArn: FS });

    // Act
    const reading = okOf(readRestoreRequestBody(body));

    // Assert
    expect(reading.key).toBe('inc-7');
    expect(reading.resourceType).toBe('EFS');
    expect(reading.request.resourceArn).toBe(FS);
  });

  it.each([
    ['not JSON', 'restore orders-db please'],
    ['empty', ''],
    ['cut off', '{"resourceArn":"arn:aws:'],
  ])('refuses a body that is %s with a problem that says so', (_case, body) => {
    // Act
    const problems = problemsOf(readRestoreRequestBody(body));

    // Assert
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('');
    expect(problems[0]?.message).toContain('the message body is not JSON');
  });

  it('refuses a JSON body that is not a valid request', () => {
    // Arrange
    const body = JSON.stringify({ resourceArn: FS, dryrun: true });

    // Act
    const problems = problemsOf(readRestoreRequestBody(body));

    // Assert
    expect(problems).toEqual([
      { path: 'dryrun', message: 'unknown field; did you mean "dryRun"?' },
    ]);
  });
});

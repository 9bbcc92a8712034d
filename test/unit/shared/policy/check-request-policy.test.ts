import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import type { AppError } from '#shared/errors/app-error';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import { checkRequestPolicy } from '#shared/policy/check-request-policy';
import { RELAY_ENV } from '#test/support/relay-env';

const deps = { policy: parseConfig(RestorePolicySchema, RELAY_ENV) };

describe('checkRequestPolicy', () => {
  it('refuses a forbidden override the resource ARN shows, before any AWS call', () => {
    // Arrange
    const request = parseRestoreRequest({
      resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
      metadata: { PubliclyAccessible: true },
    });

    // Act
    const error = (() => {
      try {
        return checkRequestPolicy(receiveRequest(request), deps.policy);
      } catch (e) {
        return e;
      }
    })();

    // Assert
    expect((error as AppError).code).toBe('PolicyViolation');
    expect((error as AppError).message).toContain('PubliclyAccessible');
  });

  it('leaves an RDS cluster ARN to the recovery point: Aurora, DocumentDB and Neptune share it', () => {
    // Arrange
    const policy = parseConfig(RestorePolicySchema, {
      ...RELAY_ENV,
      ALLOWED_RESOURCE_TYPES: 'DocumentDB',
    });
    const request = parseRestoreRequest({
      resourceArn: 'arn:aws:rds:eu-west-1:111122223333:cluster:docs',
    });

    // Act
    const role = checkRequestPolicy(receiveRequest(request), policy);

    // Assert
    expect(role).toMatch(/^arn:aws:iam::111122223333:role\//);
  });
});

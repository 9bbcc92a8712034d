import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import { PolicyViolationError } from '#shared/errors/errors';
import {
  allowedVaultNames,
  checkArnLocation,
  checkResourceType,
  checkVault,
  resolveRoleArn,
} from '#shared/policy/policy-checks';
import { RELAY_ENV } from '#test/support/relay-env';

const policy = parseConfig(RestorePolicySchema, {
  ...RELAY_ENV,
  ALLOWED_VAULTS:
    'prod-primary,arn:aws:backup:eu-west-1:111122223333:backup-vault:archive-vault',
  ALLOWED_RESOURCE_TYPES: 'EFS,RDS',
});

const violation = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof PolicyViolationError) {
      return error.problem;
    }
    throw error;
  }
  throw new Error('expected a PolicyViolationError');
};

describe('policy checks', () => {
  it('resolves role names, the default role and allowlisted ARNs only', () => {
    // Act & Assert
    expect(resolveRoleArn(policy, undefined)).toBe(
      'arn:aws:iam::111122223333:role/restore-default'
    );
    expect(resolveRoleArn(policy, 'databases')).toBe(
      'arn:aws:iam::111122223333:role/restore-databases'
    );
    expect(
      resolveRoleArn(policy, 'arn:aws:iam::111122223333:role/restore-databases')
    ).toBe('arn:aws:iam::111122223333:role/restore-databases');
    expect(
      violation(() =>
        resolveRoleArn(policy, 'arn:aws:iam::111122223333:role/admin')
      )
    ).toEqual({
      path: 'restoreRole',
      message:
        '"arn:aws:iam::111122223333:role/admin" is not an allowed restore role; allowed: default, databases',
    });
  });

  it('allows vaults by name or ARN, and checks where a vault ARN points', () => {
    // Act & Assert
    expect(() =>
      checkVault(policy, { name: 'prod-primary' }, 'v')
    ).not.toThrow();
    expect(() =>
      checkVault(
        policy,
        {
          name: 'archive-vault',
          arn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:archive-vault',
        },
        'v'
      )
    ).not.toThrow();
    expect(
      violation(() => checkVault(policy, { name: 'dev' }, 'backupVaultName'))
    ).toEqual({
      path: 'backupVaultName',
      message:
        'vault "dev" is not allowed; allowed vaults: prod-primary, archive-vault',
    });
    expect(
      violation(() =>
        checkVault(
          policy,
          {
            name: 'archive-vault',
            arn: 'arn:aws:backup:eu-west-1:999988887777:backup-vault:archive-vault',
          },
          'recoveryPoint'
        )
      ).message
    ).toBe(
      "is in account 999988887777, not this deployment's account 111122223333"
    );
    expect(allowedVaultNames(policy)).toEqual(
      new Set(['prod-primary', 'archive-vault'])
    );
  });

  it('rejects resource types that are not allowed', () => {
    // Act & Assert
    expect(
      violation(() => checkResourceType(policy, 'EC2', 'resourceType'))
    ).toEqual({
      path: 'resourceType',
      message: 'resource type "EC2" is not allowed; allowed: EFS, RDS',
    });
  });

  it('rejects ARNs of another Region or account', () => {
    // Act & Assert
    expect(
      violation(() =>
        checkArnLocation(
          policy,
          'arn:aws:backup:us-east-1:111122223333:recovery-point:x',
          'recoveryPointArn'
        )
      ).message
    ).toBe("is in Region us-east-1, not this deployment's Region eu-west-1");
    expect(
      violation(() =>
        checkArnLocation(
          policy,
          'arn:aws:backup:eu-west-1:999999999999:recovery-point:x',
          'recoveryPointArn'
        )
      ).message
    ).toBe(
      "is in account 999999999999, not this deployment's account 111122223333"
    );
    expect(() =>
      checkArnLocation(
        policy,
        'arn:aws:ec2:eu-west-1::snapshot/snap-1',
        'recoveryPointArn'
      )
    ).not.toThrow();
    expect(() =>
      checkArnLocation(policy, 'arn:aws:s3:::reports', 'resourceArn')
    ).not.toThrow();
  });

  it('closes the partition and empty-Region holes', () => {
    // Act & Assert
    expect(
      violation(() =>
        checkArnLocation(
          policy,
          'arn:aws-cn:backup:eu-west-1:111122223333:recovery-point:x',
          'recoveryPointArn'
        )
      ).message
    ).toBe("is in partition aws-cn, not this deployment's partition aws");
    expect(
      violation(() =>
        checkArnLocation(
          policy,
          'arn:aws-us-gov:rds:eu-west-1:111122223333:db:orders',
          'resourceArn'
        )
      ).message
    ).toContain('partition aws-us-gov');
    expect(
      violation(() =>
        checkArnLocation(
          policy,
          'arn:aws:backup::111122223333:recovery-point:x',
          'recoveryPointArn'
        )
      ).message
    ).toContain('names no Region');
    expect(
      violation(() =>
        checkArnLocation(
          policy,
          'arn:aws:rds:eu-west-1::db:orders',
          'resourceArn'
        )
      ).message
    ).toBe('names no account');
  });
});

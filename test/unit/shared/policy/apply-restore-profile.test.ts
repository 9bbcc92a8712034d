import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import { RestorePolicySchema } from '#shared/config/policy-env';
import type { ResourceType } from '#shared/domain/resource-type';
import { PolicyViolationError } from '#shared/errors/errors';
import {
  applyRestoreProfile,
  checkRequestOverrides,
} from '#shared/policy/apply-restore-profile';
import type { MetadataSource } from '#shared/restore-metadata/metadata-map';
import { RELAY_ENV } from '#test/support/relay-env';

const policyWith = (env: Record<string, string> = {}) =>
  parseConfig(RestorePolicySchema, { ...RELAY_ENV, ...env });

const DEFAULTS = policyWith();

interface Case {
  readonly type: ResourceType;
  readonly request?: Record<string, string>;
  readonly saved?: Record<string, string>;
  readonly derived?: Record<string, string>;
  readonly resourceArn?: string;
}

/** The final metadata of a case: saved, then derived, then the request. */
const apply = (c: Case, policy = DEFAULTS) => {
  const metadata: Record<string, string> = {};
  const sources: Record<string, MetadataSource> = {};
  const put = (values: Record<string, string>, source: MetadataSource) => {
    for (const [k, v] of Object.entries(values)) {
      metadata[k] = v;
      sources[k] = source;
    }
  };
  put(c.saved ?? {}, 'saved');
  put(c.derived ?? {}, 'derived');
  put(c.request ?? {}, 'override');
  return applyRestoreProfile(policy, {
    resourceType: c.type,
    metadata,
    sources,
    saved: c.saved ?? {},
    ...(c.resourceArn === undefined ? {} : { resourceArn: c.resourceArn }),
  });
};

const refusal = (c: Case, policy = DEFAULTS) => {
  try {
    apply(c, policy);
  } catch (error) {
    if (error instanceof PolicyViolationError) {
      return error.problem;
    }
    throw error;
  }
  throw new Error('expected a PolicyViolationError');
};

const OTHER_KEY = 'arn:aws:kms:eu-west-1:999988887777:key/1a2b3c4d';

describe('applyRestoreProfile: what a request may set', () => {
  it('allows what the profile allows: new names, sizes and classes', () => {
    // Act
    const result = apply({
      type: 'RDS',
      request: {
        DBInstanceIdentifier: 'orders-copy',
        DBInstanceClass: 'db.t3.small',
      },
    });

    // Assert
    expect(result.metadata).toMatchObject({
      DBInstanceIdentifier: 'orders-copy',
      DBInstanceClass: 'db.t3.small',
    });
    expect(result.decisions).toContainEqual({
      key: 'DBInstanceClass',
      source: 'request',
      rule: 'any (default)',
    });
  });

  it.each([
    ['EC2', 'UserData', 'IyEvYmluL3NoCmN1cmwgZXZpbA=='],
    ['EC2', 'KeyName', 'attacker-key'],
    ['EC2', 'IamInstanceProfileName', 'admin-profile'],
    ['VirtualMachine', 'UserData', 'IyEvYmluL3No'],
    ['VirtualMachine', 'IamInstanceProfileName', 'admin-profile'],
    ['Redshift', 'OwnerAccount', '999988887777'],
    ['Redshift', 'IamRoles', '["arn:aws:iam::111122223333:role/x"]'],
    ['Redshift', 'DefaultIamRoleArn', 'arn:aws:iam::111122223333:role/x'],
    ['RDS', 'Domain', 'd-1234567890'],
    ['RDS', 'DomainIAMRoleName', 'rds-directory'],
    ['EKS', 'clusterRole', 'arn:aws:iam::111122223333:role/eks'],
    ['S3', 'DestinationBucketName', 'attacker-bucket'],
  ] as const)('never lets a request set %s %s', (type, key, value) => {
    // Act
    const problem = refusal({ type, request: { [key]: value } });

    // Assert
    expect(problem.path).toBe(`metadata.${key}`);
    expect(problem.message).toContain(`restore profile`);
  });

  it('refuses keys the profile does not name, listing what may be set', () => {
    // Act
    const problem = refusal({
      type: 'DynamoDB',
      saved: { sseSpecification: 'x' },
      request: { sseSpecification: 'y' },
    });

    // Assert
    expect(problem).toEqual({
      path: 'metadata.sseSpecification',
      message: expect.stringContaining(
        'is not in the DynamoDB restore profile, so a request may not set it; a request may set: targetTableName'
      ),
    });
  });

  it('allows network placement only as backed up, compared as a set and case-insensitively', () => {
    // Arrange
    const saved = {
      SubnetId: 'subnet-0aa11bb22cc33dd44',
      SecurityGroupIds: '["sg-0123456789abcdef0","sg-0fedcba987654321f"]',
    };

    // Act & Assert
    expect(() =>
      apply({
        type: 'EC2',
        saved,
        request: {
          SubnetId: ' SUBNET-0AA11BB22CC33DD44',
          SecurityGroupIds:
            '[ "sg-0fedcba987654321f" , "sg-0123456789abcdef0" ]',
        },
      })
    ).not.toThrow();
    expect(
      refusal({
        type: 'EC2',
        saved,
        request: { SubnetId: 'subnet-0bbbbbbbbbbbbbbbb' },
      })
    ).toEqual({
      path: 'metadata.SubnetId',
      message:
        'may only be set to the value it was backed up with (EC2 restore profile: as-backed-up)',
    });
    expect(
      refusal({
        type: 'EC2',
        request: { NetworkInterfaces: '[{"AssociatePublicIpAddress":true}]' },
      }).path
    ).toBe('metadata.NetworkInterfaces');
  });

  it('refuses, never overflows, comparing a request with a saved value nested 8,000 levels deep', () => {
    // Arrange: found by the planRestore fuzz test (a Timestream saved map).
    const deep = `${'{"a":'.repeat(8000)}1${'}'.repeat(8000)}`;

    // Act
    const problem = refusal({
      type: 'Timestream',
      saved: { MagneticStoreWriteProperties: deep },
      request: { MagneticStoreWriteProperties: deep.replace('1', ' 1 ') },
    });

    // Assert
    expect(problem.path).toBe('metadata.MagneticStoreWriteProperties');
  });

  it('applies one-of and prefix allowlists of the deployment, item by item', () => {
    // Arrange
    const policy = policyWith({
      RESTORE_PROFILES: JSON.stringify({
        EC2: {
          allow: {
            SubnetId: {
              oneOf: ['subnet-0aa11bb22cc33dd44', 'subnet-0bbbbbbbbbbbbbbbb'],
            },
            SecurityGroupIds: { oneOf: ['sg-0123456789abcdef0'] },
          },
        },
        S3: { allow: { DestinationBucketName: { prefix: 'restored-' } } },
      }),
    });

    // Act & Assert
    expect(() =>
      apply(
        {
          type: 'EC2',
          request: {
            SubnetId: 'subnet-0bbbbbbbbbbbbbbbb',
            SecurityGroupIds: '["sg-0123456789abcdef0"]',
          },
        },
        policy
      )
    ).not.toThrow();
    expect(
      refusal(
        {
          type: 'EC2',
          request: {
            SecurityGroupIds: '["sg-0123456789abcdef0","sg-0ffffffffffffffff"]',
          },
        },
        policy
      ).message
    ).toBe(
      'is not allowed by the EC2 restore profile: must be one of sg-0123456789abcdef0'
    );
    expect(() =>
      apply(
        { type: 'S3', request: { DestinationBucketName: 'restored-reports' } },
        policy
      )
    ).not.toThrow();
    expect(
      refusal(
        { type: 'S3', request: { DestinationBucketName: 'reports' } },
        policy
      ).message
    ).toContain('must be prefix restored-');
  });

  it('checks only what it can decide before the saved map is read', () => {
    // Act & Assert: as-backed-up waits for the final check; never does not.
    expect(() =>
      checkRequestOverrides(DEFAULTS, 'EC2', { SubnetId: 'subnet-0b' })
    ).not.toThrow();
    expect(() =>
      checkRequestOverrides(DEFAULTS, 'EC2', { userdata: 'x' })
    ).toThrow(PolicyViolationError);
    // Undocumented keys are the builder's to name.
    expect(() =>
      checkRequestOverrides(DEFAULTS, 'EC2', { Nonsense: 'x' })
    ).not.toThrow();
  });
});

describe('applyRestoreProfile: pinned values', () => {
  it('rewrites a saved public database to private, with a warning', () => {
    // Act
    const result = apply({
      type: 'RDS',
      saved: { PubliclyAccessible: 'true' },
      derived: { DBInstanceIdentifier: 'orders-1a2b3c4d' },
    });

    // Assert
    expect(result.metadata.PubliclyAccessible).toBe('false');
    expect(result.warnings).toEqual([
      'metadata.PubliclyAccessible: the saved value broke the RDS requirement PubliclyAccessible = false; rewritten to false',
    ]);
    expect(result.decisions).toContainEqual({
      key: 'PubliclyAccessible',
      source: 'pinned',
      rule: 'pinned false (default)',
    });
  });

  it('sets an always-pinned value that nobody gave, and only if-present ones that are there', () => {
    // Act
    const rds = apply({ type: 'RDS', derived: { DBInstanceIdentifier: 'x' } });
    const aurora = apply({
      type: 'Aurora',
      derived: { dbClusterIdentifier: 'x' },
    });
    const neptune = apply({
      type: 'Neptune',
      saved: { PubliclyAccessible: 'TRUE' },
    });
    const efs = apply({ type: 'EFS', saved: { Encrypted: 'false' } });

    // Assert
    expect(rds.metadata.PubliclyAccessible).toBe('false');
    expect(aurora.metadata).not.toHaveProperty('PubliclyAccessible');
    expect(neptune.metadata.PubliclyAccessible).toBe('false');
    expect(efs.metadata.Encrypted).toBe('true');
  });

  it('always allows a request to ask for the pinned value, and refuses any other', () => {
    // Act & Assert
    expect(
      apply({ type: 'RDS', request: { PubliclyAccessible: 'false' } }).metadata
        .PubliclyAccessible
    ).toBe('false');
    expect(
      refusal({ type: 'Redshift', request: { PubliclyAccessible: 'true' } })
    ).toEqual({
      path: 'metadata.PubliclyAccessible',
      message:
        'is pinned to "false" by the Redshift restore profile; a request may not change it',
    });
    expect(refusal({ type: 'EBS', request: { encrypted: 'false' } }).path).toBe(
      'metadata.encrypted'
    );
  });

  it('refuses a saved value that breaks a pin the deployment marks refuse', () => {
    // Arrange
    const policy = policyWith({
      RESTORE_PROFILES: JSON.stringify({
        RDS: {
          require: { PubliclyAccessible: { value: false, onSaved: 'refuse' } },
        },
      }),
    });

    // Act
    const problem = refusal(
      { type: 'RDS', saved: { PubliclyAccessible: 'true' } },
      policy
    );

    // Assert
    expect(problem.message).toContain('backed up with another value');
  });
});

describe('applyRestoreProfile: in-place restores', () => {
  it.each([
    ['EFS', { newFileSystem: 'false' }],
    ['Redshift', { RestoreType: 'NAMESPACE_RESTORE' }],
    [
      'SAP HANA on Amazon EC2',
      {
        'aws:backup:TargetDatabaseArn':
          'arn:aws:ssm-sap:eu-west-1:111122223333:HANA/prod/DB/PRD',
      },
    ],
    ['EKS', { clusterName: 'prod' }],
  ] as const)(
    'refuses %s in place by default, and allows it when the profile opts in',
    (type, request) => {
      // Arrange
      const optIn = policyWith({
        RESTORE_PROFILES: JSON.stringify({ [type]: { inPlace: true } }),
      });

      // Act
      const problem = refusal({ type, request });
      const allowed = apply({ type, request }, optIn);

      // Assert
      expect(problem.path).toBe('metadata');
      expect(problem.message).toContain('in-place restore refused');
      expect(problem.message).toContain(`{"${type}":{"inPlace":true}}`);
      expect(allowed.warnings.join('\n')).toContain('in-place restore');
    }
  );

  it('allows in place only from the vaults an opt-in names', () => {
    // Arrange
    const policy = policyWith({
      RESTORE_PROFILES: JSON.stringify({
        EFS: { inPlace: { vaults: ['efs-in-place'] } },
      }),
    });
    const inPlace = { newFileSystem: 'false' };

    // Act
    const fromItsVault = applyRestoreProfile(policy, {
      resourceType: 'EFS',
      metadata: inPlace,
      sources: { newFileSystem: 'override' },
      saved: {},
      vault: 'efs-in-place',
    });
    const elsewhere = () =>
      applyRestoreProfile(policy, {
        resourceType: 'EFS',
        metadata: inPlace,
        sources: { newFileSystem: 'override' },
        saved: {},
        vault: 'prod-primary',
      });

    // Assert
    expect(fromItsVault.metadata.newFileSystem).toBe('false');
    expect(elsewhere).toThrow(/outside its in-place vaults/);
  });

  it('counts an S3 restore into the source bucket as in place', () => {
    // Arrange
    const policy = policyWith({
      RESTORE_PROFILES: JSON.stringify({
        S3: { allow: { DestinationBucketName: { oneOf: ['reports'] } } },
      }),
    });

    // Act
    const problem = refusal(
      {
        type: 'S3',
        request: { DestinationBucketName: 'reports' },
        resourceArn: 'arn:aws:s3:::reports',
      },
      policy
    );

    // Assert
    expect(problem.message).toContain(
      'DestinationBucketName is the source bucket'
    );
  });
});

describe('applyRestoreProfile: where every ARN points', () => {
  it.each([
    ['DynamoDB', { kmsMasterKeyArn: OTHER_KEY }, 'metadata.kmsMasterKeyArn'],
    ['EFS', { KmsKeyId: OTHER_KEY }, 'metadata.KmsKeyId'],
    ['EBS', { kmsKeyId: OTHER_KEY }, 'metadata.kmsKeyId'],
    [
      'RDS',
      { MasterUserSecretKmsKeyId: OTHER_KEY },
      'metadata.MasterUserSecretKmsKeyId',
    ],
    [
      'Storage Gateway',
      {
        gatewayArn:
          'arn:aws:storagegateway:eu-west-1:999988887777:gateway/sgw-1',
      },
      'metadata.gatewayArn',
    ],
    ['EBS', { availabilityZone: 'us-east-1a' }, 'metadata.availabilityZone'],
    ['RDS', { AvailabilityZone: 'eu-west-2b' }, 'metadata.AvailabilityZone'],
  ] as const)(
    'refuses %s %o outside the account or Region',
    (type, request, path) => {
      // Act
      const problem = refusal({ type, request });

      // Assert
      expect(problem.path).toBe(path);
      expect(problem.message).toContain(
        'a restore may use only this deployment'
      );
      expect(problem.message).not.toContain('1a2b3c4d');
    }
  );

  it('checks saved and nested values too: a key ARN inside block device mappings', () => {
    // Act
    const problem = refusal({
      type: 'EC2',
      saved: {
        BlockDeviceMappings: JSON.stringify([
          { DeviceName: '/dev/xvda', Ebs: { KmsKeyId: OTHER_KEY } },
        ]),
      },
    });

    // Assert
    expect(problem).toEqual({
      path: 'metadata.BlockDeviceMappings.0.Ebs.KmsKeyId',
      message: expect.stringContaining('is in account 999988887777'),
    });
  });

  it('refuses other partitions and accepts trusted ARNs', () => {
    // Arrange
    const trusted = policyWith({
      TRUSTED_ARNS: 'arn:aws:kms:eu-west-1:999988887777:key/*',
    });

    // Act & Assert
    expect(
      refusal({
        type: 'EFS',
        request: { KmsKeyId: 'arn:aws-cn:kms:eu-west-1:111122223333:key/1' },
      }).message
    ).toContain('partition aws-cn');
    expect(() =>
      apply({ type: 'EFS', request: { KmsKeyId: OTHER_KEY } }, trusted)
    ).not.toThrow();
  });
});

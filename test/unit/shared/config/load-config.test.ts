import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { parseConfig } from '#shared/config/load-config';
import { ConfigInvalidError } from '#shared/errors/errors';
import { RELAY_ENV } from '#test/support/relay-env';
import { EventRestoreConfigSchema } from '../../../../functions/event-restore/config.js';
import { ReconcileRestoresConfigSchema } from '../../../../functions/reconcile-restores/config.js';
import { SqsRestoreConfigSchema } from '../../../../functions/sqs-restore/config.js';

const errorOf = (
  env: Record<string, string | undefined>,
  schema: z.ZodType = SqsRestoreConfigSchema
): ConfigInvalidError => {
  try {
    parseConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigInvalidError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigInvalidError');
};

describe('parseConfig', () => {
  it('parses a complete environment into config and policy', () => {
    // Act
    const config = parseConfig(SqsRestoreConfigSchema, RELAY_ENV);

    // Assert
    expect(config.tableName).toBe('restore-relay-test');
    expect(config.idempotencyTtlSeconds).toBe(14 * 24 * 3600);
    expect(config.idempotencyKeyPrefix).toBe('restore-relay');
    expect(config.sdk).toEqual({
      requestTimeoutMs: 5000,
      connectionTimeoutMs: 1000,
      maxAttempts: 3,
    });
    expect(config.policy.defaultRestoreRole).toBe('default');
    expect([...config.policy.restoreRoles]).toEqual([
      ['default', 'arn:aws:iam::111122223333:role/restore-default'],
      ['databases', 'arn:aws:iam::111122223333:role/restore-databases'],
    ]);
    expect(config.policy.allowedVaults).toEqual(
      new Set(['prod-primary', 'archive-vault'])
    );
    expect(config.policy.allowedResourceTypes).toBe('*');
    expect(config.policy.profiles.size).toBe(17);
    expect(config.policy.partition).toBe('aws');
    expect(config.deployment).toBe('restore-relay-test');
  });

  it('accepts roles as JSON and a single role as the default', () => {
    // Act
    const config = parseConfig(SqsRestoreConfigSchema, {
      ...RELAY_ENV,
      RESTORE_ROLES: '{"only":"arn:aws:iam::111122223333:role/r"}',
      DEFAULT_RESTORE_ROLE: undefined,
    });

    // Assert
    expect(config.policy.defaultRestoreRole).toBe('only');
  });

  it('parses resource type lists with aliases, and vault ARNs as their names', () => {
    // Act
    const config = parseConfig(SqsRestoreConfigSchema, {
      ...RELAY_ENV,
      ALLOWED_RESOURCE_TYPES: 'efs, rds ,Storage Gateway',
      ALLOWED_VAULTS:
        'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-primary,archive-vault',
    });

    // Assert
    expect(config.policy.allowedResourceTypes).toEqual(
      new Set(['EFS', 'RDS', 'Storage Gateway'])
    );
    expect(config.policy.allowedVaults).toEqual(
      new Set(['prod-primary', 'archive-vault'])
    );
  });

  it.each([
    ['RELAY_TABLE_NAME', undefined, 'RELAY_TABLE_NAME'],
    [
      'RELAY_TOPIC_ARN',
      'my-topic',
      'RELAY_TOPIC_ARN: must be an SNS topic ARN',
    ],
    ['RESTORE_ROLES', 'default=not-an-arn', 'must map to an IAM role ARN'],
    ['RESTORE_ROLES', '{oops', 'RESTORE_ROLES: is not valid JSON'],
    ['DEFAULT_RESTORE_ROLE', 'missing', '"missing" is not in RESTORE_ROLES'],
    ['ALLOWED_VAULTS', ' , ', 'ALLOWED_VAULTS: names no vault'],
    [
      'ALLOWED_RESOURCE_TYPES',
      'efs,mainframe',
      'unknown resource type "mainframe"',
    ],
    [
      'FORBIDDEN_OVERRIDES',
      '{"RDS":["PubliclyAccessible"]}',
      'FORBIDDEN_OVERRIDES: was replaced by RESTORE_PROFILES',
    ],
    [
      'RESTORE_ROLES',
      'arn:aws:iam::111122223333:role/a/restore,arn:aws:iam::111122223333:role/b/restore',
      'role name "restore" is given twice',
    ],
    ['ALLOWED_VAULTS', 'arn:aws:s3:::bucket', 'is not a vault name'],
    ['DEPLOYMENT_ID', undefined, 'DEPLOYMENT_ID'],
    ['DEPLOYMENT_ID', 'a b', 'DEPLOYMENT_ID: must be 1–64'],
    ['TRUSTED_ARNS', 'kms-key-1', 'is not an ARN or ARN prefix'],
    [
      'RESTORE_PROFILES',
      '{"Mainframe":{}}',
      'unknown resource type "Mainframe"',
    ],
    [
      'RESTORE_PROFILES',
      '{"EC2":{"allow":{"SubnetID2":"any"}}}',
      '"SubnetID2" is not a metadata key of EC2',
    ],
    [
      'RESTORE_PROFILES',
      '{"EC2":{"allow":{"NetworkInterfaces.AssociatePublicIpAddress":"never"}}}',
      'is not a metadata key of EC2',
    ],
    [
      'RESTORE_PROFILES',
      '{"EC2":{"allow":{"SubnetId":{"oneOf":[]}}}}',
      'RESTORE_PROFILES',
    ],
    [
      'RESTORE_PROFILES',
      '{"EC2":{"allow":{"SubnetId":"some"}}}',
      'EC2.allow.SubnetId',
    ],
    ['RESTORE_PROFILES', '{"EC2":{"inplace":true}}', 'RESTORE_PROFILES'],
    [
      'ALARM_RULES',
      '[{"alarmName":"a","request":{"resourceArn":"arn:aws:rds:eu-west-1:111122223333:db:orders","restoreRole":"nobody"}}]',
      '"nobody" is not an allowed restore role',
    ],
    [
      'ALARM_RULES',
      '[{"alarmName":"a","request":{"resourceArn":"arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1","selection":{"vaults":["other-vault"]}}}]',
      'vault "other-vault" is not allowed',
    ],
    [
      'ALARM_RULES',
      '[{"alarmName":"a","request":{"resourceArn":"arn:aws:ec2:eu-west-1:111122223333:instance/i-1","metadata":{"UserData":"IyEvYmluL3No"}}}]',
      'metadata.UserData: a request may never set it',
    ],
    ['IDEMPOTENCY_TTL_SECONDS', '3600', 'IDEMPOTENCY_TTL_SECONDS'],
    ['ACCOUNT_ID', '1234', 'ACCOUNT_ID: must be a 12-digit account id'],
  ])(
    'fails with a ConfigInvalidError when %s is %s',
    (name, value, expected) => {
      // Act
      const error = errorOf(
        { ...RELAY_ENV, [name]: value },
        name === 'ALARM_RULES'
          ? EventRestoreConfigSchema
          : SqsRestoreConfigSchema
      );

      // Assert
      expect(error.code).toBe('ConfigInvalid');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(expected);
    }
  );
});

describe('parseConfig for the relay sources', () => {
  const DB_RESTORE = 'arn:aws:iam::111122223333:role/service-role/db-restore';
  const DEFAULT_ROLE = 'arn:aws:iam::111122223333:role/restore-default';

  it('keeps the dead-letter queue URL', () => {
    // Act
    const config = parseConfig(SqsRestoreConfigSchema, RELAY_ENV);

    // Assert
    expect(config.deadLetterQueueUrl).toBe(
      'https://sqs.eu-west-1.amazonaws.com/111122223333/restore-relay-dlq'
    );
  });

  it.each([
    ['missing', undefined, 'RELAY_DLQ_URL: must be an SQS queue URL'],
    [
      'not a URL',
      'restore-relay-dlq',
      'RELAY_DLQ_URL: must be an SQS queue URL',
    ],
  ])('fails when RELAY_DLQ_URL is %s', (_case, value, expected) => {
    // Act
    const error = errorOf({ ...RELAY_ENV, RELAY_DLQ_URL: value });

    // Assert
    expect(error.code).toBe('ConfigInvalid');
    expect(error.message).toContain(expected);
  });

  it('names a bare role ARN after the role, without its path', () => {
    // Act
    const config = parseConfig(SqsRestoreConfigSchema, {
      ...RELAY_ENV,
      RESTORE_ROLES: DB_RESTORE,
      DEFAULT_RESTORE_ROLE: undefined,
    });

    // Assert
    expect([...config.policy.restoreRoles]).toEqual([
      ['db-restore', DB_RESTORE],
    ]);
    expect(config.policy.defaultRestoreRole).toBe('db-restore');
  });

  it('accepts bare role ARNs mixed with name=arn entries', () => {
    // Act
    const config = parseConfig(SqsRestoreConfigSchema, {
      ...RELAY_ENV,
      RESTORE_ROLES: ` default=${DEFAULT_ROLE} , ${DB_RESTORE} `,
      DEFAULT_RESTORE_ROLE: 'default',
    });

    // Assert
    expect([...config.policy.restoreRoles]).toEqual([
      ['default', DEFAULT_ROLE],
      ['db-restore', DB_RESTORE],
    ]);
    expect(config.policy.defaultRestoreRole).toBe('default');
  });

  it.each(['', '  '])(
    'treats DEFAULT_RESTORE_ROLE=%j as unset: one role is the default',
    (value) => {
      // Act
      const config = parseConfig(SqsRestoreConfigSchema, {
        ...RELAY_ENV,
        RESTORE_ROLES: DB_RESTORE,
        DEFAULT_RESTORE_ROLE: value,
      });

      // Assert
      expect(config.policy.defaultRestoreRole).toBe('db-restore');
    }
  );

  it('requires a default role when DEFAULT_RESTORE_ROLE is empty and there are two roles', () => {
    // Act
    const error = errorOf({ ...RELAY_ENV, DEFAULT_RESTORE_ROLE: '' });

    // Assert
    expect(error.message).toContain(
      'DEFAULT_RESTORE_ROLE: is required when RESTORE_ROLES names more than one role'
    );
  });

  it('runs a whole batch at once, starting two restores a second, by default', () => {
    // Act
    const config = parseConfig(SqsRestoreConfigSchema, RELAY_ENV);

    // Assert
    expect(config.recordConcurrency).toBe(10);
    expect(config.startRatePerSecond).toBe(2);
  });

  it('accepts a record concurrency from 1 to 10 and a fractional start rate', () => {
    // Act
    const config = parseConfig(SqsRestoreConfigSchema, {
      ...RELAY_ENV,
      RECORD_CONCURRENCY: '1',
      START_RATE_PER_SECOND: '0.5',
    });

    // Assert
    expect(config.recordConcurrency).toBe(1);
    expect(config.startRatePerSecond).toBe(0.5);
  });

  it.each(['0', '-1', '51', 'fast'])(
    'fails when START_RATE_PER_SECOND is %s',
    (value) => {
      // Act
      const error = errorOf({ ...RELAY_ENV, START_RATE_PER_SECOND: value });

      // Assert
      expect(error.message).toContain('START_RATE_PER_SECOND');
    }
  );

  it.each(['11', '0', '1.5', 'two'])(
    'fails when RECORD_CONCURRENCY is %s',
    (value) => {
      // Act
      const error = errorOf({ ...RELAY_ENV, RECORD_CONCURRENCY: value });

      // Assert
      expect(error.message).toContain('RECORD_CONCURRENCY');
    }
  );

  it('allows events from restore-relay by default', () => {
    // Act
    const config = parseConfig(EventRestoreConfigSchema, RELAY_ENV);

    // Assert
    expect(config.eventSources).toEqual(new Set(['restore-relay']));
  });

  it('reads RELAY_EVENT_SOURCES as a comma-separated set', () => {
    // Act
    const config = parseConfig(EventRestoreConfigSchema, {
      ...RELAY_ENV,
      RELAY_EVENT_SOURCES: 'restore-relay, ops.runbooks ,,restore-relay',
    });

    // Assert
    expect(config.eventSources).toEqual(
      new Set(['restore-relay', 'ops.runbooks'])
    );
  });
});

describe('parseConfig for the restore lifecycle', () => {
  it('has defaults for every lifecycle setting', () => {
    // Act
    const config = parseConfig(ReconcileRestoresConfigSchema, RELAY_ENV);

    // Assert
    expect(config.outcomeEventBusName).toBe('default');
    expect(config.outcomeEventSource).toBe('restore-relay');
    expect(config.reportAllJobs).toBe(false);
    expect(config.reconcile).toEqual({
      reconcileAfterSeconds: 900,
      staleAfterSeconds: 86_400,
      maxJobs: 100,
    });
  });

  it('reads the lifecycle settings', () => {
    // Act
    const config = parseConfig(ReconcileRestoresConfigSchema, {
      ...RELAY_ENV,
      OUTCOME_EVENT_BUS_NAME: 'restores',
      OUTCOME_EVENT_SOURCE: 'acme.restore-relay',
      REPORT_ALL_JOBS: 'true',
      RECONCILE_AFTER_SECONDS: '0',
      STALE_AFTER_SECONDS: '172800',
      RECONCILE_MAX_JOBS: '250',
    });

    // Assert
    expect(config).toMatchObject({
      outcomeEventBusName: 'restores',
      outcomeEventSource: 'acme.restore-relay',
      reportAllJobs: true,
      reconcile: {
        reconcileAfterSeconds: 0,
        staleAfterSeconds: 172_800,
        maxJobs: 250,
      },
    });
  });

  it.each([
    [
      'OUTCOME_EVENT_BUS_NAME',
      'arn:aws:events:eu-west-1:111122223333:event-bus/x',
      'bus name (not an ARN)',
    ],
    ['OUTCOME_EVENT_SOURCE', 'aws.backup', 'must not start with "aws."'],
    ['REPORT_ALL_JOBS', 'yes', 'must be true or false'],
    ['STALE_AFTER_SECONDS', '30', 'STALE_AFTER_SECONDS'],
    ['RECONCILE_MAX_JOBS', '5000', 'RECONCILE_MAX_JOBS'],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    // Act
    const error = errorOf(
      { ...RELAY_ENV, [name]: value },
      ReconcileRestoresConfigSchema
    );

    // Assert
    expect(error.message).toContain(name);
    expect(error.message).toContain(message);
  });
});

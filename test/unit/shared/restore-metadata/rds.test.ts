import { describe, expect, it } from 'vitest';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { rdsMetadataBuilder } from '../../../../shared/restore-metadata/rds.js';
import {
  fixtureInput,
  metadataInput,
  REQUEST_KEY_HASH,
  recoveryPoint,
} from '../../../fixtures/restore-metadata/fixture.js';
import { rdsFixture } from '../../../fixtures/restore-metadata/rds.js';

const DB_ARN = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';

const build = (
  overrides: Record<string, MetadataValue>,
  facts: { resourceArn?: string; resourceName?: string } = {
    resourceArn: DB_ARN,
  },
  saved: Record<string, string> = {}
) =>
  rdsMetadataBuilder.build(
    metadataInput({
      resourceType: 'RDS',
      saved,
      overrides,
      recoveryPoint: recoveryPoint(facts),
    })
  );

describe('rdsMetadataBuilder', () => {
  it('builds the fixture: a new identifier, lists as JSON, info keys kept', () => {
    // Arrange
    const input = fixtureInput(rdsFixture);

    // Act
    const outcome = rdsMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...rdsFixture.expected, problems: [] });
  });

  it.each<
    [
      string,
      { resourceArn?: string; resourceName?: string },
      Record<string, string>,
      string,
    ]
  >([
    [
      'the resource name first',
      { resourceName: 'Billing_DB', resourceArn: DB_ARN },
      {},
      'billing-db',
    ],
    ['the name in the resource ARN', { resourceArn: DB_ARN }, {}, 'orders-db'],
    ['a saved identifier', {}, { DBInstanceIdentifier: 'legacy' }, 'legacy'],
    ['nothing at all', {}, {}, 'restore'],
  ])('derives DBInstanceIdentifier from %s', (_name, facts, saved, stem) => {
    // Arrange: the facts come from the table.

    // Act
    const outcome = build({}, facts, saved);

    // Assert
    expect(outcome.metadata.DBInstanceIdentifier).toBe(
      `${stem}-${REQUEST_KEY_HASH}`
    );
    expect(outcome.problems).toEqual([]);
  });

  it('keeps a DBInstanceIdentifier the request gives', () => {
    // Arrange
    const overrides = { DBInstanceIdentifier: 'orders-copy' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome).toEqual({
      metadata: { DBInstanceIdentifier: 'orders-copy' },
      warnings: [],
      problems: [],
    });
  });

  it.each<[string, string]>([
    ['1orders', 'does not start with a letter'],
    ['orders--copy', "contains '--'"],
    ['orders-', 'ends with a hyphen'],
    [
      'orders_copy',
      'contains a character other than a letter, digit or hyphen',
    ],
    ['o'.repeat(64), 'is 64 characters long'],
  ])('refuses the identifier %s', (identifier, what) => {
    // Arrange
    const overrides = { DBInstanceIdentifier: identifier };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.DBInstanceIdentifier',
        message: `${what}; RDS DB instance identifiers must be 1–63 letters, digits or hyphens, starting with a letter, without '--' and not ending with a hyphen`,
      },
    ]);
  });

  it('refuses VpcSecurityGroupIds as a bare id (lists are JSON)', () => {
    // Arrange
    const overrides = { VpcSecurityGroupIds: 'sg-0a1b2c3d' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.VpcSecurityGroupIds',
        message:
          'must be a JSON array string of security group ids (sg-…) (at least 1), e.g. ["sg-0123456789abcdef0"]',
      },
    ]);
  });

  it('re-encodes a saved list that is not JSON', () => {
    // Arrange
    const saved = { VpcSecurityGroupIds: 'sg-1,sg-2' };

    // Act
    const outcome = build({}, { resourceArn: DB_ARN }, saved);

    // Assert
    expect(outcome.metadata.VpcSecurityGroupIds).toBe('["sg-1","sg-2"]');
    expect(outcome.warnings).toEqual([
      'metadata.VpcSecurityGroupIds: the saved value was re-encoded as a JSON array string',
    ]);
  });

  it('tolerates the information-only keys and says they change nothing', () => {
    // Arrange
    const overrides = { EngineVersion: '8.0.36', kmsKeyId: 'alias/x' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.metadata).toEqual({
      EngineVersion: '8.0.36',
      KmsKeyId: 'alias/x',
      DBInstanceIdentifier: `orders-db-${REQUEST_KEY_HASH}`,
    });
    expect(outcome.warnings).toEqual([
      'metadata.EngineVersion: accepted, but AWS documents it as information only; it does not change the restore',
      'metadata.kmsKeyId: sent as KmsKeyId, the documented spelling',
      'metadata.kmsKeyId: accepted, but AWS documents it as information only; it does not change the restore',
    ]);
    expect(outcome.problems).toEqual([]);
  });

  it('refuses RestoreTime together with UseLatestRestorableTime', () => {
    // Arrange
    const overrides = {
      RestoreTime: '2026-03-01T04:15:00Z',
      UseLatestRestorableTime: true,
    };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.RestoreTime',
        message:
          'cannot be combined with UseLatestRestorableTime "true"; send one of them',
      },
    ]);
  });

  it('refuses a Multi-AZ DB cluster recovery point (not supported yet)', () => {
    // Arrange
    const facts = {
      resourceArn: 'arn:aws:rds:eu-west-1:111122223333:cluster:orders-maz',
    };

    // Act
    const outcome = build({}, facts);

    // Assert
    expect(outcome).toEqual({
      metadata: {},
      warnings: [],
      problems: [
        {
          path: 'metadata.DBInstanceIdentifier',
          message:
            'the backed-up resource is an RDS Multi-AZ DB cluster; restoring it (dbClusterIdentifier and engine, docs/resource-types.md#rds) is not supported yet',
        },
      ],
    });
  });

  it('refuses keys that are not RestoreDBInstanceFromDBSnapshot parameters', () => {
    // Arrange: AWS Backup supplies the snapshot itself.
    const overrides = { DBSnapshotIdentifier: 'snap' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]?.path).toBe('metadata.DBSnapshotIdentifier');
    expect(outcome.problems[0]?.message).toMatch(
      /^unknown key for RDS; allowed: DBInstanceIdentifier, AdditionalStorageVolumes, /
    );
  });
});

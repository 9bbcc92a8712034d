import { describe, expect, it } from 'vitest';
import {
  SavedMetadataCatalog,
  type SavedRecoveryPointFile,
  type SavedRestoreMetadataFile,
} from '#shared/adapters/saved-metadata-catalog';
import {
  RecoveryPointNotFoundError,
  RestoreRequestInvalidError,
} from '#shared/errors/errors';

const RP =
  'arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:job-4ce29c1e-372b-4105-93e1-77c611a90a80';
const VAULT = 'prod-primary';
const VAULT_ARN = `arn:aws:backup:eu-west-1:111122223333:backup-vault:${VAULT}`;
const DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';

const SAVED: SavedRestoreMetadataFile = {
  BackupVaultArn: VAULT_ARN,
  RecoveryPointArn: RP,
  RestoreMetadata: { Engine: 'postgres', AvailabilityZone: null },
  ResourceType: 'RDS',
};

const DESCRIBED: SavedRecoveryPointFile = {
  RecoveryPointArn: RP,
  BackupVaultName: VAULT,
  BackupVaultArn: VAULT_ARN,
  ResourceArn: DB,
  ResourceType: 'RDS',
  ResourceName: 'orders-db',
  Status: 'COMPLETED',
  CreationDate: new Date('2026-11-26T02:00:00Z'),
};

describe('SavedMetadataCatalog', () => {
  it('describes the point as DescribeRecoveryPoint does, from its saved description', async () => {
    // Arrange
    const catalog = new SavedMetadataCatalog({
      saved: SAVED,
      recoveryPoint: DESCRIBED,
    });

    // Act
    const point = await catalog.describe(VAULT, RP);

    // Assert
    expect(point).toEqual({
      recoveryPointArn: RP,
      backupVaultName: VAULT,
      backupVaultArn: VAULT_ARN,
      resourceArn: DB,
      resourceType: 'RDS',
      resourceName: 'orders-db',
      status: 'COMPLETED',
      creationDate: new Date('2026-11-26T02:00:00Z'),
    });
  });

  it('reports the saved status, so that a point AWS would refuse is refused', async () => {
    // Arrange
    const catalog = new SavedMetadataCatalog({
      saved: SAVED,
      recoveryPoint: { ...DESCRIBED, Status: 'EXPIRED' },
    });

    // Act
    const point = await catalog.describe(VAULT, RP);

    // Assert
    expect(point.status).toBe('EXPIRED');
  });

  it('without a description, counts the point COMPLETED in the vault of the saved metadata', async () => {
    // Arrange
    const catalog = new SavedMetadataCatalog({ saved: SAVED, resourceArn: DB });

    // Act
    const point = await catalog.describe(VAULT, RP);

    // Assert
    expect(point).toEqual({
      recoveryPointArn: RP,
      backupVaultName: VAULT,
      backupVaultArn: VAULT_ARN,
      resourceArn: DB,
      resourceType: 'RDS',
      status: 'COMPLETED',
    });
  });

  it.each([
    ['another point', VAULT, `${RP}-other`, { saved: SAVED }],
    ['another vault', 'archive-vault', RP, { saved: SAVED }],
    [
      'another vault than the description says',
      'archive-vault',
      RP,
      { saved: { RestoreMetadata: {} }, recoveryPoint: DESCRIBED },
    ],
  ])(
    'answers RecoveryPointNotFoundError for %s',
    async (_name, vault, arn, known) => {
      // Arrange
      const catalog = new SavedMetadataCatalog(known);

      // Act
      const error = await catalog.describe(vault, arn).catch((e: unknown) => e);

      // Assert
      expect(error).toBeInstanceOf(RecoveryPointNotFoundError);
    }
  );

  it('lists the described point for its resource, as ListRecoveryPointsByResource reports it', async () => {
    // Arrange
    const catalog = new SavedMetadataCatalog({
      saved: SAVED,
      recoveryPoint: DESCRIBED,
    });

    // Act
    const points = await catalog.listByResource(DB);

    // Assert
    expect(points).toEqual([
      {
        recoveryPointArn: RP,
        backupVaultName: VAULT,
        resourceArn: DB,
        resourceName: 'orders-db',
        status: 'COMPLETED',
        creationDate: new Date('2026-11-26T02:00:00Z'),
      },
    ]);
  });

  it('lists nothing for another resource, and refuses to list without a description', async () => {
    // Arrange
    const described = new SavedMetadataCatalog({
      saved: SAVED,
      recoveryPoint: DESCRIBED,
    });
    const bare = new SavedMetadataCatalog({ saved: SAVED });

    // Act
    const other = await described
      .listByResource(`${DB}-2`)
      .catch((e: unknown) => e);
    const unknown = await bare.listByResource(DB).catch((e: unknown) => e);

    // Assert
    expect(other).toBeInstanceOf(RecoveryPointNotFoundError);
    expect(unknown).toBeInstanceOf(RestoreRequestInvalidError);
    expect((unknown as RestoreRequestInvalidError).problems[0]?.path).toBe(
      'resourceArn'
    );
  });

  it('returns the saved metadata without the values AWS printed as null', async () => {
    // Arrange
    const catalog = new SavedMetadataCatalog({ saved: SAVED });

    // Act
    const saved = await catalog.getRestoreMetadata(VAULT, RP);

    // Assert
    expect(saved).toEqual({
      metadata: { Engine: 'postgres' },
      resourceType: 'RDS',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataValue } from '../../../../shared/restore-metadata/metadata-builder.js';
import { sapHanaMetadataBuilder } from '../../../../shared/restore-metadata/sap-hana.js';
import {
  fixtureInput,
  metadataInput,
} from '../../../fixtures/restore-metadata/fixture.js';
import { sapHanaFixture } from '../../../fixtures/restore-metadata/sap-hana.js';

const build = (overrides: Record<string, MetadataValue>) =>
  sapHanaMetadataBuilder.build(
    metadataInput({ resourceType: 'SAP HANA on Amazon EC2', overrides })
  );

const REQUIRED = {
  'aws:backup:TargetDatabaseArn':
    'arn:aws:ssm-sap:eu-west-1:111122223333:HANA/HDB/DB/SYSTEMDB',
  CatalogRestoreOption: 'NO_CATALOG',
  RecoveryType: 'FULL_DATA_BACKUP_RECOVERY',
};

describe('sapHanaMetadataBuilder', () => {
  it('builds the fixture, dropping the returned bookkeeping', () => {
    // Arrange
    const input = fixtureInput(sapHanaFixture);

    // Act
    const outcome = sapHanaMetadataBuilder.build(input);

    // Assert
    expect(outcome).toEqual({ ...sapHanaFixture.expected, problems: [] });
  });

  it('drops the continuous-point bookkeeping too', () => {
    // Arrange
    const input = fixtureInput(
      {
        ...sapHanaFixture,
        saved: {
          AvailableRestoreBases: '[]',
          EarliestRestorablePitrTimestamp: '1772337000000',
          LatestRestorablePitrTimestamp: '1772337600000',
          DatabaseType: 'TENANT',
        },
      },
      REQUIRED
    );

    // Act
    const outcome = sapHanaMetadataBuilder.build(input);

    // Assert
    expect(outcome.metadata).toEqual(REQUIRED);
  });

  it('requires the target database and both recovery options', () => {
    // Arrange: nothing given.

    // Act
    const outcome = build({});

    // Assert
    expect(outcome.problems).toEqual([
      {
        path: 'metadata.aws:backup:TargetDatabaseArn',
        message:
          'required for SAP HANA on Amazon EC2: the ARN of the target database in AWS Systems Manager for SAP',
      },
      {
        path: 'metadata.CatalogRestoreOption',
        message:
          'required for SAP HANA on Amazon EC2: NO_CATALOG, LATEST_CATALOG_FROM_AWS_BACKUP or CATALOG_FROM_LOCAL_PATH',
      },
      {
        path: 'metadata.RecoveryType',
        message:
          'required for SAP HANA on Amazon EC2: FULL_DATA_BACKUP_RECOVERY, POINT_IN_TIME_RECOVERY or MOST_RECENT_TIME_RECOVERY',
      },
    ]);
  });

  it.each<[string, MetadataValue, string]>([
    [
      'CatalogRestoreOption',
      'LATEST',
      'must be one of: NO_CATALOG, LATEST_CATALOG_FROM_AWS_BACKUP, CATALOG_FROM_LOCAL_PATH',
    ],
    [
      'RecoveryType',
      'FULL',
      'must be one of: FULL_DATA_BACKUP_RECOVERY, POINT_IN_TIME_RECOVERY, MOST_RECENT_TIME_RECOVERY',
    ],
    [
      'aws:backup:TargetDatabaseArn',
      'HDB',
      'must be an ARN of ssm-sap, e.g. arn:aws:ssm-sap:eu-west-1:111122223333:…',
    ],
  ])('refuses a bad %s', (key, value, message) => {
    // Arrange
    const overrides = { ...REQUIRED, [key]: value };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.problems).toEqual([{ path: `metadata.${key}`, message }]);
  });

  it('ties LocalCatalogPath to CATALOG_FROM_LOCAL_PATH', () => {
    // Arrange
    const missing = {
      ...REQUIRED,
      CatalogRestoreOption: 'CATALOG_FROM_LOCAL_PATH',
    };
    const extra = { ...REQUIRED, LocalCatalogPath: '/hana/catalog' };

    // Act
    const outcomes = [build(missing), build(extra)];

    // Assert
    expect(outcomes.map((o) => o.problems)).toEqual([
      [
        {
          path: 'metadata.LocalCatalogPath',
          message:
            'required when CatalogRestoreOption is CATALOG_FROM_LOCAL_PATH',
        },
      ],
      [
        {
          path: 'metadata.LocalCatalogPath',
          message:
            'is used only with CatalogRestoreOption CATALOG_FROM_LOCAL_PATH',
        },
      ],
    ]);
  });

  it('warns that the point-in-time key is undocumented', () => {
    // Arrange
    const overrides = { ...REQUIRED, RecoveryType: 'POINT_IN_TIME_RECOVERY' };

    // Act
    const outcome = build(overrides);

    // Assert
    expect(outcome.warnings).toEqual([
      'metadata.RecoveryType: POINT_IN_TIME_RECOVERY: the key that carries the timestamp is not documented (UNVERIFIED, docs/resource-types.md#sap-hana)',
      'metadata.aws:backup:TargetDatabaseArn: the restore overwrites this database (docs/resource-types.md#in-place)',
    ]);
  });

  it('does not support tag copy', () => {
    // Arrange, Act: a property.

    // Assert
    expect(sapHanaMetadataBuilder.copySourceTagsSupported).toBe(false);
  });
});

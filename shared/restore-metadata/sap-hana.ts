import { createMetadataBuilder } from './create-metadata-builder.js';
import { REQUEST_ID_KEY } from './metadata-keys.js';
import { arnOf, matching, oneOf, uuid } from './value-rules.js';

const TARGET_DATABASE_ARN = 'aws:backup:TargetDatabaseArn';
const LOCAL_PATH_OPTION = 'CATALOG_FROM_LOCAL_PATH';

/**
 * SAP HANA on EC2 restore metadata (docs/resource-types.md#sap-hana). Everything
 * the saved map carries is descriptive bookkeeping and is not sent; the
 * request names the target database and the recovery options. The restore
 * overwrites the target database.
 */
export const sapHanaMetadataBuilder = createMetadataBuilder({
  resourceType: 'SAP HANA on Amazon EC2',
  documentedKeys: [
    REQUEST_ID_KEY,
    TARGET_DATABASE_ARN,
    'CatalogRestoreOption',
    'LocalCatalogPath',
    'RecoveryType',
  ],
  // docs/resource-types.md#copy-tags: the job fails if tag copy is requested.
  copySourceTagsSupported: false,
  documentedKeysOnly: true,
  informationalKeys: [
    'BackupSize',
    'DatabaseName',
    'DatabaseType',
    'HanaBackupEndTime',
    'HanaBackupId',
    'HanaBackupPrefix',
    'HanaBackupStartTime',
    'HanaVersion',
    'IsCompressedBySap',
    'IsEncryptedBySap',
    'SourceDatabaseArn',
    'SystemDatabaseSid',
    'AvailableRestoreBases',
    'EarliestRestorablePitrTimestamp',
    'LatestRestorablePitrTimestamp',
  ],
  requiredKeys: {
    [TARGET_DATABASE_ARN]:
      'the ARN of the target database in AWS Systems Manager for SAP',
    CatalogRestoreOption:
      'NO_CATALOG, LATEST_CATALOG_FROM_AWS_BACKUP or CATALOG_FROM_LOCAL_PATH',
    RecoveryType:
      'FULL_DATA_BACKUP_RECOVERY, POINT_IN_TIME_RECOVERY or MOST_RECENT_TIME_RECOVERY',
  },
  valueRules: {
    [REQUEST_ID_KEY]: uuid,
    [TARGET_DATABASE_ARN]: arnOf('ssm-sap'),
    CatalogRestoreOption: oneOf([
      'NO_CATALOG',
      'LATEST_CATALOG_FROM_AWS_BACKUP',
      LOCAL_PATH_OPTION,
    ]),
    LocalCatalogPath: matching(/^\//, 'an absolute path (starting with /)'),
    RecoveryType: oneOf([
      'FULL_DATA_BACKUP_RECOVERY',
      'POINT_IN_TIME_RECOVERY',
      'MOST_RECENT_TIME_RECOVERY',
    ]),
  },
  refine: (context) => {
    const { metadata } = context;
    const fromLocalPath =
      metadata.get('CatalogRestoreOption') === LOCAL_PATH_OPTION;
    if (fromLocalPath && !metadata.has('LocalCatalogPath')) {
      context.fail(
        'LocalCatalogPath',
        `required when CatalogRestoreOption is ${LOCAL_PATH_OPTION}`
      );
    } else if (!fromLocalPath && metadata.has('LocalCatalogPath')) {
      context.fail(
        'LocalCatalogPath',
        `is used only with CatalogRestoreOption ${LOCAL_PATH_OPTION}`
      );
    }
    if (metadata.get('RecoveryType') === 'POINT_IN_TIME_RECOVERY') {
      context.warn(
        'RecoveryType',
        'POINT_IN_TIME_RECOVERY: the key that carries the timestamp is not documented (UNVERIFIED, docs/resource-types.md#sap-hana)'
      );
    }
    if (metadata.has(TARGET_DATABASE_ARN)) {
      context.warn(
        TARGET_DATABASE_ARN,
        'the restore overwrites this database (docs/resource-types.md#in-place)'
      );
    }
  },
});

import { createMetadataBuilder } from './create-metadata-builder.js';
import { savedValue } from './metadata-keys.js';
import { RDS_INSTANCE_IDENTIFIER } from './name-rules.js';
import { ensureNewResourceName } from './new-resource-name.js';
import { nameInArn, originalName } from './original-name.js';
import {
  availabilityZoneName,
  booleanString,
  integerString,
  jsonArray,
  nameOf,
  objectItem,
  securityGroupIds,
  stringList,
  timestamp,
} from './value-rules.js';

/**
 * The guide gives no RDS key list; the accepted metadata is the parameter
 * set of RDS `RestoreDBInstanceFromDBSnapshot`, plus `RestoreTime` /
 * `UseLatestRestorableTime` of `RestoreDBInstanceToPointInTime` for
 * continuous points (docs/resource-types.md#rds). AWS Backup supplies the
 * snapshot itself, so `DBSnapshotIdentifier` and `DBClusterSnapshotIdentifier`
 * are not accepted; `Tags` is left out because tags follow docs/resource-types.md#copy-tags.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html
 */
const RDS_KEYS = [
  'DBInstanceIdentifier',
  'AdditionalStorageVolumes',
  'AllocatedStorage',
  'AutoMinorVersionUpgrade',
  'AvailabilityZone',
  'BackupRetentionPeriod',
  'BackupTarget',
  'CACertificateIdentifier',
  'CopyTagsToSnapshot',
  'CustomIamInstanceProfile',
  'DBInstanceClass',
  'DBName',
  'DBParameterGroupName',
  'DBSubnetGroupName',
  'DedicatedLogVolume',
  'DeletionProtection',
  'Domain',
  'DomainAuthSecretArn',
  'DomainDnsIps',
  'DomainFqdn',
  'DomainIAMRoleName',
  'DomainOu',
  'EnableCloudwatchLogsExports',
  'EnableCustomerOwnedIp',
  'EnableIAMDatabaseAuthentication',
  'Engine',
  'EngineLifecycleSupport',
  'Iops',
  'LicenseModel',
  'ManageMasterUserPassword',
  'MasterUserSecretKmsKeyId',
  'MultiAZ',
  'NetworkType',
  'OptionGroupName',
  'Port',
  'PreferredBackupWindow',
  'ProcessorFeatures',
  'PubliclyAccessible',
  'StorageThroughput',
  'StorageType',
  'TdeCredentialArn',
  'TdeCredentialPassword',
  'UseDefaultProcessorFeatures',
  'VpcSecurityGroupIds',
  'RestoreTime',
  'UseLatestRestorableTime',
];

/**
 * RDS DB instance restore metadata (docs/resource-types.md#rds): a new
 * `DBInstanceIdentifier`, list values as JSON array strings, and the
 * information-only keys tolerated.
 */
export const rdsMetadataBuilder = createMetadataBuilder({
  resourceType: 'RDS',
  documentedKeys: RDS_KEYS,
  copySourceTagsSupported: true,
  // Accepted with no effect, per the guide (docs/resource-types.md#starting-point, #rds).
  noEffectKeys: ['EngineVersion', 'KmsKeyId', 'Encrypted', 'vpcId'],
  requiredKeys: {
    DBInstanceIdentifier: 'the identifier of the new DB instance',
  },
  valueRules: {
    DBInstanceIdentifier: nameOf(RDS_INSTANCE_IDENTIFIER),
    VpcSecurityGroupIds: securityGroupIds,
    EnableCloudwatchLogsExports: stringList({ example: '["error","general"]' }),
    DomainDnsIps: stringList({ example: '["10.0.0.10","10.0.1.10"]' }),
    ProcessorFeatures: jsonArray({
      items: 'objects {Name, Value}',
      item: objectItem,
      example: '[{"Name":"coreCount","Value":"2"}]',
    }),
    AvailabilityZone: availabilityZoneName,
    AllocatedStorage: integerString({ min: 1 }),
    BackupRetentionPeriod: integerString({ min: 0, max: 35 }),
    Iops: integerString({ min: 0 }),
    Port: integerString({ min: 1, max: 65535 }),
    StorageThroughput: integerString({ min: 0 }),
    AutoMinorVersionUpgrade: booleanString,
    CopyTagsToSnapshot: booleanString,
    DedicatedLogVolume: booleanString,
    DeletionProtection: booleanString,
    EnableCustomerOwnedIp: booleanString,
    EnableIAMDatabaseAuthentication: booleanString,
    ManageMasterUserPassword: booleanString,
    MultiAZ: booleanString,
    PubliclyAccessible: booleanString,
    UseDefaultProcessorFeatures: booleanString,
    UseLatestRestorableTime: booleanString,
    RestoreTime: timestamp,
  },
  refine: (context) => {
    const { input, metadata } = context;
    const { resourceArn, resourceName } = input.recoveryPoint;

    // RDS Multi-AZ DB clusters restore like Aurora (dbClusterIdentifier,
    // engine; docs/resource-types.md#rds); an instance identifier would fail the job later.
    if (nameInArn(resourceArn, 'cluster') !== undefined) {
      context.fail(
        'DBInstanceIdentifier',
        'the backed-up resource is an RDS Multi-AZ DB cluster; restoring it (dbClusterIdentifier and engine, docs/resource-types.md#rds) is not supported yet'
      );
      return;
    }

    ensureNewResourceName(context, {
      key: 'DBInstanceIdentifier',
      rule: RDS_INSTANCE_IDENTIFIER,
      original: originalName([
        resourceName,
        nameInArn(resourceArn, 'db'),
        savedValue(input.saved, 'DBInstanceIdentifier'),
      ]),
    });

    // RestoreDBInstanceToPointInTime takes one or the other.
    if (
      metadata.has('RestoreTime') &&
      metadata.get('UseLatestRestorableTime') === 'true'
    ) {
      context.fail(
        'RestoreTime',
        'cannot be combined with UseLatestRestorableTime "true"; send one of them'
      );
    }
  },
});

import type { ResourceType } from '../domain/resource-type.js';
import type { Requirement } from '../domain/restore-profile.js';
import { REQUEST_ID_KEY } from '../restore-metadata/metadata-keys.js';

/**
 * One type's built-in profile, as lists: what a request may set to `any`
 * valid value, what only `as-backed-up`, and what `never` (listed so that a
 * reviewer sees the dangerous keys named; every key on no list is refused
 * the same way).
 */
export interface DefaultProfileSpec {
  readonly any: readonly string[];
  readonly asBackedUp: readonly string[];
  readonly never: readonly string[];
  readonly requirements: readonly Omit<Requirement, 'origin'>[];
}

// "Never public": a restored database or warehouse is never reachable from
// the internet unless the deployment says so (docs/policy.md).
const NOT_PUBLIC = {
  key: 'PubliclyAccessible',
  value: 'false',
  when: 'always',
  onSaved: 'rewrite',
} as const;

// RestoreDBClusterFromSnapshot has no PubliclyAccessible (it is an
// instance setting), so for the cluster types the pin holds only when a
// saved map carries the key: sending it unasked could fail the job.
// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html
const NOT_PUBLIC_IF_PRESENT = { ...NOT_PUBLIC, when: 'if-present' } as const;

const CLUSTER: DefaultProfileSpec = {
  any: [
    'dbClusterIdentifier',
    'databaseName',
    'availabilityZones',
    'backtrackWindow',
    'copyTagsToSnapshot',
    'enableCloudwatchLogsExports',
    'kmsKeyId',
    'port',
    'scalingConfiguration',
  ],
  asBackedUp: [
    'dbSubnetGroupName',
    'vpcSecurityGroupIds',
    'dbClusterParameterGroupName',
    'optionGroupName',
    'engine',
    'engineMode',
    'engineVersion',
  ],
  never: ['enableIAMDatabaseAuthentication'],
  requirements: [NOT_PUBLIC_IF_PRESENT],
};

// Instance profiles, boot scripts, kernels and key pairs decide what runs
// on a restored server and with which identity.
const EC2_CODE_AND_IDENTITY = [
  'UserData',
  'KeyName',
  'IamInstanceProfileName',
  'KernelId',
  'RamdiskId',
];

/**
 * The built-in restore profiles: new resources only, same account and
 * Region (checked on every ARN, docs/policy.md), encryption kept on, never
 * public, no code or identity keys, network placement only as backed up.
 * In-place restores are a separate opt-in (`in-place-restores.ts`).
 *
 * Sizes, classes, names, items to restore and restore times are free:
 * they cannot move data elsewhere. KMS keys are free within the account
 * and Region: the location check refuses any other account's key.
 */
export const DEFAULT_PROFILES: Readonly<
  Record<ResourceType, DefaultProfileSpec>
> = {
  Aurora: {
    ...CLUSTER,
    any: [...CLUSTER.any, 'restoreToTime', 'useLatestRestorableTime'],
  },
  DocumentDB: CLUSTER,
  Neptune: CLUSTER,
  CloudFormation: {
    any: ['ChangeSetName', 'StackName', 'ChangeSetDescription', REQUEST_ID_KEY],
    asBackedUp: [],
    // Parameters decide which resources (roles, networks) the stack makes.
    never: ['StackParameters'],
    requirements: [],
  },
  DynamoDB: {
    any: [
      'targetTableName',
      'encryptionType',
      'kmsMasterKeyArn',
      REQUEST_ID_KEY,
    ],
    asBackedUp: [],
    never: [],
    requirements: [],
  },
  EBS: {
    any: [
      'availabilityZone',
      'encrypted',
      'kmsKeyId',
      'volumeType',
      'volumeSize',
      'iops',
      'throughput',
      'temporaryRestoreDays',
      'restoreType',
      'pathsToRestore',
      'encryptionType',
      REQUEST_ID_KEY,
    ],
    asBackedUp: [],
    // A file-level restore writes into a bucket: allowlist it explicitly.
    never: ['destinationBucketName'],
    requirements: [
      { key: 'encrypted', value: 'true', when: 'always', onSaved: 'rewrite' },
    ],
  },
  EC2: {
    any: [
      'InstanceType',
      'DisableApiTermination',
      'InstanceInitiatedShutdownBehavior',
      'EbsOptimized',
      'Monitoring',
      'CreditSpecification',
      'HibernationOptions',
      REQUEST_ID_KEY,
    ],
    asBackedUp: [
      'SubnetId',
      'SecurityGroupIds',
      'NetworkInterfaces',
      'Placement',
      'BlockDeviceMappings',
      'CpuOptions',
      'Architecture',
      'EnaSupport',
      'RootDeviceType',
      'VirtualizationType',
      'Platform',
      'ElasticGpuSpecification',
      'CapacityReservationSpecification',
      'InstanceMarketOptions',
      'LicenseSpecifications',
      'RequireIMDSv2',
    ],
    never: EC2_CODE_AND_IDENTITY,
    requirements: [],
  },
  EFS: {
    any: [
      'newFileSystem',
      'CreationToken',
      'KmsKeyId',
      'PerformanceMode',
      'ItemsToRestore',
      'availabilityZoneName',
      REQUEST_ID_KEY,
    ],
    asBackedUp: ['file-system-id', 'singleAzFilesystem'],
    never: [],
    requirements: [
      { key: 'Encrypted', value: 'true', when: 'always', onSaved: 'rewrite' },
    ],
  },
  EKS: {
    any: [
      'clusterName',
      'newCluster',
      'eksClusterVersion',
      'controlPlaneScalingTier',
      'encryptionConfigProviderKeyArn',
      'kubernetesRestoreOrder',
      'namespaceLevelRestore',
      'namespaces',
      'restoreKubernetesManifestsOnly',
    ],
    asBackedUp: ['clusterVpcConfig', 'nodeGroups', 'fargateProfiles'],
    // Roles decide the identity of the control plane and the pods; nested
    // jobs carry child metadata that no profile would check.
    never: ['clusterRole', 'podIdentityAssociations', 'nestedRestoreJobs'],
    requirements: [],
  },
  FSx: {
    any: [
      'StorageCapacity',
      'ThroughputCapacity',
      'KmsKeyId',
      'Name',
      'WeeklyMaintenanceStartTime',
      'DailyAutomaticBackupStartTime',
      'AutomaticBackupRetentionDays',
      'CopyTagsToBackups',
      REQUEST_ID_KEY,
    ],
    asBackedUp: [
      'SubnetIds',
      'SecurityGroupIds',
      'VpcId',
      'PreferredSubnetId',
      'StorageType',
      'DeploymentType',
      'LustreConfiguration',
      'OpenZFSConfiguration',
      'WindowsConfiguration',
      'OntapConfiguration',
    ],
    // Joining a directory is an identity decision.
    never: ['ActiveDirectoryId'],
    requirements: [],
  },
  RDS: {
    any: [
      'DBInstanceIdentifier',
      'DBInstanceClass',
      'AllocatedStorage',
      'StorageType',
      'Iops',
      'StorageThroughput',
      'MultiAZ',
      'AvailabilityZone',
      'Port',
      'DBName',
      'BackupRetentionPeriod',
      'PreferredBackupWindow',
      'AutoMinorVersionUpgrade',
      'CopyTagsToSnapshot',
      'DeletionProtection',
      'DedicatedLogVolume',
      'EnableCloudwatchLogsExports',
      'ProcessorFeatures',
      'UseDefaultProcessorFeatures',
      'MasterUserSecretKmsKeyId',
      'PubliclyAccessible',
      'RestoreTime',
      'UseLatestRestorableTime',
    ],
    asBackedUp: [
      'DBSubnetGroupName',
      'VpcSecurityGroupIds',
      'DBParameterGroupName',
      'OptionGroupName',
      'Engine',
      'LicenseModel',
      'NetworkType',
      'CACertificateIdentifier',
      'EngineLifecycleSupport',
      'BackupTarget',
      'AdditionalStorageVolumes',
    ],
    never: [
      'Domain',
      'DomainAuthSecretArn',
      'DomainDnsIps',
      'DomainFqdn',
      'DomainIAMRoleName',
      'DomainOu',
      'CustomIamInstanceProfile',
      'EnableIAMDatabaseAuthentication',
      'ManageMasterUserPassword',
      'TdeCredentialArn',
      'TdeCredentialPassword',
      'EnableCustomerOwnedIp',
    ],
    requirements: [NOT_PUBLIC],
  },
  Redshift: {
    any: [
      'ClusterIdentifier',
      'RestoreType',
      'NodeType',
      'NumberOfNodes',
      'AvailabilityZone',
      'AvailabilityZoneRelocation',
      'AutomatedSnapshotRetentionPeriod',
      'ManualSnapshotRetentionPeriod',
      'Port',
      'PreferredMaintenanceWindow',
      'MaintenanceTrackName',
      'AllowVersionUpgrade',
      'AquaConfigurationStatus',
      'KmsKeyId',
      'MasterPasswordSecretKmsKeyId',
      'PubliclyAccessible',
    ],
    asBackedUp: [
      'ClusterSubnetGroupName',
      'VpcSecurityGroupIds',
      'ClusterSecurityGroups',
      'ClusterParameterGroupName',
      'EnhancedVpcRouting',
      'Encrypted',
      'SnapshotClusterIdentifier',
      'SnapshotScheduleIdentifier',
      'HsmClientCertificateIdentifier',
      'HsmConfigurationIdentifier',
    ],
    never: [
      'OwnerAccount',
      'IamRoles',
      'DefaultIamRoleArn',
      'ElasticIp',
      'ManageMasterPassword',
      'ReservedNodeId',
      'TargetReservedNodeOfferingId',
      'AdditionalInfo',
    ],
    requirements: [NOT_PUBLIC],
  },
  S3: {
    any: [
      'RestoreACLs',
      'EncryptionType',
      'KMSKey',
      'ItemsToRestore',
      'RestoreLatestVersionsUpTo',
      'RestoreTime',
    ],
    asBackedUp: [],
    // A bucket name says nothing of its owner (names are global): the
    // deployment allowlists the buckets a restore may write into.
    never: ['DestinationBucketName'],
    requirements: [],
  },
  'SAP HANA on Amazon EC2': {
    any: [
      REQUEST_ID_KEY,
      'aws:backup:TargetDatabaseArn',
      'CatalogRestoreOption',
      'RecoveryType',
    ],
    asBackedUp: ['LocalCatalogPath'],
    never: [],
    requirements: [],
  },
  'Storage Gateway': {
    any: [
      'gatewayArn',
      'gatewayType',
      'targetName',
      'kmsKey',
      'volumeSize',
      'volumeSizeInBytes',
      'diskId',
    ],
    asBackedUp: [],
    never: [],
    requirements: [],
  },
  Timestream: {
    any: [
      'TableName',
      'DestinationDatabase',
      'DatabaseName',
      'MemoryStoreRetentionPeriodInHours',
      'MagneticStoreRetentionPeriodInDays',
      'EnableMagneticStoreWrites',
      REQUEST_ID_KEY,
    ],
    // It names the bucket rejected records are written to.
    asBackedUp: ['MagneticStoreWriteProperties'],
    never: [],
    requirements: [],
  },
  VirtualMachine: {
    any: [
      'RestoreTo',
      'VMName',
      'InstanceType',
      'InstanceInitiatedShutdownBehavior',
      'HibernationOptions',
      'DisableApiTermination',
      'CreditSpecification',
      'EbsOptimized',
      'EbsVolumeType',
      'KmsKeyId',
      'AvailabilityZone',
      'IsEncrypted',
      'DisksToRestore',
      'ItemsToRestore',
    ],
    asBackedUp: [
      'HypervisorArn',
      'VMPath',
      'ComputeResourceName',
      'VMDatastore',
      'VpcId',
      'SubnetId',
      'SecurityGroupIds',
      'NetworkInterfaces',
      'Placement',
      'LicenseSpecifications',
      'RequireIMDSv2',
    ],
    never: EC2_CODE_AND_IDENTITY.filter((k) => k !== 'KeyName'),
    requirements: [],
  },
};

/**
 * The attacks of "Safe by default", as the least-trusted writer would send
 * them (one message on the queue, one event on the bus, one direct
 * invocation), against the default deployment: the built-in restore
 * profiles, no allowlists. Each must end as a PolicyViolation that names
 * the key or ARN, with no AWS Backup write and nothing left in DynamoDB.
 */
import type { SQSBatchResponse } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  deadLetters,
  notificationsOfType,
  useCapturedMetrics,
} from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import {
  restoreRequestedEvent,
  sqsEvent,
  sqsRecord,
} from '#test/support/lambda-events';
import { tableItems, useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { handler as eventHandler } from '../../../../functions/event-restore/handler.js';
import { handler as invokeHandler } from '../../../../functions/invoke-restore/handler.js';
import { handler as sqsHandler } from '../../../../functions/sqs-restore/handler.js';

// The default deployment: serverless.yml's parameters leave
// RESTORE_PROFILES and TRUSTED_ARNS empty.
const local = useLocalAws({
  ...RELAY_ENV,
  RESTORE_PROFILES: '',
  TRUSTED_ARNS: '',
  AWS_SDK_MAX_ATTEMPTS: '2',
});
useCapturedMetrics();

const VAULT = 'prod-primary';
const EC2 = {
  recoveryPointArn: 'arn:aws:ec2:eu-west-1::image/ami-0abc1234def567890',
  backupVaultName: VAULT,
};
const VM = {
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:908bdb09-3f84-46a5-89d1-b9ea5efcfbc6',
  backupVaultName: VAULT,
};
const EFS = {
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
  backupVaultName: VAULT,
};
const EBS = {
  recoveryPointArn: 'arn:aws:ec2:eu-west-1::snapshot/snap-068beea0c7a22b1b5',
  backupVaultName: VAULT,
};
const RDS = { resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db' };
const DYNAMODB = {
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:e417716b-febd-40ab-97cc-0e4041c11667',
  backupVaultName: VAULT,
};
const S3 = {
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:0eb9f1c4-de44-42d5-9764-912e3dea8355',
  backupVaultName: VAULT,
};
const SGW = {
  recoveryPointArn: 'arn:aws:ec2:eu-west-1::snapshot/snap-0f51d52f38a2706c7',
  backupVaultName: VAULT,
  resourceType: 'Storage Gateway',
};
const REDSHIFT = {
  recoveryPointArn:
    'arn:aws:redshift:eu-west-1:111122223333:snapshot:analytics-dw/awsbackup:job-7d0c3b1e-2a4f-4b8e-9c61-5e3f2a1b0c9d',
  backupVaultName: VAULT,
};
const SAP_HANA = {
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:5b7f0c2e-8d1a-4c3b-9e6f-0a1b2c3d4e5f',
  backupVaultName: VAULT,
  resourceType: 'SAP HANA on Amazon EC2',
};
const OTHER_KMS_KEY =
  'arn:aws:kms:eu-west-1:999988887777:key/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const HANA_OPTIONS = {
  CatalogRestoreOption: 'LATEST_CATALOG_FROM_AWS_BACKUP',
  RecoveryType: 'FULL_DATA_BACKUP_RECOVERY',
};

/** [attack class, what is sent, the path the refusal names]. */
const ATTACKS: readonly [string, Record<string, unknown>, string][] = [
  // EC2: code, identity and network chosen by the message.
  [
    'EC2 boot script',
    { ...EC2, metadata: { UserData: 'IyEvYmluL3No' } },
    'metadata.UserData',
  ],
  [
    'EC2 key pair',
    { ...EC2, metadata: { KeyName: 'attacker' } },
    'metadata.KeyName',
  ],
  [
    'EC2 instance profile',
    { ...EC2, metadata: { IamInstanceProfileName: 'UseBackedUpValue' } },
    'metadata.IamInstanceProfileName',
  ],
  [
    'EC2 subnet',
    { ...EC2, metadata: { SubnetId: 'subnet-0ffffffffffffffff' } },
    'metadata.SubnetId',
  ],
  [
    'EC2 security groups',
    {
      ...EC2,
      metadata: {
        SecurityGroupIds: ['sg-0123456789abcdef0', 'sg-0ffffffffffffffff'],
      },
    },
    'metadata.SecurityGroupIds',
  ],
  [
    'EC2 public network interface',
    {
      ...EC2,
      metadata: {
        NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
      },
    },
    'metadata.NetworkInterfaces',
  ],
  // VirtualMachine to EC2.
  [
    'VM instance profile',
    {
      ...VM,
      metadata: {
        RestoreTo: 'EC2Instance',
        InstanceType: 't3.small',
        IamInstanceProfileName: 'admin',
      },
    },
    'metadata.IamInstanceProfileName',
  ],
  [
    'VM boot script',
    {
      ...VM,
      metadata: {
        RestoreTo: 'EC2Instance',
        InstanceType: 't3.small',
        UserData: 'IyEvYmluL3No',
      },
    },
    'metadata.UserData',
  ],
  // Overwrite restores.
  [
    'EFS into the source',
    { ...EFS, metadata: { newFileSystem: false } },
    'metadata',
  ],
  [
    'EFS onto another file system',
    { ...EFS, metadata: { 'file-system-id': 'fs-0fffffffffffffff0' } },
    'metadata.file-system-id',
  ],
  [
    'SAP HANA over a database',
    {
      ...SAP_HANA,
      metadata: {
        ...HANA_OPTIONS,
        'aws:backup:TargetDatabaseArn':
          'arn:aws:ssm-sap:eu-west-1:111122223333:HANA/PRD/DB/SYSTEMDB',
      },
    },
    'metadata',
  ],
  [
    "SAP HANA over another account's database",
    {
      ...SAP_HANA,
      metadata: {
        ...HANA_OPTIONS,
        'aws:backup:TargetDatabaseArn':
          'arn:aws:ssm-sap:eu-west-1:999988887777:HANA/PRD/DB/SYSTEMDB',
      },
    },
    'metadata.aws:backup:TargetDatabaseArn',
  ],
  [
    'Redshift namespace restore',
    {
      ...REDSHIFT,
      metadata: {
        RestoreType: 'NAMESPACE_RESTORE',
        ClusterIdentifier: 'analytics-dw',
      },
    },
    'metadata',
  ],
  // Destinations and keys outside the account.
  [
    'S3 any bucket',
    { ...S3, metadata: { DestinationBucketName: 'attacker-exfil' } },
    'metadata.DestinationBucketName',
  ],
  [
    "DynamoDB another account's key",
    {
      ...DYNAMODB,
      metadata: { encryptionType: 'KMS', kmsMasterKeyArn: OTHER_KMS_KEY },
    },
    'metadata.kmsMasterKeyArn',
  ],
  [
    "EFS another account's key",
    { ...EFS, metadata: { KmsKeyId: OTHER_KMS_KEY } },
    'metadata.KmsKeyId',
  ],
  [
    "EBS another account's key",
    {
      ...EBS,
      metadata: { availabilityZone: 'eu-west-1a', kmsKeyId: OTHER_KMS_KEY },
    },
    'metadata.kmsKeyId',
  ],
  [
    'EBS an AZ of another Region',
    { ...EBS, metadata: { availabilityZone: 'us-east-1a' } },
    'metadata.availabilityZone',
  ],
  [
    "Storage Gateway another account's gateway",
    {
      ...SGW,
      metadata: {
        targetName: 'vol-x',
        gatewayArn:
          'arn:aws:storagegateway:eu-west-1:999988887777:gateway/sgw-99',
      },
    },
    'metadata.gatewayArn',
  ],
  [
    "Storage Gateway another account's key",
    { ...SGW, metadata: { targetName: 'vol-x', kmsKey: OTHER_KMS_KEY } },
    'metadata.kmsKey',
  ],
  [
    'Redshift owner account',
    { ...REDSHIFT, metadata: { OwnerAccount: '999988887777' } },
    'metadata.OwnerAccount',
  ],
  [
    'Redshift IAM roles',
    {
      ...REDSHIFT,
      metadata: { IamRoles: ['arn:aws:iam::999988887777:role/x'] },
    },
    'metadata.IamRoles',
  ],
  [
    'RDS directory join',
    { ...RDS, metadata: { Domain: 'd-1234567890' } },
    'metadata.Domain',
  ],
  [
    "RDS another account's secret key",
    { ...RDS, metadata: { MasterUserSecretKmsKeyId: OTHER_KMS_KEY } },
    'metadata.MasterUserSecretKmsKeyId',
  ],
  [
    'RDS an AZ of another Region',
    { ...RDS, metadata: { AvailabilityZone: 'us-east-1a' } },
    'metadata.AvailabilityZone',
  ],
  // The policy model: public, in any spelling.
  [
    'RDS public',
    { ...RDS, metadata: { PubliclyAccessible: true } },
    'metadata.PubliclyAccessible',
  ],
  [
    'RDS public, other case and spaces',
    { ...RDS, metadata: { publiclyaccessible: ' TRUE ' } },
    'metadata.publiclyaccessible',
  ],
  // Identity: other partitions, empty Regions.
  [
    'an aws-cn recovery point',
    {
      ...EFS,
      recoveryPointArn: EFS.recoveryPointArn.replace('arn:aws:', 'arn:aws-cn:'),
    },
    'recoveryPointArn',
  ],
  [
    'a recovery point with no Region',
    {
      ...EFS,
      recoveryPointArn: EFS.recoveryPointArn.replace(':eu-west-1:', '::'),
    },
    'recoveryPointArn',
  ],
  [
    'an aws-us-gov resource',
    { resourceArn: RDS.resourceArn.replace('arn:aws:', 'arn:aws-us-gov:') },
    'resourceArn',
  ],
];

type Source = (body: Record<string, unknown>) => Promise<void>;

const SOURCES: Record<string, Source> = {
  sqs: async (body) => {
    const response = (await sqsHandler(
      sqsEvent(sqsRecord(body)),
      lambdaContext()
    )) as SQSBatchResponse;
    // A rejection is acknowledged: kept and notified, never retried.
    expect(response.batchItemFailures).toEqual([]);
  },
  eventbridge: async (body) => {
    await eventHandler(restoreRequestedEvent(body), lambdaContext());
  },
  invoke: async (body) => {
    const error = await invokeHandler(body, lambdaContext()).then(
      () => undefined,
      (e: unknown) => e as Error
    );
    expect(error?.name).toBe('PolicyViolation');
  },
};

describe('the default deployment refuses every attack, at every source', () => {
  describe.each(Object.entries(SOURCES))('through %s', (source, send) => {
    it.each(ATTACKS)('%s', async (_name, attack, path) => {
      // Arrange
      const requestId = `attack-${source}-${Math.random().toString(36).slice(2, 10)}`;
      const before = (await tableItems(local())).length;

      // Act
      await send({ requestId, ...attack });

      // Assert
      const [rejected] = notificationsOfType(local(), 'restore.rejected');
      expect(rejected?.reason.code).toBe('PolicyViolation');
      expect(rejected?.reason.problems?.[0]?.path).toBe(path);
      expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(0);
      expect(deadLetters(local())).toEqual([
        expect.objectContaining({
          attributes: expect.objectContaining({ errorCode: 'PolicyViolation' }),
        }),
      ]);
      expect((await tableItems(local())).length).toBe(before);
    });
  });
});

describe('the default deployment, legitimately', () => {
  it('restores a database backed up public as private, with a warning', async () => {
    // Act
    const result = await invokeHandler(
      {
        requestId: 'redshift-private',
        ...REDSHIFT,
        metadata: { PubliclyAccessible: false },
      },
      lambdaContext()
    );

    // Assert
    const [call] = local().backup.callsTo('StartRestoreJob');
    expect(result.restoreJobId).toBeDefined();
    expect(call?.input.Metadata).toMatchObject({ PubliclyAccessible: 'false' });
  });

  it('starts a request with a new name and a size change within the profile', async () => {
    // Act
    await invokeHandler(
      {
        requestId: 'rds-legit',
        ...RDS,
        metadata: {
          DBInstanceIdentifier: 'orders-db-copy',
          DBInstanceClass: 'db.m6g.large',
          AllocatedStorage: 200,
        },
      },
      lambdaContext()
    );

    // Assert
    const [call] = local().backup.callsTo('StartRestoreJob');
    expect(call?.input.Metadata).toMatchObject({
      DBInstanceIdentifier: 'orders-db-copy',
      DBInstanceClass: 'db.m6g.large',
      AllocatedStorage: '200',
      PubliclyAccessible: 'false',
    });
  });
});

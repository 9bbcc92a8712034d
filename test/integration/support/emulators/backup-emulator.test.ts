import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackupClient,
  type BackupClientConfig,
  BackupServiceException,
  DescribeRecoveryPointCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  InvalidParameterValueException,
  ListBackupVaultsCommand,
  ListRecoveryPointsByResourceCommand,
  ListRestoreJobsCommand,
  MissingParameterValueException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BackupEmulator,
  type BackupEmulatorOptions,
  startBackupEmulator,
} from '#test/support/emulators/backup/backup-emulator';
import {
  DEFAULT_SEED_FILE,
  loadBackupSeed,
} from '#test/support/emulators/backup/backup-seed';
import { createClock } from '#test/support/emulators/emulator-clock';
import { rejectionOf } from '#test/support/rejection-of';
import {
  controlClient,
  emulatorClientConfig,
  errorFault,
  GIVES_UP_AFTER_100_MS,
  recordingRetries,
  SdkClients,
} from './emulator-test-kit.js';

const START = Date.parse('2026-11-28T09:00:00Z');
const ACCOUNT = '111122223333';
const SEED = loadBackupSeed(DEFAULT_SEED_FILE);
const ROLE = 'arn:aws:iam::111122223333:role/restore-default';

/** The first seeded point of a type (newest first) in a vault. */
const seeded = (
  resourceType: string,
  vault = 'prod-primary',
  status = 'COMPLETED'
) => {
  const found = (SEED.recoveryPoints ?? [])
    .filter(
      (p) =>
        p.resourceType === resourceType &&
        p.vault === vault &&
        p.status === status
    )
    .sort((a, b) => Date.parse(b.creationDate) - Date.parse(a.creationDate))[0];
  if (found === undefined) {
    throw new Error(`no seeded ${status} ${resourceType} point in ${vault}`);
  }
  return found;
};

const EFS = seeded('EFS');
const EBS = seeded('EBS');
const DYNAMODB = seeded('DynamoDB');
const RDS = seeded('RDS');
const STORAGE_GATEWAY = seeded('Storage Gateway');

describe('Backup emulator through @aws-sdk/client-backup', () => {
  let emulator: BackupEmulator;
  let client: BackupClient;
  const clients = new SdkClients<BackupClient>();
  const clientWith = (config: Partial<BackupClientConfig> = {}) =>
    clients.add(
      new BackupClient({ ...emulatorClientConfig(emulator.url), ...config })
    );

  const start = async (options: BackupEmulatorOptions = {}) => {
    await emulator.close();
    emulator = await startBackupEmulator({
      clock: createClock({ frozen: true, start: START }),
      ...options,
    });
    client = clientWith();
  };

  const startJob = (
    overrides: Partial<
      ConstructorParameters<typeof StartRestoreJobCommand>[0]
    > = {}
  ) =>
    client.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: EFS.arn,
        IamRoleArn: ROLE,
        ResourceType: 'EFS',
        IdempotencyToken: 'request-0001',
        Metadata: {
          'file-system-id': 'fs-0123456789abcdef0',
          newFileSystem: 'true',
          CreationToken: 'relay-request-0001',
          Encrypted: 'false',
          PerformanceMode: 'generalPurpose',
        },
        ...overrides,
      })
    );

  beforeEach(async () => {
    emulator = await startBackupEmulator({
      clock: createClock({ frozen: true, start: START }),
    });
    client = clientWith();
  });

  afterEach(async () => {
    clients.destroyAll();
    await emulator.close();
  });

  describe('StartRestoreJob', () => {
    it('creates one PENDING job and records the exact input', async () => {
      // Arrange
      const metadata = {
        'file-system-id': 'fs-0123456789abcdef0',
        newFileSystem: 'true',
        CreationToken: 'relay-request-0001',
        Encrypted: 'false',
        PerformanceMode: 'generalPurpose',
      };

      // Act
      const output = await startJob({ Metadata: metadata });

      // Assert
      expect(output.RestoreJobId).toMatch(/^[0-9A-F-]{36}$/);
      expect(output.$metadata.httpStatusCode).toBe(200);
      expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const [job] = emulator.jobs();
      expect(emulator.jobs()).toHaveLength(1);
      expect(job).toMatchObject({
        restoreJobId: output.RestoreJobId,
        status: 'PENDING',
        idempotencyToken: 'request-0001',
        backupVaultName: 'prod-primary',
        resourceType: 'EFS',
        input: {
          RecoveryPointArn: EFS.arn,
          IamRoleArn: ROLE,
          ResourceType: 'EFS',
          IdempotencyToken: 'request-0001',
          Metadata: metadata,
        },
      });
      expect(emulator.callsTo('StartRestoreJob')[0]).toMatchObject({
        method: 'PUT',
        path: '/restore-jobs',
        input: { IdempotencyToken: 'request-0001', Metadata: metadata },
        outcome: { kind: 'ok', status: 200 },
      });
    });

    it('answers MissingParameterValueException without Metadata or RecoveryPointArn', async () => {
      // Arrange
      const withoutMetadata = new StartRestoreJobCommand({
        RecoveryPointArn: EFS.arn,
      } as ConstructorParameters<typeof StartRestoreJobCommand>[0]);
      const withoutArn = new StartRestoreJobCommand({
        Metadata: {},
      } as ConstructorParameters<typeof StartRestoreJobCommand>[0]);

      // Act
      const noMetadata = await rejectionOf(client.send(withoutMetadata));
      const noArn = await rejectionOf(client.send(withoutArn));

      // Assert
      expect(noMetadata).toBeInstanceOf(MissingParameterValueException);
      expect(noMetadata).toMatchObject({
        name: 'MissingParameterValueException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        Code: 'MissingParameterValueException',
        Type: 'User',
        message: 'Metadata is required.',
      });
      expect(noArn).toBeInstanceOf(MissingParameterValueException);
      expect(emulator.jobs()).toHaveLength(0);
    });

    it('answers ResourceNotFoundException for an unknown recovery point', async () => {
      // Arrange
      const unknown =
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:00000000-0000-4000-8000-000000000000';

      // Act
      const error = await rejectionOf(startJob({ RecoveryPointArn: unknown }));

      // Assert
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 } });
      expect(emulator.callsTo('StartRestoreJob')[0]?.outcome).toMatchObject({
        kind: 'error',
        errorName: 'ResourceNotFoundException',
        source: 'service',
      });
    });

    it('returns the same RestoreJobId for a repeated IdempotencyToken and creates no job', async () => {
      // Arrange
      const first = await startJob();

      // Act
      const second = await startJob();
      const changed = await startJob({ Metadata: { newFileSystem: 'true' } });

      // Assert
      expect(second.RestoreJobId).toBe(first.RestoreJobId);
      expect(changed.RestoreJobId).toBe(first.RestoreJobId);
      expect(emulator.jobs()).toHaveLength(1);
      const outcomes = emulator
        .callsTo('StartRestoreJob')
        .map((c) => c.outcome);
      expect(outcomes[1]).toMatchObject({
        tokenReplay: { restoreJobId: first.RestoreJobId, sameParameters: true },
      });
      expect(outcomes[2]).toMatchObject({
        tokenReplay: { sameParameters: false },
      });
    });

    it('forgets a token after the token window and then creates a new job', async () => {
      // Arrange
      const first = await startJob();
      emulator.clock.advance(3_600_000);

      // Act
      const later = await startJob();

      // Assert
      expect(later.RestoreJobId).not.toBe(first.RestoreJobId);
      expect(emulator.jobs()).toHaveLength(2);
    });

    it('creates a job per send when the caller omits the token (the SDK fills a random one)', async () => {
      // Arrange
      const input = { IdempotencyToken: undefined };

      // Act
      await startJob(input);
      await startJob(input);

      // Assert
      const tokens = emulator.jobs().map((j) => j.idempotencyToken);
      expect(emulator.jobs()).toHaveLength(2);
      expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(tokens[0]).not.toBe(tokens[1]);
    });
  });

  describe('switches for unverified StartRestoreJob behaviour', () => {
    it('answers a replayed token without RestoreJobId when asked to, and still creates no job', async () => {
      // Arrange
      await start({ replayWithoutRestoreJobId: true });
      const first = await startJob();

      // Act
      const replay = await startJob();

      // Assert
      expect(first.RestoreJobId).toMatch(/^[0-9A-F-]{36}$/);
      expect(replay.RestoreJobId).toBeUndefined();
      expect(replay.$metadata.httpStatusCode).toBe(200);
      expect(emulator.jobs()).toHaveLength(1);
      expect(emulator.callsTo('StartRestoreJob')[1]?.outcome).toMatchObject({
        kind: 'ok',
        output: {},
        tokenReplay: { restoreJobId: first.RestoreJobId, sameParameters: true },
      });
    });

    it('accepts AWS-documented types with spaces by default, and refuses them naming ResourceType when the pattern is enforced', async () => {
      // Arrange
      const storageGateway = {
        RecoveryPointArn: STORAGE_GATEWAY.arn,
        ResourceType: 'Storage Gateway',
        IdempotencyToken: 'request-sgw',
        Metadata: { targetName: 'restored-volume-1' },
      };

      // Act
      const lenient = await startJob(storageGateway);
      await start({ enforceResourceTypePattern: true });
      const refused = await rejectionOf(
        startJob({ ...storageGateway, IdempotencyToken: 'request-sgw-2' })
      );
      const withoutType = await startJob({
        ...storageGateway,
        ResourceType: undefined,
        IdempotencyToken: 'request-sgw-3',
      });
      const efs = await startJob();

      // Assert
      expect(lenient.RestoreJobId).toBeDefined();
      expect(refused).toBeInstanceOf(InvalidParameterValueException);
      expect((refused as Error).message).toContain('ResourceType');
      expect(withoutType.RestoreJobId).toBeDefined();
      expect(efs.RestoreJobId).toBeDefined();
      expect(emulator.jobs().map((j) => j.resourceType)).toEqual([
        'Storage Gateway',
        'EFS',
      ]);
    });
  });

  describe('ListRestoreJobs', () => {
    const list = (
      input: ConstructorParameters<typeof ListRestoreJobsCommand>[0] = {}
    ) => client.send(new ListRestoreJobsCommand(input));

    it('lists jobs newest first, filtered by creation date and type, and refuses a filter it does not emulate', async () => {
      // Arrange: one EFS job, half a second later (the EFS job is RUNNING)
      // a Storage Gateway and an EBS job.
      const efs = await startJob();
      emulator.clock.advance(500);
      const sgw = await startJob({
        RecoveryPointArn: STORAGE_GATEWAY.arn,
        ResourceType: 'Storage Gateway',
        IdempotencyToken: 'request-sgw',
        Metadata: {},
      });
      const ebs = await startJob({
        RecoveryPointArn: EBS.arn,
        ResourceType: 'EBS',
        IdempotencyToken: 'request-ebs',
        Metadata: { availabilityZone: 'eu-west-1a' },
      });

      // Act
      const all = await list();
      const later = await list({ ByCreatedAfter: new Date(START + 250) });
      const byType = await list({ ByResourceType: 'Storage Gateway' });
      const byStatus = await rejectionOf(list({ ByStatus: 'PENDING' }));

      // Assert
      const ids = (out: Awaited<ReturnType<typeof list>>) =>
        (out.RestoreJobs ?? []).map((j) => j.RestoreJobId);
      expect(ids(all)).toEqual([
        ebs.RestoreJobId,
        sgw.RestoreJobId,
        efs.RestoreJobId,
      ]);
      expect(all.RestoreJobs?.[2]).toMatchObject({
        RecoveryPointArn: EFS.arn,
        IamRoleArn: ROLE,
        ResourceType: 'EFS',
        Status: 'RUNNING',
        CreationDate: new Date(START),
      });
      expect(ids(later)).toEqual([ebs.RestoreJobId, sgw.RestoreJobId]);
      expect(ids(byType)).toEqual([sgw.RestoreJobId]);
      expect(byStatus).toBeInstanceOf(InvalidParameterValueException);
      expect(emulator.callsTo('ListRestoreJobs')[1]).toMatchObject({
        method: 'GET',
        input: { ByCreatedAfter: '2026-11-28T09:00:00.250Z' },
      });
    });

    it('pages with MaxResults, and refuses a forged NextToken and a type outside the pattern when enforced', async () => {
      // Arrange
      for (const n of [1, 2, 3]) {
        await startJob({ IdempotencyToken: `request-page-${n}` });
      }

      // Act
      const first = await list({ MaxResults: 2 });
      const second = await list({ MaxResults: 2, NextToken: first.NextToken });
      const forged = await rejectionOf(
        list({ MaxResults: 2, NextToken: 'eyJyIjoieCIsIm8iOjF9' })
      );
      emulator.configure({ enforceResourceTypePattern: true });
      const spaced = await rejectionOf(
        list({ ByResourceType: 'SAP HANA on Amazon EC2' })
      );

      // Assert
      expect(first.RestoreJobs).toHaveLength(2);
      expect(first.NextToken).toBeDefined();
      expect(second.RestoreJobs).toHaveLength(1);
      expect(second.NextToken).toBeUndefined();
      expect(forged).toBeInstanceOf(InvalidParameterValueException);
      expect(spaced).toBeInstanceOf(InvalidParameterValueException);
      expect((spaced as Error).message).toContain('ResourceType');
    });
  });

  describe('job lifecycle on the emulator clock', () => {
    it('goes PENDING → RUNNING → COMPLETED and DescribeRestoreJob reports it', async () => {
      // Arrange
      const { RestoreJobId } = await startJob();
      const describe = () =>
        client.send(new DescribeRestoreJobCommand({ RestoreJobId }));

      // Act
      const pending = await describe();
      emulator.clock.advance(600);
      const running = await describe();
      emulator.clock.advance(400);
      const completed = await describe();

      // Assert
      expect(pending).toMatchObject({
        Status: 'PENDING',
        PercentDone: '0.00%',
        AccountId: ACCOUNT,
        RestoreJobId,
        RecoveryPointArn: EFS.arn,
        SourceResourceArn: EFS.resourceArn,
        BackupVaultArn:
          'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-primary',
        IamRoleArn: ROLE,
        ResourceType: 'EFS',
        CreationDate: new Date(START),
        RecoveryPointCreationDate: new Date(EFS.creationDate),
      });
      expect(pending.CompletionDate).toBeUndefined();
      expect(running).toMatchObject({
        Status: 'RUNNING',
        PercentDone: '50.00%',
      });
      expect(completed).toMatchObject({
        Status: 'COMPLETED',
        PercentDone: '100.00%',
        CompletionDate: new Date(START + 1_000),
      });
      expect(completed.CreatedResourceArn).toMatch(
        /^arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system\/fs-0[0-9a-f]{16}$/
      );
    });

    it('ends FAILED with a StatusMessage when a failure rule matches', async () => {
      // Arrange
      emulator.configure({
        failureRules: [
          {
            resourceType: 'EFS',
            metadataEquals: { newFileSystem: 'true' },
            statusMessage: 'Restore failed: CreationToken is missing.',
          },
        ],
      });
      const { RestoreJobId } = await startJob({
        Metadata: { newFileSystem: 'true' },
      });

      // Act
      emulator.clock.advance(1_000);
      const job = await client.send(
        new DescribeRestoreJobCommand({ RestoreJobId })
      );

      // Assert
      expect(job).toMatchObject({
        Status: 'FAILED',
        StatusMessage: 'Restore failed: CreationToken is missing.',
      });
      expect(job.CreatedResourceArn).toBeUndefined();
    });

    it('fails a DynamoDB job that asks to copy tags (documented asynchronous failure)', async () => {
      // Arrange
      const { RestoreJobId } = await startJob({
        RecoveryPointArn: DYNAMODB.arn,
        ResourceType: 'DynamoDB',
        IdempotencyToken: 'request-ddb',
        CopySourceTagsToRestoredResource: true,
        Metadata: { targetTableName: 'orders-restored' },
      });

      // Act
      emulator.clock.advance(1_000);
      const job = await client.send(
        new DescribeRestoreJobCommand({ RestoreJobId })
      );

      // Assert
      expect(job.Status).toBe('FAILED');
      expect(job.StatusMessage).toContain('CopySourceTagsToRestoredResource');
    });

    it('answers ResourceNotFoundException for an unknown job', async () => {
      // Arrange
      await startJob();

      // Act
      const error = await rejectionOf(
        client.send(new DescribeRestoreJobCommand({ RestoreJobId: 'NOPE' }))
      );

      // Assert
      expect(error).toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe('recovery point reads', () => {
    it('describes a point whose ARN contains a slash, with epoch-second dates', async () => {
      // Arrange
      const command = new DescribeRecoveryPointCommand({
        BackupVaultName: 'prod-primary',
        RecoveryPointArn: EBS.arn,
      });

      // Act
      const point = await client.send(command);

      // Assert
      expect(point).toMatchObject({
        RecoveryPointArn: EBS.arn,
        BackupVaultName: 'prod-primary',
        BackupVaultArn:
          'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-primary',
        ResourceArn: EBS.resourceArn,
        ResourceType: 'EBS',
        ResourceName: 'app-data-volume',
        Status: 'COMPLETED',
        CreationDate: new Date(EBS.creationDate),
        CompletionDate: new Date(Date.parse(EBS.creationDate) + 600_000),
        BackupSizeInBytes: EBS.backupSizeInBytes,
        IamRoleArn:
          'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole',
        StorageClass: 'WARM',
        IsEncrypted: false,
        VaultType: 'BACKUP_VAULT',
      });
      expect(emulator.calls[0]?.path).toContain('snapshot%2Fsnap-');
    });

    it('answers ResourceNotFoundException for a point in another vault or an unknown vault', async () => {
      // Arrange
      const archived = seeded('EFS', 'archive-vault');

      // Act
      const otherVault = await rejectionOf(
        client.send(
          new DescribeRecoveryPointCommand({
            BackupVaultName: 'prod-primary',
            RecoveryPointArn: archived.arn,
          })
        )
      );
      const unknownVault = await rejectionOf(
        client.send(
          new GetRecoveryPointRestoreMetadataCommand({
            BackupVaultName: 'no-such-vault',
            RecoveryPointArn: EFS.arn,
          })
        )
      );

      // Assert
      expect(otherVault).toBeInstanceOf(ResourceNotFoundException);
      expect(unknownVault).toBeInstanceOf(ResourceNotFoundException);
    });

    it('returns the restore metadata map, including the null EBS availabilityZone', async () => {
      // Arrange
      const command = new GetRecoveryPointRestoreMetadataCommand({
        BackupVaultName: 'prod-primary',
        RecoveryPointArn: EBS.arn,
      });

      // Act
      const output = await client.send(command);

      // Assert
      expect(output).toMatchObject({
        BackupVaultArn:
          'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-primary',
        RecoveryPointArn: EBS.arn,
        ResourceType: 'EBS',
        RestoreMetadata: {
          availabilityZone: null,
          encrypted: 'false',
          volumeId: 'vol-0a1b2c3d4e5f60718',
        },
      });
    });

    it('pages through 30 RDS points with MaxResults 20, newest first', async () => {
      // Arrange
      const expected = (SEED.recoveryPoints ?? [])
        .filter((p) => p.resourceArn === RDS.resourceArn)
        .sort((a, b) => Date.parse(b.creationDate) - Date.parse(a.creationDate))
        .map((p) => p.arn);

      // Act
      const first = await client.send(
        new ListRecoveryPointsByResourceCommand({
          ResourceArn: RDS.resourceArn,
          MaxResults: 20,
        })
      );
      const second = await client.send(
        new ListRecoveryPointsByResourceCommand({
          ResourceArn: RDS.resourceArn,
          MaxResults: 20,
          NextToken: first.NextToken,
        })
      );

      // Assert
      expect(first.RecoveryPoints).toHaveLength(20);
      expect(first.NextToken).toEqual(expect.any(String));
      expect(second.RecoveryPoints).toHaveLength(10);
      expect(second.NextToken).toBeUndefined();
      const arns = [
        ...(first.RecoveryPoints ?? []),
        ...(second.RecoveryPoints ?? []),
      ].map((p) => p.RecoveryPointArn);
      expect(arns).toEqual(expected);
      expect(first.RecoveryPoints?.[0]).toMatchObject({
        RecoveryPointArn: RDS.arn,
        CreationDate: new Date(RDS.creationDate),
        Status: 'COMPLETED',
        BackupSizeBytes: RDS.backupSizeInBytes,
        BackupVaultName: 'prod-primary',
        ResourceName: 'orders-db',
      });
      expect(emulator.calls[0]?.path).toContain('maxResults=20');
    });

    it('lists every EFS point across vaults and statuses', async () => {
      // Arrange
      const command = new ListRecoveryPointsByResourceCommand({
        ResourceArn: EFS.resourceArn,
      });

      // Act
      const output = await client.send(command);

      // Assert
      expect(
        output.RecoveryPoints?.map((p) => [
          p.BackupVaultName,
          p.Status,
          p.CreationDate?.toISOString(),
        ])
      ).toEqual([
        ['prod-primary', 'PARTIAL', '2026-11-26T03:00:00.000Z'],
        ['prod-primary', 'COMPLETED', '2026-11-22T03:00:00.000Z'],
        ['prod-primary', 'COMPLETED', '2026-11-15T03:00:00.000Z'],
        ['prod-primary', 'COMPLETED', '2026-11-08T03:00:00.000Z'],
        ['prod-primary', 'COMPLETED', '2026-11-01T03:00:00.000Z'],
        ['archive-vault', 'COMPLETED', '2026-10-01T03:00:00.000Z'],
      ]);
    });

    it('rejects MaxResults below 20 for RDS and a forged NextToken', async () => {
      // Arrange
      const small = new ListRecoveryPointsByResourceCommand({
        ResourceArn: RDS.resourceArn,
        MaxResults: 10,
      });
      const forged = new ListRecoveryPointsByResourceCommand({
        ResourceArn: EFS.resourceArn,
        NextToken: 'not-a-token',
      });

      // Act
      const smallError = await rejectionOf(client.send(small));
      const forgedError = await rejectionOf(client.send(forged));

      // Assert
      expect(smallError).toBeInstanceOf(InvalidParameterValueException);
      expect(forgedError).toBeInstanceOf(InvalidParameterValueException);
    });
  });

  describe('throttling', () => {
    it('lets a burst of 5 StartRestoreJob calls through, throttles the 6th, and refills at 5/s', async () => {
      // Arrange
      for (let i = 1; i <= 5; i++) {
        await startJob({ IdempotencyToken: `burst-${i}` });
      }

      // Act
      const throttled = await rejectionOf(
        startJob({ IdempotencyToken: 'burst-6' })
      );
      emulator.clock.advance(200);
      const refilled = await startJob({ IdempotencyToken: 'burst-7' });

      // Assert
      expect(throttled).toBeInstanceOf(BackupServiceException);
      expect(throttled).toMatchObject({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400, attempts: 1 },
      });
      expect(refilled.RestoreJobId).toEqual(expect.any(String));
      expect(emulator.jobs()).toHaveLength(6);
      expect(emulator.callsTo('StartRestoreJob')[5]?.outcome).toMatchObject({
        kind: 'error',
        source: 'throttle',
      });
    });

    it('is classified as THROTTLING by the SDK, which retries with the same token until it gives up', async () => {
      // Arrange
      emulator.configure({
        throttle: { StartRestoreJob: { ratePerSecond: 5, burst: 1 } },
      });
      await startJob({ IdempotencyToken: 'drain' });
      const { strategy, errorTypes } = recordingRetries(3);
      client = clientWith({ retryStrategy: strategy });

      // Act
      const error = await rejectionOf(
        startJob({ IdempotencyToken: 'retried' })
      );

      // Assert
      expect(error).toMatchObject({
        name: 'ThrottlingException',
        $metadata: { attempts: 3 },
      });
      expect(errorTypes).toEqual(['THROTTLING', 'THROTTLING', 'THROTTLING']);
      const tokens = emulator
        .callsTo('StartRestoreJob')
        .slice(1)
        .map((c) => c.input.IdempotencyToken);
      expect(tokens).toEqual(['retried', 'retried', 'retried']);
    });
  });

  describe('fault injection', () => {
    it('answers an injected 500 ServiceUnavailableException', async () => {
      // Arrange
      emulator.addFault(
        errorFault('DescribeRecoveryPoint', 'ServiceUnavailableException', 500)
      );

      // Act
      const error = await rejectionOf(
        client.send(
          new DescribeRecoveryPointCommand({
            BackupVaultName: 'prod-primary',
            RecoveryPointArn: EFS.arn,
          })
        )
      );

      // Assert
      expect(error).toBeInstanceOf(ServiceUnavailableException);
      expect(error).toMatchObject({
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
    });

    it('lets the SDK retry through two 500s to one job, with one token', async () => {
      // Arrange
      emulator.addFault(
        errorFault('StartRestoreJob', 'ServiceUnavailableException', 500, 2)
      );
      const { strategy, errorTypes } = recordingRetries(3);
      client = clientWith({ retryStrategy: strategy });

      // Act
      const output = await startJob();

      // Assert
      expect(output.$metadata.attempts).toBe(3);
      expect(errorTypes).toEqual(['TRANSIENT', 'TRANSIENT']);
      expect(emulator.jobs()).toHaveLength(1);
      expect(emulator.jobs()[0]?.restoreJobId).toBe(output.RestoreJobId);
    });

    it('resets the connection without creating a job', async () => {
      // Arrange
      emulator.addFault({ operation: 'StartRestoreJob', kind: 'reset' });

      // Act
      const error = await rejectionOf(startJob());

      // Assert
      expect(error).toMatchObject({ code: 'ECONNRESET' });
      expect(emulator.jobs()).toHaveLength(0);
      expect(emulator.calls[0]?.outcome).toEqual({
        kind: 'reset',
        afterEffect: false,
      });
    });

    it('resets after creating the job; the SDK retry gets the same RestoreJobId', async () => {
      // Arrange
      emulator.addFault({
        operation: 'StartRestoreJob',
        kind: 'reset',
        afterEffect: true,
      });
      const { strategy, errorTypes } = recordingRetries(2);
      client = clientWith({ retryStrategy: strategy });

      // Act
      const output = await startJob();

      // Assert
      expect(errorTypes).toEqual(['TRANSIENT']);
      expect(emulator.jobs()).toHaveLength(1);
      expect(output.RestoreJobId).toBe(emulator.jobs()[0]?.restoreJobId);
      expect(emulator.calls[1]?.outcome).toMatchObject({
        tokenReplay: { sameParameters: true },
      });
    });

    it('adds latency per operation', async () => {
      // Arrange: only DescribeRestoreJob is slower than the client's 100 ms.
      emulator.configure({ latencyMs: { DescribeRestoreJob: 300 } });
      client = clientWith(GIVES_UP_AFTER_100_MS);

      // Act
      const { RestoreJobId } = await startJob();
      const error = await rejectionOf(
        client.send(new DescribeRestoreJobCommand({ RestoreJobId }))
      );

      // Assert
      expect(RestoreJobId).toBeDefined();
      expect(error).toMatchObject({ name: 'TimeoutError' });
    });

    it('hangs past the client timeout and still creates the job afterwards', async () => {
      // Arrange
      emulator.addFault({
        operation: 'StartRestoreJob',
        kind: 'hang',
        ms: 300,
      });
      client = clientWith(GIVES_UP_AFTER_100_MS);

      // Act
      const error = await rejectionOf(startJob());
      await new Promise((resolve) => setTimeout(resolve, 350));

      // Assert
      expect(error).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
      expect(emulator.jobs()).toHaveLength(1);
    });
  });

  describe('routing and seeding', () => {
    it('answers UnknownOperationException 404 for an operation it does not implement', async () => {
      // Arrange
      const command = new ListBackupVaultsCommand({});

      // Act
      const error = await rejectionOf(client.send(command));

      // Assert
      expect(error).toBeInstanceOf(BackupServiceException);
      expect(error).toMatchObject({
        name: 'UnknownOperationException',
        $metadata: { httpStatusCode: 404 },
      });
    });

    it('loads a seed file given at start and refuses one with an unknown vault', async () => {
      // Arrange
      const dir = mkdtempSync(join(tmpdir(), 'backup-seed-'));
      const good = join(dir, 'good.json');
      const bad = join(dir, 'bad.json');
      const point = {
        arn: 'arn:aws:backup:eu-west-1:111122223333:recovery-point:11111111-2222-4333-8444-555555555555',
        vault: 'test-vault',
        resourceArn: 'arn:aws:s3:::seeded-bucket',
        resourceType: 'S3',
        status: 'COMPLETED',
        creationDate: '2026-11-20T00:00:00Z',
        restoreMetadata: {},
      };
      writeFileSync(
        good,
        JSON.stringify({
          vaults: [{ name: 'test-vault' }],
          recoveryPoints: [point],
        })
      );
      writeFileSync(bad, JSON.stringify({ recoveryPoints: [point] }));

      try {
        // Act
        await start({ seedFile: good });
        const described = await client.send(
          new DescribeRecoveryPointCommand({
            BackupVaultName: 'test-vault',
            RecoveryPointArn: point.arn,
          })
        );
        const refused = await rejectionOf(
          startBackupEmulator({ seedFile: bad })
        );

        // Assert
        expect(described.ResourceType).toBe('S3');
        expect(refused).toBeInstanceOf(Error);
        expect(String(refused)).toContain('unknown vault test-vault');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('control endpoints over HTTP', () => {
    const control = controlClient(() => emulator.url);

    it('injects faults, changes config, advances the clock and lists calls and jobs', async () => {
      // Arrange
      await control(
        'POST',
        'faults',
        errorFault('StartRestoreJob', 'ThrottlingException', 429)
      );
      await control('POST', 'config', {
        runningAfterMs: 0,
        completeAfterMs: 5_000,
        failureRules: [{ recoveryPointArn: EFS.arn, statusMessage: 'boom' }],
      });

      // Act
      const injected = await rejectionOf(startJob());
      const { RestoreJobId } = await startJob();
      const advanced = await control('POST', 'clock/advance', { ms: 5_000 });
      const calls = await control('GET', 'calls?operation=StartRestoreJob');
      const jobs = await control('GET', 'jobs');

      // Assert
      expect(injected).toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429 },
      });
      expect(advanced.json).toEqual({ now: '2026-11-28T09:00:05.000Z' });
      expect(calls.json).toMatchObject([
        { outcome: { kind: 'error', source: 'fault', status: 429 } },
        {
          outcome: { kind: 'ok' },
          input: { IdempotencyToken: 'request-0001' },
        },
      ]);
      expect(jobs.json).toMatchObject([
        { restoreJobId: RestoreJobId, status: 'FAILED', statusMessage: 'boom' },
      ]);
    });

    it('seeds in process, resets to the start state, and rejects invalid bodies', async () => {
      // Arrange
      const arn =
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:99999999-8888-4777-8666-555555555555';
      emulator.seed({
        vaults: [{ name: 'runtime-vault' }],
        recoveryPoints: [
          {
            arn,
            vault: 'runtime-vault',
            resourceArn:
              'arn:aws:dynamodb:eu-west-1:111122223333:table/runtime',
            resourceType: 'DynamoDB',
            status: 'COMPLETED',
            creationDate: '2026-11-27T00:00:00Z',
            restoreMetadata: { originalTableName: 'runtime' },
          },
        ],
      });
      const describe = () =>
        client.send(
          new DescribeRecoveryPointCommand({
            BackupVaultName: 'runtime-vault',
            RecoveryPointArn: arn,
          })
        );

      // Act
      const before = await describe();
      const reset = await control('POST', 'reset');
      const after = await rejectionOf(describe());
      const invalid = await control('POST', 'faults', { kind: 'explode' });

      // Assert
      expect(before.ResourceName).toBeUndefined();
      expect(before.ResourceType).toBe('DynamoDB');
      expect(reset.json).toEqual({ reset: true });
      expect(after).toBeInstanceOf(ResourceNotFoundException);
      expect(emulator.calls).toHaveLength(1);
      expect(invalid.status).toBe(400);
    });
  });
});

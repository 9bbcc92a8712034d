import { BackupClient } from '@aws-sdk/client-backup';
import { describe, expect, it } from 'vitest';
import { BackupRestoreJobStarter } from '#shared/adapters/backup-restore-job-starter';
import type { StartRestoreJobInput } from '#shared/domain/start-restore-job-input';
import {
  AwsRequestRejectedError,
  DependencyFailureError,
  RecoveryPointNotFoundError,
} from '#shared/errors/errors';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { rejectionOf } from '#test/support/rejection-of';

const local = useLocalAws();

const ROLE = 'arn:aws:iam::111122223333:role/restore-default';
const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';
const EFS_RP_EARLIER =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:8547e31d-164f-4ac7-a747-cc906a29c604';
const SGW_RP = 'arn:aws:ec2:eu-west-1::snapshot/snap-0f51d52f38a2706c7';

const efs = (token: string, extra: Partial<StartRestoreJobInput> = {}) => ({
  RecoveryPointArn: EFS_RP,
  IamRoleArn: ROLE,
  IdempotencyToken: token,
  ResourceType: 'EFS',
  Metadata: { newFileSystem: 'true', CreationToken: token },
  ...extra,
});

const storageGateway = (token: string): StartRestoreJobInput => ({
  RecoveryPointArn: SGW_RP,
  IamRoleArn: ROLE,
  IdempotencyToken: token,
  ResourceType: 'Storage Gateway',
  Metadata: { targetName: 'restored-volume-1' },
});

const starter = () =>
  new BackupRestoreJobStarter({ client: new BackupClient({ maxAttempts: 1 }) });

const now = () => ({ requestedAt: new Date() });

describe('BackupRestoreJobStarter on the local AWS', () => {
  it('returns the new job, and the same job for a replayed token, without listing jobs', async () => {
    // Act
    const first = await starter().start(efs('token-1'), now());
    const replay = await starter().start(efs('token-1'), now());

    // Assert
    expect(replay).toEqual(first);
    expect(local().backup.jobs()).toHaveLength(1);
    expect(local().backup.callsTo('ListRestoreJobs')).toEqual([]);
  });

  describe('a replayed token answered without RestoreJobId', () => {
    it('finds the job with ListRestoreJobs, from an hour before the request arrived', async () => {
      // Arrange
      local().backup.configure({ replayWithoutRestoreJobId: true });
      const requestedAt = new Date(Date.now() - 60_000);
      const first = await starter().start(efs('token-1'), { requestedAt });

      // Act
      const replay = await starter().start(efs('token-1'), { requestedAt });

      // Assert
      expect(replay).toEqual(first);
      expect(local().backup.jobs()).toHaveLength(1);
      expect(local().backup.callsTo('ListRestoreJobs')).toEqual([
        expect.objectContaining({
          input: {
            ByCreatedAfter: new Date(
              requestedAt.getTime() - 3_600_000
            ).toISOString(),
            ByResourceType: 'EFS',
            MaxResults: '1000',
          },
        }),
      ]);
    });

    it('takes the newest job of the same recovery point and role, past other points and roles', async () => {
      // Arrange
      local().backup.configure({ replayWithoutRestoreJobId: true });
      await starter().start(efs('token-old'), now());
      const ours = await starter().start(efs('token-ours'), now());
      await starter().start(
        efs('token-other-role', {
          IamRoleArn: 'arn:aws:iam::111122223333:role/other',
        }),
        now()
      );
      await starter().start(
        efs('token-other-point', { RecoveryPointArn: EFS_RP_EARLIER }),
        now()
      );

      // Act
      const replay = await starter().start(efs('token-ours'), now());

      // Assert
      expect(local().backup.jobs()).toHaveLength(4);
      expect(replay).toEqual(ours);
    });

    it('is a retryable DependencyFailureError when no job can be found', async () => {
      // Arrange: the job was created more than an hour before the window.
      local().backup.configure({ replayWithoutRestoreJobId: true });
      await starter().start(efs('token-1'), now());
      const later = { requestedAt: new Date(Date.now() + 7_200_000) };

      // Act
      const error = await rejectionOf(starter().start(efs('token-1'), later));

      // Assert
      expect(error).toBeInstanceOf(DependencyFailureError);
      expect(error).toMatchObject({ retryable: true });
      expect((error as Error).message).toContain(
        `StartRestoreJob answered without a RestoreJobId, and ListRestoreJobs shows no job of recovery point ${EFS_RP} created after`
      );
    });

    it('never turns a failing lookup into a rejection: the job exists', async () => {
      // Arrange
      local().backup.configure({ replayWithoutRestoreJobId: true });
      await starter().start(efs('token-1'), now());
      local().backup.addFault({
        operation: 'ListRestoreJobs',
        kind: 'error',
        errorName: 'AccessDeniedException',
        status: 400,
      });

      // Act
      const error = await rejectionOf(starter().start(efs('token-1'), now()));

      // Assert
      expect(error).toBeInstanceOf(DependencyFailureError);
      expect((error as Error).message).toContain('the job exists');
    });

    it('leaves a type with spaces out of the filter, and still finds the job', async () => {
      // Arrange
      local().backup.configure({
        replayWithoutRestoreJobId: true,
        enforceResourceTypePattern: true,
      });
      const first = await starter().start(storageGateway('token-sgw'), now());

      // Act
      const replay = await starter().start(storageGateway('token-sgw'), now());

      // Assert
      expect(replay).toEqual(first);
      expect(
        local().backup.callsTo('ListRestoreJobs')[0]?.input.ByResourceType
      ).toBeUndefined();
    });
  });

  describe('ResourceType with spaces', () => {
    it("sends AWS's documented spelling, once, when AWS takes it", async () => {
      // Act
      await starter().start(storageGateway('token-sgw'), now());

      // Assert
      const calls = local().backup.callsTo('StartRestoreJob');
      expect(calls.map((c) => c.input.ResourceType)).toEqual([
        'Storage Gateway',
      ]);
      expect(local().backup.jobs()).toHaveLength(1);
    });

    it('sends the call once more without the member when AWS enforces the pattern, with the same token', async () => {
      // Arrange
      local().backup.configure({ enforceResourceTypePattern: true });

      // Act
      const { restoreJobId } = await starter().start(
        storageGateway('token-sgw'),
        now()
      );

      // Assert
      const calls = local().backup.callsTo('StartRestoreJob');
      expect(calls.map((c) => c.input.ResourceType)).toEqual([
        'Storage Gateway',
        undefined,
      ]);
      expect(calls[0]?.outcome).toMatchObject({
        kind: 'error',
        errorName: 'InvalidParameterValueException',
      });
      expect(new Set(calls.map((c) => c.input.IdempotencyToken))).toEqual(
        new Set(['token-sgw'])
      );
      expect(local().backup.jobs()).toEqual([
        expect.objectContaining({
          restoreJobId,
          resourceType: 'Storage Gateway',
        }),
      ]);
    });

    it('retries a ValidationException naming resourceType the same way, and nothing else', async () => {
      // Arrange
      local().backup.addFault({
        operation: 'StartRestoreJob',
        kind: 'error',
        errorName: 'ValidationException',
        status: 400,
        message:
          "1 validation error detected: Value 'SAP HANA on Amazon EC2' at 'resourceType' failed to satisfy constraint",
      });
      const first = await starter().start(storageGateway('token-1'), now());
      local().backup.addFault({
        operation: 'StartRestoreJob',
        kind: 'error',
        errorName: 'InvalidParameterValueException',
        status: 400,
        message: 'Invalid restore metadata: targetName is too long.',
      });

      // Act
      const refused = await rejectionOf(
        starter().start(storageGateway('token-2'), now())
      );

      // Assert
      expect(first.restoreJobId).toBeDefined();
      expect(refused).toBeInstanceOf(AwsRequestRejectedError);
      expect(
        local()
          .backup.callsTo('StartRestoreJob')
          .map((c) => [c.input.IdempotencyToken, c.input.ResourceType])
      ).toEqual([
        ['token-1', 'Storage Gateway'],
        ['token-1', undefined],
        ['token-2', 'Storage Gateway'],
      ]);
    });
  });

  it('reports an unknown recovery point as RecoveryPointNotFoundError', async () => {
    // Act
    const error = await rejectionOf(
      starter().start(efs('token-1', { RecoveryPointArn: `${EFS_RP}0` }), now())
    );

    // Assert
    expect(error).toBeInstanceOf(RecoveryPointNotFoundError);
  });
});

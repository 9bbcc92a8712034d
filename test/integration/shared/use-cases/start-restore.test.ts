import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors/app-error';
import { RestoreInProgressError } from '#shared/errors/errors';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import { idempotencyTokenOf } from '#shared/events/restore-request-key';
import { RestoreStartedSchema } from '#shared/events/restore-started';
import {
  type StartRestoreResult,
  startRestore,
} from '#shared/use-cases/start-restore';
import {
  failPublish,
  throttleStartRestoreJob,
} from '#test/support/handler-steps';
import { localRestoreDeps } from '#test/support/local/local-restore-deps';
import { tableItems, useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV, TEST_DEPLOYMENT } from '#test/support/relay-env';

const local = useLocalAws({
  ...RELAY_ENV,
  // Two attempts keep the throttling and fault tests quick.
  AWS_SDK_MAX_ATTEMPTS: '2',
});

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';
const EFS_FS =
  'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0';

const deps = () => localRestoreDeps(local());

const start = (input: unknown, source = 'sqs') =>
  startRestore(receiveRequest(parseRestoreRequest(input)), deps(), { source });

const efs = (requestId: string, extra: object = {}) => ({
  requestId,
  recoveryPointArn: EFS_RP,
  backupVaultName: 'prod-primary',
  ...extra,
});

/** Like a queue: redeliver while the error says retry. */
const deliverUntilDone = async (
  input: unknown
): Promise<StartRestoreResult> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await start(input);
    } catch (error) {
      if (!(error instanceof AppError) || !error.retryable || attempt > 50) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
};

describe('startRestore on the local AWS', () => {
  it('starts one job, records it in DynamoDB and publishes restore.started', async () => {
    // Act
    const result = await start(
      efs('it-happy', { context: { ticket: 'INC-1' } })
    );

    // Assert
    const jobs = local().backup.jobs();
    expect(jobs).toHaveLength(1);
    expect(result.restoreJobId).toBe(jobs[0]?.restoreJobId);
    expect(jobs[0]?.input).toMatchObject({
      RecoveryPointArn: EFS_RP,
      IamRoleArn: 'arn:aws:iam::111122223333:role/restore-default',
      IdempotencyToken: idempotencyTokenOf('it-happy', TEST_DEPLOYMENT),
      ResourceType: 'EFS',
    });
    const messages = local().sns.messages();
    expect(messages).toHaveLength(1);
    const body = RestoreStartedSchema.parse(
      JSON.parse(messages[0]?.Message ?? '')
    );
    expect(body).toMatchObject({
      requestId: 'it-happy',
      restoreJobId: result.restoreJobId,
      resourceType: 'EFS',
      backupVaultName: 'prod-primary',
      source: 'sqs',
      context: { ticket: 'INC-1' },
    });
    expect(messages[0]?.MessageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'restore.started' },
      resourceType: { DataType: 'String', StringValue: 'EFS' },
      requestId: { DataType: 'String', StringValue: 'it-happy' },
    });
    const items = await tableItems(local());
    expect(
      items.find((i) => i.id?.S === `job#${result.restoreJobId}`)?.requestId?.S
    ).toBe('it-happy');
  });

  it('the same request 5 times at once starts exactly one job', async () => {
    // Arrange
    const request = efs('it-concurrent');

    // Act
    const results = await Promise.all(
      Array.from({ length: 5 }, () => deliverUntilDone(request))
    );

    // Assert
    const ids = new Set(results.map((r) => r.restoreJobId));
    expect(ids.size).toBe(1);
    expect(local().backup.jobs()).toHaveLength(1);
    for (const call of local().backup.callsTo('StartRestoreJob')) {
      expect(call.input.IdempotencyToken).toBe(
        idempotencyTokenOf('it-concurrent', TEST_DEPLOYMENT)
      );
    }
    const notified = local()
      .sns.messages()
      .map((m) => JSON.parse(m.Message).restoreJobId);
    expect(notified.length).toBeGreaterThanOrEqual(1);
    expect(new Set(notified)).toEqual(ids);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('concurrent duplicates that lose the race get a retryable error', async () => {
    // Arrange
    local().backup.configure({ latencyMs: { StartRestoreJob: 200 } });

    // Act
    const settled = await Promise.allSettled([
      start(efs('it-race')),
      start(efs('it-race')),
    ]);

    // Assert
    const rejected = settled.filter((s) => s.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(
      RestoreInProgressError
    );
    expect(local().backup.jobs()).toHaveLength(1);
  });

  it('the same requestId with other content is a conflict and starts nothing', async () => {
    // Arrange
    await start(efs('it-conflict'));

    // Act
    const error = await start(
      efs('it-conflict', { metadata: { PerformanceMode: 'maxIO' } })
    ).catch((e: unknown) => e);

    // Assert
    expect(error).toMatchObject({
      code: 'IdempotencyConflict',
      retryable: false,
    });
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
    expect(local().sns.messages()).toHaveLength(1);
  });

  it('Backup throttling is retryable, loses nothing, and the retry starts one job', async () => {
    // Arrange
    throttleStartRestoreJob(local());

    // Act
    const first = await start(efs('it-throttled')).catch((e: unknown) => e);
    const second = await start(efs('it-throttled'));

    // Assert
    expect(first).toMatchObject({ code: 'RestoreThrottled', retryable: true });
    expect(second.replayed).toBe(false);
    expect(local().backup.jobs()).toHaveLength(1);
    expect(local().sns.messages()).toHaveLength(1);
  });

  it('SNS failing after the start: the retry starts no second job', async () => {
    // Arrange
    failPublish(local());

    // Act
    const first = await start(efs('it-sns-down')).catch((e: unknown) => e);
    const second = await start(efs('it-sns-down'));

    // Assert
    expect(first).toMatchObject({ code: 'DependencyFailure', retryable: true });
    const calls = local().backup.callsTo('StartRestoreJob');
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.input.IdempotencyToken)).toEqual([
      idempotencyTokenOf('it-sns-down', TEST_DEPLOYMENT),
      idempotencyTokenOf('it-sns-down', TEST_DEPLOYMENT),
    ]);
    expect(local().backup.jobs()).toHaveLength(1);
    expect(second.restoreJobId).toBe(local().backup.jobs()[0]?.restoreJobId);
    expect(local().sns.messages()).toHaveLength(1);
  });

  it('SNS failing after the start, and AWS answering the replayed token without RestoreJobId: the retry finds the job', async () => {
    // Arrange
    local().backup.configure({ replayWithoutRestoreJobId: true });
    failPublish(local());

    // Act
    const first = await start(efs('it-replay-no-id')).catch((e: unknown) => e);
    const second = await start(efs('it-replay-no-id'));

    // Assert
    expect(first).toMatchObject({ code: 'DependencyFailure', retryable: true });
    const calls = local().backup.callsTo('StartRestoreJob');
    expect(calls[1]?.outcome).toMatchObject({ kind: 'ok', output: {} });
    expect(local().backup.callsTo('ListRestoreJobs')).toHaveLength(1);
    expect(local().backup.jobs()).toHaveLength(1);
    expect(second.restoreJobId).toBe(local().backup.jobs()[0]?.restoreJobId);
    expect(local().sns.messages()).toHaveLength(1);
  });

  it('a reply lost after StartRestoreJob created the job: the SDK retry gets the same job', async () => {
    // Arrange
    local().backup.addFault({
      operation: 'StartRestoreJob',
      kind: 'reset',
      afterEffect: true,
    });

    // Act
    const result = await start(efs('it-lost-reply'));

    // Assert
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(2);
    expect(local().backup.jobs()).toHaveLength(1);
    expect(result.restoreJobId).toBe(local().backup.jobs()[0]?.restoreJobId);
  });

  it('a later delivery replays from DynamoDB and starts nothing', async () => {
    // Arrange
    const first = await start(efs('it-replay'));

    // Act
    const again = await start(efs('it-replay'), 'eventbridge');

    // Assert
    expect(again).toEqual({ ...first, replayed: true });
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
    expect(local().sns.messages()).toHaveLength(1);
  });

  it('selects the latest COMPLETED point, optionally before a time', async () => {
    // Act
    const latest = await start({ resourceArn: EFS_FS, dryRun: true });
    const before = await start({
      resourceArn: EFS_FS,
      selection: { before: '2026-11-15T03:00:00Z' },
      dryRun: true,
    });

    // Assert: the newest point (11-26) is PARTIAL; 11-22 is the latest COMPLETED.
    expect(latest.recoveryPointArn).toBe(EFS_RP);
    expect(before.recoveryPointArn).toBe(
      'arn:aws:backup:eu-west-1:111122223333:recovery-point:8547e31d-164f-4ac7-a747-cc906a29c604'
    );
  });

  it('restores an AVAILABLE point by ARN and picks it as the latest', async () => {
    // Arrange: newer than every seeded point of the file system.
    const available =
      'arn:aws:backup:eu-west-1:111122223333:recovery-point:3c0f5b1e-4a8d-4f2e-9b7a-2d6e8f1a0c55';
    local().backup.seed({
      recoveryPoints: [
        {
          arn: available,
          vault: 'prod-primary',
          resourceArn: EFS_FS,
          resourceType: 'EFS',
          resourceName: 'shared-data',
          status: 'AVAILABLE',
          creationDate: '2026-11-27T03:00:00Z',
          restoreMetadata: 'shared-data',
        },
      ],
    });

    // Act
    const latest = await start({ resourceArn: EFS_FS, dryRun: true });
    const byArn = await start(
      efs('it-available', { recoveryPointArn: available })
    );

    // Assert
    expect(latest.recoveryPointArn).toBe(available);
    expect(byArn.restoreJobId).toBe(local().backup.jobs()[0]?.restoreJobId);
    expect(local().backup.jobs()[0]?.recoveryPointArn).toBe(available);
  });

  it('pages through ListRecoveryPointsByResource (RDS, 30 points)', async () => {
    // Act
    const result = await start({
      resourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
      selection: { before: '2026-11-01T00:00:00Z' },
      dryRun: true,
    });

    // Assert
    expect(result.resourceType).toBe('RDS');
    const lists = local().backup.callsTo('ListRecoveryPointsByResource');
    expect(lists.length).toBeGreaterThanOrEqual(1);
    expect(Number(lists[0]?.input.MaxResults)).toBeGreaterThanOrEqual(20);
  });

  it('not found: the message shows the filters', async () => {
    // Act
    const error = await start({
      resourceArn: EFS_FS,
      selection: { before: '2020-01-01T00:00:00Z' },
    }).catch((e: unknown) => e);

    // Assert
    expect(error).toMatchObject({
      code: 'RecoveryPointNotFound',
      retryable: false,
    });
    expect((error as Error).message).toContain(
      'created before 2020-01-01T00:00:00.000Z'
    );
  });

  it('every invalid request makes zero AWS writes', async () => {
    // Arrange
    const before = (await tableItems(local())).length;
    const invalid: [unknown, string][] = [
      [efs('bad-role', { restoreRole: 'admin' }), 'PolicyViolation'],
      [efs('bad-vault', { backupVaultName: 'dev-vault' }), 'PolicyViolation'],
      [efs('bad-type', { resourceType: 'RDS' }), 'RestoreRequestInvalid'],
      [
        efs('bad-key', { metadata: { newFilesystem: 'true', Bogus: 1 } }),
        'RestoreRequestInvalid',
      ],
      [
        efs('bad-items', { metadata: { ItemsToRestore: ['relative/path'] } }),
        'RestoreRequestInvalid',
      ],
      [
        {
          requestId: 'bad-partial',
          recoveryPointArn:
            'arn:aws:backup:eu-west-1:111122223333:recovery-point:6ed90367-9174-42fc-bc5b-773b8cb35548',
          backupVaultName: 'prod-primary',
        },
        'RecoveryPointNotRestorable',
      ],
      [
        efs('bad-arn', { recoveryPointArn: `${EFS_RP}0` }),
        'RecoveryPointNotFound',
      ],
      [
        {
          requestId: 'bad-ebs-az',
          recoveryPointArn:
            'arn:aws:ec2:eu-west-1::snapshot/snap-068beea0c7a22b1b5',
          backupVaultName: 'prod-primary',
        },
        'RestoreRequestInvalid',
      ],
      [
        {
          requestId: 'bad-tags',
          recoveryPointArn:
            'arn:aws:backup:eu-west-1:111122223333:recovery-point:e417716b-febd-40ab-97cc-0e4041c11667',
          backupVaultName: 'prod-primary',
          copySourceTags: true,
        },
        'RestoreRequestInvalid',
      ],
      [
        efs('bad-region', {
          recoveryPointArn: EFS_RP.replace('eu-west-1', 'us-east-1'),
        }),
        'PolicyViolation',
      ],
    ];

    // Act
    const codes = [];
    for (const [input] of invalid) {
      codes.push(
        await start(input).then(
          () => 'started',
          (e: unknown) => (e as AppError).code
        )
      );
    }

    // Assert
    expect(codes).toEqual(invalid.map(([, code]) => code));
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(0);
    expect(local().sns.messages()).toHaveLength(0);
    expect(await tableItems(local())).toHaveLength(before);
  });

  it('a dry run reads but writes nothing, and shows the token the real run sends', async () => {
    // Arrange
    const before = (await tableItems(local())).length;

    // Act
    const dry = await start(efs('it-dry', { dryRun: true }));
    const real = await start(efs('it-dry'));

    // Assert
    expect(dry.plan?.input).toEqual(local().backup.jobs()[0]?.input);
    expect(real.restoreJobId).toBeDefined();
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
    expect((await tableItems(local())).length).toBe(before + 2);
  });
});

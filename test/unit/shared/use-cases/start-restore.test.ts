import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors/app-error';
import {
  AwsRequestRejectedError,
  DependencyFailureError,
} from '#shared/errors/errors';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import { idempotencyTokenOf } from '#shared/events/restore-request-key';
import {
  type StartRestoreDeps,
  startRestore,
} from '#shared/use-cases/start-restore';
import { InMemoryCatalog } from '#test/support/fakes/in-memory-catalog';
import { inMemoryDeps } from '#test/support/fakes/in-memory-deps';

const EFS_RP = 'arn:aws:backup:eu-west-1:111122223333:recovery-point:efs-1';
const FS =
  'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0';

const setup = () => {
  const catalog = new InMemoryCatalog([
    {
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      resourceType: 'EFS',
      resourceArn: FS,
      status: 'COMPLETED',
      creationDate: new Date('2026-03-01T01:00:00Z'),
      saved: {
        'file-system-id': 'fs-0123456789abcdef0',
        Encrypted: 'false',
        PerformanceMode: 'generalPurpose',
        newFileSystem: 'true',
        CreationToken: 'console-1',
      },
    },
    {
      recoveryPointArn:
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:efs-dev',
      backupVaultName: 'dev-vault',
      resourceType: 'EFS',
      resourceArn: FS,
      status: 'COMPLETED',
      creationDate: new Date('2026-03-02T01:00:00Z'),
      saved: { 'file-system-id': 'fs-0123456789abcdef0' },
    },
  ]);
  const deps = inMemoryDeps(catalog) satisfies StartRestoreDeps;
  return deps;
};

const explicit = {
  requestId: 'inc-42',
  recoveryPointArn: EFS_RP,
  backupVaultName: 'prod-primary',
  context: { ticket: 'INC-42' },
};

describe('startRestore', () => {
  it.each([
    [
      'the request first arrived',
      '2026-03-01T04:00:00.000Z',
      '2026-03-01T04:00:00.000Z',
    ],
    [
      'now, for an arrival time still to come',
      '2026-03-01T06:00:00.000Z',
      '2026-03-01T05:00:00.000Z',
    ],
    ['now, without an arrival time', undefined, '2026-03-01T05:00:00.000Z'],
  ])('tells the starter when %s', async (_when, asOf, expected) => {
    // Arrange
    const deps = setup();

    // Act
    await startRestore(receiveRequest(parseRestoreRequest(explicit)), deps, {
      source: 'sqs',
      ...(asOf === undefined ? {} : { asOf: new Date(asOf) }),
    });

    // Assert
    expect(
      deps.starter.contexts.map((c) => c.requestedAt.toISOString())
    ).toEqual([expected]);
  });

  it('starts one job with the derived token, records it and notifies', async () => {
    // Arrange
    const deps = setup();

    // Act
    const result = await startRestore(
      receiveRequest(parseRestoreRequest(explicit)),
      deps,
      {
        source: 'invoke',
      }
    );

    // Assert
    expect(result).toEqual({
      requestId: 'inc-42',
      restoreJobId: 'job-1',
      recoveryPointArn: EFS_RP,
      resourceType: 'EFS',
      backupVaultName: 'prod-primary',
      replayed: false,
    });
    expect(deps.starter.inputs).toHaveLength(1);
    expect(deps.starter.inputs[0]).toMatchObject({
      RecoveryPointArn: EFS_RP,
      IamRoleArn: 'arn:aws:iam::111122223333:role/restore-default',
      IdempotencyToken: idempotencyTokenOf('inc-42'),
      ResourceType: 'EFS',
    });
    expect(deps.jobs.jobs.get('job-1')).toMatchObject({
      requestId: 'inc-42',
      source: 'invoke',
      startedAt: '2026-03-01T05:00:00.000Z',
      context: { ticket: 'INC-42' },
    });
    expect(deps.notifier.published).toEqual([
      {
        schemaVersion: '1',
        type: 'restore.started',
        requestId: 'inc-42',
        restoreJobId: 'job-1',
        recoveryPointArn: EFS_RP,
        resourceType: 'EFS',
        backupVaultName: 'prod-primary',
        source: 'invoke',
        startedAt: '2026-03-01T05:00:00.000Z',
        context: { ticket: 'INC-42' },
      },
    ]);
  });

  it('replays a second delivery without a second start', async () => {
    // Arrange
    const deps = setup();
    const request = parseRestoreRequest(explicit);
    await startRestore(receiveRequest(request), deps, { source: 'sqs' });

    // Act
    const again = await startRestore(receiveRequest(request), deps, {
      source: 'sqs',
    });

    // Assert
    expect(again.replayed).toBe(true);
    expect(again.restoreJobId).toBe('job-1');
    expect(deps.starter.inputs).toHaveLength(1);
    expect(deps.notifier.published).toHaveLength(1);
  });

  it('a dry run returns the plan and writes nothing', async () => {
    // Arrange
    const deps = setup();

    // Act
    const result = await startRestore(
      receiveRequest(parseRestoreRequest({ ...explicit, dryRun: true })),
      deps,
      { source: 'cli' }
    );

    // Assert
    expect(result.restoreJobId).toBeUndefined();
    expect(result.plan?.input.IdempotencyToken).toBe(
      idempotencyTokenOf('inc-42')
    );
    expect(result.plan?.input.Metadata.newFileSystem).toBe('true');
    expect(deps.starter.inputs).toHaveLength(0);
    expect(deps.jobs.jobs.size).toBe(0);
    expect(deps.notifier.published).toHaveLength(0);
  });

  it('picks the latest point in an allowed vault for a resource', async () => {
    // Arrange
    const deps = setup();

    // Act
    const result = await startRestore(
      receiveRequest(parseRestoreRequest({ resourceArn: FS })),
      deps,
      { source: 'sqs' }
    );

    // Assert: the newer point is in dev-vault, which policy does not allow.
    expect(result.recoveryPointArn).toBe(EFS_RP);
    expect(result.requestId).toMatch(/^auto-/);
  });

  it.each([
    [{ ...explicit, restoreRole: 'admin' }, 'PolicyViolation'],
    [{ ...explicit, backupVaultName: 'dev-vault' }, 'PolicyViolation'],
    [{ ...explicit, resourceType: 'RDS' }, 'RestoreRequestInvalid'],
    [
      { ...explicit, copySourceTags: true, metadata: { bogusKey: 1 } },
      'RestoreRequestInvalid',
    ],
    [{ resourceArn: `${FS}x` }, 'RecoveryPointNotFound'],
  ])('rejects %o with %s and no write', async (input, code) => {
    // Arrange
    const deps = setup();

    // Act
    const error = await startRestore(
      receiveRequest(parseRestoreRequest(input)),
      deps,
      {
        source: 'sqs',
      }
    ).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).retryable).toBe(false);
    expect(deps.starter.inputs).toHaveLength(0);
    expect(deps.notifier.published).toHaveLength(0);
  });

  it('checks what the request shows before any AWS call', async () => {
    // Arrange
    const deps = setup();

    // Act
    await startRestore(
      receiveRequest(
        parseRestoreRequest({ ...explicit, restoreRole: 'admin' })
      ),
      deps,
      { source: 'sqs' }
    ).catch(() => undefined);

    // Assert
    expect(deps.catalog.calls).toEqual([]);
  });

  it('the same requestId with other content is a conflict and starts nothing', async () => {
    // Arrange
    const deps = setup();
    await startRestore(receiveRequest(parseRestoreRequest(explicit)), deps, {
      source: 'sqs',
    });
    deps.catalog.calls.length = 0;

    // Act
    const error = await startRestore(
      receiveRequest(
        parseRestoreRequest({
          ...explicit,
          metadata: { PerformanceMode: 'maxIO' },
        })
      ),
      deps,
      { source: 'sqs' }
    ).catch((e: unknown) => e);

    // Assert
    expect((error as AppError).code).toBe('IdempotencyConflict');
    expect(deps.starter.inputs).toHaveLength(1);
    expect(deps.catalog.calls).toEqual([]);
  });

  it('replays a completed request without reading AWS Backup again', async () => {
    // Arrange
    const deps = setup();
    const first = await startRestore(
      receiveRequest(parseRestoreRequest(explicit)),
      deps,
      {
        source: 'sqs',
      }
    );
    deps.catalog.calls.length = 0;

    // Act
    const again = await startRestore(
      receiveRequest(
        parseRestoreRequest({ ...explicit, context: { ticket: 'other' } })
      ),
      deps,
      { source: 'eventbridge' }
    );

    // Assert
    expect(again).toEqual({ ...first, replayed: true });
    expect(deps.catalog.calls).toEqual([]);
    expect(deps.starter.inputs).toHaveLength(1);
    expect(deps.notifier.published).toHaveLength(1);
  });

  it('releases the claim when planning fails, so a redelivery plans again', async () => {
    // Arrange
    const deps = setup();
    const missing = parseRestoreRequest({
      ...explicit,
      recoveryPointArn:
        'arn:aws:backup:eu-west-1:111122223333:recovery-point:not-yet',
    });

    // Act
    const first = await startRestore(receiveRequest(missing), deps, {
      source: 'sqs',
    }).catch((e: unknown) => e);
    const second = await startRestore(receiveRequest(missing), deps, {
      source: 'sqs',
    }).catch((e: unknown) => e);

    // Assert
    expect((first as AppError).code).toBe('RecoveryPointNotFound');
    expect((second as AppError).code).toBe('RecoveryPointNotFound');
    expect(deps.catalog.calls).toEqual(['describe', 'describe']);
    expect(deps.starter.inputs).toHaveLength(0);
  });

  it('after a failed publish, the retry reuses the job and notifies once', async () => {
    // Arrange
    const deps = setup();
    deps.notifier.failures.push(new DependencyFailureError('SNS down'));
    const request = parseRestoreRequest(explicit);

    // Act
    const first = await startRestore(receiveRequest(request), deps, {
      source: 'sqs',
    }).catch((e: unknown) => e);
    const second = await startRestore(receiveRequest(request), deps, {
      source: 'sqs',
    });

    // Assert
    expect((first as AppError).retryable).toBe(true);
    expect(second.restoreJobId).toBe('job-1');
    expect(deps.starter.jobCount).toBe(1);
    expect(deps.starter.inputs.map((i) => i.IdempotencyToken)).toEqual([
      idempotencyTokenOf('inc-42'),
      idempotencyTokenOf('inc-42'),
    ]);
    expect(deps.notifier.published).toHaveLength(1);
  });

  it('after the job started, even a permanent failure (SNS KMSDisabled) is a retry, never a rejection', async () => {
    // Arrange
    const deps = setup();
    deps.notifier.failures.push(
      new AwsRequestRejectedError(
        'SNS Publish was rejected by AWS (KMSDisabledException)'
      )
    );
    const request = parseRestoreRequest(explicit);

    // Act
    const first = await startRestore(receiveRequest(request), deps, {
      source: 'sqs',
    }).catch((e: unknown) => e);
    const second = await startRestore(receiveRequest(request), deps, {
      source: 'sqs',
    });

    // Assert
    expect(first).toBeInstanceOf(DependencyFailureError);
    expect((first as AppError).message).toContain('restore job job-1 started');
    expect((first as AppError).cause).toBeInstanceOf(AwsRequestRejectedError);
    expect(second.restoreJobId).toBe('job-1');
    expect(deps.starter.jobCount).toBe(1);
    expect(deps.notifier.published).toHaveLength(1);
  });

  it('a retry through another source after a failed publish names the sender of the first start', async () => {
    // Arrange
    const deps = setup();
    deps.notifier.failures.push(new DependencyFailureError('SNS down'));
    const request = parseRestoreRequest(explicit);
    const sender = {
      via: 'sqs',
      senderId: 'AROAEXAMPLEROLEID:request-producer',
    } as const;

    // Act
    await startRestore(receiveRequest(request), deps, {
      source: 'sqs',
      requestedBy: sender,
    }).catch(() => undefined);
    await startRestore(receiveRequest(request), deps, {
      source: 'invoke',
      requestedBy: { via: 'invoke' },
    });

    // Assert
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        type: 'restore.started',
        source: 'sqs',
        requestedBy: sender,
      }),
    ]);
  });

  it('never logs metadata values', async () => {
    // Arrange
    const deps = setup();

    // Act
    await startRestore(
      receiveRequest(
        parseRestoreRequest({
          ...explicit,
          metadata: { KmsKeyId: 'secret-key-id' },
        })
      ),
      deps,
      { source: 'sqs' }
    );

    // Assert
    expect(JSON.stringify(deps.log.lines)).not.toContain('secret-key-id');
  });
});

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) {
      deepFreeze(v);
    }
    Object.freeze(value);
  }
  return value;
};

describe('startRestore with a deep-frozen request', () => {
  it('never mutates its input (Powertools #5715)', async () => {
    // Arrange
    const deps = setup();
    const request = deepFreeze(
      parseRestoreRequest({
        ...explicit,
        metadata: { ItemsToRestore: ['/a'], PerformanceMode: 'generalPurpose' },
      })
    );

    // Act
    const result = await startRestore(receiveRequest(request), deps, {
      source: 'sqs',
    });

    // Assert
    expect(result.restoreJobId).toBe('job-1');
  });
});

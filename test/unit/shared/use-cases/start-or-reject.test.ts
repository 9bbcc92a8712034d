import { describe, expect, it } from 'vitest';
import type { Arrival } from '#shared/domain/arrival';
import {
  DependencyFailureError,
  InternalError,
  PolicyViolationError,
  RecoveryPointNotFoundError,
  RestoreRequestInvalidError,
  RestoreThrottledError,
} from '#shared/errors/errors';
import {
  type RequestReading,
  readRestoreRequest,
  readRestoreRequestBody,
} from '#shared/events/read-restore-request';
import { NOT_JSON_ORIGINAL } from '#shared/events/redact-original';
import {
  type RequestResult,
  type StartOrRejectDeps,
  startOrReject,
  summarizeResult,
} from '#shared/use-cases/start-or-reject';
import { InMemoryCatalog } from '#test/support/fakes/in-memory-catalog';
import { inMemoryDeps } from '#test/support/fakes/in-memory-deps';
import { MemoryLog } from '#test/support/fakes/memory-log';

const EFS_RP = 'arn:aws:backup:eu-west-1:111122223333:recovery-point:efs-1';
const EFS_RP_LATER =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:efs-2';
const FS =
  'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0';
const MESSAGE_ID = '0f4c8a52-7d3e-4b19-9e60-5a2b7c1d3e84';

const saved = {
  'file-system-id': 'fs-0123456789abcdef0',
  Encrypted: 'false',
  PerformanceMode: 'generalPurpose',
  newFileSystem: 'true',
  CreationToken: 'console-1',
};

const setup = () =>
  inMemoryDeps(
    new InMemoryCatalog([
      {
        recoveryPointArn: EFS_RP,
        backupVaultName: 'prod-primary',
        resourceType: 'EFS',
        resourceArn: FS,
        status: 'COMPLETED',
        creationDate: new Date('2026-03-01T01:00:00Z'),
        saved,
      },
      {
        recoveryPointArn: EFS_RP_LATER,
        backupVaultName: 'prod-primary',
        resourceType: 'EFS',
        resourceArn: FS,
        status: 'COMPLETED',
        creationDate: new Date('2026-03-01T03:00:00Z'),
        saved,
      },
    ])
  ) satisfies StartOrRejectDeps;

const explicit = {
  requestId: 'inc-42',
  recoveryPointArn: EFS_RP,
  backupVaultName: 'prod-primary',
  resourceType: 'efs',
  context: { ticket: 'INC-42' },
};

/** A request as an SQS source sees it: the body, and its reading. */
const fromQueue = (
  body: unknown
): { reading: RequestReading; arrival: Arrival } => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    reading: readRestoreRequestBody(text),
    arrival: { source: 'sqs', original: text, messageId: MESSAGE_ID },
  };
};

const rejectedError = (result: RequestResult) => {
  if (result.status !== 'rejected') {
    throw new Error(`expected a rejection, got ${result.status}`);
  }
  return result.error;
};

describe('startOrReject', () => {
  it('starts a readable request and counts it requested, then started', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue(explicit);

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    expect(result).toEqual({
      status: 'started',
      result: {
        requestId: 'inc-42',
        restoreJobId: 'job-1',
        recoveryPointArn: EFS_RP,
        resourceType: 'EFS',
        backupVaultName: 'prod-primary',
        replayed: false,
      },
    });
    expect(deps.metrics.counts).toEqual([
      {
        name: 'RestoreRequested',
        dimensions: { source: 'sqs', resourceType: 'EFS' },
      },
      {
        name: 'RestoreStarted',
        dimensions: { source: 'sqs', resourceType: 'EFS' },
      },
    ]);
    expect(deps.starter.inputs).toHaveLength(1);
    expect(deps.notifier.published.map((n) => n.type)).toEqual([
      'restore.started',
    ]);
    expect(deps.deadLetters.letters).toEqual([]);
  });

  it('logs a readable request through the log for its key', async () => {
    // Arrange
    const perRequest = new MemoryLog();
    const keys: string[] = [];
    const deps = {
      ...setup(),
      logFor: (key: string) => {
        keys.push(key);
        return perRequest;
      },
    };
    const { reading, arrival } = fromQueue(explicit);

    // Act
    await startOrReject(reading, deps, arrival);

    // Assert
    expect(keys).toEqual(['inc-42']);
    expect(perRequest.lines.map((l) => l.message)).toContain(
      'restore job started'
    );
    expect(deps.log.lines).toEqual([]);
  });

  it('counts the resource type planning found when the request did not name it', async () => {
    // Arrange
    const deps = setup();
    const { resourceType: _resourceType, ...untyped } = explicit;
    const { reading, arrival } = fromQueue(untyped);

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    expect(result.status).toBe('started');
    expect(deps.metrics.counts).toEqual([
      {
        name: 'RestoreRequested',
        dimensions: { source: 'sqs', resourceType: 'EFS' },
      },
      {
        name: 'RestoreStarted',
        dimensions: { source: 'sqs', resourceType: 'EFS' },
      },
    ]);
  });

  it('replays a second delivery of the same request', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue(explicit);
    await startOrReject(reading, deps, arrival);

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    expect(result.status).toBe('replayed');
    expect(result.status === 'replayed' && result.result.restoreJobId).toBe(
      'job-1'
    );
    expect(deps.starter.inputs).toHaveLength(1);
    expect(deps.notifier.published).toHaveLength(1);
    expect(deps.metrics.names()).toEqual([
      'RestoreRequested',
      'RestoreStarted',
      'RestoreRequested',
      'RestoreReplayed',
    ]);
  });

  it('plans a dry run and starts nothing', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue({ ...explicit, dryRun: true });

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    expect(result.status).toBe('planned');
    expect(
      result.status === 'planned' && result.result.plan?.input.RecoveryPointArn
    ).toBe(EFS_RP);
    expect(deps.starter.inputs).toEqual([]);
    expect(deps.notifier.published).toEqual([]);
    expect(deps.metrics.names()).toEqual(['RestoreRequested']);
  });

  it('rejects an unreadable request: kept, announced, never started', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue('restore the orders db please');

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    const error = rejectedError(result);
    expect(error).toBeInstanceOf(RestoreRequestInvalidError);
    expect(reading.ok === false && reading.error).toBe(error);
    expect(deps.starter.inputs).toEqual([]);
    expect(deps.catalog.calls).toEqual([]);
    expect(deps.deadLetters.letters).toEqual([
      {
        body: 'restore the orders db please',
        attributes: {
          errorCode: 'RestoreRequestInvalid',
          errorMessage: error.message,
          source: 'sqs',
          rejectedAt: '2026-03-01T05:00:00.000Z',
          messageId: MESSAGE_ID,
        },
      },
    ]);
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        type: 'restore.rejected',
        source: 'sqs',
        // Not JSON: kept in the dead-letter queue only, never repeated.
        original: NOT_JSON_ORIGINAL,
        messageId: MESSAGE_ID,
        context: {},
      }),
    ]);
    expect(deps.notifier.published[0]).not.toHaveProperty('requestId');
    expect(deps.metrics.counts).toEqual([
      {
        name: 'RestoreRequested',
        dimensions: { source: 'sqs', resourceType: 'Unknown' },
      },
      {
        name: 'RestoreRejected',
        dimensions: { source: 'sqs', resourceType: 'Unknown' },
      },
    ]);
  });

  it('rejects and keeps a request whose recovery point does not exist', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue({
      ...explicit,
      recoveryPointArn: `${EFS_RP}-gone`,
    });

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    const error = rejectedError(result);
    expect(error).toBeInstanceOf(RecoveryPointNotFoundError);
    expect(deps.starter.inputs).toEqual([]);
    expect(deps.deadLetters.letters).toHaveLength(1);
    expect(deps.deadLetters.letters[0]?.attributes).toMatchObject({
      errorCode: 'RecoveryPointNotFound',
      requestId: 'inc-42',
      messageId: MESSAGE_ID,
    });
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        type: 'restore.rejected',
        requestId: 'inc-42',
        resourceType: 'EFS',
        reason: { code: 'RecoveryPointNotFound', message: error.message },
        context: { ticket: 'INC-42' },
      }),
    ]);
    expect(deps.metrics.names()).toEqual([
      'RestoreRequested',
      'RestoreRejected',
    ]);
  });

  it('rejects a policy violation with its problem and asks AWS nothing', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue({
      ...explicit,
      restoreRole: 'admin',
    });

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    const error = rejectedError(result);
    expect(error).toBeInstanceOf(PolicyViolationError);
    expect(deps.catalog.calls).toEqual([]);
    expect(deps.deadLetters.letters).toHaveLength(1);
    expect(deps.notifier.published[0]).toMatchObject({
      type: 'restore.rejected',
      reason: {
        code: 'PolicyViolation',
        problems: [{ path: 'restoreRole' }],
      },
    });
  });

  it('rejects a requestId reused for another restore', async () => {
    // Arrange
    const deps = setup();
    const first = fromQueue(explicit);
    await startOrReject(first.reading, deps, first.arrival);
    const other = fromQueue({
      ...explicit,
      metadata: { PerformanceMode: 'maxIO' },
    });

    // Act
    const result = await startOrReject(other.reading, deps, other.arrival);

    // Assert
    expect(rejectedError(result).code).toBe('IdempotencyConflict');
    expect(deps.starter.inputs).toHaveLength(1);
    expect(deps.deadLetters.letters).toHaveLength(1);
  });

  it('throws a retryable error for redelivery and keeps nothing', async () => {
    // Arrange
    const deps = setup();
    const throttled = new RestoreThrottledError('StartRestoreJob throttled');
    deps.starter.failures.push(throttled);
    const { reading, arrival } = fromQueue(explicit);

    // Act
    const error = await startOrReject(reading, deps, arrival).catch(
      (e: unknown) => e
    );

    // Assert
    expect(error).toBe(throttled);
    expect(deps.deadLetters.letters).toEqual([]);
    expect(deps.notifier.published).toEqual([]);
    expect(deps.metrics.names()).toEqual(['RestoreRequested']);
  });

  it('starts the job on the redelivery after a retryable error', async () => {
    // Arrange
    const deps = setup();
    deps.starter.failures.push(
      new RestoreThrottledError('StartRestoreJob throttled')
    );
    const { reading, arrival } = fromQueue(explicit);
    await startOrReject(reading, deps, arrival).catch(() => undefined);

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    expect(result.status).toBe('started');
    expect(deps.starter.jobCount).toBe(1);
    expect(deps.deadLetters.letters).toEqual([]);
  });

  it('throws an unexpected error as a named, retryable InternalError, without rejecting', async () => {
    // Arrange
    const deps = setup();
    const bug = new TypeError('cannot read properties of undefined');
    deps.starter.failures.push(bug);
    const { reading, arrival } = fromQueue(explicit);

    // Act
    const error = await startOrReject(reading, deps, arrival).catch(
      (e: unknown) => e
    );

    // Assert: a bounded retry by the source; the restore may have started.
    expect(error).toBeInstanceOf(InternalError);
    expect(error).toMatchObject({
      code: 'InternalError',
      retryable: true,
      cause: bug,
    });
    expect(deps.deadLetters.letters).toEqual([]);
    expect(deps.notifier.published).toEqual([]);
    expect(deps.metrics.names()).toEqual(['RestoreRequested']);
  });

  it('throws when a rejected request cannot be kept', async () => {
    // Arrange
    const deps = setup();
    deps.deadLetters.failWith = new DependencyFailureError('SQS down');
    const { reading, arrival } = fromQueue('not json');

    // Act
    const error = await startOrReject(reading, deps, arrival).catch(
      (e: unknown) => e
    );

    // Assert
    expect(error).toBeInstanceOf(DependencyFailureError);
    expect(deps.notifier.published).toEqual([]);
    expect(deps.metrics.names()).toEqual(['RestoreRequested']);
  });

  it('selects only points created before asOf', async () => {
    // Arrange
    const deps = setup();
    const reading = readRestoreRequest({ resourceArn: FS });
    const arrival: Arrival = {
      source: 'eventbridge',
      original: JSON.stringify({ resourceArn: FS }),
      eventId: '3f8e2a91-6c0d-4b7e-9f15-8a2c4d6e0b13',
      asOf: new Date('2026-03-01T02:00:00Z'),
    };

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    expect(result.status).toBe('started');
    expect(deps.starter.inputs[0]?.RecoveryPointArn).toBe(EFS_RP);
  });

  it('selects the latest point when there is no asOf', async () => {
    // Arrange
    const deps = setup();
    const reading = readRestoreRequest({ resourceArn: FS });
    const arrival: Arrival = { source: 'invoke', original: '{}' };

    // Act
    await startOrReject(reading, deps, arrival);

    // Assert
    expect(deps.starter.inputs[0]?.RecoveryPointArn).toBe(EFS_RP_LATER);
  });

  it('rejects when asOf leaves no point, with the event id', async () => {
    // Arrange
    const deps = setup();
    const reading = readRestoreRequest({ resourceArn: FS });
    const arrival: Arrival = {
      source: 'eventbridge',
      original: '{}',
      eventId: '3f8e2a91-6c0d-4b7e-9f15-8a2c4d6e0b13',
      asOf: new Date('2026-03-01T00:00:00Z'),
    };

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    expect(rejectedError(result).code).toBe('RecoveryPointNotFound');
    expect(deps.deadLetters.letters[0]?.attributes.eventId).toBe(
      '3f8e2a91-6c0d-4b7e-9f15-8a2c4d6e0b13'
    );
  });

  it('never logs metadata values, even when they are wrong', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue({
      ...explicit,
      metadata: { PerformanceMode: 'secret-value-123' },
    });

    // Act
    const result = await startOrReject(reading, deps, arrival);

    // Assert
    expect(rejectedError(result).code).toBe('RestoreRequestInvalid');
    expect(deps.log.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(deps.log.lines)).not.toContain('secret-value-123');
  });
});

describe('summarizeResult', () => {
  it('keeps who sent a request with its job and in restore.started', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue(explicit);
    const requestedBy = {
      via: 'sqs',
      senderId: 'AROAEXAMPLEROLEID:request-producer',
    } as const;

    // Act
    await startOrReject(reading, deps, { ...arrival, requestedBy });

    // Assert
    expect((await deps.jobs.get('job-1'))?.requestedBy).toEqual(requestedBy);
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({ type: 'restore.started', requestedBy }),
    ]);
  });

  it('names who sent a rejected request, in restore.rejected and on its dead letter', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue('restore the orders db please');
    const requestedBy = {
      via: 'eventbridge',
      account: '111122223333',
      source: 'orders.app',
    } as const;

    // Act
    await startOrReject(reading, deps, { ...arrival, requestedBy });

    // Assert
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({ type: 'restore.rejected', requestedBy }),
    ]);
    expect(deps.deadLetters.letters[0]?.attributes.requestedBy).toBe(
      JSON.stringify(requestedBy)
    );
  });

  it('publishes no requestedBy when the source could name no one', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue(explicit);

    // Act
    await startOrReject(reading, deps, {
      ...arrival,
      requestedBy: undefined,
    });

    // Assert
    expect(deps.notifier.published[0]).not.toHaveProperty('requestedBy');
    expect(await deps.jobs.get('job-1')).not.toHaveProperty('requestedBy');
  });

  it('summarises a started request with its ids', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue({
      ...explicit,
      metadata: { ItemsToRestore: ['/secret-path'] },
    });
    const result = await startOrReject(reading, deps, arrival);

    // Act
    const summary = summarizeResult(result);

    // Assert
    expect(summary).toEqual({
      status: 'started',
      requestId: 'inc-42',
      restoreJobId: 'job-1',
    });
  });

  it('summarises a dry run without a job id', async () => {
    // Arrange
    const deps = setup();
    const { reading, arrival } = fromQueue({ ...explicit, dryRun: true });
    const result = await startOrReject(reading, deps, arrival);

    // Act
    const summary = summarizeResult(result);

    // Assert
    expect(summary).toEqual({ status: 'planned', requestId: 'inc-42' });
  });

  it('summarises a rejection by its error code only', () => {
    // Arrange
    const result: RequestResult = {
      status: 'rejected',
      error: new PolicyViolationError('restoreRole', 'is not allowed'),
    };

    // Act
    const summary = summarizeResult(result);

    // Assert
    expect(summary).toEqual({
      status: 'rejected',
      errorCode: 'PolicyViolation',
    });
  });

  it('summarises an ignored event', () => {
    // Act
    const summary = summarizeResult({ status: 'ignored' });

    // Assert
    expect(summary).toEqual({ status: 'ignored' });
  });
});

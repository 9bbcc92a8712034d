import { describe, expect, it } from 'vitest';
import {
  DependencyFailureError,
  PolicyViolationError,
  RecoveryPointNotFoundError,
  RestoreRequestInvalidError,
} from '#shared/errors/errors';
import type { RelayNotification } from '#shared/events/relay-notification';
import { RelayNotificationSchema } from '#shared/events/relay-notification';
import type { DeadLetter } from '#shared/ports/dead-letter-queue';
import {
  type Rejection,
  type RejectRequestDeps,
  rejectRequest,
} from '#shared/use-cases/reject-request';
import { InMemoryDeadLetterQueue } from '#test/support/fakes/in-memory-dead-letter-queue';
import { InMemoryMetrics } from '#test/support/fakes/in-memory-metrics';
import { InMemoryNotifier } from '#test/support/fakes/in-memory-notifier';
import { InMemoryTaskCallbacks } from '#test/support/fakes/in-memory-task-callbacks';
import { MemoryLog } from '#test/support/fakes/memory-log';

const NOW = new Date('2026-03-01T05:00:00.000Z');
const FS =
  'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0';

const setup = () =>
  ({
    deadLetters: new InMemoryDeadLetterQueue(),
    notifier: new InMemoryNotifier(),
    metrics: new InMemoryMetrics(),
    callbacks: new InMemoryTaskCallbacks(),
    clock: { now: () => NOW },
    log: new MemoryLog(),
  }) satisfies RejectRequestDeps;

const validationError = new RestoreRequestInvalidError([
  { path: 'IamRoleArn', message: 'unknown field' },
  { path: 'backupVaultName', message: 'is required with recoveryPointArn' },
]);

const original = JSON.stringify({
  requestId: 'inc-42',
  resourceArn: FS,
  metadata: { KmsKeyId: 'secret-value-123' },
  IamRoleArn: 'arn:aws:iam::111122223333:role/admin',
});

const rejection = (fields: Partial<Rejection> = {}): Rejection => ({
  error: validationError,
  source: 'sqs',
  original,
  requestId: 'inc-42',
  resourceType: 'EFS',
  messageId: '0f4c8a52-7d3e-4b19-9e60-5a2b7c1d3e84',
  context: { ticket: 'INC-42' },
  ...fields,
});

describe('rejectRequest', () => {
  it('keeps the request as received in the dead-letter queue, with why', async () => {
    // Arrange
    const deps = setup();

    // Act
    await rejectRequest(rejection(), deps);

    // Assert
    expect(deps.deadLetters.letters).toEqual<DeadLetter[]>([
      {
        body: original,
        attributes: {
          errorCode: 'RestoreRequestInvalid',
          errorMessage: validationError.message,
          source: 'sqs',
          rejectedAt: '2026-03-01T05:00:00.000Z',
          requestId: 'inc-42',
          messageId: '0f4c8a52-7d3e-4b19-9e60-5a2b7c1d3e84',
        },
      },
    ]);
  });

  it('sets only the ids it has as attributes', async () => {
    // Arrange
    const deps = setup();

    // Act
    await rejectRequest(
      {
        error: validationError,
        source: 'eventbridge',
        original: '{}',
        eventId: '3f8e2a91-6c0d-4b7e-9f15-8a2c4d6e0b13',
      },
      deps
    );

    // Assert
    expect(deps.deadLetters.letters[0]?.attributes).toEqual({
      errorCode: 'RestoreRequestInvalid',
      errorMessage: validationError.message,
      source: 'eventbridge',
      rejectedAt: '2026-03-01T05:00:00.000Z',
      eventId: '3f8e2a91-6c0d-4b7e-9f15-8a2c4d6e0b13',
    });
  });

  it('names who sent the request in restore.rejected and, as JSON, on the dead letter', async () => {
    // Arrange
    const deps = setup();
    const requestedBy = {
      via: 'alarm',
      account: '111122223333',
      alarmArn:
        'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-connection-failures',
    } as const;

    // Act
    await rejectRequest(
      rejection({
        requestedBy,
        eventId: '3f8e2a91-6c0d-4b7e-9f15-8a2c4d6e0b13',
      }),
      deps
    );

    // Assert
    expect(deps.notifier.published[0]).toMatchObject({ requestedBy });
    expect(
      RelayNotificationSchema.safeParse(deps.notifier.published[0]).success
    ).toBe(true);
    const attributes = deps.deadLetters.letters[0]?.attributes ?? {};
    expect(JSON.parse(attributes.requestedBy ?? '')).toEqual(requestedBy);
    // Every attribute at once still fits SQS's 10.
    expect(Object.keys(attributes)).toHaveLength(8);
  });

  it('publishes restore.rejected with every validation problem', async () => {
    // Arrange
    const deps = setup();

    // Act
    await rejectRequest(rejection(), deps);

    // Assert
    expect(deps.notifier.published).toEqual<RelayNotification[]>([
      {
        schemaVersion: '1',
        type: 'restore.rejected',
        requestId: 'inc-42',
        resourceType: 'EFS',
        source: 'sqs',
        reason: {
          code: 'RestoreRequestInvalid',
          message: validationError.message,
          problems: [
            { path: 'IamRoleArn', message: 'unknown field' },
            {
              path: 'backupVaultName',
              message: 'is required with recoveryPointArn',
            },
          ],
        },
        // The metadata value stays in the dead-letter queue only.
        original: original.replace('secret-value-123', '[redacted]'),
        originalTruncated: false,
        messageId: '0f4c8a52-7d3e-4b19-9e60-5a2b7c1d3e84',
        rejectedAt: '2026-03-01T05:00:00.000Z',
        context: { ticket: 'INC-42' },
      },
    ]);
    expect(
      RelayNotificationSchema.safeParse(deps.notifier.published[0]).success
    ).toBe(true);
  });

  it('gives a policy violation its one problem', async () => {
    // Arrange
    const deps = setup();
    const error = new PolicyViolationError(
      'restoreRole',
      'is not in the allowlist (default, databases)'
    );

    // Act
    await rejectRequest(rejection({ error }), deps);

    // Assert
    expect(deps.notifier.published[0]).toMatchObject({
      reason: {
        code: 'PolicyViolation',
        message: 'restoreRole: is not in the allowlist (default, databases)',
        problems: [
          {
            path: 'restoreRole',
            message: 'is not in the allowlist (default, databases)',
          },
        ],
      },
    });
  });

  it('gives other errors no problems list', async () => {
    // Arrange
    const deps = setup();
    const error = new RecoveryPointNotFoundError('no recovery point matches');

    // Act
    await rejectRequest(rejection({ error }), deps);

    // Assert
    const [notification] = deps.notifier.published;
    expect(notification?.type).toBe('restore.rejected');
    expect(
      notification?.type === 'restore.rejected' ? notification.reason : {}
    ).toEqual({
      code: 'RecoveryPointNotFound',
      message: 'no recovery point matches',
    });
  });

  it('echoes an empty context when the request had none', async () => {
    // Arrange
    const deps = setup();
    const { context: _context, ...withoutContext } = rejection();

    // Act
    await rejectRequest(withoutContext, deps);

    // Assert
    expect(deps.notifier.published[0]).toMatchObject({ context: {} });
  });

  it('counts RestoreRejected with the source and resource type', async () => {
    // Arrange
    const deps = setup();

    // Act
    await rejectRequest(rejection({ source: 'alarm' }), deps);

    // Assert
    expect(deps.metrics.counts).toEqual([
      {
        name: 'RestoreRejected',
        dimensions: { source: 'alarm', resourceType: 'EFS' },
      },
    ]);
  });

  it('counts an unknown resource type as Unknown', async () => {
    // Arrange
    const deps = setup();
    const { resourceType: _resourceType, ...unknownType } = rejection();

    // Act
    await rejectRequest(unknownType, deps);

    // Assert
    expect(deps.metrics.counts).toEqual([
      {
        name: 'RestoreRejected',
        dimensions: { source: 'sqs', resourceType: 'Unknown' },
      },
    ]);
    expect(deps.notifier.published[0]).not.toHaveProperty('resourceType');
  });

  it('logs one warning with the ids, code and problems', async () => {
    // Arrange
    const deps = setup();

    // Act
    await rejectRequest(rejection(), deps);

    // Assert
    expect(deps.log.lines).toEqual([
      {
        level: 'warn',
        message: 'restore request rejected',
        attributes: {
          requestId: 'inc-42',
          messageId: '0f4c8a52-7d3e-4b19-9e60-5a2b7c1d3e84',
          source: 'sqs',
          errorCode: 'RestoreRequestInvalid',
          problems: validationError.problems,
        },
      },
    ]);
  });

  it('never logs metadata values', async () => {
    // Arrange
    const deps = setup();
    const error = new RestoreRequestInvalidError([
      {
        path: 'metadata.KmsKeyId',
        message: 'must be a KMS key ARN (arn:aws:kms:…)',
      },
    ]);

    // Act
    await rejectRequest(rejection({ error }), deps);

    // Assert
    expect(original).toContain('secret-value-123');
    expect(deps.log.lines).toHaveLength(1);
    for (const line of deps.log.lines) {
      expect(JSON.stringify(line)).not.toContain('secret-value-123');
    }
  });

  it('keeps the request before it announces it', async () => {
    // Arrange
    const deps = setup();
    const order: string[] = [];
    const tracing: RejectRequestDeps = {
      ...deps,
      deadLetters: {
        send: async (letter) => {
          order.push('dead-letter');
          await deps.deadLetters.send(letter);
        },
      },
      notifier: {
        publish: async (notification) => {
          order.push('notify');
          await deps.notifier.publish(notification);
        },
      },
    };

    // Act
    await rejectRequest(rejection(), tracing);

    // Assert
    expect(order).toEqual(['dead-letter', 'notify']);
  });

  it('throws and announces nothing when the request cannot be kept', async () => {
    // Arrange
    const deps = setup();
    const failure = new DependencyFailureError('SQS down');
    deps.deadLetters.failWith = failure;

    // Act
    const error = await rejectRequest(rejection(), deps).catch(
      (e: unknown) => e
    );

    // Assert
    expect(error).toBe(failure);
    expect(deps.notifier.published).toEqual([]);
    expect(deps.metrics.counts).toEqual([]);
    expect(deps.log.lines).toEqual([]);
  });

  it('throws when the rejection cannot be published, after keeping it', async () => {
    // Arrange
    const deps = setup();
    const failure = new DependencyFailureError('SNS down');
    deps.notifier.failures.push(failure);

    // Act
    const error = await rejectRequest(rejection(), deps).catch(
      (e: unknown) => e
    );

    // Assert
    expect(error).toBe(failure);
    expect(deps.deadLetters.letters).toHaveLength(1);
    expect(deps.metrics.counts).toEqual([]);
  });

  it('fails the waiting Step Functions task with the error code', async () => {
    // Arrange
    const deps = setup();

    // Act
    await rejectRequest(
      {
        error: validationError,
        source: 'sqs',
        original,
        requestId: 'inc-42',
        taskToken: 'token-1',
      },
      deps
    );

    // Assert
    const [answer] = deps.callbacks.answers;
    expect(answer).toMatchObject({
      kind: 'failure',
      taskToken: 'token-1',
      error: 'RestoreRequestInvalid',
    });
    expect(
      answer?.kind === 'failure' && JSON.parse(answer.cause)
    ).toMatchObject({ requestId: 'inc-42', code: 'RestoreRequestInvalid' });
    expect(answer?.kind === 'failure' && answer.cause).not.toContain(
      'secret-value-123'
    );
  });
});

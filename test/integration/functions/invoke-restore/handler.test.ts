import { describe, expect, it } from 'vitest';
import {
  deadLetters,
  failPublish,
  jobRecord,
  notificationsOfType,
  throttleStartRestoreJob,
  useCapturedMetrics,
} from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import { deepFreeze } from '#test/support/lambda-events';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { handler } from '../../../../functions/invoke-restore/handler.js';

const local = useLocalAws({ ...RELAY_ENV, AWS_SDK_MAX_ATTEMPTS: '2' });

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

const efs = (requestId: string, extra: object = {}) =>
  deepFreeze({
    requestId,
    recoveryPointArn: EFS_RP,
    backupVaultName: 'prod-primary',
    ...extra,
  });

const invoke = (payload: unknown) => handler(payload, lambdaContext());

const failureOf = (payload: unknown) =>
  invoke(payload).then(
    () => {
      throw new Error('expected the invocation to fail');
    },
    (error: unknown) => error as Error & { retryable?: boolean }
  );

// Keeps the EMF lines out of the test output.
useCapturedMetrics();

describe('invoke-restore on the local AWS', () => {
  it('returns the RestoreJobId, and the same result, replayed, on a second call', async () => {
    // Act
    const first = await invoke(efs('inv-1'));
    const second = await invoke(efs('inv-1'));

    // Assert
    const [job] = local().backup.jobs();
    expect(first).toEqual({
      requestId: 'inv-1',
      restoreJobId: job?.restoreJobId,
      recoveryPointArn: EFS_RP,
      resourceType: 'EFS',
      backupVaultName: 'prod-primary',
      replayed: false,
    });
    expect(second).toEqual({ ...first, replayed: true });
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
    expect(notificationsOfType(local(), 'restore.started')).toEqual([
      expect.objectContaining({ requestId: 'inv-1', source: 'invoke' }),
    ]);
  });

  it('a dry run returns the exact StartRestoreJob input and writes nothing', async () => {
    // Act
    const result = await invoke(efs('inv-dry', { dryRun: true }));

    // Assert
    expect(result.plan?.input).toMatchObject({
      RecoveryPointArn: EFS_RP,
      ResourceType: 'EFS',
    });
    expect(result.restoreJobId).toBeUndefined();
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(0);
    expect(local().sns.messages()).toEqual([]);
  });

  it.each([
    [
      'RestoreRequestInvalid',
      () => efs('inv-bad', { IamRoleArn: 'arn:aws:iam::111122223333:role/x' }),
    ],
    [
      'PolicyViolation',
      () => ({ ...efs('inv-vault'), backupVaultName: 'elsewhere' }),
    ],
    [
      'RecoveryPointNotFound',
      () =>
        efs('inv-missing', {
          recoveryPointArn:
            'arn:aws:backup:eu-west-1:111122223333:recovery-point:00000000-0000-4000-8000-000000000000',
        }),
    ],
  ])(
    'fails with an error named %s, kept and notified',
    async (name, payload) => {
      // Act
      const error = await failureOf(payload());

      // Assert
      expect(error.name).toBe(name);
      expect(error.retryable).toBe(false);
      expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(0);
      expect(deadLetters(local())).toEqual([
        expect.objectContaining({
          attributes: expect.objectContaining({
            errorCode: name,
            source: 'invoke',
          }),
        }),
      ]);
      expect(notificationsOfType(local(), 'restore.rejected')).toEqual([
        expect.objectContaining({
          reason: expect.objectContaining({ code: name }),
        }),
      ]);
    }
  );

  it('fails with IdempotencyConflict when a requestId is reused for another restore', async () => {
    // Arrange
    await invoke(efs('inv-conflict'));

    // Act
    const error = await failureOf(
      efs('inv-conflict', { metadata: { PerformanceMode: 'maxIO' } })
    );

    // Assert
    expect(error.name).toBe('IdempotencyConflict');
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
  });

  it('fails with RestoreThrottled, retryable, and keeps nothing in the dead-letter queue', async () => {
    // Arrange
    throttleStartRestoreJob(local());

    // Act
    const error = await failureOf(efs('inv-throttled'));
    const retry = await invoke(efs('inv-throttled'));

    // Assert
    expect(error.name).toBe('RestoreThrottled');
    expect(error.retryable).toBe(true);
    expect(deadLetters(local())).toEqual([]);
    expect(retry.replayed).toBe(false);
    expect(local().backup.jobs()).toHaveLength(1);
  });

  it('fails with DependencyFailure when SNS is down, and the retry starts no second job', async () => {
    // Arrange
    failPublish(local());

    // Act
    const error = await failureOf(efs('inv-sns'));
    const retry = await invoke(efs('inv-sns'));

    // Assert
    expect(error.name).toBe('DependencyFailure');
    expect(retry.restoreJobId).toBe(local().backup.jobs()[0]?.restoreJobId);
    expect(local().backup.jobs()).toHaveLength(1);
  });

  it("names the Step Functions execution of the request's context in restore.started and the job record", async () => {
    // Arrange: the payload a state machine builds with
    // "context": { "executionArn.$": "$$.Execution.Id" }.
    const executionArn =
      'arn:aws:states:eu-west-1:111122223333:execution:restore-flow:run-42';

    // Act
    const { restoreJobId } = await invoke(
      efs('inv-sender', { context: { executionArn, ticket: 'INC-42' } })
    );

    // Assert
    const requestedBy = { via: 'invoke', executionArn };
    expect(notificationsOfType(local(), 'restore.started')).toEqual([
      expect.objectContaining({
        requestId: 'inv-sender',
        requestedBy,
        context: { executionArn, ticket: 'INC-42' },
      }),
    ]);
    expect(await jobRecord(local(), restoreJobId ?? '')).toMatchObject({
      source: 'invoke',
      requestedBy,
    });
  });

  it('names only the source when the context has no execution ARN, whatever the client context says', async () => {
    // Arrange: clientContext is what the caller chose to send, not who it is.
    const context = lambdaContext({
      clientContext: {
        client: {
          installationId: 'i-1',
          appTitle: 'arn:aws:states:eu-west-1:111122223333:execution:forged:x',
          appVersionName: '1',
          appVersionCode: '1',
          appPackageName: 'forged',
        },
        env: {
          platformVersion: '1',
          platform: 'x',
          make: 'x',
          model: 'x',
          locale: 'en',
        },
      },
    });

    // Act
    const plain = await handler(efs('inv-plain'), context);
    const invalid = await handler(
      efs('inv-not-an-execution', {
        context: {
          executionArn:
            'arn:aws:states:eu-west-1:111122223333:stateMachine:restore-flow',
        },
      }),
      context
    );

    // Assert
    const started = notificationsOfType(local(), 'restore.started');
    expect(started.map((n) => [n.requestId, n.requestedBy])).toEqual([
      ['inv-plain', { via: 'invoke' }],
      ['inv-not-an-execution', { via: 'invoke' }],
    ]);
    for (const { restoreJobId } of [plain, invalid]) {
      expect(
        (await jobRecord(local(), restoreJobId ?? ''))?.requestedBy
      ).toEqual({ via: 'invoke' });
    }
  });

  it('names the execution of a rejected invocation in restore.rejected and on the dead letter', async () => {
    // Arrange
    const executionArn =
      'arn:aws:states:eu-west-1:111122223333:execution:restore-flow:run-43';

    // Act
    const error = await failureOf(
      efs('inv-sender-bad', {
        backupVaultName: 'not-allowed',
        context: { executionArn },
      })
    );

    // Assert
    expect(error.name).toBe('PolicyViolation');
    const requestedBy = { via: 'invoke', executionArn };
    expect(notificationsOfType(local(), 'restore.rejected')).toEqual([
      expect.objectContaining({ requestId: 'inv-sender-bad', requestedBy }),
    ]);
    const [kept] = deadLetters(local());
    expect(JSON.parse(kept?.attributes.requestedBy ?? '')).toEqual(requestedBy);
  });
});

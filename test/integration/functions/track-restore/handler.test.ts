import { BackupClient, StartRestoreJobCommand } from '@aws-sdk/client-backup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config/load-config';
import { RestoreJobStateChangeSchema } from '#shared/events/restore-job-state-change';
import { recordOutcome } from '#shared/use-cases/record-outcome';
import { buildOutcomeDeps } from '#shared/wiring/outcome-deps';
import {
  deadLetters,
  notificationsOfType,
  useCapturedMetrics,
} from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import { deepFreeze, sqsEvent, sqsRecord } from '#test/support/lambda-events';
import {
  finishJobs,
  invokeTracker,
  outcomeEvents,
  subscribeTracker,
} from '#test/support/lifecycle-steps';
import { useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { handler as invokeHandler } from '../../../../functions/invoke-restore/handler.js';
import { handler as sqsHandler } from '../../../../functions/sqs-restore/handler.js';
import { TrackRestoreConfigSchema } from '../../../../functions/track-restore/config.js';
import { observationFromEvent } from '../../../../functions/track-restore/observation-from-event.js';

const local = useLocalAws({ ...RELAY_ENV, AWS_SDK_MAX_ATTEMPTS: '2' });

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

const request = (requestId: string, extra: object = {}) =>
  deepFreeze({
    requestId,
    recoveryPointArn: EFS_RP,
    backupVaultName: 'prod-primary',
    context: { ticket: requestId },
    ...extra,
  });

const start = (requestId: string, extra: object = {}) =>
  invokeHandler(request(requestId, extra), lambdaContext());

const metrics = useCapturedMetrics();

let unsubscribe: () => void = () => undefined;
beforeAll(() => {
  unsubscribe = subscribeTracker(local());
});
afterAll(() => unsubscribe());

describe('track-restore on the local AWS', () => {
  it('publishes restore.completed once, with what the restore created, and puts "Restore Completed" on the bus', async () => {
    // Arrange
    const { restoreJobId } = await start('trk-done');

    // Act
    const deliveries = await finishJobs(local());

    // Assert
    expect(deliveries.filter((d) => d.outcome === 'delivered')).toHaveLength(1);
    const [job] = local().backup.jobs();
    const [completed, ...others] = notificationsOfType(
      local(),
      'restore.completed'
    );
    expect(others).toEqual([]);
    expect(completed).toMatchObject({
      requestId: 'trk-done',
      restoreJobId,
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      resourceType: 'EFS',
      source: 'invoke',
      status: 'COMPLETED',
      createdResourceArn: job?.createdResourceArn,
      detectedBy: 'event',
      context: { ticket: 'trk-done' },
    });
    expect(completed?.durationSeconds).toBeGreaterThan(0);
    expect(typeof completed?.backupSizeInBytes).toBe('number');
    expect(outcomeEvents(local())).toEqual([
      { detailType: 'Restore Completed', detail: completed },
    ]);
    expect(metrics().map((m) => m.name)).toContain('RestoreCompleted');
  });

  it.each([
    ['FAILED', 'restore.failed'],
    ['ABORTED', 'restore.aborted'],
  ] as const)(
    'publishes a %s job as %s with AWS status message, as "Restore Failed" on the bus',
    async (status, type) => {
      // Arrange
      local().backup.configure({
        failureRules: [{ status, statusMessage: `emulated ${status}` }],
      });
      await start(`trk-${status}`);

      // Act
      await finishJobs(local());

      // Assert
      const [outcome] = notificationsOfType(local(), type);
      expect(outcome).toMatchObject({
        requestId: `trk-${status}`,
        status,
        statusMessage: `emulated ${status}`,
      });
      expect(outcomeEvents(local())).toEqual([
        { detailType: 'Restore Failed', detail: outcome },
      ]);
    }
  );

  it('names who sent each request in its restore.completed, from the job record', async () => {
    // Arrange: one request through the queue, one from a Step Functions
    // execution through a direct invocation.
    const executionArn =
      'arn:aws:states:eu-west-1:111122223333:execution:restore-flow:run-7';
    await sqsHandler(
      sqsEvent(sqsRecord(request('trk-by-sqs'))),
      lambdaContext()
    );
    await start('trk-by-sfn', { context: { executionArn } });

    // Act
    await finishJobs(local());

    // Assert
    const completed = notificationsOfType(local(), 'restore.completed');
    const byRequest = Object.fromEntries(
      completed.map((n) => [n.requestId, n.requestedBy])
    );
    expect(byRequest).toEqual({
      'trk-by-sqs': {
        via: 'sqs',
        senderId: 'AROAEXAMPLEROLEID:request-producer',
      },
      'trk-by-sfn': { via: 'invoke', executionArn },
    });
    expect(outcomeEvents(local()).map((e) => e.detail)).toEqual(
      expect.arrayContaining(completed)
    );
  });

  it('publishes once when the event is delivered twice', async () => {
    // Arrange
    await start('trk-twice');
    const [delivery] = await finishJobs(local());

    // Act
    const again = await local().backup.redeliver(delivery?.event.id ?? '');

    // Assert
    expect(again.map((d) => d.outcome)).toEqual(['delivered']);
    expect(notificationsOfType(local(), 'restore.completed')).toHaveLength(1);
    expect(outcomeEvents(local())).toHaveLength(1);
  });

  it('ignores a job restore-relay did not start', async () => {
    // Arrange: someone else starts a restore in the same account.
    const client = new BackupClient({ endpoint: local().backup.url });
    await client.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: EFS_RP,
        Metadata: { newFileSystem: 'true' },
      })
    );

    // Act
    const deliveries = await finishJobs(local());

    // Assert
    expect(deliveries.map((d) => d.outcome)).toEqual(['delivered']);
    expect(local().sns.messages()).toEqual([]);
    expect(local().events.events()).toEqual([]);
  });

  it('reports a foreign job once when the deployment asks to report all', async () => {
    // Arrange
    const client = new BackupClient({ endpoint: local().backup.url });
    await client.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: EFS_RP,
        Metadata: { newFileSystem: 'true' },
      })
    );
    await finishJobs(local());
    const [event] = local()
      .backup.emittedEvents()
      .filter((e) => 'status' in e.detail && e.detail.status === 'COMPLETED');
    const deps = {
      ...buildOutcomeDeps(
        parseConfig(TrackRestoreConfigSchema, process.env),
        { debug: () => {}, info: () => {}, warn: () => {} },
        { count: () => {} }
      ),
      reportAllJobs: true,
    };
    const observation = observationFromEvent(
      RestoreJobStateChangeSchema.parse(event)
    );

    // Act
    const first = await recordOutcome(observation, deps);
    const second = await recordOutcome(observation, deps);

    // Assert
    expect([first.status, second.status]).toEqual(['published', 'duplicate']);
    const [outcome] = notificationsOfType(local(), 'restore.completed');
    expect(outcome).toMatchObject({ source: 'external', status: 'COMPLETED' });
    expect(outcome).not.toHaveProperty('requestId');
    expect(outcome).not.toHaveProperty('requestedBy');
  });

  it('answers the waiting Step Functions task with the notification', async () => {
    // Arrange
    const taskToken = local().stepFunctions.createTaskToken();
    await start('trk-sfn', { taskToken });

    // Act
    await finishJobs(local());

    // Assert
    const [completed] = notificationsOfType(local(), 'restore.completed');
    expect(local().stepFunctions.task(taskToken)).toMatchObject({
      status: 'succeeded',
      output: completed,
    });
  });

  it('fails the waiting task with RestoreFailed when the job fails', async () => {
    // Arrange
    local().backup.configure({
      failureRules: [{ statusMessage: 'instance profile not permitted' }],
    });
    const taskToken = local().stepFunctions.createTaskToken();
    await start('trk-sfn-fail', { taskToken });

    // Act
    await finishJobs(local());

    // Assert
    const task = local().stepFunctions.task(taskToken);
    expect(task).toMatchObject({ status: 'failed', error: 'RestoreFailed' });
    expect(JSON.parse(task.cause ?? '{}')).toMatchObject({
      type: 'restore.failed',
      statusMessage: 'instance profile not permitted',
    });
  });

  it('answers at once a retried task that replays a request whose job already ended', async () => {
    // Arrange: the first task timed out; Step Functions retries with a new token.
    const first = local().stepFunctions.createTaskToken();
    await start('trk-retry', { taskToken: first });
    local().stepFunctions.timeOut(first);
    await finishJobs(local());
    const second = local().stepFunctions.createTaskToken();

    // Act
    const replay = await start('trk-retry', { taskToken: second });

    // Assert
    expect(replay.replayed).toBe(true);
    expect(local().stepFunctions.task(first).status).toBe('timed-out');
    expect(local().stepFunctions.task(second)).toMatchObject({
      status: 'succeeded',
      output: expect.objectContaining({ type: 'restore.completed' }),
    });
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(1);
  });

  it('answers a token added by a replay while the job runs when the job ends', async () => {
    // Arrange
    const first = local().stepFunctions.createTaskToken();
    const second = local().stepFunctions.createTaskToken();
    await start('trk-two-tasks', { taskToken: first });
    await start('trk-two-tasks', { taskToken: second });

    // Act
    await finishJobs(local());

    // Assert
    expect(local().stepFunctions.task(first).status).toBe('succeeded');
    expect(local().stepFunctions.task(second).status).toBe('succeeded');
  });

  it('fails the waiting task of a rejected queue request with its error code, and keeps the request', async () => {
    // Arrange: sent with sqs:sendMessage.waitForTaskToken, but invalid.
    const taskToken = local().stepFunctions.createTaskToken();
    const body = JSON.stringify({
      requestId: 'trk-bad',
      resourceArn: 'not-an-arn',
      taskToken,
    });

    // Act
    await sqsHandler(sqsEvent(sqsRecord(body)), lambdaContext());

    // Assert
    expect(local().stepFunctions.task(taskToken)).toMatchObject({
      status: 'failed',
      error: 'RestoreRequestInvalid',
    });
    expect(deadLetters(local())).toHaveLength(1);
    expect(local().backup.callsTo('StartRestoreJob')).toHaveLength(0);
  });

  it('throws for a retry when the bus throttles, and the retry publishes the outcome once on the bus', async () => {
    // Arrange
    await start('trk-bus');
    local().events.configure({
      failEntries: { errorCode: 'ThrottlingException', count: 1 },
    });

    // Act
    const [first] = await finishJobs(local());
    const retry = await local().backup.redeliver(first?.event.id ?? '');

    // Assert
    expect(first?.outcome).toBe('failed');
    expect(retry.map((d) => d.outcome)).toEqual(['delivered']);
    expect(outcomeEvents(local())).toHaveLength(1);
    // SNS took the first attempt too: at least once, at most twice here.
    expect(notificationsOfType(local(), 'restore.completed')).toHaveLength(2);
  });

  it('refuses an event that is not a Backup restore job event (kept by the on-failure destination)', async () => {
    // Act
    const result = invokeTracker(
      deepFreeze({
        version: '0',
        id: 'e-1',
        'detail-type': 'Backup Job State Change',
        source: 'aws.backup',
        account: '111122223333',
        time: '2026-03-01T04:31:12Z',
        region: 'eu-west-1',
        resources: [],
        detail: { backupJobId: 'b-1', state: 'COMPLETED' },
      })
    );

    // Assert
    await expect(result).rejects.toThrow();
    expect(local().sns.messages()).toEqual([]);
  });
});

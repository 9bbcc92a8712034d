import { describe, expect, it } from 'vitest';
import type { JobObservation } from '#shared/domain/job-observation';
import { DependencyFailureError } from '#shared/errors/errors';
import { RelayNotificationSchema } from '#shared/events/relay-notification';
import { recordOutcome } from '#shared/use-cases/record-outcome';
import { inMemoryTrackingDeps } from '#test/support/fakes/in-memory-deps';

// Values from the COMPLETED sample of docs/events.md#restore-job-sample.
const JOB_ID = '7F3A9C21-5B4D-4E8F-9A10-2C6D8E4B1F37';
const POINT =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94';
const CREATED =
  'arn:aws:rds:eu-west-1:111122223333:db:orders-db-restore-20260301';

const completed = (over: Partial<JobObservation> = {}): JobObservation => ({
  restoreJobId: JOB_ID,
  status: 'COMPLETED',
  detectedBy: 'event',
  creationDate: '2026-03-01T04:15:09.518Z',
  completionDate: '2026-03-01T04:31:05.204Z',
  createdResourceArn: CREATED,
  backupSizeInBytes: 0,
  resourceType: 'RDS',
  ...over,
});

const REQUESTED_BY = {
  via: 'sqs',
  senderId: 'AROAEXAMPLEROLEID:request-producer',
} as const;

/** The job as the start recorded it, before requestedBy was kept. */
const STARTED = {
  restoreJobId: JOB_ID,
  requestId: 'inc-42',
  recoveryPointArn: POINT,
  backupVaultName: 'prod-primary',
  resourceType: 'RDS',
  source: 'sqs',
  startedAt: '2026-03-01T04:15:08.000Z',
} as const;

const setup = async (taskToken?: string) => {
  const deps = inMemoryTrackingDeps();
  await deps.jobs.recordStarted({
    ...STARTED,
    requestedBy: REQUESTED_BY,
    context: { ticket: 'INC-42' },
    ...(taskToken === undefined ? {} : { taskToken }),
  });
  return deps;
};

describe('recordOutcome', () => {
  it('publishes restore.completed once with the request, the created resource, duration and size', async () => {
    // Arrange
    const deps = await setup();

    // Act
    const result = await recordOutcome(completed(), deps);

    // Assert
    expect(result.status).toBe('published');
    expect(deps.notifier.published).toHaveLength(1);
    const [notification] = deps.notifier.published;
    expect(RelayNotificationSchema.parse(notification)).toEqual(notification);
    expect(notification).toMatchObject({
      schemaVersion: '1',
      type: 'restore.completed',
      requestId: 'inc-42',
      restoreJobId: JOB_ID,
      recoveryPointArn: POINT,
      backupVaultName: 'prod-primary',
      resourceType: 'RDS',
      source: 'sqs',
      requestedBy: REQUESTED_BY,
      status: 'COMPLETED',
      createdResourceArn: CREATED,
      durationSeconds: 955.686,
      backupSizeInBytes: 0,
      detectedBy: 'event',
      context: { ticket: 'INC-42' },
    });
    expect(deps.outcomeEvents.events).toEqual([notification]);
    expect(deps.metrics.names()).toEqual(['RestoreCompleted']);
    expect((await deps.jobs.get(JOB_ID))?.status).toBe('COMPLETED');
  });

  it('publishes restore.failed and restore.aborted with AWS status message', async () => {
    for (const status of ['FAILED', 'ABORTED'] as const) {
      // Arrange
      const deps = await setup();

      // Act
      const { createdResourceArn: _none, ...base } = completed();
      await recordOutcome(
        {
          ...base,
          status,
          statusMessage:
            'AWS Backup does not permit attaching a new instance profile',
        },
        deps
      );

      // Assert
      expect(deps.notifier.published).toEqual([
        expect.objectContaining({
          type: status === 'FAILED' ? 'restore.failed' : 'restore.aborted',
          statusMessage:
            'AWS Backup does not permit attaching a new instance profile',
        }),
      ]);
      expect(deps.notifier.published[0]).not.toHaveProperty(
        'createdResourceArn'
      );
    }
  });

  it('publishes no requestedBy for a job whose record has none (recorded before it was kept)', async () => {
    // Arrange
    const deps = inMemoryTrackingDeps();
    await deps.jobs.recordStarted(STARTED);

    // Act
    await recordOutcome(completed(), deps);

    // Assert
    expect(deps.notifier.published).toHaveLength(1);
    expect(deps.notifier.published[0]).not.toHaveProperty('requestedBy');
  });

  it('answers a second delivery as a duplicate without publishing', async () => {
    // Arrange
    const deps = await setup();
    await recordOutcome(completed(), deps);

    // Act
    const again = await recordOutcome(completed(), deps);
    const late = await recordOutcome(
      completed({ detectedBy: 'reconciler' }),
      deps
    );

    // Assert
    expect(again.status).toBe('duplicate');
    expect(late.status).toBe('duplicate');
    expect(deps.notifier.published).toHaveLength(1);
    expect(deps.outcomeEvents.events).toHaveLength(1);
  });

  it('ignores states that are not an end', async () => {
    // Arrange
    const deps = await setup();

    // Act
    const result = await recordOutcome(completed({ status: 'RUNNING' }), deps);

    // Assert
    expect(result.status).toBe('not-terminal');
    expect(deps.notifier.published).toEqual([]);
  });

  it('ignores a job it did not start, unless told to report all', async () => {
    // Arrange
    const deps = inMemoryTrackingDeps();

    // Act
    const ignored = await recordOutcome(completed(), deps);
    const reported = await recordOutcome(completed(), {
      ...deps,
      reportAllJobs: true,
    });
    const twice = await recordOutcome(completed(), {
      ...deps,
      reportAllJobs: true,
    });

    // Assert
    expect(ignored.status).toBe('foreign');
    expect(reported.status).toBe('published');
    expect(twice.status).toBe('duplicate');
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({ source: 'external', restoreJobId: JOB_ID }),
    ]);
    expect(deps.notifier.published[0]).not.toHaveProperty('requestId');
  });

  it('answers the waiting task with the notification on success', async () => {
    // Arrange
    const deps = await setup('token-1');

    // Act
    await recordOutcome(completed(), deps);

    // Assert
    expect(deps.callbacks.answers).toEqual([
      {
        kind: 'success',
        taskToken: 'token-1',
        output: deps.notifier.published[0],
      },
    ]);
  });

  it('fails the waiting task with RestoreFailed and the notification as cause', async () => {
    // Arrange
    const deps = await setup('token-1');

    // Act
    await recordOutcome(completed({ status: 'FAILED' }), deps);

    // Assert
    const [answer] = deps.callbacks.answers;
    expect(answer).toMatchObject({ kind: 'failure', error: 'RestoreFailed' });
    expect(
      JSON.parse(answer?.kind === 'failure' ? answer.cause : '{}')
    ).toMatchObject({ type: 'restore.failed', restoreJobId: JOB_ID });
  });

  it('releases the claim when a channel fails, so the retry publishes', async () => {
    // Arrange
    const deps = await setup();
    deps.outcomeEvents.failures.push(new DependencyFailureError('bus down'));

    // Act
    const first = recordOutcome(completed(), deps);

    // Assert
    await expect(first).rejects.toBeInstanceOf(DependencyFailureError);
    expect((await deps.jobs.get(JOB_ID))?.outcomePublishedAt).toBeUndefined();
    const retry = await recordOutcome(completed(), deps);
    expect(retry.status).toBe('published');
    expect(deps.outcomeEvents.events).toHaveLength(1);
  });

  it('counts a reconciled outcome', async () => {
    // Arrange
    const deps = await setup();

    // Act
    await recordOutcome(completed({ detectedBy: 'reconciler' }), deps);

    // Assert
    expect(deps.metrics.names()).toEqual([
      'RestoreCompleted',
      'RestoreOutcomeReconciled',
    ]);
    expect(deps.notifier.published[0]).toMatchObject({
      detectedBy: 'reconciler',
    });
  });
});

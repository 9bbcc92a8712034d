import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbJobStore } from '#shared/adapters/dynamodb-job-store';
import { parseConfig } from '#shared/config/load-config';
import { systemClock } from '#shared/domain/clock';
import {
  reconcileRestores,
  UNKNOWN_JOB_MESSAGE,
} from '#shared/use-cases/reconcile-restores';
import {
  notificationsOfType,
  useCapturedMetrics,
} from '#test/support/handler-steps';
import { lambdaContext } from '#test/support/lambda-context';
import { deepFreeze } from '#test/support/lambda-events';
import {
  finishJobs,
  outcomeEvents,
  subscribeTracker,
} from '#test/support/lifecycle-steps';
import { clearTable, useLocalAws } from '#test/support/local/use-local-aws';
import { RELAY_ENV } from '#test/support/relay-env';
import { handler as invokeHandler } from '../../../../functions/invoke-restore/handler.js';
import { ReconcileRestoresConfigSchema } from '../../../../functions/reconcile-restores/config.js';
import { buildReconcileRestoresDeps } from '../../../../functions/reconcile-restores/deps.js';
import { handler as reconcileHandler } from '../../../../functions/reconcile-restores/handler.js';

// Every open job is old enough to check: the test decides when jobs end.
// Three jobs per run, so a handful of jobs shows the rotation.
const MAX_JOBS = 3;
const local = useLocalAws({
  ...RELAY_ENV,
  AWS_SDK_MAX_ATTEMPTS: '2',
  RECONCILE_AFTER_SECONDS: '0',
  RECONCILE_MAX_JOBS: String(MAX_JOBS),
});

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';

const start = (requestId: string, extra: object = {}) =>
  invokeHandler(
    deepFreeze({
      requestId,
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      ...extra,
    }),
    lambdaContext()
  );

// A scheduled event carries nothing the function reads.
const reconcile = () =>
  reconcileHandler(
    deepFreeze({
      version: '0',
      id: 'sched-1',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '111122223333',
      time: '2026-03-01T05:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail: {},
    }),
    lambdaContext()
  );

/** The real lifecycle deps, with the clock moved forward. */
const depsAt = (offsetMs: number) => ({
  ...buildReconcileRestoresDeps(
    parseConfig(ReconcileRestoresConfigSchema, process.env),
    { debug: () => {}, info: () => {}, warn: () => {} },
    { count: () => {} }
  ),
  clock: { now: () => new Date(Date.now() + offsetMs) },
});

const metrics = useCapturedMetrics();

/** The relay table's job records, as the functions see them. */
const jobStore = () =>
  new DynamoDbJobStore({
    client: local().dynamodb.client,
    tableName: local().tableName,
    ttlSeconds: 90 * 86_400,
    clock: systemClock,
  });

/**
 * Job records restore-relay kept for restores AWS Backup does not know (any
 * more), started `ageMs` ago, one millisecond apart, oldest first.
 */
const recordUnknownJobs = async (
  prefix: string,
  count: number,
  ageMs: number,
  taskToken?: string
): Promise<string[]> => {
  const jobs = jobStore();
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const restoreJobId = `${prefix}-${i}`;
    await jobs.recordStarted({
      restoreJobId,
      requestId: `req-${restoreJobId}`,
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      resourceType: 'EFS',
      source: 'sqs',
      startedAt: new Date(Date.now() - ageMs + i).toISOString(),
      ...(taskToken === undefined ? {} : { taskToken }),
    });
    ids.push(restoreJobId);
  }
  return ids;
};

/** The job ids DescribeRestoreJob was asked about, in order. */
const describedJobs = (): string[] =>
  local()
    .backup.callsTo('DescribeRestoreJob')
    .map((c) => String(c.input.RestoreJobId));

let unsubscribe: () => void = () => undefined;
beforeAll(() => {
  unsubscribe = subscribeTracker(local());
});
afterAll(() => unsubscribe());
beforeEach(() => clearTable(local()));

/** The job's end event, lost at the source by `dropEvents`. */
const droppedOutcome = (deliveries: Awaited<ReturnType<typeof finishJobs>>) =>
  deliveries.find(
    (d) =>
      d.outcome === 'dropped' &&
      'status' in d.event.detail &&
      d.event.detail.status === 'COMPLETED'
  );

describe('reconcile-restores on the local AWS', () => {
  it('publishes the outcome of a job whose event never came, once', async () => {
    // Arrange
    local().backup.configure({ dropEvents: true });
    const { restoreJobId } = await start('rec-lost');
    const deliveries = await finishJobs(local());

    // Act
    const first = await reconcile();
    const second = await reconcile();

    // Assert
    expect(deliveries.every((d) => d.outcome === 'dropped')).toBe(true);
    expect(droppedOutcome(deliveries)).toBeDefined();
    expect(first).toMatchObject({ checked: 1, published: 1 });
    expect(second).toMatchObject({ checked: 0, published: 0 });
    const outcomes = notificationsOfType(local(), 'restore.completed');
    expect(outcomes).toEqual([
      expect.objectContaining({
        requestId: 'rec-lost',
        restoreJobId,
        detectedBy: 'reconciler',
        createdResourceArn: local().backup.jobs()[0]?.createdResourceArn,
      }),
    ]);
    expect(outcomeEvents(local())).toEqual([
      { detailType: 'Restore Completed', detail: outcomes[0] },
    ]);
    expect(metrics().map((m) => m.name)).toContain('RestoreOutcomeReconciled');
  });

  it('publishes once when the late event and the reconciler race', async () => {
    // Arrange
    local().backup.configure({ dropEvents: true });
    const tokens: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const taskToken = local().stepFunctions.createTaskToken();
      tokens.push(taskToken);
      await start(`rec-race-${i}`, { taskToken });
    }
    const lost = (await finishJobs(local())).filter(
      (d) => 'status' in d.event.detail && d.event.detail.status === 'COMPLETED'
    );

    // Act: each late event arrives while the reconciler runs.
    const [summary] = await Promise.all([
      reconcile(),
      ...lost.map((d) => local().backup.redeliver(d.event.id)),
    ]);

    // Assert
    expect(lost).toHaveLength(5);
    expect(summary.checked).toBeLessThanOrEqual(5);
    const outcomes = notificationsOfType(local(), 'restore.completed');
    expect(outcomes).toHaveLength(5);
    expect(new Set(outcomes.map((o) => o.restoreJobId)).size).toBe(5);
    expect(outcomeEvents(local())).toHaveLength(5);
    for (const token of tokens) {
      expect(local().stepFunctions.task(token).status).toBe('succeeded');
    }
    expect(local().stepFunctions.callsTo('SendTaskSuccess')).toHaveLength(5);
  });

  it('leaves a running job alone, and publishes nothing', async () => {
    // Arrange
    await start('rec-running');

    // Act
    const summary = await reconcile();

    // Assert
    expect(summary).toMatchObject({ checked: 1, stillOpen: 1, published: 0 });
    expect(notificationsOfType(local(), 'restore.completed')).toEqual([]);
  });

  it('goes on when DescribeRestoreJob is throttled, and the next run publishes', async () => {
    // Arrange
    local().backup.configure({ dropEvents: true });
    await start('rec-throttled');
    await finishJobs(local());
    local().backup.addFault({
      operation: 'DescribeRestoreJob',
      count: 2,
      kind: 'error',
      errorName: 'ThrottlingException',
      status: 400,
    });

    // Act
    const first = await reconcile();
    const second = await reconcile();

    // Assert
    expect(first).toMatchObject({ checked: 1, failed: 1, published: 0 });
    expect(second).toMatchObject({ checked: 1, published: 1 });
    expect(notificationsOfType(local(), 'restore.completed')).toHaveLength(1);
  });

  it('reports a job open past the maximum age as restore.stale once, fails its task, and still reports its outcome', async () => {
    // Arrange
    const taskToken = local().stepFunctions.createTaskToken();
    const { restoreJobId } = await start('rec-stale', { taskToken });
    const dayLater = depsAt(25 * 3600 * 1000);

    // Act
    const first = await reconcileRestores(dayLater);
    const second = await reconcileRestores(dayLater);
    await finishJobs(local());

    // Assert
    expect(first).toMatchObject({ staleReported: 1, stillOpen: 1 });
    expect(second.staleReported).toBe(0);
    const [stale, ...more] = notificationsOfType(local(), 'restore.stale');
    expect(more).toEqual([]);
    expect(stale).toMatchObject({
      requestId: 'rec-stale',
      restoreJobId,
      status: 'PENDING',
      staleAfterSeconds: 86_400,
      detectedBy: 'reconciler',
    });
    expect(stale?.ageSeconds).toBeGreaterThanOrEqual(25 * 3600 - 5);
    expect(local().stepFunctions.task(taskToken)).toMatchObject({
      status: 'failed',
      error: 'RestoreStale',
    });
    expect(outcomeEvents(local()).map((e) => e.detailType)).toEqual([
      'Restore Stale',
      'Restore Completed',
    ]);
    expect(notificationsOfType(local(), 'restore.completed')).toHaveLength(1);
  });

  it('publishes a newer completed job within ceil(open / reconcileMaxJobs) runs behind more jobs AWS does not know', async () => {
    // Arrange: 7 older jobs AWS Backup does not know (younger than the
    // maximum age, so they stay open), then a job whose end event is lost.
    const unknown = await recordUnknownJobs('GONE', 7, 3600_000);
    local().backup.configure({ dropEvents: true });
    const { restoreJobId } = await start('rec-behind-unknown');
    await finishJobs(local());
    const bound = Math.ceil((unknown.length + 1) / MAX_JOBS);

    // Act
    const summaries = [];
    while (
      notificationsOfType(local(), 'restore.completed').length === 0 &&
      summaries.length < 10
    ) {
      summaries.push(await reconcile());
    }

    // Assert
    expect(unknown.length).toBeGreaterThan(MAX_JOBS);
    expect(summaries.length).toBeLessThanOrEqual(bound);
    expect(summaries.every((s) => s.checked === MAX_JOBS)).toBe(true);
    expect(notificationsOfType(local(), 'restore.completed')).toEqual([
      expect.objectContaining({ restoreJobId, detectedBy: 'reconciler' }),
    ]);
    expect(describedJobs().slice(0, unknown.length)).toEqual(unknown);
    expect(notificationsOfType(local(), 'restore.stale')).toEqual([]);
  });

  it('keeps rotating: every open job AWS does not know is checked again within ceil(open / reconcileMaxJobs) runs', async () => {
    // Arrange
    const unknown = await recordUnknownJobs('GONE', 5, 3600_000);
    const bound = Math.ceil(unknown.length / MAX_JOBS);

    // Act
    for (let run = 0; run < 2 * bound; run += 1) {
      await reconcile();
    }

    // Assert: every window of `bound` runs checked each job.
    const calls = describedJobs();
    expect(calls).toHaveLength(2 * bound * MAX_JOBS);
    for (let from = 0; from + bound * MAX_JOBS <= calls.length; from += 1) {
      const window = new Set(calls.slice(from, from + bound * MAX_JOBS));
      expect(window.size).toBe(unknown.length);
    }
    for (const id of unknown) {
      expect((await jobStore().get(id))?.lastCheckedAt).toBeDefined();
    }
  });

  it('closes a job AWS does not know past the maximum age with one restore.stale, fails its task, and never checks it again', async () => {
    // Arrange
    const taskToken = local().stepFunctions.createTaskToken();
    const [gone = ''] = await recordUnknownJobs(
      'GONE-OLD',
      1,
      25 * 3600_000,
      taskToken
    );
    const [young = ''] = await recordUnknownJobs('GONE-YOUNG', 1, 3600_000);

    // Act
    const first = await reconcile();
    const second = await reconcile();
    const third = await reconcile();

    // Assert
    expect(first).toMatchObject({
      checked: 2,
      unknownToAws: 2,
      closed: 1,
      staleReported: 1,
      stillOpen: 1,
    });
    expect(second).toMatchObject({ checked: 1, closed: 0, stillOpen: 1 });
    expect(third).toMatchObject({ checked: 1, closed: 0, stillOpen: 1 });
    expect(describedJobs().filter((id) => id === gone)).toHaveLength(1);
    expect(describedJobs().filter((id) => id === young)).toHaveLength(3);
    const stale = notificationsOfType(local(), 'restore.stale');
    expect(stale).toEqual([
      expect.objectContaining({
        restoreJobId: gone,
        requestId: `req-${gone}`,
        status: 'UNKNOWN',
        statusMessage: UNKNOWN_JOB_MESSAGE,
        detectedBy: 'reconciler',
        staleAfterSeconds: 86_400,
      }),
    ]);
    expect(local().stepFunctions.task(taskToken)).toMatchObject({
      status: 'failed',
      error: 'RestoreStale',
    });
    expect(outcomeEvents(local())).toEqual([
      { detailType: 'Restore Stale', detail: stale[0] },
    ]);
    expect(metrics().map((m) => m.name)).toContain('RestoreClosedUnknown');
  });

  it('answers a task token added to a closed job with its restore.stale', async () => {
    // Arrange: a job AWS forgets (the emulator is reset) after its start.
    const { restoreJobId } = await start('rec-forgotten');
    local().backup.reset();
    await reconcileRestores(depsAt(25 * 3600_000));
    const taskToken = local().stepFunctions.createTaskToken();

    // Act: a retried task replays the request with a new token.
    const replay = await start('rec-forgotten', { taskToken });

    // Assert
    expect(replay).toMatchObject({ restoreJobId });
    expect(notificationsOfType(local(), 'restore.stale')).toEqual([
      expect.objectContaining({ restoreJobId, status: 'UNKNOWN' }),
    ]);
    expect(local().stepFunctions.task(taskToken)).toMatchObject({
      status: 'failed',
      error: 'RestoreStale',
    });
    expect(local().backup.callsTo('StartRestoreJob')).toEqual([]);
  });
});

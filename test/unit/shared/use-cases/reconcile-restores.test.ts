import { describe, expect, it } from 'vitest';
import { RestoreThrottledError } from '#shared/errors/errors';
import {
  reconcileRestores,
  UNKNOWN_JOB_MESSAGE,
} from '#shared/use-cases/reconcile-restores';
import { inMemoryTrackingDeps } from '#test/support/fakes/in-memory-deps';

const POINT =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94';

const setup = async (jobIds: string[], taskToken?: string) => {
  const deps = inMemoryTrackingDeps(new Date('2026-03-01T05:00:00.000Z'));
  for (const restoreJobId of jobIds) {
    await deps.jobs.recordStarted({
      restoreJobId,
      requestId: `req-${restoreJobId}`,
      recoveryPointArn: POINT,
      backupVaultName: 'prod-primary',
      resourceType: 'RDS',
      source: 'sqs',
      requestedBy: { via: 'invoke' },
      startedAt: deps.clock.now().toISOString(),
      ...(taskToken === undefined ? {} : { taskToken }),
    });
    deps.reader.states.set(restoreJobId, {
      restoreJobId,
      status: 'RUNNING',
      detectedBy: 'reconciler',
      percentDone: '42.00%',
    });
  }
  return deps;
};

/** Records a running job now. */
const record = async (
  deps: Awaited<ReturnType<typeof setup>>,
  restoreJobId: string
) => {
  await deps.jobs.recordStarted({
    restoreJobId,
    requestId: restoreJobId,
    recoveryPointArn: POINT,
    backupVaultName: 'prod-primary',
    resourceType: 'RDS',
    source: 'sqs',
    startedAt: deps.clock.now().toISOString(),
  });
  deps.reader.states.set(restoreJobId, {
    restoreJobId,
    status: 'RUNNING',
    detectedBy: 'reconciler',
  });
};

/** Running jobs started a second apart, all old enough to check. */
const staggered = async (jobIds: string[]) => {
  const deps = await setup([]);
  for (const id of jobIds) {
    await record(deps, id);
    deps.advance(1000);
  }
  deps.advance(16 * 60_000);
  return deps;
};

const withMaxJobs = (
  deps: Awaited<ReturnType<typeof setup>>,
  maxJobs: number
) => ({ ...deps, reconcile: { ...deps.reconcile, maxJobs } });

describe('reconcileRestores', () => {
  it('leaves young jobs alone', async () => {
    // Arrange
    const deps = await setup(['JOB-1']);
    deps.advance(60_000);

    // Act
    const summary = await reconcileRestores(deps);

    // Assert
    expect(summary.checked).toBe(0);
    expect(deps.reader.calls).toEqual([]);
  });

  it('publishes the outcome of an ended job whose event never came, once', async () => {
    // Arrange
    const deps = await setup(['JOB-1', 'JOB-2']);
    deps.reader.states.set('JOB-1', {
      restoreJobId: 'JOB-1',
      status: 'COMPLETED',
      detectedBy: 'reconciler',
      createdResourceArn: 'arn:aws:rds:eu-west-1:111122223333:db:restored',
    });
    deps.advance(16 * 60_000);

    // Act
    const first = await reconcileRestores(deps);
    const second = await reconcileRestores(deps);

    // Assert
    expect(first).toMatchObject({ checked: 2, published: 1, stillOpen: 1 });
    expect(second).toMatchObject({ checked: 1, published: 0, stillOpen: 1 });
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        type: 'restore.completed',
        restoreJobId: 'JOB-1',
        requestedBy: { via: 'invoke' },
        detectedBy: 'reconciler',
      }),
    ]);
  });

  it('reports a job open past the maximum age as stale once, and fails its task', async () => {
    // Arrange
    const deps = await setup(['JOB-1'], 'token-1');
    deps.advance(25 * 3600_000);

    // Act
    const first = await reconcileRestores(deps);
    const second = await reconcileRestores(deps);

    // Assert
    expect(first.staleReported).toBe(1);
    expect(second.staleReported).toBe(0);
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        type: 'restore.stale',
        requestedBy: { via: 'invoke' },
        status: 'RUNNING',
        percentDone: '42.00%',
        ageSeconds: 25 * 3600,
        staleAfterSeconds: 86_400,
      }),
    ]);
    expect(deps.callbacks.answers).toEqual([
      expect.objectContaining({ kind: 'failure', error: 'RestoreStale' }),
    ]);
  });

  it('still publishes the outcome of a stale job when it ends', async () => {
    // Arrange
    const deps = await setup(['JOB-1']);
    deps.advance(25 * 3600_000);
    await reconcileRestores(deps);
    deps.reader.states.set('JOB-1', {
      restoreJobId: 'JOB-1',
      status: 'FAILED',
      detectedBy: 'reconciler',
      statusMessage: 'Restore timed out',
    });

    // Act
    const summary = await reconcileRestores(deps);

    // Assert
    expect(summary.published).toBe(1);
    expect(deps.notifier.published.map((n) => n.type)).toEqual([
      'restore.stale',
      'restore.failed',
    ]);
  });

  it('goes on past a job it cannot check, and leaves it for the next run', async () => {
    // Arrange
    const deps = await setup(['JOB-1', 'JOB-2']);
    deps.reader.states.set('JOB-2', {
      restoreJobId: 'JOB-2',
      status: 'COMPLETED',
      detectedBy: 'reconciler',
    });
    deps.reader.failures.push(new RestoreThrottledError('DescribeRestoreJob'));
    deps.advance(16 * 60_000);

    // Act
    const summary = await reconcileRestores(deps);

    // Assert
    expect(summary).toMatchObject({ checked: 2, failed: 1, published: 1 });
    expect(deps.log.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('checks at most maxJobs per run, never-checked jobs first, oldest first', async () => {
    // Arrange
    const deps = await staggered(['JOB-A', 'JOB-B', 'JOB-C']);

    // Act
    const summary = await reconcileRestores(withMaxJobs(deps, 2));

    // Assert
    expect(summary.checked).toBe(2);
    expect(deps.reader.calls).toEqual(['JOB-A', 'JOB-B']);
  });

  it('rotates through the open jobs: each is checked again within ceil(open / maxJobs) runs', async () => {
    // Arrange
    const ids = ['JOB-A', 'JOB-B', 'JOB-C', 'JOB-D', 'JOB-E'];
    const deps = await staggered(ids);
    const maxJobs = 2;
    const bound = Math.ceil(ids.length / maxJobs);
    const runs: string[][] = [];

    // Act
    for (let run = 0; run < 9; run += 1) {
      const before = deps.reader.calls.length;
      await reconcileRestores(withMaxJobs(deps, maxJobs));
      runs.push(deps.reader.calls.slice(before));
      deps.advance(5 * 60_000);
    }

    // Assert: never-checked jobs first, oldest first; then no job waits
    // more than `bound` runs for its next check.
    expect(runs.slice(0, 3)).toEqual([
      ['JOB-A', 'JOB-B'],
      ['JOB-C', 'JOB-D'],
      ['JOB-E', 'JOB-A'],
    ]);
    for (const id of ids) {
      const when = runs.flatMap((calls, run) =>
        calls.includes(id) ? [run] : []
      );
      const gaps = when.slice(1).map((run, i) => run - (when[i] ?? 0));
      expect(when[0]).toBeLessThan(bound);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(bound);
    }
    expect((await deps.jobs.get('JOB-A'))?.lastCheckedAt).toBeDefined();
  });

  it('checks a job that just became old enough before jobs checked already', async () => {
    // Arrange
    const deps = await staggered(['JOB-A', 'JOB-B']);
    await reconcileRestores(deps);
    await record(deps, 'JOB-NEW');
    deps.advance(16 * 60_000);

    // Act
    await reconcileRestores(withMaxJobs(deps, 1));

    // Assert
    expect(deps.reader.calls).toEqual(['JOB-A', 'JOB-B', 'JOB-NEW']);
  });

  it('publishes a newer completed job within ceil(open / maxJobs) runs, however many older jobs AWS does not know', async () => {
    // Arrange: 7 older jobs AWS Backup does not know (younger than the
    // maximum age, so they stay open), then one that completed.
    const unknown = Array.from({ length: 7 }, (_, i) => `GONE-${i}`);
    const deps = await staggered([...unknown, 'JOB-DONE']);
    for (const id of unknown) {
      deps.reader.states.delete(id);
    }
    deps.reader.states.set('JOB-DONE', {
      restoreJobId: 'JOB-DONE',
      status: 'COMPLETED',
      detectedBy: 'reconciler',
    });
    const maxJobs = 3;
    const bound = Math.ceil((unknown.length + 1) / maxJobs);

    // Act
    let runs = 0;
    while (deps.notifier.published.length === 0 && runs < 10) {
      await reconcileRestores(withMaxJobs(deps, maxJobs));
      runs += 1;
      deps.advance(5 * 60_000);
    }

    // Assert
    expect(runs).toBeLessThanOrEqual(bound);
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        type: 'restore.completed',
        restoreJobId: 'JOB-DONE',
      }),
    ]);
  });

  it('moves a job whose check failed to the back, so it cannot hold the front', async () => {
    // Arrange
    const deps = await staggered(['JOB-A', 'JOB-B']);
    deps.reader.failures.push(new RestoreThrottledError('DescribeRestoreJob'));

    // Act
    const first = await reconcileRestores(withMaxJobs(deps, 1));
    deps.advance(5 * 60_000);
    await reconcileRestores(withMaxJobs(deps, 1));
    deps.advance(5 * 60_000);
    await reconcileRestores(withMaxJobs(deps, 1));

    // Assert
    expect(first.failed).toBe(1);
    expect(deps.reader.calls).toEqual(['JOB-A', 'JOB-B', 'JOB-A']);
  });

  it('skips a listed job whose outcome was published meanwhile, without asking AWS', async () => {
    // Arrange
    const deps = await setup(['JOB-1']);
    deps.advance(16 * 60_000);
    const listed = await deps.jobs.listToCheck(deps.clock.now(), 10);
    await deps.jobs.claim('JOB-1', 'outcome', deps.clock.now(), 300);
    await deps.jobs.markPublished('JOB-1', 'outcome', deps.clock.now(), {
      status: 'COMPLETED',
      type: 'restore.completed',
      notification: {},
    });

    // Act: the run works from the list it read before the outcome came.
    Object.assign(deps.jobs, { listToCheck: async () => listed });
    const summary = await reconcileRestores(deps);

    // Assert
    expect(summary).toMatchObject({ checked: 1, alreadyPublished: 1 });
    expect(deps.reader.calls).toEqual([]);
  });

  it('leaves a young job AWS does not know open, and checks it again in turn', async () => {
    // Arrange: AWS may not list a job right after its start.
    const deps = await setup(['JOB-1']);
    deps.reader.states.delete('JOB-1');
    deps.advance(16 * 60_000);

    // Act
    const first = await reconcileRestores(deps);
    deps.advance(5 * 60_000);
    const second = await reconcileRestores(deps);

    // Assert
    expect(first).toMatchObject({ unknownToAws: 1, stillOpen: 1, closed: 0 });
    expect(second).toMatchObject({ unknownToAws: 1, stillOpen: 1, closed: 0 });
    expect(deps.notifier.published).toEqual([]);
  });

  it('closes a job AWS does not know past the maximum age with one restore.stale that says so, and never checks it again', async () => {
    // Arrange
    const deps = await setup(['JOB-1'], 'token-1');
    deps.reader.states.delete('JOB-1');
    deps.advance(25 * 3600_000);

    // Act
    const first = await reconcileRestores(deps);
    deps.advance(5 * 60_000);
    const second = await reconcileRestores(deps);

    // Assert
    expect(first).toMatchObject({
      checked: 1,
      unknownToAws: 1,
      staleReported: 1,
      closed: 1,
      stillOpen: 0,
    });
    expect(second.checked).toBe(0);
    expect(deps.reader.calls).toEqual(['JOB-1']);
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        type: 'restore.stale',
        status: 'UNKNOWN',
        statusMessage: UNKNOWN_JOB_MESSAGE,
        ageSeconds: 25 * 3600,
      }),
    ]);
    expect(deps.callbacks.answers).toEqual([
      expect.objectContaining({ kind: 'failure', error: 'RestoreStale' }),
    ]);
    expect(await deps.jobs.get('JOB-1')).toMatchObject({
      status: 'UNKNOWN',
      outcomeType: 'restore.stale',
      outcome: deps.notifier.published[0],
    });
    expect(deps.metrics.names()).toEqual([
      'RestoreStale',
      'RestoreClosedUnknown',
    ]);
  });

  it('closes a job warned stale before once AWS no longer knows it, without a second warning', async () => {
    // Arrange
    const deps = await setup(['JOB-1']);
    deps.advance(25 * 3600_000);
    await reconcileRestores(deps);
    deps.reader.states.delete('JOB-1');
    deps.advance(5 * 60_000);

    // Act
    const summary = await reconcileRestores(deps);
    const after = await reconcileRestores(deps);

    // Assert
    expect(summary).toMatchObject({ closed: 1, staleReported: 0 });
    expect(after.checked).toBe(0);
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({ type: 'restore.stale', status: 'RUNNING' }),
    ]);
    expect((await deps.jobs.get('JOB-1'))?.status).toBe('UNKNOWN');
  });

  it('leaves an unknown job open while its stale warning cannot be published, and closes it on a later run', async () => {
    // Arrange
    const deps = await setup(['JOB-1']);
    deps.reader.states.delete('JOB-1');
    deps.notifier.failures.push(new RestoreThrottledError('Publish'));
    deps.advance(25 * 3600_000);

    // Act
    const first = await reconcileRestores(deps);
    deps.advance(5 * 60_000);
    const second = await reconcileRestores(deps);

    // Assert
    expect(first).toMatchObject({ failed: 1, closed: 0 });
    expect(second).toMatchObject({ closed: 1, staleReported: 1 });
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({ type: 'restore.stale', status: 'UNKNOWN' }),
    ]);
  });
});

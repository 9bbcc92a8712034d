import { describe, expect, it } from 'vitest';
import { ThrottledError } from '#shared/errors/throttled-error';
import { reconcileRestores } from '#shared/use-cases/reconcile-restores';
import { inMemoryTrackingDeps } from '#test/support/fakes/in-memory-ports';

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
    deps.reader.failures.push(new ThrottledError('DescribeRestoreJob'));
    deps.advance(16 * 60_000);

    // Act
    const summary = await reconcileRestores(deps);

    // Assert
    expect(summary).toMatchObject({ checked: 2, failed: 1, published: 1 });
    expect(deps.log.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('checks at most maxJobs per run, oldest first', async () => {
    // Arrange
    const deps = await setup([]);
    for (const id of ['JOB-A', 'JOB-B', 'JOB-C']) {
      await deps.jobs.recordStarted({
        restoreJobId: id,
        requestId: id,
        recoveryPointArn: POINT,
        backupVaultName: 'prod-primary',
        resourceType: 'RDS',
        source: 'sqs',
        startedAt: deps.clock.now().toISOString(),
      });
      deps.reader.states.set(id, {
        restoreJobId: id,
        status: 'RUNNING',
        detectedBy: 'reconciler',
      });
      deps.advance(1000);
    }
    deps.advance(16 * 60_000);

    // Act
    const summary = await reconcileRestores({
      ...deps,
      reconcile: { ...deps.reconcile, maxJobs: 2 },
    });

    // Assert
    expect(summary.checked).toBe(2);
    expect(deps.reader.calls).toEqual(['JOB-A', 'JOB-B']);
  });

  it('counts a job AWS does not know and reports it stale when old', async () => {
    // Arrange
    const deps = await setup(['JOB-1']);
    deps.reader.states.delete('JOB-1');
    deps.advance(25 * 3600_000);

    // Act
    const summary = await reconcileRestores(deps);

    // Assert
    expect(summary).toMatchObject({ unknownToAws: 1, staleReported: 1 });
    expect(deps.notifier.published[0]).toMatchObject({
      type: 'restore.stale',
      status: 'UNKNOWN',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { JobStore, StartedJob } from '#shared/ports/job-store';

/** The time the cases run at (claims, checks and publications). */
export const JOB_STORE_NOW = new Date('2026-03-01T05:00:00.000Z');

const NOW = JOB_STORE_NOW;

/** The reconciler's cut-off at NOW with a 15-minute threshold. */
const CUT_OFF = new Date('2026-03-01T04:45:00.000Z');

/** A cut-off every job of these cases started before. */
const LATER = new Date('2026-03-02T00:00:00.000Z');

/** A started EFS job with the given id (and any field replaced). */
export const job = (
  id: string,
  over: Partial<StartedJob> = {}
): StartedJob => ({
  restoreJobId: id,
  requestId: `req-${id}`,
  recoveryPointArn:
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0',
  backupVaultName: 'prod-primary',
  resourceType: 'EFS',
  source: 'sqs',
  startedAt: '2026-03-01T04:00:00.000Z',
  ...over,
});

/** A COMPLETED outcome, as the tracker marks it published. */
export const outcome = {
  status: 'COMPLETED',
  type: 'restore.completed',
  notification: { type: 'restore.completed', restoreJobId: 'J-1' },
};

const ids = (jobs: readonly { restoreJobId: string }[]): string[] =>
  jobs.map((j) => j.restoreJobId);

const later = (seconds: number): Date =>
  new Date(NOW.getTime() + seconds * 1000);

/**
 * The behaviour the use cases rely on from a {@link JobStore}, as one suite
 * run against every implementation: the in-memory fake the unit tests use
 * and the DynamoDB adapter on DynamoDB Local. Adapter-only cases (item
 * layout, records of earlier releases) stay in the adapter's own test.
 *
 * @param name - the implementation, in the suite's title
 * @param makeSubject - an empty store (called before each case)
 *
 * @example
 * ```ts
 * describeJobStoreContract('InMemoryJobStore', async () => new InMemoryJobStore());
 * ```
 */
export const describeJobStoreContract = (
  name: string,
  makeSubject: () => Promise<JobStore>
): void => {
  describe(`${name} keeps the JobStore contract`, () => {
    it('keeps the first record of a job, returns it to a retry, and reads it back whole', async () => {
      // Arrange
      const jobs = await makeSubject();
      const requestedBy = {
        via: 'eventbridge',
        account: '111122223333',
        source: 'orders.app',
      } as const;
      const first = job('J-1', {
        taskToken: 'token-1',
        requestedBy,
        context: { ticket: 'INC-42', tags: ['a', 'b'] },
      });
      await jobs.recordStarted(first);

      // Act
      const again = await jobs.recordStarted(
        job('J-1', {
          source: 'invoke',
          requestedBy: { via: 'invoke' },
          startedAt: '2026-03-01T04:59:00.000Z',
        })
      );
      const stored = await jobs.get('J-1');

      // Assert
      expect(again).toEqual(first);
      expect(stored).toEqual({
        restoreJobId: 'J-1',
        requestId: 'req-J-1',
        recoveryPointArn: first.recoveryPointArn,
        backupVaultName: 'prod-primary',
        resourceType: 'EFS',
        source: 'sqs',
        requestedBy,
        startedAt: '2026-03-01T04:00:00.000Z',
        context: { ticket: 'INC-42', tags: ['a', 'b'] },
        taskTokens: ['token-1'],
        external: false,
        status: 'STARTED',
      });
      expect(await jobs.get('NOPE')).toBeUndefined();
    });

    it('returns a record to a retry as a started job, without tracking state', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));
      await jobs.markChecked('J-1', NOW);
      await jobs.claim('J-1', 'outcome', NOW, 300);
      await jobs.markPublished('J-1', 'outcome', NOW, outcome);

      // Act
      const again = await jobs.recordStarted(job('J-1'));

      // Assert
      expect(again).toEqual(job('J-1'));
    });

    it('keeps an external record when the start is recorded after it, and fills the retry answer from the start', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordExternal({
        restoreJobId: 'J-1',
        startedAt: '2026-03-01T03:59:00.000Z',
        resourceType: 'RDS',
      });

      // Act
      const started = await jobs.recordStarted(job('J-1'));

      // Assert
      expect(started).toEqual({
        ...job('J-1'),
        resourceType: 'RDS',
        source: 'external',
        startedAt: '2026-03-01T03:59:00.000Z',
      });
      expect(await jobs.get('J-1')).toEqual({
        restoreJobId: 'J-1',
        resourceType: 'RDS',
        source: 'external',
        startedAt: '2026-03-01T03:59:00.000Z',
        taskTokens: [],
        external: true,
        status: 'STARTED',
      });
    });

    it('records an external job once, and keeps a record of its own', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));

      // Act
      await jobs.recordExternal({
        restoreJobId: 'J-1',
        startedAt: NOW.toISOString(),
      });
      await jobs.recordExternal({
        restoreJobId: 'X-1',
        startedAt: NOW.toISOString(),
        resourceType: 'RDS',
      });
      await jobs.recordExternal({
        restoreJobId: 'X-1',
        startedAt: LATER.toISOString(),
        resourceType: 'EBS',
      });

      // Assert
      expect(await jobs.get('J-1')).toMatchObject({
        external: false,
        source: 'sqs',
      });
      expect(await jobs.get('X-1')).toEqual({
        restoreJobId: 'X-1',
        startedAt: NOW.toISOString(),
        resourceType: 'RDS',
        source: 'external',
        taskTokens: [],
        external: true,
        status: 'STARTED',
      });
    });

    it('lists open jobs never checked first, oldest first, before the cut-off, up to the limit', async () => {
      // Arrange
      const jobs = await makeSubject();
      for (const [id, at] of [
        ['J-3', '2026-03-01T04:30:00.000Z'],
        ['J-1', '2026-03-01T04:10:00.000Z'],
        ['J-2', '2026-03-01T04:20:00.000Z'],
        ['J-4', '2026-03-01T04:55:00.000Z'],
        // Exactly at the cut-off: not before it.
        ['J-5', CUT_OFF.toISOString()],
      ] as const) {
        await jobs.recordStarted(job(id, { startedAt: at }));
      }

      // Act
      const open = await jobs.listToCheck(CUT_OFF, 10);
      const two = await jobs.listToCheck(CUT_OFF, 2);

      // Assert
      expect(ids(open)).toEqual(['J-1', 'J-2', 'J-3']);
      expect(ids(two)).toEqual(['J-1', 'J-2']);
      expect(open[0]?.lastCheckedAt).toBeUndefined();
    });

    it('lists checked jobs after the unchecked ones, least recently checked first', async () => {
      // Arrange
      const jobs = await makeSubject();
      for (const [id, at] of [
        ['J-1', '2026-03-01T04:10:00.000Z'],
        ['J-2', '2026-03-01T04:20:00.000Z'],
        ['J-3', '2026-03-01T04:30:00.000Z'],
        ['J-4', '2026-03-01T04:40:00.000Z'],
      ] as const) {
        await jobs.recordStarted(job(id, { startedAt: at }));
      }
      await jobs.markChecked('J-2', new Date('2026-03-01T05:01:00Z'));
      await jobs.markChecked('J-1', new Date('2026-03-01T05:02:00Z'));

      // Act
      const order = await jobs.listToCheck(CUT_OFF, 10);
      const three = await jobs.listToCheck(CUT_OFF, 3);

      // Assert
      expect(ids(order)).toEqual(['J-3', 'J-4', 'J-2', 'J-1']);
      expect(order[2]?.lastCheckedAt).toBe('2026-03-01T05:01:00.000Z');
      expect(ids(three)).toEqual(['J-3', 'J-4', 'J-2']);
    });

    it('lists a checked job only while it started before the cut-off', async () => {
      // Arrange: checked once under a shorter threshold.
      const jobs = await makeSubject();
      await jobs.recordStarted(
        job('J-1', { startedAt: '2026-03-01T04:50:00.000Z' })
      );
      await jobs.markChecked('J-1', NOW);

      // Act
      const before = await jobs.listToCheck(CUT_OFF, 10);
      const after = await jobs.listToCheck(
        new Date('2026-03-01T05:00:00Z'),
        10
      );

      // Assert
      expect(before).toEqual([]);
      expect(ids(after)).toEqual(['J-1']);
    });

    it('fills the limit past checked jobs the cut-off leaves out', async () => {
      // Arrange: checked jobs, most of them younger than the cut-off.
      const jobs = await makeSubject();
      for (let i = 0; i < 12; i += 1) {
        const id = `J-${String(i).padStart(2, '0')}`;
        await jobs.recordStarted(
          job(id, {
            startedAt:
              i % 4 === 0
                ? '2026-03-01T04:00:00.000Z'
                : '2026-03-01T04:59:00.000Z',
          })
        );
        await jobs.markChecked(id, later(i));
      }

      // Act
      const open = await jobs.listToCheck(CUT_OFF, 2);

      // Assert
      expect(ids(open)).toEqual(['J-00', 'J-04']);
    });

    it('marks an open job checked, and never reopens a published or closed one', async () => {
      // Arrange
      const jobs = await makeSubject();
      for (const id of ['J-1', 'J-2', 'J-3']) {
        await jobs.recordStarted(job(id));
      }
      await jobs.claim('J-2', 'outcome', NOW, 300);
      await jobs.markPublished('J-2', 'outcome', NOW, outcome);
      await jobs.close('J-3', 'UNKNOWN');

      // Act
      const checked = await jobs.markChecked('J-1', NOW);
      const published = await jobs.markChecked('J-2', NOW);
      const closed = await jobs.markChecked('J-3', NOW);
      const unknown = await jobs.markChecked('NOPE', NOW);

      // Assert
      expect(checked).toMatchObject({
        restoreJobId: 'J-1',
        lastCheckedAt: NOW.toISOString(),
        status: 'STARTED',
      });
      expect([published, closed, unknown]).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(ids(await jobs.listToCheck(LATER, 10))).toEqual(['J-1']);
      expect(await jobs.get('NOPE')).toBeUndefined();
    });

    it('keeps a claim while the job is checked, and the publication still closes it', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));
      const claimed = await jobs.claim('J-1', 'outcome', NOW, 300);

      // Act
      await jobs.markChecked('J-1', NOW);
      const rival = await jobs.claim('J-1', 'outcome', NOW, 300);
      await jobs.markPublished('J-1', 'outcome', NOW, outcome);

      // Assert
      expect(claimed?.restoreJobId).toBe('J-1');
      expect(rival).toBeUndefined();
      expect(await jobs.listToCheck(LATER, 10)).toEqual([]);
      expect(await jobs.get('J-1')).toMatchObject({
        status: 'COMPLETED',
        lastCheckedAt: NOW.toISOString(),
      });
    });

    it('closes a job for good with its status and notice, unless its outcome was published', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));
      await jobs.recordStarted(job('J-2'));
      await jobs.claim('J-2', 'outcome', NOW, 300);
      await jobs.markPublished('J-2', 'outcome', NOW, outcome);
      const notice = {
        type: 'restore.stale',
        notification: { type: 'restore.stale', status: 'UNKNOWN' },
      };

      // Act
      await jobs.close('J-1', 'UNKNOWN', notice);
      await jobs.close('J-2', 'UNKNOWN', notice);
      await jobs.close('NOPE', 'UNKNOWN');

      // Assert
      expect(await jobs.listToCheck(LATER, 10)).toEqual([]);
      expect(await jobs.get('J-1')).toMatchObject({
        status: 'UNKNOWN',
        outcomeType: 'restore.stale',
        outcome: notice.notification,
      });
      expect((await jobs.get('J-1'))?.outcomePublishedAt).toBeUndefined();
      expect(await jobs.get('J-2')).toMatchObject({
        status: 'COMPLETED',
        outcome: outcome.notification,
      });
      expect(await jobs.get('NOPE')).toBeUndefined();
    });

    it('closes a job without a notice, keeping status only', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));

      // Act
      await jobs.close('J-1', 'UNKNOWN');
      await jobs.close('J-1', 'GONE');

      // Assert
      const closed = await jobs.get('J-1');
      expect(closed?.status).toBe('UNKNOWN');
      expect(closed).not.toHaveProperty('outcomeType');
      expect(closed).not.toHaveProperty('outcome');
    });

    it('still publishes the outcome of a closed job, which then replaces its status', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));
      await jobs.close('J-1', 'UNKNOWN');

      // Act
      const claimed = await jobs.claim('J-1', 'outcome', NOW, 300);
      const marked = await jobs.markPublished('J-1', 'outcome', NOW, outcome);

      // Assert
      expect(claimed?.restoreJobId).toBe('J-1');
      expect(marked).toMatchObject({
        status: 'COMPLETED',
        outcome: outcome.notification,
      });
      expect(await jobs.listToCheck(LATER, 10)).toEqual([]);
    });

    it('lets one claimant publish the outcome, once, and takes the job off the open list', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));

      // Act
      const first = await jobs.claim('J-1', 'outcome', NOW, 300);
      const second = await jobs.claim('J-1', 'outcome', NOW, 300);
      const marked = await jobs.markPublished('J-1', 'outcome', NOW, outcome);
      const afterwards = await jobs.claim('J-1', 'outcome', later(3600), 300);

      // Assert
      expect(first).toMatchObject({ restoreJobId: 'J-1', status: 'STARTED' });
      expect(second).toBeUndefined();
      expect(afterwards).toBeUndefined();
      expect(marked).toMatchObject({
        status: 'COMPLETED',
        outcomeType: 'restore.completed',
        outcomePublishedAt: NOW.toISOString(),
        outcome: outcome.notification,
      });
      expect(await jobs.listToCheck(LATER, 10)).toEqual([]);
    });

    it('holds a claim to the end of its lease, lets it lapse after, and frees it on release', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));
      await jobs.recordStarted(job('J-2'));
      await jobs.claim('J-1', 'outcome', NOW, 300);
      await jobs.claim('J-2', 'outcome', NOW, 300);

      // Act
      const beforeLapse = await jobs.claim('J-1', 'outcome', later(299), 300);
      const atTheEnd = await jobs.claim('J-1', 'outcome', later(300), 300);
      const afterLapse = await jobs.claim('J-1', 'outcome', later(301), 300);
      await jobs.release('J-2', 'outcome');
      const afterRelease = await jobs.claim('J-2', 'outcome', NOW, 300);

      // Assert
      expect(beforeLapse).toBeUndefined();
      expect(atTheEnd).toBeUndefined();
      expect(afterLapse?.restoreJobId).toBe('J-1');
      expect(afterRelease?.restoreJobId).toBe('J-2');
    });

    it('claims the outcome and the stale warning apart', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));
      await jobs.claim('J-1', 'stale', NOW, 300);

      // Act
      const outcomeClaim = await jobs.claim('J-1', 'outcome', NOW, 300);
      await jobs.release('J-1', 'outcome');
      const staleAgain = await jobs.claim('J-1', 'stale', NOW, 300);

      // Assert
      expect(outcomeClaim?.restoreJobId).toBe('J-1');
      expect(staleAgain).toBeUndefined();
    });

    it('refuses a stale claim once the outcome is published, and claims stale only once', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));
      await jobs.recordStarted(job('J-2'));
      await jobs.claim('J-1', 'outcome', NOW, 300);
      await jobs.markPublished('J-1', 'outcome', NOW, outcome);

      // Act
      const staleAfterOutcome = await jobs.claim('J-1', 'stale', NOW, 300);
      const stale = await jobs.claim('J-2', 'stale', NOW, 300);
      const marked = await jobs.markPublished('J-2', 'stale', NOW);
      const staleAgain = await jobs.claim('J-2', 'stale', later(3600), 300);

      // Assert
      expect(staleAfterOutcome).toBeUndefined();
      expect(stale?.restoreJobId).toBe('J-2');
      expect(staleAgain).toBeUndefined();
      expect(marked).toMatchObject({
        status: 'STARTED',
        stalePublishedAt: NOW.toISOString(),
      });
      const [still] = await jobs.listToCheck(LATER, 10);
      expect(still).toMatchObject({
        restoreJobId: 'J-2',
        stalePublishedAt: NOW.toISOString(),
      });
    });

    it('publishes the outcome after the stale warning', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1'));
      await jobs.claim('J-1', 'stale', NOW, 300);
      await jobs.markPublished('J-1', 'stale', NOW);

      // Act
      const claimed = await jobs.claim('J-1', 'outcome', later(60), 300);
      const marked = await jobs.markPublished(
        'J-1',
        'outcome',
        later(60),
        outcome
      );

      // Assert
      expect(claimed?.restoreJobId).toBe('J-1');
      expect(marked).toMatchObject({
        status: 'COMPLETED',
        stalePublishedAt: NOW.toISOString(),
        outcomePublishedAt: later(60).toISOString(),
      });
    });

    it('claims, marks and releases nothing for an unknown job, and creates no record', async () => {
      // Arrange
      const jobs = await makeSubject();

      // Act
      const claimed = await jobs.claim('NOPE', 'outcome', NOW, 300);
      const marked = await jobs.markPublished('NOPE', 'outcome', NOW, outcome);
      const stale = await jobs.markPublished('NOPE', 'stale', NOW);
      await jobs.release('NOPE', 'outcome');

      // Assert
      expect([claimed, marked, stale]).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(await jobs.get('NOPE')).toBeUndefined();
      expect(await jobs.listToCheck(LATER, 10)).toEqual([]);
    });

    it('finds the jobs of a request, newest first', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1', { requestId: 'inc-42' }));
      await jobs.recordStarted(
        job('J-2', {
          requestId: 'inc-42',
          startedAt: '2026-03-01T04:30:00.000Z',
        })
      );
      await jobs.recordStarted(job('J-3', { requestId: 'other' }));

      // Act
      const found = await jobs.findByRequestId('inc-42');
      const none = await jobs.findByRequestId('nobody');

      // Assert
      expect(ids(found)).toEqual(['J-2', 'J-1']);
      expect(found[0]).toMatchObject({ requestId: 'inc-42', external: false });
      expect(none).toEqual([]);
    });

    it('finds at most the 20 newest jobs of a request', async () => {
      // Arrange
      const jobs = await makeSubject();
      for (let i = 0; i < 21; i += 1) {
        await jobs.recordStarted(
          job(`J-${String(i).padStart(2, '0')}`, {
            requestId: 'inc-42',
            startedAt: later(i - 3600).toISOString(),
          })
        );
      }

      // Act
      const found = await jobs.findByRequestId('inc-42');

      // Assert
      expect(found).toHaveLength(20);
      expect(found[0]?.restoreJobId).toBe('J-20');
      expect(found[19]?.restoreJobId).toBe('J-01');
    });

    it('adds task tokens to a known job only, without duplicates', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1', { taskToken: 'token-1' }));
      await jobs.recordStarted(job('J-2'));

      // Act
      await jobs.addTaskToken('J-1', 'token-2');
      const added = await jobs.addTaskToken('J-1', 'token-2');
      const firstOfJob2 = await jobs.addTaskToken('J-2', 'token-3');
      const unknown = await jobs.addTaskToken('NOPE', 'token-4');

      // Assert
      expect([...(added?.taskTokens ?? [])].sort()).toEqual([
        'token-1',
        'token-2',
      ]);
      expect(firstOfJob2?.taskTokens).toEqual(['token-3']);
      expect(unknown).toBeUndefined();
      expect(await jobs.get('NOPE')).toBeUndefined();
    });

    it('returns the task tokens added while the outcome was announced, and keeps adding after it', async () => {
      // Arrange
      const jobs = await makeSubject();
      await jobs.recordStarted(job('J-1', { taskToken: 'token-1' }));
      await jobs.claim('J-1', 'outcome', NOW, 300);

      // Act
      await jobs.addTaskToken('J-1', 'token-2');
      const marked = await jobs.markPublished('J-1', 'outcome', NOW, outcome);
      const late = await jobs.addTaskToken('J-1', 'token-3');

      // Assert
      expect([...(marked?.taskTokens ?? [])].sort()).toEqual([
        'token-1',
        'token-2',
      ]);
      expect(late).toMatchObject({
        status: 'COMPLETED',
        outcome: outcome.notification,
      });
      expect([...(late?.taskTokens ?? [])].sort()).toEqual([
        'token-1',
        'token-2',
        'token-3',
      ]);
    });
  });
};

import {
  type AttributeValue,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DynamoDbJobStore,
  jobRecordId,
} from '#shared/adapters/dynamodb-job-store';
import type { StartedJob } from '#shared/ports/job-store';
import { clearTable, useLocalAws } from '#test/support/local/use-local-aws';

const local = useLocalAws();

const NOW = new Date('2026-03-01T05:00:00.000Z');

/** The reconciler's cut-off at NOW with a 15-minute threshold. */
const CUT_OFF = new Date('2026-03-01T04:45:00.000Z');

/** A cut-off every job of these tests started before. */
const LATER = new Date('2026-03-02T00:00:00.000Z');

const store = () =>
  new DynamoDbJobStore({
    client: local().dynamodb.client,
    tableName: local().tableName,
    // Far past NOW: DynamoDB Local runs TTL, and NOW is a fixed day in the
    // past, so a shorter TTL lets records vanish in the middle of a test.
    ttlSeconds: 10 * 365 * 86_400,
    clock: { now: () => NOW },
  });

const job = (id: string, over: Partial<StartedJob> = {}): StartedJob => ({
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

const outcome = {
  status: 'COMPLETED',
  type: 'restore.completed',
  notification: { type: 'restore.completed', restoreJobId: 'J-1' },
};

beforeEach(() => clearTable(local()));

/**
 * Writes a job record the way an earlier release did (no lifecycle or
 * check-queue attributes), so reading it proves the store still does.
 */
const putEarlierRecord = (
  id: string,
  fields: { requestId: string; source: string; startedAt: string },
  extra: Record<string, AttributeValue> = {}
) =>
  local().dynamodb.client.send(
    new PutItemCommand({
      TableName: local().tableName,
      Item: {
        id: { S: jobRecordId(id) },
        kind: { S: 'restore-job' },
        status: { S: 'STARTED' },
        restoreJobId: { S: id },
        requestId: { S: fields.requestId },
        source: { S: fields.source },
        startedAt: { S: fields.startedAt },
        ...extra,
      },
    })
  );

describe('DynamoDbJobStore on DynamoDB Local', () => {
  it('keeps the first record of a job and returns it to a retry', async () => {
    // Arrange
    const jobs = store();
    await jobs.recordStarted(job('J-1', { taskToken: 'token-1' }));

    // Act
    const again = await jobs.recordStarted(
      job('J-1', { startedAt: '2026-03-01T04:59:00.000Z' })
    );

    // Assert
    expect(again).toMatchObject({
      startedAt: '2026-03-01T04:00:00.000Z',
      taskToken: 'token-1',
    });
    expect(await jobs.get('J-1')).toMatchObject({
      requestId: 'req-J-1',
      status: 'STARTED',
      external: false,
      taskTokens: ['token-1'],
    });
  });

  it('lists open jobs never checked first, oldest first, before the cut-off, up to the limit', async () => {
    // Arrange
    const jobs = store();
    for (const [id, at] of [
      ['J-3', '2026-03-01T04:30:00.000Z'],
      ['J-1', '2026-03-01T04:10:00.000Z'],
      ['J-2', '2026-03-01T04:20:00.000Z'],
      ['J-4', '2026-03-01T04:55:00.000Z'],
    ] as const) {
      await jobs.recordStarted(job(id, { startedAt: at }));
    }

    // Act
    const open = await jobs.listToCheck(CUT_OFF, 10);
    const two = await jobs.listToCheck(CUT_OFF, 2);

    // Assert
    expect(open.map((j) => j.restoreJobId)).toEqual(['J-1', 'J-2', 'J-3']);
    expect(two.map((j) => j.restoreJobId)).toEqual(['J-1', 'J-2']);
    expect(open[0]?.lastCheckedAt).toBeUndefined();
  });

  it('lists checked jobs after the unchecked ones, least recently checked first', async () => {
    // Arrange
    const jobs = store();
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
    expect(order.map((j) => j.restoreJobId)).toEqual([
      'J-3',
      'J-4',
      'J-2',
      'J-1',
    ]);
    expect(order[2]?.lastCheckedAt).toBe('2026-03-01T05:01:00.000Z');
    expect(three.map((j) => j.restoreJobId)).toEqual(['J-3', 'J-4', 'J-2']);
  });

  it('lists a checked job only while it started before the cut-off', async () => {
    // Arrange: checked once under a shorter threshold.
    const jobs = store();
    await jobs.recordStarted(
      job('J-1', { startedAt: '2026-03-01T04:50:00.000Z' })
    );
    await jobs.markChecked('J-1', NOW);

    // Act
    const before = await jobs.listToCheck(CUT_OFF, 10);
    const after = await jobs.listToCheck(new Date('2026-03-01T05:00:00Z'), 10);

    // Assert
    expect(before).toEqual([]);
    expect(after.map((j) => j.restoreJobId)).toEqual(['J-1']);
  });

  it('marks an open job checked, and never reopens a published or closed one', async () => {
    // Arrange
    const jobs = store();
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
    expect(
      (await jobs.listToCheck(LATER, 10)).map((j) => j.restoreJobId)
    ).toEqual(['J-1']);
    expect(await jobs.get('NOPE')).toBeUndefined();
  });

  it('keeps a claim while the job is checked, and the publication still closes it', async () => {
    // Arrange
    const jobs = store();
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
    const jobs = store();
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

  it('still publishes the outcome of a closed job, which then replaces its status', async () => {
    // Arrange
    const jobs = store();
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
  });

  it('finds the open jobs of an earlier release first, and moves each to the check queue when checked', async () => {
    // Arrange: the record shape of releases before the check queue (the
    // legacy partition value, no checkOrder), next to a current record.
    const jobs = store();
    await jobs.recordStarted(
      job('J-NEW', { startedAt: '2026-03-01T04:00:00.000Z' })
    );
    await putEarlierRecord(
      'OLD-1',
      {
        requestId: 'inc-1',
        source: 'invoke',
        startedAt: '2026-03-01T04:30:00.000Z',
      },
      { openShard: { S: 'open' } }
    );

    // Act
    const first = await jobs.listToCheck(CUT_OFF, 10);
    await jobs.markChecked('OLD-1', NOW);
    const second = await jobs.listToCheck(CUT_OFF, 10);
    await jobs.claim('OLD-1', 'outcome', NOW, 300);
    await jobs.markPublished('OLD-1', 'outcome', NOW, outcome);
    const third = await jobs.listToCheck(CUT_OFF, 10);

    // Assert
    expect(first.map((j) => j.restoreJobId)).toEqual(['OLD-1', 'J-NEW']);
    expect(second.map((j) => j.restoreJobId)).toEqual(['J-NEW', 'OLD-1']);
    expect(third.map((j) => j.restoreJobId)).toEqual(['J-NEW']);
  });

  it('pages through the check queue past jobs the cut-off leaves out', async () => {
    // Arrange: checked jobs, most of them younger than the cut-off, which
    // the filter drops after the read.
    const jobs = store();
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
      await jobs.markChecked(id, new Date(NOW.getTime() + i * 1000));
    }

    // Act
    const open = await jobs.listToCheck(CUT_OFF, 2);

    // Assert
    expect(open.map((j) => j.restoreJobId)).toEqual(['J-00', 'J-04']);
  });

  it('lets one claimant publish, and takes a job off the open list once published', async () => {
    // Arrange
    const jobs = store();
    await jobs.recordStarted(job('J-1'));

    // Act
    const first = await jobs.claim('J-1', 'outcome', NOW, 300);
    const second = await jobs.claim('J-1', 'outcome', NOW, 300);
    const marked = await jobs.markPublished('J-1', 'outcome', NOW, outcome);
    const afterwards = await jobs.claim(
      'J-1',
      'outcome',
      new Date(NOW.getTime() + 3600_000),
      300
    );

    // Assert
    expect(first?.restoreJobId).toBe('J-1');
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

  it('lets a claim lapse, and frees it on release', async () => {
    // Arrange
    const jobs = store();
    await jobs.recordStarted(job('J-1'));
    await jobs.recordStarted(job('J-2'));
    await jobs.claim('J-1', 'outcome', NOW, 300);
    await jobs.claim('J-2', 'outcome', NOW, 300);

    // Act
    const beforeLapse = await jobs.claim(
      'J-1',
      'outcome',
      new Date(NOW.getTime() + 299_000),
      300
    );
    const afterLapse = await jobs.claim(
      'J-1',
      'outcome',
      new Date(NOW.getTime() + 301_000),
      300
    );
    await jobs.release('J-2', 'outcome');
    const afterRelease = await jobs.claim('J-2', 'outcome', NOW, 300);

    // Assert
    expect(beforeLapse).toBeUndefined();
    expect(afterLapse?.restoreJobId).toBe('J-1');
    expect(afterRelease?.restoreJobId).toBe('J-2');
  });

  it('refuses a stale claim once the outcome is published, and claims stale only once', async () => {
    // Arrange
    const jobs = store();
    await jobs.recordStarted(job('J-1'));
    await jobs.recordStarted(job('J-2'));
    await jobs.claim('J-1', 'outcome', NOW, 300);
    await jobs.markPublished('J-1', 'outcome', NOW, outcome);

    // Act
    const staleAfterOutcome = await jobs.claim('J-1', 'stale', NOW, 300);
    const stale = await jobs.claim('J-2', 'stale', NOW, 300);
    await jobs.markPublished('J-2', 'stale', NOW);
    const staleAgain = await jobs.claim(
      'J-2',
      'stale',
      new Date(NOW.getTime() + 3600_000),
      300
    );

    // Assert
    expect(staleAfterOutcome).toBeUndefined();
    expect(stale?.restoreJobId).toBe('J-2');
    expect(staleAgain).toBeUndefined();
    const [still] = await jobs.listToCheck(LATER, 10);
    expect(still).toMatchObject({
      restoreJobId: 'J-2',
      stalePublishedAt: NOW.toISOString(),
    });
  });

  it('finds the jobs of a request, newest first', async () => {
    // Arrange
    const jobs = store();
    await jobs.recordStarted(job('J-1', { requestId: 'inc-42' }));
    await jobs.recordStarted(
      job('J-2', { requestId: 'inc-42', startedAt: '2026-03-01T04:30:00.000Z' })
    );
    await jobs.recordStarted(job('J-3', { requestId: 'other' }));

    // Act
    const found = await jobs.findByRequestId('inc-42');

    // Assert
    expect(found.map((j) => j.restoreJobId)).toEqual(['J-2', 'J-1']);
  });

  it('adds task tokens to a known job only, without duplicates', async () => {
    // Arrange
    const jobs = store();
    await jobs.recordStarted(job('J-1', { taskToken: 'token-1' }));

    // Act
    await jobs.addTaskToken('J-1', 'token-2');
    const added = await jobs.addTaskToken('J-1', 'token-2');
    const unknown = await jobs.addTaskToken('NOPE', 'token-3');

    // Assert
    expect([...(added?.taskTokens ?? [])].sort()).toEqual([
      'token-1',
      'token-2',
    ]);
    expect(unknown).toBeUndefined();
    expect(await jobs.get('NOPE')).toBeUndefined();
  });

  it('records an external job once, and keeps a record of its own', async () => {
    // Arrange
    const jobs = store();
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

    // Assert
    expect(await jobs.get('J-1')).toMatchObject({
      external: false,
      source: 'sqs',
    });
    expect(await jobs.get('X-1')).toMatchObject({
      external: true,
      source: 'external',
      resourceType: 'RDS',
    });
  });

  it('reads the single task token of a record written before the lifecycle', async () => {
    // Arrange: the record shape of the first release.
    await putEarlierRecord(
      'OLD-1',
      {
        requestId: 'inc-1',
        source: 'invoke',
        startedAt: '2026-03-01T04:00:00.000Z',
      },
      { taskToken: { S: 'legacy-token' } }
    );

    // Act
    const old = await store().get('OLD-1');

    // Assert
    expect(old?.taskTokens).toEqual(['legacy-token']);
  });

  it('keeps who sent the request as a map on the record, and returns the first sender to a retry', async () => {
    // Arrange
    const jobs = store();
    const requestedBy = {
      via: 'eventbridge',
      account: '111122223333',
      source: 'orders.app',
    } as const;
    await jobs.recordStarted(job('J-1', { requestedBy }));

    // Act
    const again = await jobs.recordStarted(
      job('J-1', { source: 'invoke', requestedBy: { via: 'invoke' } })
    );
    const { Item } = await local().dynamodb.client.send(
      new GetItemCommand({
        TableName: local().tableName,
        Key: { id: { S: jobRecordId('J-1') } },
      })
    );

    // Assert
    expect(again.requestedBy).toEqual(requestedBy);
    expect((await jobs.get('J-1'))?.requestedBy).toEqual(requestedBy);
    expect(Item?.requestedBy).toEqual({
      M: {
        via: { S: 'eventbridge' },
        account: { S: '111122223333' },
        source: { S: 'orders.app' },
      },
    });
  });

  it('reads a record without requestedBy, or with one it cannot read, as having none', async () => {
    // Arrange: a record written before requestedBy was kept, and a damaged one.
    for (const [id, extra] of [
      ['OLD-2', {}],
      ['BAD-1', { requestedBy: { M: { via: { S: 'carrier-pigeon' } } } }],
    ] as const) {
      await putEarlierRecord(
        id,
        {
          requestId: 'inc-2',
          source: 'sqs',
          startedAt: '2026-03-01T04:00:00.000Z',
        },
        extra
      );
    }

    // Act
    const old = await store().get('OLD-2');
    const bad = await store().get('BAD-1');

    // Assert
    expect(old).toMatchObject({ restoreJobId: 'OLD-2', source: 'sqs' });
    expect(old).not.toHaveProperty('requestedBy');
    expect(bad).toMatchObject({ restoreJobId: 'BAD-1', source: 'sqs' });
    expect(bad).not.toHaveProperty('requestedBy');
  });
});

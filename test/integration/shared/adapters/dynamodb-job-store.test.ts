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
import { clearTable, useLocalAws } from '#test/support/local/use-local-aws';
import { job, outcome } from '../../contract/job-store-contract.js';

const local = useLocalAws();

const NOW = new Date('2026-03-01T05:00:00.000Z');

/** The reconciler's cut-off at NOW with a 15-minute threshold. */
const CUT_OFF = new Date('2026-03-01T04:45:00.000Z');

const store = () =>
  new DynamoDbJobStore({
    client: local().dynamodb.client,
    tableName: local().tableName,
    // Far past NOW: DynamoDB Local runs TTL, and NOW is a fixed day in the
    // past, so a shorter TTL lets records vanish in the middle of a test.
    ttlSeconds: 10 * 365 * 86_400,
    clock: { now: () => NOW },
  });

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

// The behaviour every JobStore shares is in the contract suite
// (test/integration/contract/job-store.test.ts); these cases are about the
// item layout and the records of earlier releases.
describe('DynamoDbJobStore on DynamoDB Local', () => {
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

  it('keeps who sent the request as a map on the record', async () => {
    // Arrange
    const requestedBy = {
      via: 'eventbridge',
      account: '111122223333',
      source: 'orders.app',
    } as const;

    // Act
    await store().recordStarted(job('J-1', { requestedBy }));
    const { Item } = await local().dynamodb.client.send(
      new GetItemCommand({
        TableName: local().tableName,
        Key: { id: { S: jobRecordId('J-1') } },
      })
    );

    // Assert
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

import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  alarmCoolDownId,
  DynamoDbAlarmCoolDown,
} from '#shared/adapters/dynamodb-alarm-cool-down';
import { AwsRequestRejectedError } from '#shared/errors/errors';
import { clearTable, useLocalAws } from '#test/support/local/use-local-aws';
import {
  ALARM_ARN,
  RULE,
  T,
  transition,
} from '../../contract/alarm-cool-down-contract.js';

const local = useLocalAws();

const MINUTE = 60_000;
// The wall clock of the test: TTLs are kept relative to it, and DynamoDB
// Local deletes expired items.
const NOW = new Date();

const coolDown = () =>
  new DynamoDbAlarmCoolDown({
    client: local().dynamodb.client,
    tableName: local().tableName,
    clock: { now: () => NOW },
  });

const storedItem = async (ruleKey: string, alarmArn: string) => {
  const { Item } = await local().dynamodb.client.send(
    new GetItemCommand({
      TableName: local().tableName,
      Key: { id: { S: alarmCoolDownId(ruleKey, alarmArn) } },
      ConsistentRead: true,
    })
  );
  return Item === undefined ? undefined : unmarshall(Item);
};

beforeEach(() => clearTable(local()));

// The claim answers every AlarmCoolDown shares are in the contract suite
// (test/integration/contract/alarm-cool-down.test.ts); these cases are
// about the item, its TTL and the error mapping.
describe('DynamoDbAlarmCoolDown on DynamoDB Local', () => {
  it('claims a cool-down nobody holds and keeps it a day past now', async () => {
    // Act
    const result = await coolDown().claim(transition(0));

    // Assert
    expect(result).toBe('claimed');
    const item = await storedItem(RULE, ALARM_ARN);
    expect(item).toEqual({
      id: expect.stringMatching(/^alarm-cool-down#[0-9a-f]{40}$/),
      kind: 'alarm-cool-down',
      ruleKey: RULE,
      alarmArn: ALARM_ARN,
      stateTimestamp: '2026-03-01T04:16:10.447Z',
      coolDownUntil: T.getTime() + 60 * MINUTE,
      // The window ended long ago: a day past now, in epoch seconds.
      expiration: Math.ceil(NOW.getTime() / 1000) + 86_400,
    });
  });

  it('keeps a window that ends after now a day past its end', async () => {
    // Arrange: a transition a day from now.
    const later = new Date(NOW.getTime() + 24 * 60 * MINUTE);
    const claim = transition(0, {
      stateTimestamp: later,
      until: new Date(later.getTime() + 60 * MINUTE),
    });

    // Act
    await coolDown().claim(claim);

    // Assert
    expect((await storedItem(RULE, ALARM_ARN))?.expiration).toBe(
      Math.ceil((later.getTime() + 60 * MINUTE) / 1000) + 86_400
    );
  });

  it('maps a failure of DynamoDB through the AWS error mapping', async () => {
    // Arrange
    const store = new DynamoDbAlarmCoolDown({
      client: local().dynamodb.client,
      tableName: 'no-such-table',
      clock: { now: () => NOW },
    });

    // Act
    const error = await store.claim(transition(0)).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(AwsRequestRejectedError);
    expect(error).toMatchObject({
      message: expect.stringContaining('DynamoDB PutItem (alarm cool-down)'),
      cause: expect.objectContaining({ name: 'ResourceNotFoundException' }),
    });
  });
});

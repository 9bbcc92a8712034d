import { DynamoDbAlarmCoolDown } from '#shared/adapters/dynamodb-alarm-cool-down';
import { InMemoryAlarmCoolDown } from '#test/support/fakes/in-memory-alarm-cool-down';
import { clearTable, useLocalAws } from '#test/support/local/use-local-aws';
import { describeAlarmCoolDownContract } from './alarm-cool-down-contract.js';

const local = useLocalAws();

describeAlarmCoolDownContract(
  'InMemoryAlarmCoolDown',
  async () => new InMemoryAlarmCoolDown()
);

describeAlarmCoolDownContract('DynamoDbAlarmCoolDown', async () => {
  await clearTable(local());
  return new DynamoDbAlarmCoolDown({
    client: local().dynamodb.client,
    tableName: local().tableName,
    // The wall clock: TTLs are kept relative to it, and DynamoDB Local
    // deletes expired items.
    clock: { now: () => new Date() },
  });
});

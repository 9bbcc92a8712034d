import { DynamoDbJobStore } from '#shared/adapters/dynamodb-job-store';
import { InMemoryJobStore } from '#test/support/fakes/in-memory-job-store';
import { clearTable, useLocalAws } from '#test/support/local/use-local-aws';
import {
  describeJobStoreContract,
  JOB_STORE_NOW,
} from './job-store-contract.js';

const local = useLocalAws();

describeJobStoreContract(
  'InMemoryJobStore',
  async () => new InMemoryJobStore()
);

describeJobStoreContract('DynamoDbJobStore', async () => {
  // The reconciler lists every open job: each case starts from an empty table.
  await clearTable(local());
  return new DynamoDbJobStore({
    client: local().dynamodb.client,
    tableName: local().tableName,
    // Far past the cases' fixed day: DynamoDB Local runs TTL, so a shorter
    // one lets records vanish in the middle of a case.
    ttlSeconds: 10 * 365 * 86_400,
    clock: { now: () => JOB_STORE_NOW },
  });
});

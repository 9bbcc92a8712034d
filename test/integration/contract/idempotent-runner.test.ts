import { PowertoolsIdempotentRunner } from '#shared/adapters/powertools-idempotent-runner';
import { InMemoryIdempotentRunner } from '#test/support/fakes/in-memory-idempotent-runner';
import { clearTable, useLocalAws } from '#test/support/local/use-local-aws';
import { describeIdempotentRunnerContract } from './idempotent-runner-contract.js';

const local = useLocalAws();

describeIdempotentRunnerContract(
  'InMemoryIdempotentRunner',
  async () => new InMemoryIdempotentRunner()
);

describeIdempotentRunnerContract('PowertoolsIdempotentRunner', async () => {
  await clearTable(local());
  // No Lambda context registered: an in-progress claim then never expires,
  // as the contract's in-progress case needs.
  return new PowertoolsIdempotentRunner({
    client: local().dynamodb.client,
    tableName: local().tableName,
    expiresAfterSeconds: 3600,
    keyPrefix: 'restore-relay-contract',
  });
});

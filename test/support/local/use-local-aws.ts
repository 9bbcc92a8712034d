import {
  type AttributeValue,
  DeleteItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, inject, vi } from 'vitest';
import { type LocalAws, startLocalAws } from './local-aws.js';

/**
 * Starts the local AWS for one test file (DynamoDB Local is shared from the
 * global setup; the emulators are per file), points the SDK at it through
 * the standard `AWS_ENDPOINT_URL_*` variables, and resets the emulators
 * before each test.
 *
 * @returns a getter: the environment exists only once `beforeAll` ran
 */
export const useLocalAws = (
  extraEnv: Readonly<Record<string, string>> = {}
): (() => LocalAws) => {
  let local: LocalAws | undefined;
  beforeAll(async () => {
    local = await startLocalAws({ dynamoEndpoint: inject('dynamoEndpoint') });
    // The local endpoints and resource names win over the test's own
    // environment (RELAY_ENV names a fake table, topic and queue).
    for (const [name, value] of Object.entries({ ...extraEnv, ...local.env })) {
      vi.stubEnv(name, value);
    }
  });
  beforeEach(() => {
    local?.backup.reset();
    local?.sns.reset();
    local?.sqs.reset();
    local?.events.reset();
    local?.stepFunctions.reset();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await local?.stop();
  });
  return () => {
    if (local === undefined) {
      throw new Error('local AWS is not started yet');
    }
    return local;
  };
};

/** Every item in the relay table (for "nothing was written" checks). */
export const tableItems = async (local: LocalAws) =>
  (
    await local.dynamodb.client.send(
      new ScanCommand({ TableName: local.tableName, ConsistentRead: true })
    )
  ).Items ?? [];

/**
 * Deletes every item of the relay table, for tests that list what is in it
 * (the reconciler reads every open job; the table lives as long as the file).
 */
export const clearTable = async (local: LocalAws): Promise<void> => {
  for (const item of await tableItems(local)) {
    await local.dynamodb.client.send(
      new DeleteItemCommand({
        TableName: local.tableName,
        Key: { id: item.id as AttributeValue },
      })
    );
  }
};

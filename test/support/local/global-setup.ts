/**
 * vitest globalSetup for the `integration` project (vitest.config.ts): one
 * DynamoDB Local for the whole run, shared through `inject('dynamoEndpoint')`.
 * Test files start their own in-process Backup and SNS emulators (cheap, and
 * isolated per file) and create uniquely named tables.
 *
 * Set `DYNAMODB_LOCAL_ENDPOINT` to reuse an already running DynamoDB Local
 * (for example the one `npm run aws:local` prints) instead of starting one.
 *
 * @see docs/local-aws.md#dynamodb-local
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from './dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the DynamoDB Local shared by the integration run. */
    dynamoEndpoint: string;
  }
}

/**
 * Starts DynamoDB Local and provides its endpoint; the returned function is
 * the teardown.
 *
 * @example
 * ```ts
 * // in a test file
 * const endpoint = inject('dynamoEndpoint');
 * ```
 */
export const setup = async (
  project: TestProject
): Promise<() => Promise<void>> => {
  const external = process.env.DYNAMODB_LOCAL_ENDPOINT;
  if (external !== undefined && external !== '') {
    project.provide('dynamoEndpoint', external);
    return async () => undefined;
  }
  const dynamodb = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
};

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type SdkSettings, sdkClientOptions } from './sdk-settings.js';

let client: DynamoDBClient | undefined;

/**
 * The DynamoDB client of this container: created on first use, then reused
 * (never on a request path, never at module load).
 */
export const getDynamoDBClient = (settings: SdkSettings): DynamoDBClient => {
  client ??= new DynamoDBClient(sdkClientOptions(settings));
  return client;
};

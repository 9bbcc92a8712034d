import { SQSClient } from '@aws-sdk/client-sqs';
import { type SdkSettings, sdkClientOptions } from './sdk-settings.js';

let client: SQSClient | undefined;

/**
 * The SQS client of this container: created on first use, then reused
 * (never on a request path, never at module load).
 */
export const getSQSClient = (settings: SdkSettings): SQSClient => {
  client ??= new SQSClient(sdkClientOptions(settings));
  return client;
};

import { SNSClient } from '@aws-sdk/client-sns';
import { type SdkSettings, sdkClientOptions } from './sdk-settings.js';

let client: SNSClient | undefined;

/**
 * The SNS client of this container: created on first use, then reused
 * (never on a request path, never at module load).
 */
export const getSNSClient = (settings: SdkSettings): SNSClient => {
  client ??= new SNSClient(sdkClientOptions(settings));
  return client;
};

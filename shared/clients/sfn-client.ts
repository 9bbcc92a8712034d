import { SFNClient } from '@aws-sdk/client-sfn';
import { type SdkSettings, sdkClientOptions } from './sdk-settings.js';

let client: SFNClient | undefined;

/**
 * The Step Functions client of this container: created on first use, then
 * reused (never on a request path, never at module load).
 */
export const getSFNClient = (settings: SdkSettings): SFNClient => {
  client ??= new SFNClient(sdkClientOptions(settings));
  return client;
};

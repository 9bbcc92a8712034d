import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type SdkSettings, sdkClientOptions } from './sdk-settings.js';

let client: EventBridgeClient | undefined;

/**
 * The EventBridge client of this container: created on first use, then
 * reused (never on a request path, never at module load).
 */
export const getEventBridgeClient = (
  settings: SdkSettings
): EventBridgeClient => {
  client ??= new EventBridgeClient(sdkClientOptions(settings));
  return client;
};

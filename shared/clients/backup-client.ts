import { BackupClient } from '@aws-sdk/client-backup';
import { type SdkSettings, sdkClientOptions } from './sdk-settings.js';

let client: BackupClient | undefined;

/**
 * The Backup client of this container: created on first use, then reused
 * (never on a request path, never at module load).
 */
export const getBackupClient = (settings: SdkSettings): BackupClient => {
  client ??= new BackupClient(sdkClientOptions(settings));
  return client;
};

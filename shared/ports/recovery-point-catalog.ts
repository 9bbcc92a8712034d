import type { RecoveryPoint } from '../domain/recovery-point.js';

/** The metadata AWS saved with a recovery point. */
export interface SavedRestoreMetadata {
  /** Sensitive: never log the values. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly resourceType?: string;
}

/**
 * Reads recovery points from AWS Backup.
 */
export interface RecoveryPointCatalog {
  /**
   * One recovery point in one vault.
   *
   * @throws RecoveryPointNotFoundError when it is not in that vault
   */
  describe(
    backupVaultName: string,
    recoveryPointArn: string
  ): Promise<RecoveryPoint>;
  /** Every recovery point of a resource, all pages, in AWS's order. */
  listByResource(resourceArn: string): Promise<readonly RecoveryPoint[]>;
  /**
   * The saved restore metadata (`GetRecoveryPointRestoreMetadata`).
   *
   * @throws RecoveryPointNotFoundError when it is not in that vault
   */
  getRestoreMetadata(
    backupVaultName: string,
    recoveryPointArn: string
  ): Promise<SavedRestoreMetadata>;
}

/**
 * A recovery point as restore-relay needs it: where it is, what it holds and
 * whether it can be restored.
 */
export interface RecoveryPoint {
  readonly recoveryPointArn: string;
  readonly backupVaultName: string;
  readonly backupVaultArn?: string;
  /** AWS's resource type name, when AWS reported it. */
  readonly resourceType?: string;
  readonly resourceArn?: string;
  readonly resourceName?: string;
  /** `COMPLETED`, `PARTIAL`, `DELETING`, `EXPIRED`, … (docs/resource-types.md#describe-recovery-point). */
  readonly status: string;
  readonly statusMessage?: string;
  readonly creationDate?: Date;
}

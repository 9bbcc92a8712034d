/**
 * What restore-relay learnt about a restore job from AWS Backup: from a
 * "Restore Job State Change" event, or from `DescribeRestoreJob` when the
 * reconciler asks. Dates are ISO-8601 UTC.
 */
export interface JobObservation {
  readonly restoreJobId: string;
  /** As AWS reports it: PENDING, RUNNING, COMPLETED, FAILED, ABORTED. */
  readonly status: string;
  readonly detectedBy: 'event' | 'reconciler';
  readonly creationDate?: string;
  readonly completionDate?: string;
  readonly createdResourceArn?: string;
  readonly statusMessage?: string;
  readonly backupSizeInBytes?: number;
  /** DescribeRestoreJob's `PercentDone` (a string such as "42.00%"). */
  readonly percentDone?: string;
  readonly resourceType?: string;
  readonly recoveryPointArn?: string;
  /** The vault name, from `backupVaultArn` when AWS gives it. */
  readonly backupVaultName?: string;
}

/** Seconds between two ISO dates, when both are known and in order. */
export const durationSeconds = (
  from: string | undefined,
  to: string | undefined
): number | undefined => {
  if (from === undefined || to === undefined) {
    return undefined;
  }
  const seconds = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
};

/** Normalises an AWS date (`…Z`, with or without ms) to `toISOString()`. */
export const isoDate = (
  value: string | Date | undefined
): string | undefined => {
  if (value === undefined) {
    return undefined;
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** The vault name at the end of a vault ARN (`…:backup-vault:<name>`). */
export const vaultNameOf = (
  vaultArn: string | undefined
): string | undefined => {
  const name = vaultArn?.split(':backup-vault:')[1];
  return name === undefined || name === '' ? undefined : name;
};

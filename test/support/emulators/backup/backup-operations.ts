/**
 * The AWS Backup operations the emulator implements: those restore-relay
 * calls (`shared/adapters/backup-*.ts`), no more.
 */

/** The Backup operations the emulator implements. */
export const BACKUP_OPERATIONS = [
  'StartRestoreJob',
  'GetRecoveryPointRestoreMetadata',
  'DescribeRecoveryPoint',
  'ListRecoveryPointsByResource',
  'DescribeRestoreJob',
  'ListRestoreJobs',
] as const;

/** One of {@link BACKUP_OPERATIONS}. */
export type BackupOperation = (typeof BACKUP_OPERATIONS)[number];

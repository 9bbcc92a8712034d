import { compact } from '../domain/compact.js';
import type { RecoveryPoint } from '../domain/recovery-point.js';

/**
 * The members of a `DescribeRecoveryPoint` answer that restore-relay reads,
 * under the API's names: the SDK's output and what `aws backup
 * describe-recovery-point` prints alike
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRecoveryPoint.html).
 */
export interface RecoveryPointDescription {
  readonly RecoveryPointArn?: string | undefined;
  readonly BackupVaultName?: string | undefined;
  readonly BackupVaultArn?: string | undefined;
  readonly ResourceArn?: string | undefined;
  readonly ResourceType?: string | undefined;
  readonly ResourceName?: string | undefined;
  readonly Status?: string | undefined;
  readonly StatusMessage?: string | undefined;
  readonly CreationDate?: Date | undefined;
}

/**
 * A {@link RecoveryPoint} from a `DescribeRecoveryPoint` answer, the one
 * mapping that the AWS catalog and the plan command's `--recovery-point`
 * file share, so that both report the same point. Members AWS left out fall
 * back to what was asked for; a missing status is `UNKNOWN`, which no plan
 * restores.
 *
 * @example
 * ```ts
 * recoveryPointOf(out, { backupVaultName: 'prod-primary', recoveryPointArn });
 * ```
 */
export const recoveryPointOf = (
  out: RecoveryPointDescription,
  asked: { readonly backupVaultName: string; readonly recoveryPointArn: string }
): RecoveryPoint =>
  compact({
    recoveryPointArn: out.RecoveryPointArn ?? asked.recoveryPointArn,
    backupVaultName: out.BackupVaultName ?? asked.backupVaultName,
    backupVaultArn: out.BackupVaultArn,
    resourceType: out.ResourceType,
    resourceArn: out.ResourceArn,
    resourceName: out.ResourceName,
    status: out.Status ?? 'UNKNOWN',
    statusMessage: out.StatusMessage,
    creationDate: out.CreationDate,
  });

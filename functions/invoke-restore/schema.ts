import type { RestorePlan } from '#shared/domain/restore-plan';

/**
 * The payload is the restore request v1 itself (no envelope), read with the
 * strict request schema (`#shared/events/restore-request`).
 */
export type { RestoreRequestInput as InvokeRestorePayload } from '#shared/events/restore-request';

/** What a direct invocation returns (Step Functions: the task's output). */
export interface InvokeRestoreResult {
  readonly requestId: string;
  /** Absent only for a dry run. */
  readonly restoreJobId?: string;
  readonly recoveryPointArn: string;
  readonly resourceType: string;
  readonly backupVaultName: string;
  /** True when an earlier call with the same request started the job. */
  readonly replayed: boolean;
  /** Only for a dry run: exactly what would be sent to StartRestoreJob. */
  readonly plan?: RestorePlan;
}

import type { StartRestoreResult } from '#shared/use-cases/start-restore';

/**
 * The payload is the restore request v1 itself (no envelope), read with the
 * strict request schema (`#shared/events/restore-request`).
 */
export type { RestoreRequestInput as InvokeRestorePayload } from '#shared/events/restore-request';

/**
 * What a direct invocation returns (Step Functions: the task's output):
 * `requestId`, `restoreJobId` (absent for a dry run), `recoveryPointArn`,
 * `resourceType`, `backupVaultName`, `replayed`, and `plan` for a dry run.
 */
export type InvokeRestoreResult = StartRestoreResult;

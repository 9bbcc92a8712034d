import type { JobObservation } from '#shared/domain/job-observation';
import { vaultNameOf } from '#shared/domain/job-observation';
import type { RestoreJobStateChange } from '#shared/events/restore-job-state-change';

/**
 * What a "Restore Job State Change" event says about the job. The size is a
 * string in events (docs/events.md#restore-job-detail); a value that is not a whole number is
 * left out rather than guessed.
 */
export const observationFromEvent = (
  event: RestoreJobStateChange
): JobObservation => {
  const { detail } = event;
  const size = Number(detail.backupSizeInBytes);
  const fields = {
    creationDate: detail.creationDate,
    completionDate: detail.completionDate,
    createdResourceArn: detail.createdResourceArn,
    statusMessage: detail.statusMessage,
    backupSizeInBytes:
      detail.backupSizeInBytes !== undefined && Number.isSafeInteger(size)
        ? size
        : undefined,
    resourceType: detail.resourceType,
    // Older events lack the ARNs; the recovery point is then in resources.
    recoveryPointArn: detail.recoveryPointArn ?? event.resources[0],
    backupVaultName: vaultNameOf(detail.backupVaultArn),
  };
  return {
    restoreJobId: detail.restoreJobId,
    status: detail.status ?? 'UNKNOWN',
    detectedBy: 'event',
    ...Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== undefined)
    ),
  };
};

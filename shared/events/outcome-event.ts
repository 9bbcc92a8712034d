import type { RestoreOutcome, RestoreStale } from './restore-outcome.js';

/** `detail-type` of the event put when a restore job completed. */
export const RESTORE_COMPLETED_EVENT = 'Restore Completed';
/** `detail-type` of the event put when a restore job failed or was aborted. */
export const RESTORE_FAILED_EVENT = 'Restore Failed';
/** `detail-type` of the event put when a job is open past the maximum age. */
export const RESTORE_STALE_EVENT = 'Restore Stale';

/** What restore-relay puts on the outcome bus. */
export type OutcomeNotification = RestoreOutcome | RestoreStale;

/**
 * The `detail-type` of an outcome on the bus. Aborted jobs are failures to
 * a workflow that waits for a restore: both are "Restore Failed", and the
 * detail's `type` and `status` tell them apart.
 */
export const outcomeDetailType = (
  notification: OutcomeNotification
): string => {
  switch (notification.type) {
    case 'restore.completed':
      return RESTORE_COMPLETED_EVENT;
    case 'restore.failed':
    case 'restore.aborted':
      return RESTORE_FAILED_EVENT;
    case 'restore.stale':
      return RESTORE_STALE_EVENT;
  }
};

import * as z from 'zod';
import { EventBridgeEnvelopeSchema } from './eventbridge-envelope.js';

/** `source` of AWS Backup events. */
export const BACKUP_EVENT_SOURCE = 'aws.backup';

/** `detail-type` of AWS Backup restore job events. */
export const RESTORE_JOB_STATE_CHANGE = 'Restore Job State Change';

/** The states a restore job ends in (API `RestoreJobStatus`). */
export const TERMINAL_RESTORE_STATUSES = [
  'COMPLETED',
  'FAILED',
  'ABORTED',
] as const;

/** A state a restore job ends in. */
export type TerminalRestoreStatus = (typeof TERMINAL_RESTORE_STATUSES)[number];

/** True for COMPLETED, FAILED and ABORTED. */
export const isTerminalStatus = (
  status: string | undefined
): status is TerminalRestoreStatus =>
  (TERMINAL_RESTORE_STATUSES as readonly string[]).includes(status ?? '');

/**
 * The EventBridge pattern of the `track-restore` rule (serverless.yml must
 * say the same; the template test checks it). It filters on `detail.status`:
 * restore job events carry their state there, only `CREATED` uses
 * `detail.state`, and a rule on `detail.state` never matches an outcome
 * (docs/events.md#status-vs-state, #restore-job-rule;
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html).
 * `ABORTED` is in the API enum but no sample shows it as an event; listing
 * it costs nothing.
 */
export const RESTORE_JOB_OUTCOME_PATTERN = {
  source: [BACKUP_EVENT_SOURCE],
  'detail-type': [RESTORE_JOB_STATE_CHANGE],
  detail: { status: [...TERMINAL_RESTORE_STATUSES] },
} as const;

/**
 * The `detail` of a "Restore Job State Change" event, as far as restore-relay
 * reads it. Loose: AWS adds fields over time, and older events lack the ARNs
 * (docs/events.md#restore-job-detail). `backupSizeInBytes` is a string in events, and
 * `percentDone` a number that reads 0 even on COMPLETED, so progress is
 * never taken from it.
 */
const RestoreJobDetailSchema = z
  .looseObject({
    restoreJobId: z.string().min(1),
    status: z.string().optional(),
    state: z.string().optional(),
    creationDate: z.string().optional(),
    completionDate: z.string().optional(),
    backupSizeInBytes: z.union([z.string(), z.number()]).optional(),
    resourceType: z.string().optional(),
    createdResourceArn: z.string().optional(),
    statusMessage: z.string().optional(),
    recoveryPointArn: z.string().optional(),
    backupVaultArn: z.string().optional(),
    sourceResourceArn: z.string().optional(),
    iamRoleArn: z.string().optional(),
  })
  // Project rule: read `status`, fall back to `state` (docs/events.md#status-vs-state).
  .transform(({ status, state, ...rest }) => ({
    ...rest,
    status: status ?? state,
  }));

/** An AWS Backup "Restore Job State Change" event. */
export const RestoreJobStateChangeSchema = EventBridgeEnvelopeSchema.extend({
  source: z.literal(BACKUP_EVENT_SOURCE),
  'detail-type': z.literal(RESTORE_JOB_STATE_CHANGE),
  detail: RestoreJobDetailSchema,
});

/** A parsed "Restore Job State Change" event (`detail.status` resolved). */
export type RestoreJobStateChange = z.output<
  typeof RestoreJobStateChangeSchema
>;

import * as z from 'zod';
import {
  checkRecoveryPointChoice,
  type RestoreRequest,
  RestoreRequestSchema,
} from '../events/restore-request.js';

/**
 * Fields of a restore request (v1) that a plan step may not set, and why:
 * the plan derives them for every run (docs/recovery-plans.md#steps).
 */
export const FORBIDDEN_STEP_REQUEST_FIELDS = {
  requestId:
    "restore-relay derives each step's request id from the deployment, the plan, the run and the step, so a run restores each step at most once",
  taskToken:
    "the plan's state machine gives each restore step its own task token",
  dryRun: 'a dry run is of the whole plan (--dry-run), not of one step',
} as const;

const forbidden = (why: string) =>
  z
    .never({ error: `is not allowed in a recovery plan step: ${why}` })
    .optional()
    .meta({ description: `Not allowed in a plan step: ${why}.` });

/**
 * The `request` of a restore step: a restore request v1
 * (shared/events/restore-request.ts, docs/requests.md#the-restore-request-v1)
 * without `requestId`, `taskToken` and `dryRun`. Each of those is refused
 * with a message that names it (the path names the step), never silently
 * dropped.
 */
export const PlanStepRequestSchema = z
  .strictObject({
    ...RestoreRequestSchema.shape,
    requestId: forbidden(FORBIDDEN_STEP_REQUEST_FIELDS.requestId),
    taskToken: forbidden(FORBIDDEN_STEP_REQUEST_FIELDS.taskToken),
    dryRun: forbidden(FORBIDDEN_STEP_REQUEST_FIELDS.dryRun),
  })
  .superRefine(checkRecoveryPointChoice)
  .meta({
    id: 'planStepRequest',
    title: 'restore request v1 of a recovery plan step',
    description:
      'A restore request v1 without requestId, taskToken and dryRun. Give either recoveryPointArn + backupVaultName, or resourceArn (+ selection).',
  });

/** A step's restore request after validation: a request without its key. */
export type StepRestoreRequest = Omit<
  RestoreRequest,
  keyof typeof FORBIDDEN_STEP_REQUEST_FIELDS
>;

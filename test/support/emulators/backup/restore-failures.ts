/**
 * How a restore job ends when it does not complete: failure rules, and the
 * one documented asynchronous failure. AWS reports these as job state, never
 * as request errors (docs/development.md#emulator-discipline).
 *
 * @see docs/resource-types.md#copy-tags
 */
import { z } from 'zod';

/** The StartRestoreJob body as the emulator received it. */
export type StartRestoreJobRequest = Record<string, unknown>;

/** The statuses a failure rule can end a job in. */
const FAILURE_STATUSES = ['FAILED', 'ABORTED'] as const;

/**
 * Types whose restore job fails when `CopySourceTagsToRestoredResource` is
 * true (docs/resource-types.md#copy-tags; Outposts and on-premises VMs are covered
 * by `VirtualMachine`).
 */
const NO_TAG_COPY_TYPES = new Set([
  'VirtualMachine',
  'SAP HANA on Amazon EC2',
  'Timestream',
  'DynamoDB',
  'S3',
]);

/** The schema of a failure rule posted to `POST /_emulator/config`. */
export const failureRuleSchema = z.strictObject({
  recoveryPointArn: z.string().optional(),
  resourceType: z.string().optional(),
  metadataEquals: z.record(z.string(), z.string()).optional(),
  status: z.enum(FAILURE_STATUSES).optional(),
  statusMessage: z.string().optional(),
});

/**
 * Makes matching restore jobs end `FAILED` (asynchronously, as AWS does)
 * instead of `COMPLETED`, or `ABORTED` with `status: 'ABORTED'`, with
 * `statusMessage` as their StatusMessage. Every condition given must hold;
 * a rule with no condition matches every job; the first matching rule wins.
 * Metadata keys compare case-sensitively (AWS case-insensitivity is
 * UNVERIFIED outside DynamoDB).
 */
export type RestoreFailureRule = z.input<typeof failureRuleSchema>;

/** A job that does not complete: how it ends and why. */
export interface RestoreFailure {
  status: 'FAILED' | 'ABORTED';
  statusMessage: string;
}

/**
 * How a new job fails or aborts: the first matching rule, else the
 * documented tag-copy failure.
 *
 * @returns the failure, or `undefined` for a job that completes
 * @example
 * ```ts
 * failureFor(rules, input, { arn, resourceType: 'DynamoDB' });
 * ```
 */
export const failureFor = (
  rules: readonly RestoreFailureRule[],
  input: StartRestoreJobRequest,
  point: { arn: string; resourceType: string }
): RestoreFailure | undefined => {
  const metadata = (input.Metadata ?? {}) as Record<string, string>;
  const type = point.resourceType;
  for (const rule of rules) {
    const matches =
      (rule.recoveryPointArn === undefined ||
        rule.recoveryPointArn === point.arn) &&
      (rule.resourceType === undefined || rule.resourceType === type) &&
      Object.entries(rule.metadataEquals ?? {}).every(
        ([k, v]) => metadata[k] === v
      );
    if (matches) {
      const status = rule.status ?? 'FAILED';
      return {
        status,
        statusMessage:
          rule.statusMessage ??
          (status === 'ABORTED'
            ? 'Restore job aborted (emulated).'
            : 'Restore job failed (emulated failure).'),
      };
    }
  }
  if (
    input.CopySourceTagsToRestoredResource === true &&
    NO_TAG_COPY_TYPES.has(type)
  ) {
    // Documented: including the flag for an unsupported type makes the job
    // fail (docs/resource-types.md#copy-tags). The message text is UNVERIFIED.
    return {
      status: 'FAILED',
      statusMessage: `CopySourceTagsToRestoredResource is not supported for resource type ${type}.`,
    };
  }
  return undefined;
};

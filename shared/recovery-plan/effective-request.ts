import type { StepRestoreRequest } from './plan-step-request.js';
import type { RecoveryPlan, RestoreStep } from './recovery-plan.js';

/**
 * The request a restore step runs with, once the plan's `recoverTo` is
 * applied (docs/recovery-plans.md#recover-to): the step takes the latest
 * recovery point created before `recoverTo`, unless it names a recovery
 * point (`recoveryPointArn`) or its `selection` sets `before` or `after`
 * itself. A selection that only names `vaults` keeps them and gets
 * `before: recoverTo`. Without `recoverTo` the request is the step's own.
 *
 * @example
 * ```ts
 * effectiveRequest(
 *   { recoverTo: '2026-11-25T12:00:00Z' },
 *   { kind: 'restore', request: { resourceArn: DB }, … }
 * ); // { resourceArn: DB, selection: { strategy: 'latest', before: '2026-11-25T12:00:00Z' } }
 * ```
 */
export const effectiveRequest = (
  plan: Pick<RecoveryPlan, 'recoverTo'>,
  step: Pick<RestoreStep, 'request'>
): StepRestoreRequest => {
  const { request } = step;
  const { recoverTo } = plan;
  if (
    recoverTo === undefined ||
    request.recoveryPointArn !== undefined ||
    request.selection?.before !== undefined ||
    request.selection?.after !== undefined
  ) {
    return request;
  }
  return {
    ...request,
    selection: {
      ...(request.selection ?? { strategy: 'latest' }),
      before: recoverTo,
    },
  };
};

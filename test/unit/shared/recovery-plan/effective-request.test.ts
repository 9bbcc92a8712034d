import { describe, expect, it } from 'vitest';
import { effectiveRequest } from '#shared/recovery-plan/effective-request';
import { parseRecoveryPlan } from '#shared/recovery-plan/parse-recovery-plan';
import type { StepRestoreRequest } from '#shared/recovery-plan/plan-step-request';
import { ORDERS_APP_YAML } from '#test/support/recovery-plans';

const RECOVER_TO = '2026-11-25T12:00:00Z';
const CLUSTER = 'arn:aws:rds:eu-west-1:111122223333:cluster:orders';
const RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94';

const stepOf = (request: StepRestoreRequest) => ({ request });

describe('effectiveRequest', () => {
  it('selects the latest point created before recoverTo when the step names no selection', () => {
    // Act
    const request = effectiveRequest(
      { recoverTo: RECOVER_TO },
      stepOf({ resourceArn: CLUSTER })
    );

    // Assert
    expect(request).toEqual({
      resourceArn: CLUSTER,
      selection: { strategy: 'latest', before: RECOVER_TO },
    });
  });

  it('keeps the vaults of a vaults-only selection and adds before', () => {
    // Act
    const request = effectiveRequest(
      { recoverTo: RECOVER_TO },
      stepOf({
        resourceArn: CLUSTER,
        selection: { strategy: 'latest', vaults: ['prod-primary'] },
      })
    );

    // Assert
    expect(request.selection).toEqual({
      strategy: 'latest',
      vaults: ['prod-primary'],
      before: RECOVER_TO,
    });
  });

  it.each([
    ['before', { strategy: 'latest', before: '2026-11-20T00:00:00Z' }],
    ['after', { strategy: 'latest', after: '2026-11-26T00:00:00Z' }],
  ] as const)('leaves a selection that sets %s alone', (_, selection) => {
    // Arrange
    const own = { resourceArn: CLUSTER, selection };

    // Act
    const request = effectiveRequest({ recoverTo: RECOVER_TO }, stepOf(own));

    // Assert
    expect(request).toEqual(own);
  });

  it('leaves a step that names its recovery point alone', () => {
    // Arrange
    const own = { recoveryPointArn: RP, backupVaultName: 'prod-primary' };

    // Act
    const request = effectiveRequest({ recoverTo: RECOVER_TO }, stepOf(own));

    // Assert
    expect(request).toEqual(own);
  });

  it('is the step request itself without recoverTo', () => {
    // Arrange
    const own = { resourceArn: CLUSTER };

    // Act
    const request = effectiveRequest({}, stepOf(own));

    // Assert
    expect(request).toBe(own);
  });

  it('applies the example plan’s recoverTo to both its restore steps', () => {
    // Arrange
    const plan = parseRecoveryPlan(ORDERS_APP_YAML);

    // Act
    const befores = plan.steps.flatMap((step) =>
      step.kind === 'restore'
        ? [effectiveRequest(plan, step).selection?.before]
        : []
    );

    // Assert
    expect(befores).toEqual([RECOVER_TO, RECOVER_TO]);
  });
});

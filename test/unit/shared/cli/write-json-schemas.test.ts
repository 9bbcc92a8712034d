import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '#shared/cli/write-json-schemas';
import { FORBIDDEN_STEP_REQUEST_FIELDS } from '#shared/recovery-plan/plan-step-request';

type Schema = {
  readonly $id?: string;
  readonly required?: readonly string[];
  readonly $defs?: Record<
    string,
    {
      readonly oneOf?: readonly unknown[];
      readonly properties?: Record<string, unknown>;
    }
  >;
};

describe('jsonSchemas: the recovery plan', () => {
  const plan = jsonSchemas()['recovery-plan.v1.schema.json'] as Schema;

  it('is published with its id and required fields', () => {
    // Assert
    expect(plan.$id).toBe('urn:restore-relay:schema:recovery-plan:v1');
    expect(plan.required).toEqual(['recoveryPlan', 'name', 'steps']);
  });

  it('says a step is exactly one of request, approval, hook', () => {
    // Assert
    expect(plan.$defs?.planStep?.oneOf).toEqual([
      { required: ['request'] },
      { required: ['approval'] },
      { required: ['hook'] },
    ]);
  });

  it('forbids requestId, taskToken and dryRun in a step request, and names its recovery point one way', () => {
    // Arrange
    const request = plan.$defs?.planStepRequest;

    // Assert
    for (const field of Object.keys(FORBIDDEN_STEP_REQUEST_FIELDS)) {
      expect(request?.properties?.[field]).toMatchObject({ not: {} });
    }
    expect(request?.oneOf).toHaveLength(2);
  });
});

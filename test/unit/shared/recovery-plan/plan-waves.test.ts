import { describe, expect, it } from 'vitest';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import { parseRecoveryPlan } from '#shared/recovery-plan/parse-recovery-plan';
import { buildWaves } from '#shared/recovery-plan/plan-waves';
import { ORDERS_APP_YAML } from '#test/support/recovery-plans';

describe('buildWaves', () => {
  it('runs the example plan in four waves of one step', () => {
    // Arrange
    const plan = parseRecoveryPlan(ORDERS_APP_YAML);

    // Act
    const waves = buildWaves(plan.steps);

    // Assert
    expect(waves).toEqual([
      { index: 0, steps: ['orders-db'] },
      { index: 1, steps: ['orders-db-instance'] },
      { index: 2, steps: ['go-no-go'] },
      { index: 3, steps: ['app-server'] },
    ]);
  });

  it('puts a step one wave after the latest of its dependencies, in document order', () => {
    // Arrange: "web" is written first but waits longest
    const steps = [
      { id: 'web', after: ['app', 'files'] },
      { id: 'files', after: [] },
      { id: 'db', after: [] },
      { id: 'app', after: ['db'] },
      { id: 'cache', after: [] },
    ];

    // Act
    const waves = buildWaves(steps);

    // Assert
    expect(waves).toEqual([
      { index: 0, steps: ['files', 'db', 'cache'] },
      { index: 1, steps: ['app'] },
      { index: 2, steps: ['web'] },
    ]);
  });

  it('places a diamond in three waves', () => {
    // Arrange
    const steps = [
      { id: 'db', after: [] },
      { id: 'left', after: ['db'] },
      { id: 'right', after: ['db'] },
      { id: 'app', after: ['left', 'right', 'db'] },
    ];

    // Act
    const waves = buildWaves(steps);

    // Assert
    expect(waves.map((w) => w.steps)).toEqual([
      ['db'],
      ['left', 'right'],
      ['app'],
    ]);
  });

  it('refuses steps that are not a DAG', () => {
    // Arrange
    const steps = [
      { id: 'a', after: ['b'] },
      { id: 'b', after: ['a'] },
    ];

    // Act
    const build = () => buildWaves(steps);

    // Assert
    expect(build).toThrow(RestoreRequestInvalidError);
    expect(build).toThrow(
      'invalid recovery plan: steps[0](a).after: is part of a cycle: a after b, b after a; steps in the cycle: a, b'
    );
  });

  it('has no wave for no steps', () => {
    // Act
    const waves = buildWaves([]);

    // Assert
    expect(waves).toEqual([]);
  });
});

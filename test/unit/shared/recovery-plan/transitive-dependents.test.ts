import { describe, expect, it } from 'vitest';
import { parseRecoveryPlan } from '#shared/recovery-plan/parse-recovery-plan';
import { transitiveDependents } from '#shared/recovery-plan/transitive-dependents';
import { ORDERS_APP_YAML } from '#test/support/recovery-plans';

const STEPS = [
  { id: 'web', after: ['app'] },
  { id: 'db', after: [] },
  { id: 'files', after: [] },
  { id: 'app', after: ['db', 'files'] },
  { id: 'report', after: ['db'] },
  { id: 'audit', after: ['report', 'web'] },
];

describe('transitiveDependents', () => {
  it('lists every step that waits for the step, directly or not, in document order', () => {
    // Act
    const dependents = transitiveDependents(STEPS, 'db');

    // Assert
    expect(dependents).toEqual(['web', 'app', 'report', 'audit']);
  });

  it('leaves out the steps that do not wait for it', () => {
    // Act
    const dependents = transitiveDependents(STEPS, 'files');

    // Assert
    expect(dependents).toEqual(['web', 'app', 'audit']);
  });

  it('is empty for a step nothing waits for, and for an unknown id', () => {
    // Act
    const last = transitiveDependents(STEPS, 'audit');
    const unknown = transitiveDependents(STEPS, 'nope');

    // Assert
    expect(last).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it('skips everything after the database in the example plan', () => {
    // Arrange
    const plan = parseRecoveryPlan(ORDERS_APP_YAML);

    // Act
    const dependents = transitiveDependents(plan.steps, 'orders-db');

    // Assert
    expect(dependents).toEqual([
      'orders-db-instance',
      'go-no-go',
      'app-server',
    ]);
  });
});

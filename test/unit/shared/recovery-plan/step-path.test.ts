import { describe, expect, it } from 'vitest';
import { planPath, stepLabel } from '#shared/recovery-plan/step-path';

describe('stepLabel', () => {
  it.each([
    [2, 'orders-db', 'steps[2](orders-db)'],
    [0, 42, 'steps[0]'],
    [1, 'Not An Id', 'steps[1]'],
    [3, undefined, 'steps[3]'],
  ])('labels step %i with id %j as %s', (index, id, label) => {
    // Act
    const text = stepLabel(index, id);

    // Assert
    expect(text).toBe(label);
  });
});

describe('planPath', () => {
  const document = { steps: [{ id: 'db' }, { id: 'orders-db' }, 'x'] };

  it.each([
    [['steps', 1, 'after', 0], 'steps[1](orders-db).after[0]'],
    [['steps', 2], 'steps[2]'],
    [['steps', 7, 'id'], 'steps[7].id'],
    [
      ['steps', 0, 'request', 'selection', 'vaults', 1],
      'steps[0](db).request.selection.vaults[1]',
    ],
    [['targets', 'rtoMinutes'], 'targets.rtoMinutes'],
    [['steps', 0, 'hook', 'payload', ''], 'steps[0](db).hook.payload.""'],
    [[], ''],
  ] as const)('writes %j as %s', (path, text) => {
    // Act
    const written = planPath(path, document);

    // Assert
    expect(written).toBe(text);
  });
});

import { dependencyIndexes, type StepLink } from './step-links.js';

/**
 * The steps that wait for `stepId`, directly or through other steps, in
 * document order, the step itself excluded: what is skipped when a step
 * with `onFailure: continue` fails (docs/recovery-plans.md#on-failure).
 * Empty for a step nothing waits for, or an id the plan lacks.
 *
 * @example
 * ```ts
 * transitiveDependents(
 *   [{ id: 'db', after: [] }, { id: 'app', after: ['db'] }, { id: 'web', after: ['app'] }],
 *   'db'
 * ); // ['app', 'web']
 * ```
 */
export const transitiveDependents = (
  steps: readonly StepLink[],
  stepId: string
): string[] => {
  const start = steps.findIndex((s) => s.id === stepId);
  if (start < 0) {
    return [];
  }
  const dependents: number[][] = steps.map(() => []);
  dependencyIndexes(steps).forEach((deps, i) => {
    for (const d of deps) {
      dependents[d]?.push(i);
    }
  });
  const seen = new Set([start]);
  const pending = [start];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const i of dependents[next] ?? []) {
      if (!seen.has(i)) {
        seen.add(i);
        pending.push(i);
      }
    }
  }
  seen.delete(start);
  return [...seen].sort((a, b) => a - b).map((i) => steps[i]?.id ?? '');
};

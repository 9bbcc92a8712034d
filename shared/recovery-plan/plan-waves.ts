import { RestoreRequestInvalidError } from '../errors/errors.js';
import { dependencyProblems } from './step-dependencies.js';
import { dependencyIndexes, type StepLink } from './step-links.js';
import { waveNumbers } from './wave-numbers.js';

/** One wave of a plan: steps that may run at the same time. */
export interface PlanWave {
  /** 0 for the steps that wait for nothing. */
  readonly index: number;
  /** Ids of the wave's steps, in document order. */
  readonly steps: readonly string[];
}

/**
 * The waves of a plan (docs/recovery-plans.md#waves): longest-path
 * layering of its `after` graph. Wave 0 holds the steps with no `after`;
 * any other step is in the wave after the latest of the steps it waits
 * for. So every dependency is in an earlier wave, the number of waves is
 * the fewest possible (the longest chain of `after`), and each wave lists
 * its steps in document order. Wave n+1 starts only when every step of
 * wave n has ended: a barrier.
 *
 * @throws RestoreRequestInvalidError when the steps do not form a DAG
 *   (duplicate or unknown ids, a step after itself, a cycle); a plan from
 *   `parseRecoveryPlan` always does
 * @example
 * ```ts
 * buildWaves([
 *   { id: 'db', after: [] },
 *   { id: 'files', after: [] },
 *   { id: 'app', after: ['db', 'files'] },
 * ]); // [{ index: 0, steps: ['db', 'files'] }, { index: 1, steps: ['app'] }]
 * ```
 */
export const buildWaves = (steps: readonly StepLink[]): PlanWave[] => {
  const problems = dependencyProblems(steps);
  if (problems.length > 0) {
    throw new RestoreRequestInvalidError(problems, {
      subject: 'recovery plan',
    });
  }
  const numbers = waveNumbers(dependencyIndexes(steps));
  const waves: string[][] = [];
  steps.forEach((step, i) => {
    // Every step has a wave: the graph is a DAG.
    const wave = numbers[i] ?? 0;
    while (waves.length <= wave) {
      waves.push([]);
    }
    waves[wave]?.push(step.id);
  });
  return waves.map((ids, index) => ({ index, steps: ids }));
};

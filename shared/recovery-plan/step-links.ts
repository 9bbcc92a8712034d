/** What the dependency rules read of a step: its id and its `after`. */
export interface StepLink {
  readonly id: string;
  readonly after: readonly string[];
}

/**
 * The steps each step waits for, as indexes into `steps`, each once. An id
 * stands for its first step; entries that name no step, or the step
 * itself, are left out (dependencyProblems reports them).
 *
 * @example
 * ```ts
 * dependencyIndexes([{ id: 'a', after: [] }, { id: 'b', after: ['a', 'x'] }]); // [[], [0]]
 * ```
 */
export const dependencyIndexes = (steps: readonly StepLink[]): number[][] => {
  const indexOf = new Map<string, number>();
  steps.forEach((step, i) => {
    if (!indexOf.has(step.id)) {
      indexOf.set(step.id, i);
    }
  });
  return steps.map((step, i) => [
    ...new Set(
      step.after
        .map((id) => indexOf.get(id))
        .filter((d): d is number => d !== undefined && d !== i)
    ),
  ]);
};

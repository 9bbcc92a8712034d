/**
 * The wave of each step, by longest-path layering: a step that waits for
 * nothing is wave 0, any other is 1 + the highest wave of the steps it
 * waits for. So every dependency is in an earlier wave and the number of
 * waves is the fewest possible (the longest chain). A step in a cycle, or
 * waiting on one, has no wave (`undefined`).
 *
 * Kahn's algorithm with an explicit queue: linear in steps and links, no
 * recursion however long the chains.
 *
 * @param dependencies - per step, the indexes of the steps it waits for
 * @example
 * ```ts
 * waveNumbers([[], [0], [0, 1], []]); // [0, 1, 2, 0]
 * ```
 */
export const waveNumbers = (
  dependencies: readonly (readonly number[])[]
): (number | undefined)[] => {
  const waves: (number | undefined)[] = dependencies.map(() => undefined);
  const waiting = dependencies.map((d) => d.length);
  const dependents: number[][] = dependencies.map(() => []);
  dependencies.forEach((deps, i) => {
    for (const d of deps) {
      dependents[d]?.push(i);
    }
  });
  const ready = dependencies.flatMap((d, i) => (d.length === 0 ? [i] : []));
  for (const i of ready) {
    waves[i] = 0;
  }
  for (let at = 0; at < ready.length; at += 1) {
    const step = ready[at] as number;
    const wave = waves[step] ?? 0;
    for (const next of dependents[step] ?? []) {
      waves[next] = Math.max(waves[next] ?? 0, wave + 1);
      const left = (waiting[next] ?? 0) - 1;
      waiting[next] = left;
      if (left === 0) {
        ready.push(next);
      }
    }
  }
  // Steps never made ready are in or behind a cycle: no wave.
  return waves.map((w, i) => ((waiting[i] ?? 0) === 0 ? w : undefined));
};

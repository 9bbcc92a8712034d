import type { Problem } from '../domain/problem.js';
import { dependencyIndexes, type StepLink } from './step-links.js';
import { stepLabel } from './step-path.js';
import { waveNumbers } from './wave-numbers.js';

/** Every step `from` reaches through `edges` (itself included). */
const reachable = (from: number, edges: readonly number[][]): Set<number> => {
  const seen = new Set([from]);
  const pending = [from];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const to of edges[next] ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        pending.push(to);
      }
    }
  }
  return seen;
};

/** The shortest way from `start` back to itself inside `group`. */
const cycleThrough = (
  start: number,
  group: ReadonlySet<number>,
  edges: readonly number[][]
): number[] => {
  const previous = new Map<number, number>();
  const queue = [start];
  for (let at = 0; at < queue.length; at += 1) {
    const node = queue[at] as number;
    for (const to of edges[node] ?? []) {
      if (to === start) {
        const path = [node];
        for (let p = previous.get(node); p !== undefined; ) {
          path.unshift(p);
          p = previous.get(p);
        }
        return [...path, start];
      }
      if (group.has(to) && !previous.has(to) && to !== start) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
};

/**
 * The groups of steps that wait for each other (the strongly connected
 * components of more than one step), each in document order, ordered by
 * their first step. Only steps left without a wave can be in one; plans are
 * small (`MAX_PLAN_STEPS`), so reachability from each of those is cheap
 * and needs no recursion.
 */
const cycleGroups = (edges: readonly number[][]): number[][] => {
  const unplaced = waveNumbers(edges).flatMap((w, i) =>
    w === undefined ? [i] : []
  );
  const reach = new Map(unplaced.map((i) => [i, reachable(i, edges)]));
  const grouped = new Set<number>();
  const groups: number[][] = [];
  for (const i of unplaced) {
    if (grouped.has(i)) {
      continue;
    }
    const group = [...(reach.get(i) ?? [])]
      .filter((j) => reach.get(j)?.has(i))
      .sort((a, b) => a - b);
    for (const j of group) {
      grouped.add(j);
    }
    if (group.length > 1) {
      groups.push(group);
    }
  }
  return groups;
};

/**
 * Problems with how steps name each other: a duplicate id, an `after`
 * entry that names no step, the step itself, or a step already listed, and
 * every cycle, naming each of its steps. Empty when the steps form a DAG
 * that waves can order.
 *
 * @example
 * ```ts
 * dependencyProblems([{ id: 'a', after: ['b'] }, { id: 'b', after: ['a'] }]);
 * // [{ path: 'steps[0](a).after', message: 'is part of a cycle: a after b, b after a; steps in the cycle: a, b' }]
 * ```
 */
export const dependencyProblems = (steps: readonly StepLink[]): Problem[] => {
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  steps.forEach((step, i) => {
    const first = firstIndex.get(step.id);
    if (first === undefined) {
      firstIndex.set(step.id, i);
    } else {
      problems.push({
        path: `${stepLabel(i, step.id)}.id`,
        message: `is also the id of steps[${first}]; step ids are unique`,
      });
    }
  });
  steps.forEach((step, i) => {
    const listed = new Set<string>();
    step.after.forEach((id, j) => {
      const path = `${stepLabel(i, step.id)}.after[${j}]`;
      if (id === step.id) {
        problems.push({
          path,
          message: 'names the step itself; a step cannot run after itself',
        });
      } else if (!firstIndex.has(id)) {
        problems.push({
          path,
          message: `names "${id}", which is no step of this plan`,
        });
      } else if (listed.has(id)) {
        problems.push({ path, message: `lists "${id}" a second time` });
      }
      listed.add(id);
    });
  });
  const edges = dependencyIndexes(steps);
  for (const group of cycleGroups(edges)) {
    const [first = 0] = group;
    const ids = (indexes: readonly number[]) =>
      indexes.map((i) => steps[i]?.id ?? '');
    const cycle = ids(cycleThrough(first, new Set(group), edges));
    const links = cycle
      .slice(0, -1)
      .map((id, k) => `${id} after ${cycle[k + 1]}`)
      .join(', ');
    problems.push({
      path: `${stepLabel(first, steps[first]?.id)}.after`,
      message: `is part of a cycle: ${links}; steps in the cycle: ${ids(group).join(', ')}`,
    });
  }
  return problems;
};

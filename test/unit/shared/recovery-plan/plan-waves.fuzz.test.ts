import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import { buildWaves } from '#shared/recovery-plan/plan-waves';
import type { StepLink } from '#shared/recovery-plan/step-links';
import { transitiveDependents } from '#shared/recovery-plan/transitive-dependents';
import { stepDag } from '#test/support/arbitraries/recovery-plan';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from '#test/support/fuzz-runs';

const runs = () => ({ numRuns: fuzzRuns() });

/** The oracle: the longest chain of `after` ending at each step (0 for none). */
const longestPaths = (steps: readonly StepLink[]): Map<string, number> => {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const memo = new Map<string, number>();
  const longest = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) {
      return known;
    }
    const after = byId.get(id)?.after ?? [];
    const value = Math.max(-1, ...after.map(longest)) + 1;
    memo.set(id, value);
    return value;
  };
  for (const step of steps) {
    longest(step.id);
  }
  return memo;
};

/** The oracle: every step that `id` reaches by following `after`. */
const reachableFrom = (steps: readonly StepLink[], id: string): Set<string> => {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const pending = [...(byId.get(id)?.after ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (!seen.has(next)) {
      seen.add(next);
      pending.push(...(byId.get(next)?.after ?? []));
    }
  }
  return seen;
};

const waveOf = (waves: ReturnType<typeof buildWaves>) =>
  new Map(waves.flatMap((w) => w.steps.map((id) => [id, w.index] as const)));

describe('buildWaves (fuzz)', () => {
  it(
    'puts every dependency in an earlier wave',
    () => {
      fc.assert(
        fc.property(stepDag(), (steps) => {
          // Act
          const wave = waveOf(buildWaves(steps));

          // Assert
          for (const step of steps) {
            for (const dep of step.after) {
              expect(wave.get(dep)).toBeLessThan(wave.get(step.id) ?? -1);
            }
          }
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'is as shallow as possible: each step in the wave of its longest chain, so depth = longest path',
    () => {
      fc.assert(
        fc.property(stepDag(), (steps) => {
          // Arrange
          const longest = longestPaths(steps);

          // Act
          const waves = buildWaves(steps);

          // Assert
          expect(waveOf(waves)).toEqual(longest);
          expect(waves).toHaveLength(Math.max(...longest.values()) + 1);
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'partitions the steps into non-empty waves, each in document order',
    () => {
      fc.assert(
        fc.property(stepDag(), (steps) => {
          // Arrange
          const position = new Map(steps.map((s, i) => [s.id, i]));

          // Act
          const waves = buildWaves(steps);

          // Assert
          const placed = waves.flatMap((w) => w.steps);
          expect([...placed].sort()).toEqual(steps.map((s) => s.id).sort());
          waves.forEach((wave, i) => {
            expect(wave.index).toBe(i);
            expect(wave.steps.length).toBeGreaterThan(0);
            const order = wave.steps.map((id) => position.get(id) ?? -1);
            expect(order).toEqual([...order].sort((a, b) => a - b));
          });
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'refuses a cycle, naming every step that is in it',
    () => {
      fc.assert(
        fc.property(
          stepDag({ maxSteps: 20 }).filter((s) =>
            s.some((x) => x.after.length > 0)
          ),
          fc.nat(),
          fc.nat(),
          (steps, pickStep, pickDep) => {
            // Arrange: b after a, where a already waits (transitively) for b
            const waiting = steps.filter((s) => s.after.length > 0);
            const a = waiting[pickStep % waiting.length] as StepLink;
            const upstream = [...reachableFrom(steps, a.id)];
            const b = upstream[pickDep % upstream.length] as string;
            const cyclic = steps.map((s) =>
              s.id === b ? { ...s, after: [...s.after, a.id] } : s
            );
            const inCycle = cyclic
              .map((s) => s.id)
              .filter(
                (id) =>
                  reachableFrom(cyclic, id).has(a.id) &&
                  reachableFrom(cyclic, a.id).has(id)
              );

            // Act
            const build = () => buildWaves(cyclic);

            // Assert
            expect(build).toThrow(RestoreRequestInvalidError);
            const problems = (() => {
              try {
                build();
              } catch (error) {
                return (error as RestoreRequestInvalidError).problems;
              }
              return [];
            })();
            const named = problems
              .map((p) => /steps in the cycle: (.*)$/.exec(p.message)?.[1])
              .find((list) => list?.split(', ').includes(a.id));
            expect(named?.split(', ').sort()).toEqual([...inCycle].sort());
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

describe('transitiveDependents (fuzz)', () => {
  it(
    'lists exactly the steps that reach the step, all in later waves',
    () => {
      fc.assert(
        fc.property(stepDag(), fc.nat(), (steps, pick) => {
          // Arrange
          const step = steps[pick % steps.length] as StepLink;
          const expected = steps
            .filter((s) => reachableFrom(steps, s.id).has(step.id))
            .map((s) => s.id);
          const wave = waveOf(buildWaves(steps));

          // Act
          const dependents = transitiveDependents(steps, step.id);

          // Assert
          expect(dependents).toEqual(expected);
          for (const id of dependents) {
            expect(wave.get(id)).toBeGreaterThan(wave.get(step.id) ?? -1);
          }
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

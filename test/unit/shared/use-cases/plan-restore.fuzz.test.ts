import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '#shared/domain/resource-type';
import type { RestorePlan } from '#shared/domain/restore-plan';
import { AppError } from '#shared/errors/app-error';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import { readRestoreRequest } from '#shared/events/read-restore-request';
import { receiveRequest } from '#shared/events/received-request';
import type { RestoreRequest } from '#shared/events/restore-request';
import {
  idempotencyTokenOf,
  requestKeyOf,
} from '#shared/events/restore-request-key';
import { planRestore } from '#shared/use-cases/plan-restore';
import {
  type GeneratedCatalog,
  restoreScenarioFor,
} from '#test/support/arbitraries/recovery-points';
import { InMemoryCatalog } from '#test/support/fakes/in-memory-catalog';
import { inMemoryDeps } from '#test/support/fakes/in-memory-deps';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from '#test/support/fuzz-runs';

/** A catalog of any resource type, and a request body aimed at it. */
const scenario = fc.oneof(...RESOURCE_TYPES.map(restoreScenarioFor));

type Planned = { readonly plan: RestorePlan } | { readonly error: AppError };

/** Plans, turning the errors a plan may end in into values. */
const planned = async (
  request: RestoreRequest,
  catalog: GeneratedCatalog
): Promise<Planned> => {
  const deps = inMemoryDeps(new InMemoryCatalog(catalog.points));
  try {
    return { plan: await planRestore(receiveRequest(request), deps) };
  } catch (error) {
    if (error instanceof AppError) {
      return { error };
    }
    throw error;
  }
};

/** The request a source would plan, or undefined when the parser refuses it. */
const accepted = (body: unknown): RestoreRequest | undefined => {
  const reading = readRestoreRequest(body);
  return reading.ok ? reading.request : undefined;
};

const POLICY = inMemoryDeps(new InMemoryCatalog([])).policy;

describe('planRestore (fuzz)', () => {
  it(
    'plans an accepted request into a StartRestoreJob input whose Metadata values are all strings, or refuses it with an AppError',
    async () => {
      let plans = 0;
      await fc.assert(
        fc.asyncProperty(scenario, async ({ catalog, body }) => {
          // Arrange
          const request = accepted(body);
          fc.pre(request !== undefined);

          // Act
          const outcome = await planned(request, catalog);

          // Assert
          if ('error' in outcome) {
            const { error } = outcome;
            expect(error.message.trim()).not.toBe('');
            expect(error.code).toMatch(/^[A-Z][A-Za-z]+$/);
            expect(error.name).toMatch(/Error$/);
            if (error instanceof RestoreRequestInvalidError) {
              for (const problem of error.problems) {
                expect(problem.path).not.toBe('');
                expect(problem.message.trim()).not.toBe('');
              }
            }
            return;
          }
          plans += 1;
          const { plan } = outcome;
          const key = requestKeyOf(request);
          for (const value of Object.values(plan.input.Metadata)) {
            expect(typeof value).toBe('string');
          }
          expect(RESOURCE_TYPES).toContain(plan.input.ResourceType);
          expect(plan.input.ResourceType).toBe(plan.resourceType);
          expect(catalog.points.map((p) => p.recoveryPointArn)).toContain(
            plan.input.RecoveryPointArn
          );
          expect([...POLICY.restoreRoles.values()]).toContain(
            plan.input.IamRoleArn
          );
          expect(plan.requestId).toBe(key);
          expect(plan.input.IdempotencyToken).toBe(idempotencyTokenOf(key));
          expect(plan.input.IdempotencyToken).toMatch(
            /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/
          );
          expect(plan.input.CopySourceTagsToRestoredResource).toBe(
            request.copySourceTags
          );
        }),
        { numRuns: fuzzRuns() }
      );

      // Assert: the generators reach the success path, not only refusals.
      expect(plans).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'plans the same input every time, and a dry run plans what the real run would send',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ catalog, body }) => {
          // Arrange
          const request = accepted(body);
          fc.pre(request !== undefined);
          const dryRun = { ...request, dryRun: !request.dryRun };

          // Act
          const outcomes = [
            await planned(request, catalog),
            await planned(request, catalog),
            await planned(dryRun, catalog),
          ];

          // Assert
          const [first, ...others] = outcomes.map((o) =>
            'plan' in o
              ? { input: o.plan.input, warnings: o.plan.warnings }
              : { error: o.error.constructor.name, message: o.error.message }
          );
          for (const other of others) {
            expect(other).toEqual(first);
          }
        }),
        { numRuns: fuzzRuns() }
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

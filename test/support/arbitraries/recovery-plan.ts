import fc from 'fast-check';
import type { StepLink } from '#shared/recovery-plan/step-links';
import { validRequestBody } from './restore-request.js';

/** Options of {@link stepDag}. */
export interface StepDagOptions {
  readonly maxSteps?: number;
  readonly maxAfter?: number;
}

/** Options of {@link validPlanBody}. */
export interface PlanBodyOptions extends StepDagOptions {
  /**
   * Generated restore requests (any valid request, some of them large)
   * instead of one small fixed request: slower, so for few steps.
   */
  readonly anyRequest?: boolean;
}

const SMALL_REQUEST = {
  resourceArn:
    'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0',
};

/**
 * Steps whose `after` lists form a DAG, in any document order: a hidden
 * topological order where each step waits only for steps before it (often
 * the one just before, so long chains come up), then shuffled. Ids are
 * `s0`, `s1`, … by topological position, so the document order says
 * nothing about the waves.
 *
 * @example
 * ```ts
 * fc.sample(stepDag({ maxSteps: 3 }), 1)[0]; // [{ id: 's1', after: ['s0'] }, { id: 's0', after: [] }]
 * ```
 */
export const stepDag = ({
  maxSteps = 30,
  maxAfter = 5,
}: StepDagOptions = {}): fc.Arbitrary<StepLink[]> =>
  fc.integer({ min: 1, max: maxSteps }).chain((n) =>
    fc
      .tuple(
        fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n }
        ),
        fc.array(
          fc.record({
            chained: fc.boolean(),
            picks: fc.array(fc.nat(), { maxLength: maxAfter }),
          }),
          { minLength: n, maxLength: n }
        )
      )
      .map(([order, choices]) => {
        const after = choices.map(({ chained, picks }, t) => {
          if (t === 0) {
            return [];
          }
          const ids = [
            ...(chained ? [t - 1] : []),
            ...picks.map((p) => p % t),
          ].map((d) => `s${d}`);
          return [...new Set(ids)].slice(0, maxAfter);
        });
        return order.map((t) => ({ id: `s${t}`, after: after[t] ?? [] }));
      })
  );

/**
 * A restore request a plan step may carry: a valid restore request (v1)
 * without `requestId`, `taskToken` and `dryRun`.
 */
export const stepRequestBody = (): fc.Arbitrary<Record<string, unknown>> =>
  validRequestBody().map(
    ({ requestId, taskToken, dryRun, ...request }) => request
  );

/** A step body of any kind for the given links. */
const stepBody = (
  link: StepLink,
  anyRequest: boolean
): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.oneof(
        (anyRequest ? stepRequestBody() : fc.constant(SMALL_REQUEST)).map(
          (request) => ({ request })
        ),
        fc.constant({ approval: { message: 'Go on?' } }),
        fc.constant({
          hook: { function: 'check-app', payload: { step: link.id } },
        })
      ),
      fc.constantFrom('stop', 'continue'),
      fc.boolean()
    )
    .map(([kind, onFailure, writeEmptyAfter]) => ({
      id: link.id,
      ...(link.after.length > 0 || writeEmptyAfter
        ? { after: link.after }
        : {}),
      ...kind,
      onFailure,
    }));

/**
 * A plan document whose steps form a DAG (never more than the step and
 * after limits allow), with its links, as a JS value.
 */
export const validPlanBody = (
  options: PlanBodyOptions = {}
): fc.Arbitrary<{
  readonly links: StepLink[];
  readonly body: Record<string, unknown>;
}> =>
  stepDag(options).chain((links) =>
    fc
      .tuple(...links.map((l) => stepBody(l, options.anyRequest ?? false)))
      .map((steps) => ({
        links,
        body: {
          recoveryPlan: 1,
          name: 'fuzz-plan',
          recoverTo: '2026-11-25T12:00:00Z',
          steps,
        },
      }))
  );

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { MAX_PROBLEM_TEXT, MAX_PROBLEMS } from '#shared/domain/problem-list';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import { parseRestoreRequest } from '#shared/events/parse-restore-request';
import { parseRecoveryPlan } from '#shared/recovery-plan/parse-recovery-plan';
import {
  MAX_PLAN_BYTES,
  MAX_PLAN_DEPTH,
} from '#shared/recovery-plan/plan-limits';
import { buildWaves } from '#shared/recovery-plan/plan-waves';
import { anyText, jsonValue } from '#test/support/arbitraries/json-values';
import {
  stepDag,
  validPlanBody,
} from '#test/support/arbitraries/recovery-plan';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from '#test/support/fuzz-runs';
import { ORDERS_APP_YAML } from '#test/support/recovery-plans';

const runs = () => ({ numRuns: fuzzRuns() });

type Outcome =
  | { readonly plan: ReturnType<typeof parseRecoveryPlan> }
  | { readonly error: RestoreRequestInvalidError };

/** Parses, turning the one error the parser may throw into a value. */
const outcomeOf = (text: string | Uint8Array): Outcome => {
  try {
    return { plan: parseRecoveryPlan(text) };
  } catch (error) {
    if (error instanceof RestoreRequestInvalidError) {
      return { error };
    }
    throw error;
  }
};

/** A refusal as bounded as a rejection must be (it is echoed to people). */
const expectBoundedRefusal = (error: RestoreRequestInvalidError): void => {
  expect(error.code).toBe('RestoreRequestInvalid');
  expect(error.problems.length).toBeGreaterThan(0);
  expect(error.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
  for (const problem of error.problems) {
    expect(problem.message.trim()).not.toBe('');
    expect(problem.message.length).toBeLessThanOrEqual(MAX_PROBLEM_TEXT);
    expect(problem.path.length).toBeLessThanOrEqual(MAX_PROBLEM_TEXT);
  }
  expect(error.message).toMatch(/^invalid recovery plan: /);
};

/** Flow or block nesting, `depth` levels, closed or not. */
const deeplyNestedText = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(
        ['[', ']'],
        ['{a: ', '}'],
        ['{"a":', '}'],
        ['- ', ''],
        ['? ', ''],
        ['a:\n', '']
      ),
      fc.integer({ min: 1, max: 20_000 }),
      fc.boolean()
    )
    .map(
      ([[open, close], depth, closed]) =>
        `${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}`
    );

/** "Billion laughs": `levels` anchors, each aliasing the one before. */
const aliasBomb = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 12 }))
    .map(([levels, fanOut]) => {
      const lines = [`l0: &l0 [${Array(fanOut).fill('x').join(', ')}]`];
      for (let l = 1; l <= levels; l += 1) {
        lines.push(
          `l${l}: &l${l} [${Array(fanOut)
            .fill(`*l${l - 1}`)
            .join(', ')}]`
        );
      }
      return lines.join('\n');
    });

/** The example plan with a few characters changed, cut or inserted. */
const mutatedExample = (): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        fc.nat({ max: ORDERS_APP_YAML.length }),
        fc.nat({ max: 20 }),
        fc.oneof(
          anyText(8),
          fc.constantFrom(
            '*',
            '&a ',
            '!!binary ',
            '{',
            '[',
            ':',
            '\n  - ',
            '\t'
          )
        )
      ),
      { minLength: 1, maxLength: 4 }
    )
    .map((edits) =>
      edits.reduce(
        (text, [at, cut, insert]) =>
          text.slice(0, at) + insert + text.slice(at + cut),
        ORDERS_APP_YAML
      )
    );

/** Any text or bytes a caller may hand the parser. */
const hostileDocument = (): fc.Arbitrary<string | Uint8Array> =>
  fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc
      .integer({ min: MAX_PLAN_BYTES + 1, max: MAX_PLAN_BYTES + 4096 })
      .map((n) => new Uint8Array(n).fill(0x5b)),
    fc.string({ unit: 'binary', maxLength: 512 }),
    anyText(200),
    deeplyNestedText(),
    aliasBomb(),
    mutatedExample(),
    jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
    jsonValue({ maxDepth: 3 }).map((steps) =>
      JSON.stringify({ recoveryPlan: 1, name: 'x', steps })
    )
  );

describe('parseRecoveryPlan (fuzz)', () => {
  it(
    'accepts every plan whose steps form a DAG within the depth limit, as YAML or JSON, with the waves of its links',
    () => {
      fc.assert(
        fc.property(
          validPlanBody({ maxSteps: 40 }),
          fc.boolean(),
          ({ links, body }, asYaml) => {
            // Arrange
            const text = asYaml ? toYaml(body) : JSON.stringify(body);

            // Act
            const outcome = outcomeOf(text);

            // Assert
            if (Buffer.byteLength(text) > MAX_PLAN_BYTES) {
              expect(outcome).toHaveProperty('error');
              return;
            }
            const depth = buildWaves(links).length;
            if (depth > MAX_PLAN_DEPTH) {
              expect('error' in outcome && outcome.error.problems).toEqual([
                expect.objectContaining({ path: 'steps' }),
              ]);
              return;
            }
            if ('error' in outcome) {
              throw new Error(`refused: ${outcome.error.message}`);
            }
            expect(buildWaves(outcome.plan.steps)).toEqual(buildWaves(links));
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'reads the request of each restore step as the same restore request would be read',
    () => {
      fc.assert(
        fc.property(
          validPlanBody({ maxSteps: 3, anyRequest: true }),
          ({ body }) => {
            // Act
            const outcome = outcomeOf(JSON.stringify(body));

            // Assert
            if ('error' in outcome) {
              expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(
                MAX_PLAN_BYTES
              );
              return;
            }
            const written = body.steps as { request?: unknown }[];
            outcome.plan.steps.forEach((step, i) => {
              if (step.kind === 'restore') {
                // Through JSON, as the plan was: -0 is written 0.
                const request: unknown = JSON.parse(
                  JSON.stringify(written[i]?.request)
                );
                expect(step.request).toEqual(parseRestoreRequest(request));
              }
            });
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'refuses hostile documents (huge, deeply nested, alias bombs, random bytes, mutations) with a bounded error, and throws nothing else',
    () => {
      fc.assert(
        fc.property(hostileDocument(), (text) => {
          // Act
          const outcome = outcomeOf(text);

          // Assert
          if ('error' in outcome) {
            expectBoundedRefusal(outcome.error);
          } else {
            expect(outcome.plan.recoveryPlan).toBe(1);
          }
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'refuses a document over the size limit whatever it holds',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 4096 }),
          fc.string({ minLength: 1, maxLength: 4 }),
          (extra, unit) => {
            // Arrange
            const text = unit
              .repeat(Math.ceil((MAX_PLAN_BYTES + extra) / unit.length))
              .slice(0, MAX_PLAN_BYTES + extra);

            // Act
            const outcome = outcomeOf(text);

            // Assert
            expect('error' in outcome && outcome.error.problems).toEqual([
              {
                path: '',
                message: expect.stringMatching(/\(the document size limit/),
              },
            ]);
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'refuses a plan with a cycle, however its steps are written',
    () => {
      fc.assert(
        fc.property(
          stepDag({ maxSteps: 15 }).filter((l) =>
            l.some((s) => s.after.length > 0)
          ),
          fc.nat(),
          (links, pick) => {
            // Arrange: a step that waits for another makes that one wait for it
            const waiting = links.filter((l) => l.after.length > 0);
            const a = waiting[pick % waiting.length];
            const b = a?.after[0];
            const steps = links.map((l) => ({
              id: l.id,
              after:
                l.id === b && a !== undefined ? [...l.after, a.id] : l.after,
              hook: { function: 'check-app' },
            }));
            const text = JSON.stringify({
              recoveryPlan: 1,
              name: 'cyclic',
              steps,
            });

            // Act
            const outcome = outcomeOf(text);

            // Assert
            if (!('error' in outcome)) {
              throw new Error('a cyclic plan was accepted');
            }
            expect(
              outcome.error.problems.some((p) =>
                p.message.startsWith('is part of a cycle')
              )
            ).toBe(true);
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

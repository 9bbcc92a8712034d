import { readFileSync } from 'node:fs';
import type { Problem } from '#shared/domain/problem';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import { parseRecoveryPlan } from '#shared/recovery-plan/parse-recovery-plan';

/** A plan document of test/fixtures/recovery-plans/, as text. */
export const planFixture = (name: string): string =>
  readFileSync(
    new URL(`../fixtures/recovery-plans/${name}`, import.meta.url),
    'utf8'
  );

/** The example plan of issue 15 (docs/recovery-plans.md), as YAML. */
export const ORDERS_APP_YAML = planFixture('orders-app.yaml');

/**
 * The error `parseRecoveryPlan` refuses a document with; throws when it
 * accepts it, or throws anything else.
 */
export const refusalOf = (
  text: string | Uint8Array
): RestoreRequestInvalidError => {
  try {
    parseRecoveryPlan(text);
  } catch (error) {
    if (error instanceof RestoreRequestInvalidError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the plan to be refused');
};

/** The problems `parseRecoveryPlan` refuses a document with. */
export const planProblemsOf = (text: string | Uint8Array): readonly Problem[] =>
  refusalOf(text).problems;

/**
 * A minimal valid plan of the given steps, as JSON text (YAML reads it):
 * each step a hook unless it says otherwise.
 */
export const planText = (
  steps: readonly Record<string, unknown>[],
  extra: Record<string, unknown> = {}
): string =>
  JSON.stringify({
    recoveryPlan: 1,
    name: 'test-plan',
    ...extra,
    steps: steps.map((s) =>
      'request' in s || 'approval' in s || 'hook' in s
        ? s
        : { ...s, hook: { function: 'check-app' } }
    ),
  });

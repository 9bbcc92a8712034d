/**
 * The part of EventBridge event-pattern matching that the emulators need to
 * route their events the way a rule does: nested objects and arrays of exact
 * values.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */

/** An exact value an event pattern can list. */
export type EventPatternValue = string | number | boolean | null;

/**
 * An EventBridge event pattern restricted to exact matching: every leaf is a
 * non-empty array of exact values, every other member a nested pattern.
 * Readonly so that `as const` patterns (such as
 * `RESTORE_JOB_OUTCOME_PATTERN`) fit as they are.
 */
export interface EventPattern {
  readonly [field: string]: readonly EventPatternValue[] | EventPattern;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isExactValue = (value: unknown): value is EventPatternValue =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

/**
 * Throws unless `pattern` is a pattern of the supported subset. EventBridge
 * itself rejects an empty pattern, an empty array and a bare (non-array)
 * value when the rule is created; content filters (`prefix`, `exists`,
 * `anything-but`, `numeric`, …) are valid there but not implemented here,
 * so they are refused rather than silently never matching.
 *
 * @throws Error naming the offending path
 * @example
 * ```ts
 * assertEventPattern({ source: ['aws.backup'] }); // passes
 * assertEventPattern({ source: 'aws.backup' }); // throws: not an array
 * ```
 */
export function assertEventPattern(
  pattern: unknown,
  path = '<pattern>'
): asserts pattern is EventPattern {
  if (!isPlainObject(pattern)) {
    throw new Error(`${path} must be an object`);
  }
  const entries = Object.entries(pattern);
  if (entries.length === 0) {
    throw new Error(`${path} must not be empty`);
  }
  for (const [field, value] of entries) {
    const at = `${path}.${field}`;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        throw new Error(`${at} must list at least one value`);
      }
      for (const item of value) {
        if (!isExactValue(item)) {
          throw new Error(
            `${at} holds ${JSON.stringify(item)}: only exact values (string, number, boolean, null) are supported, no content filters`
          );
        }
      }
    } else if (isPlainObject(value)) {
      assertEventPattern(value, at);
    } else {
      throw new Error(
        `${at} must be an array of values or a nested pattern, got ${JSON.stringify(value)}`
      );
    }
  }
}

const matchesValues = (
  values: readonly EventPatternValue[],
  actual: unknown
): boolean => {
  // An event array matches when it shares at least one value with the
  // pattern ("the intersection … is non-empty").
  if (Array.isArray(actual)) {
    return actual.some((item) => matchesValues(values, item));
  }
  return values.some((value) => value === actual);
};

const matchesObject = (
  pattern: EventPattern,
  event: Record<string, unknown>
): boolean =>
  Object.entries(pattern).every(([field, expected]) => {
    // A field named in the pattern must exist in the event; a pattern of
    // `[null]` matches a present null, never a missing field.
    if (!Object.hasOwn(event, field)) {
      return false;
    }
    const actual = event[field];
    if (Array.isArray(expected)) {
      return matchesValues(expected, actual);
    }
    const nested = expected as EventPattern;
    if (Array.isArray(actual)) {
      // EventBridge flattens arrays of objects; here an array matches when
      // one element matches the whole nested pattern (patterns that need
      // fields of different elements are outside this subset).
      return actual.some(
        (item) => isPlainObject(item) && matchesObject(nested, item)
      );
    }
    return isPlainObject(actual) && matchesObject(nested, actual);
  });

/**
 * Whether an EventBridge rule with `pattern` matches `event`, for the subset
 * of nested objects and arrays of exact values:
 * - every field of the pattern must exist in the event, at the same nesting;
 * - an array of values matches when the event value equals one of them
 *   (case-sensitive, no type coercion: `"5"` is not `5`), or, when the event
 *   value is itself an array, when any of its elements does;
 * - fields the pattern does not name are ignored.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 * @throws Error when the pattern is outside the subset ({@link assertEventPattern})
 * @example
 * ```ts
 * matchesEventPattern(
 *   { source: ['aws.backup'], detail: { status: ['COMPLETED', 'FAILED'] } },
 *   { source: 'aws.backup', detail: { status: 'FAILED' } }
 * ); // true
 * ```
 */
export const matchesEventPattern = (
  pattern: EventPattern,
  event: unknown
): boolean => {
  assertEventPattern(pattern);
  return isPlainObject(event) && matchesObject(pattern, event);
};

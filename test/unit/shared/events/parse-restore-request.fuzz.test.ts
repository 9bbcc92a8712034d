import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '#shared/domain/canonical-json';
import { RESOURCE_TYPES } from '#shared/domain/resource-type';
import { RestoreRequestInvalidError } from '#shared/errors/errors';
import {
  MAX_VALUE_DEPTH,
  parseRestoreRequest,
} from '#shared/events/parse-restore-request';
import {
  readRestoreRequest,
  readRestoreRequestBody,
} from '#shared/events/read-restore-request';
import type { RestoreRequest } from '#shared/events/restore-request';
import {
  requestKeyOf,
  restoreContentOf,
} from '#shared/events/restore-request-key';
import { toMetadataString } from '#shared/restore-metadata/to-metadata-string';
import {
  anyJsValue,
  deeplyNested,
  jsonValue,
  ownEntries,
} from '#test/support/arbitraries/json-values';
import {
  isoAt,
  metadataKey,
  nearValidRequestBody,
  type RequestBody,
  reorderKeys,
  requestBodyText,
  validRequestBody,
} from '#test/support/arbitraries/restore-request';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from '#test/support/fuzz-runs';

type Outcome =
  | { readonly request: RestoreRequest }
  | { readonly error: RestoreRequestInvalidError };

/** Parses, turning the one error the parser may throw into a value. */
const outcomeOf = (input: unknown): Outcome => {
  try {
    return { request: parseRestoreRequest(input) };
  } catch (error) {
    if (error instanceof RestoreRequestInvalidError) {
      return { error };
    }
    throw error;
  }
};

/** Whether zod reads `input` as an object (so a problem has a field path). */
const isPlainRecord = (input: unknown): boolean => {
  if (typeof input !== 'object' || input === null) {
    return false;
  }
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
};

/**
 * A rejection as the contract describes it: at least one problem, each with
 * a message, and a path that is empty (the root, shown as "(root)") only
 * when the input is not an object at all.
 */
const WHOLE_REQUEST = /^(and \d+ more problems|has \d+ fields; )/;

const expectWellFormedRejection = (
  error: RestoreRequestInvalidError,
  rootAllowed: boolean
): void => {
  expect(error.code).toBe('RestoreRequestInvalid');
  expect(error.retryable).toBe(false);
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) {
    expect(typeof problem.path).toBe('string');
    expect(problem.message.trim()).not.toBe('');
    // The bounds speak of the whole request: the count of problems left
    // out, and a request with more fields than the contract has.
    if (!rootAllowed && !WHOLE_REQUEST.test(problem.message)) {
      expect(problem.path).not.toBe('');
    }
  }
  expect(error.message).toMatch(/^invalid restore request: [\s\S]/);
};

/** Any input a source may hand the parser. */
const anyInput = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    validRequestBody(),
    nearValidRequestBody(),
    jsonValue({ maxDepth: 4 }),
    anyJsValue()
  );

const runs = () => ({ numRuns: fuzzRuns() });

describe('parseRestoreRequest (fuzz)', () => {
  it(
    'accepts every request the contract allows, with a canonical resource type',
    () => {
      fc.assert(
        fc.property(validRequestBody(), (body) => {
          // Act
          const outcome = outcomeOf(body);

          // Assert
          if ('error' in outcome) {
            throw new Error(`rejected: ${outcome.error.message}`);
          }
          const { request } = outcome;
          if (request.resourceType !== undefined) {
            expect(RESOURCE_TYPES).toContain(request.resourceType);
          }
          if (request.selection !== undefined) {
            expect(request.selection.strategy).toBe('latest');
          }
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'keeps every metadata and context entry of an accepted request as sent',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(validRequestBody(), nearValidRequestBody()),
          (body) => {
            // Act
            const outcome = outcomeOf(body);

            // Assert: nothing the caller sent is dropped or changed silently.
            if ('request' in outcome) {
              for (const field of ['metadata', 'context'] as const) {
                const sent = body[field];
                const kept = outcome.request[field];
                expect(kept === undefined).toBe(sent === undefined);
                if (sent !== undefined) {
                  expect(canonicalJson(kept)).toBe(canonicalJson(sent));
                }
              }
            }
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    "parses an accepted request deterministically, and its output again to the same request, whose key is the caller's requestId or auto- and 40 hex characters",
    () => {
      fc.assert(
        fc.property(validRequestBody(), (body) => {
          // Act
          const first = parseRestoreRequest(body);
          const second = parseRestoreRequest(body);
          const again = parseRestoreRequest(first);
          const overTheWire = parseRestoreRequest(
            JSON.parse(JSON.stringify(first))
          );

          // Assert: toEqual, not toStrictEqual, which also compares
          // `constructor` members, and a context may have a key of that name.
          expect(second).toEqual(first);
          expect(again).toEqual(first);
          const key = requestKeyOf(first);
          expect(requestKeyOf(first)).toBe(key);
          expect(requestKeyOf(overTheWire)).toBe(key);
          expect(restoreContentOf(overTheWire)).toStrictEqual(
            restoreContentOf(first)
          );
          if (first.requestId === undefined) {
            expect(key).toMatch(/^auto-[0-9a-f]{40}$/);
          } else {
            expect(key).toBe(first.requestId);
          }
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    `accepts metadata and context values nested up to ${MAX_VALUE_DEPTH} levels, and refuses deeper ones at their entry`,
    () => {
      fc.assert(
        fc.property(
          validRequestBody(),
          fc.constantFrom('metadata', 'context'),
          metadataKey(),
          fc.oneof(deeplyNested(MAX_VALUE_DEPTH + 3), deeplyNested()),
          (body, field, key, nested) => {
            // Arrange
            const depth = nestingDepth(nested);
            const request = { ...body, [field]: ownEntries([[key, nested]]) };

            // Act
            const outcome = outcomeOf(request);

            // Assert
            if (depth <= MAX_VALUE_DEPTH) {
              expect('request' in outcome).toBe(true);
            } else {
              expect('error' in outcome && outcome.error.problems).toEqual([
                {
                  path: `${field}.${key}`,
                  message: `nests arrays and objects more than ${MAX_VALUE_DEPTH} levels deep`,
                },
              ]);
            }
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'refuses a __proto__ key anywhere in metadata or context, at its path, instead of dropping it',
    () => {
      fc.assert(
        fc.property(
          validRequestBody(),
          fc.constantFrom('metadata', 'context'),
          metadataKey(),
          fc.boolean(),
          jsonValue({ maxDepth: 2, key: fc.constant('k') }),
          (body, field, key, nestedInValue, value) => {
            // Arrange: JSON.parse makes __proto__ an own key, as here.
            const entry = nestedInValue
              ? ownEntries([[key, ownEntries([['__proto__', value]])]])
              : ownEntries([['__proto__', value]]);
            const request = { ...body, [field]: entry };

            // Act
            const outcome = outcomeOf(request);

            // Assert
            expect('error' in outcome).toBe(true);
            const paths =
              'error' in outcome
                ? outcome.error.problems.map((p) => p.path)
                : [];
            expect(paths).toContain(
              nestedInValue ? `${field}.${key}.__proto__` : `${field}.__proto__`
            );
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

describe('requestKeyOf (fuzz)', () => {
  it(
    'does not depend on the order of keys at any depth',
    () => {
      fc.assert(
        fc.property(validRequestBody(), fc.nat(8), (body, shift) => {
          // Arrange
          const reordered = reorderKeys(body, shift);

          // Act
          const key = requestKeyOf(parseRestoreRequest(body));
          const reorderedKey = requestKeyOf(parseRestoreRequest(reordered));

          // Assert
          expect(reorderedKey).toBe(key);
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'does not depend on how the same restore is written: value types, vault order, time zones, dryRun, taskToken, context',
    () => {
      fc.assert(
        fc.property(
          validRequestBody(),
          fc.integer({ min: -23 * 60, max: 23 * 60 }),
          (body, offset) => {
            // Arrange: the same restore, written another way.
            const { dryRun: _d, taskToken: _t, context: _c, ...rest } = body;
            const rewritten: RequestBody = { ...rest, dryRun: true };
            const metadata = body.metadata;
            if (isRecord(metadata)) {
              // As sent to AWS: true is "true", 5 is "5" (docs/resource-types.md#strings).
              rewritten.metadata = Object.fromEntries(
                Object.entries(metadata).map(([k, v]) => [
                  k,
                  typeof v === 'number' || typeof v === 'boolean'
                    ? sentAs(v)
                    : v,
                ])
              );
            }
            const selection = body.selection;
            if (isRecord(selection)) {
              rewritten.selection = {
                ...selection,
                ...rewrittenInstant(selection.before, offset, 'before'),
                ...rewrittenInstant(selection.after, offset, 'after'),
                ...(Array.isArray(selection.vaults)
                  ? { vaults: [...selection.vaults].reverse() }
                  : {}),
              };
            }

            // Act
            const key = requestKeyOf(parseRestoreRequest(body));
            const rewrittenKey = requestKeyOf(parseRestoreRequest(rewritten));

            // Assert
            expect(rewrittenKey).toBe(key);
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'differs between two requests without requestId that ask for different restores',
    () => {
      fc.assert(
        fc.property(validRequestBody(), validRequestBody(), (a, b) => {
          // Arrange
          const first = parseRestoreRequest({ ...a, requestId: undefined });
          const second = parseRestoreRequest({ ...b, requestId: undefined });
          const sameContent =
            canonicalJson(restoreContentOf(first)) ===
            canonicalJson(restoreContentOf(second));

          // Act
          const keys = [requestKeyOf(first), requestKeyOf(second)];

          // Assert
          expect(keys[0] === keys[1]).toBe(sameContent);
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

describe('readRestoreRequest (fuzz)', () => {
  it(
    'never throws, and agrees with the parser, which accepts or throws a RestoreRequestInvalidError whose problems all have a message and a path (empty only for a non-object)',
    () => {
      fc.assert(
        fc.property(anyInput(), (input) => {
          // Act
          const reading = readRestoreRequest(input);
          const outcome = outcomeOf(input);

          // Assert
          if (reading.ok) {
            expect('request' in outcome).toBe(true);
            expect(reading.request).toEqual(
              'request' in outcome ? outcome.request : undefined
            );
            expect(reading.key).toBe(requestKeyOf(reading.request));
            if (reading.resourceType !== undefined) {
              expect(RESOURCE_TYPES).toContain(reading.resourceType);
            }
          } else {
            expect('error' in outcome).toBe(true);
            expect(reading.error).toBeInstanceOf(RestoreRequestInvalidError);
            expectWellFormedRejection(
              reading.error as RestoreRequestInvalidError,
              !isPlainRecord(input)
            );
            const token = isRecord(input) ? input.taskToken : undefined;
            if (
              typeof token === 'string' &&
              token.length > 0 &&
              token.length <= 2048
            ) {
              expect(reading.taskToken).toBe(token);
            } else {
              expect(reading.taskToken).toBeUndefined();
            }
          }
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'reads any message body without throwing: JSON, cut-off JSON, deep nesting, any text',
    () => {
      fc.assert(
        fc.property(requestBodyText(), (body) => {
          // Act
          const reading = readRestoreRequestBody(body);

          // Assert
          if (!reading.ok) {
            expect(reading.error).toBeInstanceOf(RestoreRequestInvalidError);
            expectWellFormedRejection(
              reading.error as RestoreRequestInvalidError,
              !isPlainRecord(jsonOrUndefined(body))
            );
          }
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A metadata scalar as `StartRestoreJob` receives it (docs/resource-types.md#strings),
 * or the scalar itself when it cannot be sent.
 */
function sentAs(value: number | boolean): string | number | boolean {
  const sent = toMetadataString(value);
  return sent.ok ? sent.value : value;
}

/** The same instant as `iso`, written in another time zone. */
function rewrittenInstant(
  iso: unknown,
  offset: number,
  key: 'before' | 'after'
): Record<string, string> {
  return typeof iso === 'string'
    ? { [key]: isoAt(new Date(iso), offset, key === 'after') }
    : {};
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** How many arrays and objects are nested in `value`, counted iteratively. */
function nestingDepth(value: unknown): number {
  let depth = 0;
  let node: unknown = value;
  while (typeof node === 'object' && node !== null) {
    depth += 1;
    node = Object.values(node)[0];
  }
  return depth;
}

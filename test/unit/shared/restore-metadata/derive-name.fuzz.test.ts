import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveCreationToken,
  deriveName,
} from '#shared/restore-metadata/derive-name';
import {
  CLOUDFORMATION_CHANGE_SET_NAME,
  CLOUDFORMATION_STACK_NAME,
  DB_CLUSTER_IDENTIFIER,
  type DerivableNameRule,
  DYNAMODB_TABLE_NAME,
  EFS_CREATION_TOKEN,
  type NameRule,
  RDS_INSTANCE_IDENTIFIER,
  REDSHIFT_CLUSTER_IDENTIFIER,
  S3_BUCKET_NAME,
  TIMESTREAM_TABLE_NAME,
} from '#shared/restore-metadata/name-rules';
import {
  nameInArn,
  originalName,
} from '#shared/restore-metadata/original-name';
import { anyText } from '#test/support/arbitraries/json-values';
import {
  anyRequestKey,
  originalResourceName,
  requestKey,
} from '#test/support/arbitraries/names';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from '#test/support/fuzz-runs';

const runs = () => ({ numRuns: fuzzRuns() });

/** sha256 of the text, in hex, computed here rather than by the code under test. */
const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** The rules restore-relay derives names for, by what they name. */
const DERIVABLE: readonly (readonly [string, DerivableNameRule])[] = [
  ['RDS instance', RDS_INSTANCE_IDENTIFIER],
  ['DB cluster', DB_CLUSTER_IDENTIFIER],
  ['Redshift cluster', REDSHIFT_CLUSTER_IDENTIFIER],
  ['DynamoDB table', DYNAMODB_TABLE_NAME],
];

/** Every name rule, derivable or validation-only. */
const ALL_RULES: readonly NameRule[] = [
  ...DERIVABLE.map(([, rule]) => rule),
  S3_BUCKET_NAME,
  TIMESTREAM_TABLE_NAME,
  CLOUDFORMATION_STACK_NAME,
  CLOUDFORMATION_CHANGE_SET_NAME,
  EFS_CREATION_TOKEN,
];

/** What each derivable rule's stems may contain (name-rules.ts). */
const STEM_PATTERN: ReadonlyMap<DerivableNameRule, RegExp> = new Map([
  [RDS_INSTANCE_IDENTIFIER, /^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/],
  [DB_CLUSTER_IDENTIFIER, /^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/],
  [REDSHIFT_CLUSTER_IDENTIFIER, /^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/],
  [DYNAMODB_TABLE_NAME, /^[A-Za-z0-9_.-]*$/],
]);

const derivableRule = fc.constantFrom(...DERIVABLE);
const original = fc.option(originalResourceName(), { nil: undefined });

describe('deriveName (fuzz)', () => {
  it(
    "derives the same valid name for the same request: the rule's length, characters and first letter, no '--' or trailing hyphen, ending in the request-key hash",
    () => {
      fc.assert(
        fc.property(
          derivableRule,
          original,
          anyRequestKey(),
          ([, rule], from, key) => {
            // Act
            const name = deriveName({ original: from, requestKey: key, rule });
            const again = deriveName({ original: from, requestKey: key, rule });

            // Assert
            expect(again).toBe(name);
            expect(rule.check(name)).toBeUndefined();
            expect(name.length).toBeGreaterThanOrEqual(rule.minLength);
            expect(name.length).toBeLessThanOrEqual(rule.maxLength);
            expect(name.endsWith(`-${sha256Hex(key).slice(0, 8)}`)).toBe(true);
            if (rule.letterFirst) {
              expect(name).toMatch(/^[A-Za-z]/);
              expect(name).not.toContain('--');
            }
            expect(name).not.toMatch(/[-_.]-[0-9a-f]{8}$/);
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'derives different names for different request keys from the same original',
    () => {
      fc.assert(
        fc.property(
          derivableRule,
          original,
          fc.uniqueArray(requestKey(), { minLength: 2, maxLength: 2 }),
          ([, rule], from, [first, second]) => {
            // Act: the hash is 32 bits, so a collision is a 1 in 4e9 event,
            // which the design accepts (derive-name.ts).
            const names = [first, second].map((key) =>
              deriveName({ original: from, requestKey: key ?? '', rule })
            );

            // Assert
            expect(names[0]).not.toBe(names[1]);
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'lets the original alone decide the part before the hash, never empty',
    () => {
      fc.assert(
        fc.property(
          derivableRule,
          originalResourceName(),
          fc.uniqueArray(requestKey(), { minLength: 2, maxLength: 2 }),
          ([, rule], from, [first, second]) => {
            // Act
            const [a, b] = [first, second].map((key) =>
              deriveName({ original: from, requestKey: key ?? '', rule })
            );

            // Assert: only the hash differs between two requests.
            expect(a?.slice(0, -9)).toBe(b?.slice(0, -9));
            expect(a?.slice(0, -9)).not.toBe('');
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

describe('deriveCreationToken (fuzz)', () => {
  it(
    'derives restore-relay- and 48 hex characters of the key hash: a valid EFS token, the same on a retry, another for another key',
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(requestKey(), { minLength: 2, maxLength: 2 }),
          ([first, second]) => {
            // Act
            const token = deriveCreationToken(first ?? '');
            const retry = deriveCreationToken(first ?? '');
            const other = deriveCreationToken(second ?? '');

            // Assert
            expect(retry).toBe(token);
            expect(token).toBe(
              `restore-relay-${sha256Hex(first ?? '').slice(0, 48)}`
            );
            expect(EFS_CREATION_TOKEN.check(token)).toBeUndefined();
            expect(other).not.toBe(token);
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

describe('name rules (fuzz)', () => {
  it(
    "turn any original into a stem of the rule's characters, and a stem into itself",
    () => {
      fc.assert(
        fc.property(derivableRule, originalResourceName(), ([, rule], from) => {
          // Act
          const stem = rule.toStem(from);

          // Assert
          expect(stem).toMatch(STEM_PATTERN.get(rule) ?? /^$/);
          expect(rule.toStem(stem)).toBe(stem);
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );

  it(
    'answer any text with nothing (valid, within the length limits) or a message that ends with the rule',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...ALL_RULES),
          fc.oneof(originalResourceName(), anyText(80)),
          (rule, name) => {
            // Act
            const message = rule.check(name);

            // Assert
            if (message === undefined) {
              expect(name.length).toBeGreaterThanOrEqual(rule.minLength);
              expect(name.length).toBeLessThanOrEqual(rule.maxLength);
            } else {
              expect(message).toMatch(/^\S/);
              expect(
                message.endsWith(`; ${rule.label}s must be ${rule.allowed}`)
              ).toBe(true);
            }
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

describe('original names (fuzz)', () => {
  it(
    'take the first non-blank candidate, and read back the id an ARN was built with',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.option(originalResourceName(), { nil: undefined }), {
            maxLength: 4,
          }),
          fc.constantFrom('db', 'cluster', 'table', 'snapshot'),
          fc.stringMatching(/^[A-Za-z0-9_.:-]{1,60}$/),
          fc.constantFrom(':', '/'),
          (candidates, type, id, separator) => {
            // Arrange
            const arn = `arn:aws:rds:eu-west-1:111122223333:${type}${separator}${id}`;

            // Act
            const chosen = originalName(candidates);
            const fromArn = nameInArn(arn, type);

            // Assert
            expect(chosen).toBe(
              candidates.find((c) => c !== undefined && c.trim() !== '')
            );
            expect(fromArn).toBe(id);
            expect(nameInArn(arn, `${type}x`)).toBeUndefined();
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

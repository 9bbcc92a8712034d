import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '#shared/domain/problem';
import { RESOURCE_TYPES } from '#shared/domain/resource-type';
import { buildRestoreMetadata } from '#shared/restore-metadata/build-restore-metadata';
import { getMetadataBuilder } from '#shared/restore-metadata/builders';
import type {
  MetadataBuildInput,
  MetadataBuildOutcome,
} from '#shared/restore-metadata/metadata-builder';
import { anyText } from '#test/support/arbitraries/json-values';
import { metadataBuildInputFor } from '#test/support/arbitraries/restore-metadata';
import { FUZZ_TIMEOUT_MS, fuzzRuns } from '#test/support/fuzz-runs';

const runs = () => ({ numRuns: fuzzRuns() });

/** Every problem names a `metadata.<key>` path and says what is wrong. */
const expectWellFormedProblems = (problems: readonly Problem[]): void => {
  for (const problem of problems) {
    expect(problem.path).toMatch(/^metadata\./);
    expect(problem.message.trim()).not.toBe('');
  }
};

const expectOnlyStrings = (metadata: Readonly<Record<string, unknown>>) => {
  for (const value of Object.values(metadata)) {
    expect(typeof value).toBe('string');
  }
};

/** A deep copy that keeps own `__proto__` keys and JSON `null`s. */
const snapshot = (input: MetadataBuildInput): MetadataBuildInput =>
  structuredClone(input);

/**
 * An override key no builder knows: no resource type documents a key that
 * starts with `x-fuzz-`, and the generated saved maps never carry one.
 */
const unknownKey = anyText(12).map((text) => `x-fuzz-${text}`);

/** A build input for any resource type, each type about equally often. */
const anyBuildInput = fc.oneof(...RESOURCE_TYPES.map(metadataBuildInputFor));

describe('metadata builders (fuzz)', () => {
  it(
    'never throw, send only strings, report problems at metadata.<key>, leave their input alone, and are deterministic',
    () => {
      fc.assert(
        fc.property(anyBuildInput, (input) => {
          // Arrange
          const before = snapshot(input);
          const builder = getMetadataBuilder(input.resourceType);

          // Act
          const outcome: MetadataBuildOutcome = builder.build(input);
          const again = builder.build(input);

          // Assert
          expect(builder.resourceType).toBe(input.resourceType);
          expectOnlyStrings(outcome.metadata);
          expectWellFormedProblems(outcome.problems);
          for (const warning of outcome.warnings) {
            expect(warning).toMatch(/^metadata\.[\s\S]*: ./);
          }
          expect(again).toEqual(outcome);
          expect(input).toEqual(before);
        }),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});

describe('buildRestoreMetadata (fuzz)', () => {
  it(
    'never throws, reports every unknown override key at its path, and without problems sends only strings',
    () => {
      fc.assert(
        fc.property(
          anyBuildInput,
          fc.uniqueArray(unknownKey, { maxLength: 3 }),
          (input, unknown) => {
            // Arrange: the overrides, plus keys no builder accepts.
            const overrides = Object.fromEntries([
              ...Object.entries(input.overrides),
              ...unknown.map((k) => [k, 'x'] as const),
            ]);

            // Act
            const outcome = buildRestoreMetadata({ ...input, overrides });

            // Assert
            expectWellFormedProblems(outcome.problems);
            const paths = new Set(outcome.problems.map((p) => p.path));
            for (const key of unknown) {
              expect(paths).toContain(`metadata.${key}`);
            }
            if (outcome.problems.length === 0) {
              expectOnlyStrings(outcome.metadata);
            }
          }
        ),
        runs()
      );
    },
    FUZZ_TIMEOUT_MS
  );
});
